import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { logIn, open, shot } from './session';

// Reading the commendation work's outputs, with and without JavaScript:
// the bloc's certificates of merit as one PDF whose text reads right, the
// Party badges due on 2/9/2021 with their list for the province, and the
// home page's figures of 2020. Reads only.
const BLOC = '22573901';

test('the bloc downloads a decision’s certificates as one PDF that reads right', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/quyet-dinh-khen-thuong?nam=2020&q=QĐ/ĐUK');
  await page.locator('tr[data-decision="2-QĐ/ĐUK"] a').first().click();
  await expect(page.locator('h1[data-decision="2-QĐ/ĐUK"]')).toBeVisible();
  const link = page.getByRole('link', { name: /Tải giấy khen/ });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('giay-khen-2-qd-duk.pdf');
  const file = info.outputPath('giay-khen.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  expect(pages.length).toBe(25);
  expect(pages[0]).toContain('GIẤY KHEN');
  expect(pages[0]).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  expect(pages[0]).toMatch(/Đồng chí \S+/);
  expect(pages[0]).toContain('Quyết định số 2-QĐ/ĐUK');
  // The first page as a picture, to look at.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, info.outputPath('giay-khen')]);

  // The same certificates in the browser, printed one A4 landscape page each.
  await page.getByRole('link', { name: 'In giấy khen' }).click();
  await expect(page.locator('.gk-sheets')).toHaveAttribute('data-sheets', '25');
  await expect(page.locator('.gk-sheet')).toHaveCount(25);
  await expect(page.locator('.gk-sheet').first()).toContainText('GIẤY KHEN');
  await expect(page.locator('.gk-sheet').first()).toContainText('Quyết định số 2-QĐ/ĐUK');
  await page.screenshot({ path: info.outputPath(`giay-khen-print-${info.project.name}.png`) });
  const printed = info.outputPath('giay-khen-printed.pdf');
  await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
  const details = execFileSync('pdfinfo', [printed]).toString();
  expect(details).toMatch(/Pages:\s+25\b/);
  expect(details).toMatch(/Page size:\s+84[12](\.\d+)? x 59[45](\.\d+)? pts \(A4\)/);
});

test('the Party badges due on 2/9/2021, and their list for the province', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/huy-hieu?ngay=2021-09-02');
  await expect(page.locator('.rv-switch a[aria-current="page"]')).toHaveText('02/09/2021');
  const rows = page.locator('.hh-table tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(page.locator('.hh-summary li[data-milestone="30"]')).toBeVisible();
  // The member marked seriously ill is listed a year early.
  await expect(page.locator('.hh-table td[data-early="seriously_ill"]')).toHaveCount(1);
  await shot(page, info, 'badges');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Tải danh sách đề nghị tặng huy hiệu/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('huy-hieu-dang-2021-09-02.xlsx');
  // Another award date from the list of the year.
  await page.locator('.rv-switch').getByRole('link', { name: '07/11/2021' }).click();
  await expect(page.locator('.rv-switch a[aria-current="page"]')).toHaveText('07/11/2021');
});

test('the home page shows the 2020 commendation figures', async ({ page }) => {
  await open(page, '/');
  await expect(page.locator('[data-stat="good-models"]')).toContainText('84');
  await expect(page.locator('[data-stat="commended"]')).toContainText('255');
  await expect(page.locator('[data-stat="commended"]')).toContainText('20 tập thể, 25 cá nhân');
  await expect(page.locator('[data-stat="commended"]')).toContainText('51 tập thể, 159 cá nhân');
});
