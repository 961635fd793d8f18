import { expect, test, type Page } from '@playwright/test';

// The org chart, search, the as-of view and the unit and member pages, with
// and without JavaScript (the `nojs` project works through links and forms).
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

/** Waits for the WASM to take over, in the project that has it. */
async function ready(page: Page, js: boolean) {
  if (js) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

const item = (page: Page, code: string) => page.locator(`[role="treeitem"][data-code="${code}"]`);

test('a member opens and closes levels of the chart', async ({ page }, info) => {
  const js = info.project.name === 'js';
  await logIn(page, MEMBER);
  await page.getByRole('link', { name: 'Sơ đồ tổ chức' }).click();
  await expect(page.locator('h1')).toHaveText('Sơ đồ tổ chức');
  await ready(page, js);
  const root = item(page, 'DBK-HG');
  await expect(root).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('treeitem')).toHaveCount(1);

  await root.locator('> .card .toggle').click();
  await expect(item(page, 'DBK-HG')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('treeitem')).toHaveCount(99);
  await expect(item(page, 'BVDK')).toContainText('Đảng bộ Bệnh viện Đa khoa tỉnh Hậu Giang');
  await expect(item(page, 'BVDK')).toContainText('Bí thư:');

  await item(page, 'BVDK').locator('> .card .toggle').click();
  await expect(item(page, 'BVDK')).toHaveAttribute('aria-expanded', 'true');
  await expect(item(page, 'BVDK').getByRole('treeitem')).toHaveCount(16);
  await page.screenshot({ path: info.outputPath(`chart-open-${info.project.name}.png`), fullPage: true });

  // Closing the root hides everything below it.
  await item(page, 'DBK-HG').locator('> .card .toggle').click();
  await expect(page.getByRole('treeitem')).toHaveCount(1);
});

test('the chart is walked with the keyboard', async ({ page }, info) => {
  test.skip(info.project.name === 'nojs', 'keyboard walking needs the WASM');
  await logIn(page, MEMBER);
  await page.goto('/so-do');
  await ready(page, true);
  const root = item(page, 'DBK-HG');
  await root.focus();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const first = page.locator('#org-tree [role="treeitem"][aria-level="2"]').first();
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  const second = page.locator('#org-tree [role="treeitem"][aria-level="2"]').nth(1);
  await expect(second).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(root).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(root).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/don-vi\/DBK-HG$/);
  await expect(page.locator('h1')).toHaveText('Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang');
});

test('search "dien" finds members in scope and reveals them in the chart', async ({ page }, info) => {
  const js = info.project.name === 'js';
  await logIn(page, BLOC_STANDING);
  await page.goto('/so-do');
  await ready(page, js);
  await page.getByLabel('Tìm đơn vị hoặc đảng viên').fill('dien');
  await page.getByRole('button', { name: 'Xem' }).click();
  const hits = page.locator('.hits li.hit-member');
  await expect(hits.first()).toContainText('Điền');
  // "Trần Thanh Điền", narrowed down, is revealed and marked in the chart.
  await page.getByLabel('Tìm đơn vị hoặc đảng viên').fill('tran thanh dien');
  await page.getByRole('button', { name: 'Xem' }).click();
  const hit = page.locator('.hits li.hit-member', { hasText: 'Trần Thanh Điền' });
  await expect(hit).toBeVisible();
  await hit.locator('a').nth(1).click();
  await ready(page, js);
  const marked = page.locator('[role="treeitem"].highlight');
  await expect(marked).toHaveCount(1);
  await expect(marked).toBeInViewport();
  await page.screenshot({ path: info.outputPath(`chart-search-${info.project.name}.png`), fullPage: true });
  // The member's own page.
  await page.getByLabel('Tìm đơn vị hoặc đảng viên').fill('tran thanh dien');
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.locator('.hits li.hit-member', { hasText: 'Trần Thanh Điền' }).locator('a').first().click();
  await expect(page.locator('h1')).toHaveText('Trần Thanh Điền');
  await expect(page.getByText('Quá trình sinh hoạt đảng')).toBeVisible();
  await page.screenshot({ path: info.outputPath(`member-${info.project.name}.png`), fullPage: true });
});

test('the as-of date shows the two blocs before the merger of 24/02/2020', async ({ page }, info) => {
  const js = info.project.name === 'js';
  await logIn(page, MEMBER);
  await page.goto('/so-do');
  await ready(page, js);
  await page.getByLabel('Xem cơ cấu tại ngày').fill('2020-02-01');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page.getByTestId('as-of-note')).toContainText('01/02/2020');
  await expect(page.locator('#org-tree > [role="treeitem"]')).toHaveCount(2);
  await expect(item(page, 'DBK-CQ')).toContainText('Đảng bộ Khối các cơ quan tỉnh Hậu Giang');
  await expect(item(page, 'DBK-DN')).toContainText('Đảng bộ Khối doanh nghiệp tỉnh Hậu Giang');
  await expect(item(page, 'DBK-HG')).toHaveCount(0);
  await item(page, 'DBK-DN').locator('> .card .toggle').click();
  await expect(item(page, 'DBK-DN')).toHaveAttribute('aria-expanded', 'true');
  expect(await item(page, 'DBK-DN').getByRole('treeitem').count()).toBeGreaterThan(10);
  await page.screenshot({ path: info.outputPath(`chart-as-of-${info.project.name}.png`), fullPage: true });
  // After the merger, one bloc.
  await page.getByLabel('Xem cơ cấu tại ngày').fill('2020-03-01');
  await page.getByRole('button', { name: 'Xem' }).click();
  await expect(page.locator('#org-tree > [role="treeitem"]')).toHaveCount(1);
  await expect(item(page, 'DBK-HG')).toBeVisible();
});

for (const [name, width, height] of [['desktop', 1440, 900], ['phone', 390, 844]] as const) {
  test(`the chart reads at ${width} px`, async ({ page }, info) => {
    await page.setViewportSize({ width, height });
    await logIn(page, BLOC_STANDING);
    await page.goto('/so-do?mo=DBK-HG,BVDK&chon=BVDK');
    await ready(page, info.project.name === 'js');
    await expect(item(page, 'BVDK')).toHaveClass(/highlight/);
    // Nothing sticks out of the page sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath(`chart-${name}-${info.project.name}.png`), fullPage: false });
  });
}

test('the units below the bloc come a page at a time', async ({ page }, info) => {
  const js = info.project.name === 'js';
  await logIn(page, BLOC_STANDING);
  await page.goto('/don-vi/DBK-HG');
  await ready(page, js);
  const units = page.locator('#don-vi-truc-thuoc li[data-unit]');
  await expect(units).toHaveCount(25);
  const first = await units.first().getAttribute('data-unit');
  await page.getByRole('link', { name: 'Các đơn vị tiếp theo' }).click();
  await expect(page).toHaveURL(/sau=/);
  await expect(units).toHaveCount(25);
  await expect(units.first()).not.toHaveAttribute('data-unit', first ?? '');
  await page.screenshot({ path: info.outputPath(`unit-children-2-${info.project.name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#don-vi-truc-thuoc').screenshot({ path: info.outputPath(`unit-children-2-phone-${info.project.name}.png`) });
  await page.getByRole('link', { name: 'Về đầu danh sách' }).click();
  await expect(units.first()).toHaveAttribute('data-unit', first ?? '');
  await expect(page.getByRole('link', { name: 'Về đầu danh sách' })).toHaveCount(0);
});
