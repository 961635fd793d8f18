import { expect, test, type Page } from '@playwright/test';
import { logIn, open, shot } from './session';

// A year's commitment, with and without JavaScript, on the demo's calendar
// (15/03/2021, filing open): a member files and submits, the cell's
// secretary returns it with a reason, the member revises and resubmits, the
// secretary approves. Each project files as a different member of the
// secretary's cell (Chi bộ Trung tâm Công tác xã hội), who has not started.
const SECRETARY = '44823721';
const MEMBERS: Record<string, { card: string; name: string }> = {
  js: { card: '74657774', name: 'Phạm Minh Hải' },
  nojs: { card: '49808592', name: 'Trần Minh Khải' },
};
const REASON = 'Mục 5 cần nêu việc làm cụ thể theo chuyên đề năm';

test('a member files, the secretary returns, the member resubmits, the secretary approves', async ({ page }, info) => {
  test.setTimeout(120_000);
  const member = MEMBERS[info.project.name];
  await page.setViewportSize({ width: 1280, height: 900 });

  // The member files: one section left empty is refused, the rest kept.
  await logIn(page, member.card);
  await open(page, '/cam-ket');
  await expect(page.locator('h1')).toContainText('Bản cam kết');
  const sections = page.locator('textarea[name^="sections"]');
  await expect(sections).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    if (i === 4) continue;
    await sections.nth(i).fill(`Việc cụ thể thứ nhất của mục ${i + 1}\nViệc cụ thể thứ hai của mục ${i + 1}`);
  }
  await page.getByRole('button', { name: 'Nộp bản cam kết' }).click();
  await expect(page.getByRole('alert')).toContainText('chưa có nội dung cam kết nào');
  await expect(page.locator('textarea[name="sections[0]"]')).toHaveValue(/Việc cụ thể thứ nhất của mục 1/);
  await shot(page, info, 'commitment-refused');
  await page.locator('textarea[name="sections[4]"]').fill('Học tập chuyên đề năm 2021 và viết thu hoạch');
  await page.getByRole('button', { name: 'Nộp bản cam kết' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.locator('.state-badge, .badge').first()).toContainText('Đã nộp');
  await shot(page, info, 'commitment-submitted');

  // The secretary sees it, returns it with a reason.
  await logIn(page, SECRETARY);
  await open(page, '/duyet-cam-ket');
  await expect(page.locator('h1')).toBeVisible();
  await page.getByRole('link', { name: member.name }).first().click();
  await expect(page.getByText('Học tập chuyên đề năm 2021 và viết thu hoạch')).toBeVisible();
  await shot(page, info, 'review-open');
  await page.locator('textarea[name="reason"]').fill(REASON);
  await page.getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByRole('status')).toBeVisible();

  // The member reads the reason, revises and resubmits.
  await logIn(page, member.card);
  await open(page, '/cam-ket');
  await expect(page.getByText(REASON).first()).toBeVisible();
  await page.locator('textarea[name="sections[4]"]').fill(
    'Học tập chuyên đề năm 2021 và viết thu hoạch\nMỗi quý một việc làm cụ thể giúp đỡ hộ nghèo ở địa phương',
  );
  await page.getByRole('button', { name: 'Nộp bản cam kết' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await open(page, '/thong-bao');
  await expect(page.getByText(REASON).first()).toBeVisible();
  await shot(page, info, 'inbox');

  // The secretary approves; the member hears of it.
  await logIn(page, SECRETARY);
  await open(page, '/duyet-cam-ket');
  await page.getByRole('link', { name: member.name }).first().click();
  await expect(page.getByText('giúp đỡ hộ nghèo')).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await shot(page, info, 'review-approved');

  await logIn(page, member.card);
  await open(page, '/cam-ket');
  await expect(page.locator('.state-badge, .badge').first()).toContainText('duyệt');
  await shot(page, info, 'commitment-approved');
  await open(page, `/in/cam-ket?nam=2021&dang-vien=${await memberId(page)}`);
  await expect(page.getByText('BẢN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM 2021')).toBeVisible();
  await shot(page, info, 'commitment-print');
});

/** The member id behind the print link of "my commitment". */
async function memberId(page: Page): Promise<string> {
  await open(page, '/cam-ket');
  const href = (await page.locator('a[href*="/in/cam-ket"]').first().getAttribute('href')) ?? '';
  return new URL(href, 'http://x').searchParams.get('dang-vien') ?? '';
}

test('the review page: counts, filters and progress, on a phone too', async ({ page }, info) => {
  await logIn(page, SECRETARY);
  await open(page, '/duyet-cam-ket');
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(/\d+\/\d+ đã nộp/).first()).toBeVisible();
  await shot(page, info, 'review-list');
});

test('the years, as the bloc standing committee sees them', async ({ page }, info) => {
  await logIn(page, '22573901');
  await open(page, '/nam-cam-ket');
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.getByText('2021').first()).toBeVisible();
  await shot(page, info, 'years');
});
