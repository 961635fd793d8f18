import { expect, test } from '@playwright/test';
import * as fs from 'node:fs';
import { logIn, shot } from './session';

// The administrators' backups page: a backup started from the page, its row
// in the list once done, and its download; other people are refused.
const ADMIN = 'quantri@dangbo.vn';
const BLOC_STANDING = '22573901';

test('an administrator takes a backup now and downloads it', async ({ page }, info) => {
  test.setTimeout(90_000);
  await logIn(page, ADMIN);
  await page.getByRole('link', { name: 'Sao lưu' }).click();
  await expect(page.locator('h1')).toHaveText('Sao lưu dữ liệu');
  await expect(page.locator('.notice-warning')).toContainText('dữ liệu cá nhân');
  const start = page.getByRole('button', { name: 'Sao lưu ngay' });
  // The other project's backup may be running: the page reloads itself
  // until it is done, and the button is enabled again.
  await expect(start).toBeEnabled({ timeout: 60_000 });
  const manual = page.locator('tbody tr', { hasText: 'Thủ công' });
  const before = await manual.count();
  await start.click();
  await expect(page).toHaveURL(/\/quan-tri\/sao-luu$/);
  await expect(manual).toHaveCount(before + 1, { timeout: 60_000 });
  await expect(page.getByRole('status')).toHaveCount(0);
  const row = manual.first();
  await expect(row).toContainText('đơn vị');
  await expect(row).toContainText('đảng viên');
  await shot(page, info, 'backups');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: 'Tải về' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^dangbo-\d{8}-\d{6}-manual\.tar\.gz$/);
  const file = info.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  // A gzip stream of the demo's database: far more than a page of HTML.
  expect(bytes[0]).toBe(0x1f);
  expect(bytes[1]).toBe(0x8b);
  expect(bytes.length).toBeGreaterThan(500_000);
});

test('a standing-committee member has no backups page', async ({ page }) => {
  await logIn(page, BLOC_STANDING);
  await expect(page.getByRole('link', { name: 'Sao lưu' })).toHaveCount(0);
  await page.goto('/quan-tri/sao-luu');
  await expect(page.getByRole('alert')).toContainText('Bạn không có quyền xem nội dung này.');
  await expect(page.getByRole('button', { name: 'Sao lưu ngay' })).toHaveCount(0);
  const res = await page.request.post('/quan-tri/sao-luu/tao', {
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
});
