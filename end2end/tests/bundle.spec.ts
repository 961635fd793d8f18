import { expect, test, type Page } from '@playwright/test';

// The browser code comes split: a main bundle and one chunk per page (with
// the shared chunks it needs), as `cargo leptos build --split` writes it.
// Each page must fetch its own chunk and hydrate from it without errors.
const PASSWORD = 'HauGiang@2020';
const BLOC_STANDING = '22573901';

const PAGES: [string, string][] = [
  ['/', 'home'],
  ['/so-do', 'chart'],
  ['/don-vi/BVDK', 'unit'],
  ['/dang-vien/448', 'member'],
  ['/in/don-vi/BVDK-11', 'print'],
  ['/thay-doi-co-cau', 'change'],
  ['/nhap-du-lieu', 'import'],
  ['/nhat-ky', 'audit'],
  ['/doi-mat-khau', 'password'],
];

async function logIn(page: Page) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(BLOC_STANDING);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.user-name')).toBeVisible();
}

test('every page loads its own WASM chunk and hydrates from it', async ({ page }, info) => {
  test.skip(info.project.name !== 'js', 'there is no WASM without JavaScript');
  const errors: string[] = [];
  const wasm: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop() ?? '');
  });
  await logIn(page);
  for (const [path, name] of PAGES) {
    wasm.length = 0;
    await page.goto(path);
    await expect(page.locator('html'), `${path} hydrates`).toHaveAttribute('data-hydrated', 'true', {
      timeout: 30_000,
    });
    expect(wasm, `${path} loads the main bundle`).toContain('dangbo.wasm');
    expect(
      wasm.some((f) => f.startsWith(`split___${name}_route_view`)),
      `${path} loads its own chunk (got ${wasm.length} files)`,
    ).toBe(true);
    // Another page's code stays out.
    const others = PAGES.filter(([, n]) => n !== name).map(([, n]) => `split___${n}_route_view`);
    expect(wasm.filter((f) => others.some((o) => f.startsWith(o))), `${path} loads no other page`).toEqual([]);
  }
  expect(errors).toEqual([]);
});
