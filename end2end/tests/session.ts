import { expect, test, type Page, type TestInfo } from '@playwright/test';

// Shared by the commitment journeys: logging in as a demo account, and
// screenshots of a page at desktop and phone width.
export const PASSWORD = 'HauGiang@2020';

/**
 * Opens a page and, when the project runs JavaScript, waits for hydration:
 * a click that lands while the WASM is still attaching its handlers can be
 * lost between the server's form and the client's.
 */
export async function open(page: Page, path: string) {
  await page.goto(path);
  if (test.info().project.use.javaScriptEnabled === false) return;
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

export async function logIn(page: Page, username: string) {
  await page.context().clearCookies();
  await open(page, '/dang-nhap');
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.user-name')).toBeVisible();
}

/** The page at 1280 px and at 390 px (a phone), full length. */
export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: info.outputPath(`${name}-phone-${info.project.name}.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
