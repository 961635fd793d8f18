import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// Resolution targets, with and without JavaScript: the bloc's 2020
// resolution as the seed reports it, and a grassroots committee's
// secretary adding a target to the committee's 2021 resolution, reporting
// its result, changing it and deleting it (confirmed first).
const BLOC = '22573901';
const COMMITTEE_SECRETARY = '50583357';

test('the bloc’s 2020 resolution: ten targets met or exceeded, admissions 132 against 95', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/thong-ke?nam=2020');
  const section = page.locator('#chi-tieu');
  await expect(section.locator('.tk-lead')).toHaveText('10 trên 10 chỉ tiêu đã đạt hoặc vượt.');
  await expect(section.locator('.tk-svg svg')).toBeVisible();
  const admissions = section.locator('tr[data-indicator="admissions"]');
  await expect(admissions.locator('td').nth(0)).toHaveText('95 đảng viên');
  await expect(admissions.locator('td').nth(1)).toHaveText('132 đảng viên');
  await expect(admissions.locator('td').nth(2)).toHaveText('Vượt');
  await expect(admissions.locator('td').nth(3)).toHaveText('+38,9 %');
  await section.getByRole('link', { name: 'Xem và cập nhật các chỉ tiêu' }).click();
  await expect(page.locator('h1')).toHaveText('Chỉ tiêu nghị quyết');
  await expect(page.locator('.ct-targets tbody tr')).toHaveCount(10);
  await shot(page, info, 'targets-2020');
});

test('a committee’s secretary adds a target, reports it, changes it and deletes it', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, COMMITTEE_SECRETARY);
  await open(page, '/thong-ke');
  await page.getByRole('link', { name: 'Xem và cập nhật các chỉ tiêu' }).click();
  await expect(page.locator('h1')).toHaveText('Chỉ tiêu nghị quyết');
  // Another title on each project and retry: the lists are the committee's.
  const title = `Quần chúng ưu tú được bồi dưỡng (${info.project.name} ${info.retry})`;
  const add = page.locator('#them');
  await add.locator('select[name="indicator"]').selectOption('other');
  await add.locator('input[name="title"]').fill(title);
  await add.locator('input[name="target"]').fill('20');
  await add.locator('input[name="actual"]').fill('12,5');
  await add.locator('input[name="measure"]').fill('người');
  await add.locator('input[name="evidence"]').fill('Báo cáo số 5-BC/ĐU');
  await add.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu chỉ tiêu.');
  const row = page.locator('.ct-targets tbody tr').filter({ hasText: title });
  await expect(row.locator('td').nth(1)).toHaveText('12,5 người');
  await expect(row.locator('td').nth(2)).toHaveText('Đang thực hiện');
  await expect(row.locator('td').nth(3)).toHaveText('-37,5 %');
  await shot(page, info, 'targets-added');

  // The set value lowered: the result now exceeds it.
  const box = page.locator('details.ct-edit').filter({ hasText: title });
  await box.locator('summary').first().click();
  await box.locator('input[name="target"]').fill('10');
  await box.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  await expect(row.locator('td').nth(2)).toHaveText('Vượt');
  await expect(row.locator('td').nth(3)).toHaveText('+25 %');

  // Deleted, after a confirmation.
  const again = page.locator('details.ct-edit').filter({ hasText: title });
  await again.locator('summary').first().click();
  await again.locator('summary', { hasText: 'Xóa chỉ tiêu' }).click();
  await again.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã xóa chỉ tiêu.');
  await expect(page.locator('.ct-targets tbody tr').filter({ hasText: title })).toHaveCount(0);
});
