import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// Resolution targets, with and without JavaScript: a grassroots
// committee's secretary adds a target to the committee's 2021 resolution,
// reports its result, changes it and deletes it (confirmed first). The
// bloc's 2020 resolution is read in stats.spec.ts, on the unchanged demo.
const COMMITTEE_SECRETARY = '50583357';

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
  // Without JavaScript the saved page comes back with the box closed.
  if (!(await again.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await again.locator('summary').first().click();
  }
  await again.locator('summary', { hasText: 'Xóa chỉ tiêu' }).click();
  await again.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã xóa chỉ tiêu.');
  await expect(page.locator('.ct-targets tbody tr').filter({ hasText: title })).toHaveCount(0);
});
