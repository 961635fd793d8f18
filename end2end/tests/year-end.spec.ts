import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// Year end of 2021 on a server whose working date is 20/11/2021: a member
// self-assesses, the cell's secretary proposes "excellent" and sees the
// quota warning, the grassroots committee's secretary is refused the
// excellent grade (20 % of good, none good yet) with the reason, decides
// "good", and the member sees the final grade.
const SECRETARY = '44823721';
// Secretary of Đảng bộ Sở Lao động – Thương binh và Xã hội.
const COMMITTEE = '81175720';
const MEMBERS: Record<string, { card: string; name: string }> = {
  js: { card: '72517813', name: 'Nguyễn Hồng Đạt' },
  nojs: { card: '85025757', name: 'Phan Thị Hiền' },
};

test('self-assessment, proposal with a quota warning, a refused and a final grade', async ({ page }, info) => {
  test.setTimeout(120_000);
  const member = MEMBERS[info.project.name];
  await page.setViewportSize({ width: 1280, height: 900 });

  await logIn(page, member.card);
  await open(page, '/cam-ket');
  const results = page.locator('select[name^="results"]');
  const n = await results.count();
  expect(n).toBeGreaterThan(5);
  for (let i = 0; i < n; i++) await results.nth(i).selectOption('done');
  await page.locator('select[name="grade"]').selectOption('excellent');
  await page.locator('textarea[name="note"]').fill('Hoàn thành tốt mọi nội dung đã cam kết, được cơ quan khen thưởng.');
  await shot(page, info, 'self-assessment');
  await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
  await expect(page.getByRole('status')).toBeVisible();

  await logIn(page, SECRETARY);
  await open(page, '/duyet-cam-ket');
  await page.getByRole('link', { name: member.name }).first().click();
  await expect(page.getByText('Hoàn thành tốt mọi nội dung đã cam kết').first()).toBeVisible();
  await page.locator('form:has(input[name="step"][value="propose"]) select[name="grade"]').selectOption('excellent');
  await page.getByRole('button', { name: 'Lưu đề xuất' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.getByText(/vượt|Vượt/).first()).toBeVisible();
  await shot(page, info, 'proposal-quota-warning');

  await logIn(page, COMMITTEE);
  await open(page, '/xep-loai');
  const row = page.locator('tr, li, .grading-member').filter({ hasText: member.name }).first();
  await row.locator('select[name="grade"]').selectOption('excellent');
  await row.getByRole('button', { name: 'Quyết định' }).click();
  await expect(page.getByRole('alert')).toContainText('20%');
  await shot(page, info, 'grading-quota-refused');
  const again = page.locator('tr, li, .grading-member').filter({ hasText: member.name }).first();
  await again.locator('select[name="grade"]').selectOption('good');
  await again.getByRole('button', { name: 'Quyết định' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await shot(page, info, 'grading-decided');

  await logIn(page, member.card);
  await open(page, '/cam-ket');
  await expect(page.getByText('Hoàn thành tốt nhiệm vụ').first()).toBeVisible();
  await open(page, '/thong-bao');
  await expect(page.getByText(/Kết quả xếp loại/).first()).toBeVisible();
});
