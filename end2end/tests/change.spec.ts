import { expect, test, type Page } from '@playwright/test';

// Structural changes by the bloc's standing committee: a merge is previewed,
// confirmed, and shows up in the unit's history, with and without JavaScript.
const PASSWORD = 'HauGiang@2020';
const BLOC_STANDING = '22573901';

async function logIn(page: Page, username: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.user-name')).toBeVisible();
}

// Each project merges different cells: both run against one server.
const MERGES: Record<string, { from: string; into: string }> = {
  js: { from: 'BVDK-03', into: 'BVDK-04' },
  nojs: { from: 'BVDK-05', into: 'BVDK-06' },
};

test('a merge is previewed, confirmed and kept in the history', async ({ page }, info) => {
  const m = MERGES[info.project.name];
  await logIn(page, BLOC_STANDING);
  await page.goto(`/don-vi/${m.from}`);
  const name = (await page.locator('h1').textContent()) ?? '';
  await page.locator('.change-links').getByRole('link', { name: 'Hợp nhất đơn vị' }).click();
  await expect(page.locator('h1')).toHaveText('Thay đổi cơ cấu tổ chức');
  await expect(page.getByLabel('Mã các đơn vị bị hợp nhất')).toHaveValue(m.from);
  await page.getByLabel('Hợp nhất vào (mã đơn vị có sẵn)').fill(m.into);
  await page.getByLabel('Ngày có hiệu lực (theo quyết định)').fill('2021-03-01');
  await page.getByRole('button', { name: 'Xem trước ảnh hưởng' }).click();
  const preview = page.getByTestId('change-preview');
  await expect(preview).toContainText('Kết thúc hoạt động: ' + m.from);
  await expect(preview).toContainText('đảng viên chuyển sinh hoạt');
  await expect(preview).toContainText(/trước ([\d.,]+), sau \1/);
  await page.screenshot({ path: info.outputPath(`change-preview-${info.project.name}.png`), fullPage: true });
  // Nothing happened yet.
  await page.goto(`/don-vi/${m.from}`);
  await expect(page.locator('.closed')).toHaveCount(0);
  await page.goBack();
  // Back on the preview, the click must wait for hydration as after open().
  if (info.project.name === 'js') {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  }
  await page.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
  // A merge rewrites the figures of both subtrees: slower than a page.
  await expect(page).toHaveURL(new RegExp(`/don-vi/${m.into}`), { timeout: 15_000 });
  await expect(page.getByRole('status')).toHaveText('Đã lưu thay đổi.');
  const merged = page.locator('#lich-su li[data-event="merge"]');
  await expect(merged).toContainText(name.trim());
  await page.screenshot({ path: info.outputPath(`change-done-${info.project.name}.png`), fullPage: true });
});

test('a rule refusal is explained before anything is written', async ({ page }, info) => {
  await logIn(page, BLOC_STANDING);
  await page.goto('/thay-doi-co-cau?thao-tac=move&don-vi=BVDK&dich=STP&ngay=2021-03-01&xem-truoc=1');
  await expect(page.getByRole('alert')).toContainText('Đảng bộ cơ sở không thể trực thuộc Chi bộ cơ sở');
  await page.screenshot({ path: info.outputPath(`change-refused-${info.project.name}.png`), fullPage: true });
});

test('a member may not change the structure', async ({ page }) => {
  await logIn(page, '48384483');
  const res = await page.goto('/thay-doi-co-cau?thao-tac=move&don-vi=BVDK-01&dich=BVDK-02&ngay=2021-03-01&xem-truoc=1');
  await expect(page.getByRole('alert')).toContainText('Bạn không có quyền');
  expect(res?.status()).toBe(403);
});
