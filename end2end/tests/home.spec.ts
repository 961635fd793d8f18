import { expect, test, type Page } from '@playwright/test';

const BLOC = 'Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang';

/** Fails the test on any script error or console error (e.g. a hydration mismatch). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function stat(page: Page, id: string) {
  return page.locator(`[data-stat="${id}"] .stat-value`);
}

/** Waits for hydration; on failure the message carries the page's script errors. */
async function hydrated(page: Page, jsEnabled: boolean, errors: string[] = []) {
  if (!jsEnabled) return;
  // The debug WASM is large; the first page of a run compiles it cold.
  await expect
    .poll(
      async () =>
        (await page.locator('html').getAttribute('data-hydrated')) ??
        `not hydrated; errors: ${JSON.stringify(errors)}`,
      { timeout: 30_000 },
    )
    .toBe('true');
}

test('home page shows the bloc summary in Vietnamese', async ({ page, javaScriptEnabled }, info) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await hydrated(page, javaScriptEnabled, errors);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('h1')).toHaveText(BLOC);
  await expect(await stat(page, 'grassroots')).toHaveText('98');
  await expect(page.locator('[data-stat="grassroots"] .stat-detail')).toHaveText(
    '46 đảng bộ cơ sở · 52 chi bộ cơ sở',
  );
  await expect(await stat(page, 'cells')).toHaveText('260');
  await expect(await stat(page, 'members')).toHaveText('4.521');
  await expect(await stat(page, 'admitted')).toHaveText('132');
  await expect(page.getByText('Chuyên đề năm 2020')).toBeVisible();
  await expect(page).toHaveTitle(/Tổng quan Đảng bộ/);
  await page.screenshot({ path: info.outputPath(`home-${info.project.name}.png`), fullPage: true });
  expect(errors).toEqual([]);
});

test('the language switch changes the page and is remembered', async ({ page, javaScriptEnabled }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await hydrated(page, javaScriptEnabled, errors);
  // A marker that survives only if the page is not reloaded.
  if (javaScriptEnabled) await page.evaluate(() => ((window as any).__stay = 1));
  await page.getByRole('link', { name: 'English' }).click();
  await expect(await stat(page, 'members')).toHaveText('4,521');
  await expect(page.getByText('Grassroots party organisations')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  if (javaScriptEnabled) {
    expect(await page.evaluate(() => (window as any).__stay)).toBe(1);
  }
  await page.reload();
  await expect(await stat(page, 'members')).toHaveText('4,521');
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect(await stat(page, 'members')).toHaveText('4.521');
  expect(errors).toEqual([]);
});

test('fits a 360 px phone without sideways scrolling', async ({ page }, info) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(await stat(page, 'members')).toHaveText('4.521');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: info.outputPath(`home-phone-${info.project.name}.png`), fullPage: true });
});

test('an unknown address says so in Vietnamese', async ({ page }) => {
  const res = await page.goto('/khong-co-trang-nay');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Không tìm thấy trang');
  await page.getByRole('link', { name: 'Về trang Tổng quan' }).click();
  await expect(await stat(page, 'grassroots')).toHaveText('98');
});
