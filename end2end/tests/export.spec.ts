import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';

// Exports of the chart and of a unit, and the print view, with and without
// JavaScript (downloads are plain links; the print view is a plain page).
const PASSWORD = 'HauGiang@2020';
const MEMBER = '48384483';
const BLOC_STANDING = '22573901';

async function logIn(page: Page, username: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.user-name')).toBeVisible();
}

async function ready(page: Page, js: boolean) {
  if (js) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

test('the chart downloads as SVG with the open units', async ({ page }, info) => {
  const js = info.project.name === 'js';
  await logIn(page, MEMBER);
  await page.goto('/so-do?mo=DBK-HG,BVDK');
  await ready(page, js);
  const svgLink = page.getByRole('link', { name: 'Tải SVG' });
  await expect(svgLink).toHaveAttribute('href', /mo=.*BVDK/);
  await expect(page.getByRole('link', { name: 'Tải PNG' })).toHaveAttribute('href', /scale=2/);
  const [download] = await Promise.all([page.waitForEvent('download'), svgLink.click()]);
  expect(download.suggestedFilename()).toBe('so-do.svg');
  const file = info.outputPath('so-do.svg');
  await download.saveAs(file);
  const svg = fs.readFileSync(file, 'utf8');
  expect(svg).toContain('id="n-BVDK"');
  expect(svg).toContain('Chi bộ trực thuộc');
  expect((svg.match(/<g id="n-/g) ?? []).length).toBe(1 + 98 + 16);
});

test('a unit downloads as CSV from its page', async ({ page }, info) => {
  await logIn(page, BLOC_STANDING);
  await page.goto('/don-vi/BVDK');
  await ready(page, info.project.name === 'js');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Xuất CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('don-vi-BVDK.csv');
  const file = info.outputPath('don-vi-BVDK.csv');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.trim().split('\n');
  expect(lines[0]).toContain('Mã đơn vị');
  expect(lines.length).toBe(1 + 1 + 16);
  await expect(page.getByRole('link', { name: 'Đảng viên (CSV)' })).toBeVisible();
});

test('a member sees no members export', async ({ page }) => {
  await logIn(page, MEMBER);
  await page.goto('/don-vi/BVDK');
  await expect(page.getByRole('link', { name: 'Xuất CSV' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Đảng viên (CSV)' })).toHaveCount(0);
});

test('the print view puts one unit on each A4 page', async ({ page }, info) => {
  const js = info.project.name === 'js';
  await logIn(page, BLOC_STANDING);
  await page.goto('/don-vi/BVDK');
  // A click while the WASM attaches its handlers can be lost.
  await ready(page, js);
  await page.getByRole('link', { name: 'In', exact: true }).click();
  await expect(page).toHaveURL(/\/in\/don-vi\/BVDK$/);
  await ready(page, js);
  await expect(page.locator('.print-page')).toHaveCount(1 + 16);
  await expect(page.locator('.print-page').first()).toContainText('Bệnh viện Đa khoa');
  await expect(page.locator('.print-page').first()).toContainText('Bí thư');
  await expect(page.locator('.print-members').first()).toBeVisible();
  // The Print button only where it can work.
  await expect(page.getByRole('button', { name: 'In' })).toHaveCount(js ? 1 : 0);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: info.outputPath(`print-screen-${info.project.name}.png`) });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await page.screenshot({ path: info.outputPath(`print-a4-${info.project.name}.png`) });
  if (js) {
    const pdf = await page.pdf({ format: 'A4', path: info.outputPath('print.pdf') });
    // 17 units, each on a page of its own at least.
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(17);
  }
});
