import { expect, test, type Page } from '@playwright/test';

// Demo logins as `dangbo serve` prints them (password of every demo account).
const PASSWORD = 'HauGiang@2020';
const ADMIN = 'quantri@dangbo.vn';

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('a wrong password shows the Vietnamese error', async ({ page }, info) => {
  await logIn(page, ADMIN, 'khong-dung');
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await page.screenshot({ path: info.outputPath(`login-error-${info.project.name}.png`), fullPage: true });
});

test('the administrator logs in and out', async ({ page }, info) => {
  await logIn(page, ADMIN, PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.user-name')).toHaveText('Quản trị hệ thống');
  await page.screenshot({ path: info.outputPath(`logged-in-${info.project.name}.png`), fullPage: true });
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
});

test('a visitor asking for a unit is asked to log in, and comes back after', async ({ page }, info) => {
  await page.goto('/don-vi/BVDK');
  await expect(page.getByRole('alert')).toContainText('Bạn cần đăng nhập để xem nội dung này.');
  await page.screenshot({ path: info.outputPath(`refused-${info.project.name}.png`), fullPage: true });
  await page.locator('.notice-error').getByRole('link', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/dang-nhap\?next=\/don-vi\/BVDK/);
});

// The demo is deterministic: these are the logins `dangbo serve` prints.
const ROLES = [
  { role: 'member', username: '48384483', name: 'Nguyễn Phương Vy', unit: 'Chi bộ Văn phòng', label: 'Chi bộ của tôi' },
  { role: 'cell-secretary', username: '44823721', name: 'Hồ Cẩm Hương', unit: 'Chi bộ Trung tâm Công tác xã hội', label: 'Bí thư' },
  { role: 'committee-secretary', username: '50583357', name: 'Nguyễn Thị Trâm', unit: 'Đảng bộ Sở Tài nguyên và Môi trường', label: 'Bí thư' },
  { role: 'bloc-standing', username: '22573901', name: 'Lê Hữu Nhân', unit: 'Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang', label: 'Ủy viên Ban Thường vụ' },
];

for (const r of ROLES) {
  test(`${r.role} logs in, sees their own units, and logs out`, async ({ page }, info) => {
    await logIn(page, r.username, PASSWORD);
    await expect(page.locator('.user-name')).toHaveText(r.name);
    const mine = page.locator('.my-units li').filter({ hasText: r.unit }).first();
    await expect(mine).toContainText(r.label);
    await mine.getByRole('link').click();
    await expect(page.locator('h1')).toHaveText(r.unit);
    await page.screenshot({ path: info.outputPath(`unit-${r.role}-${info.project.name}.png`), fullPage: true });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  });
}

test('a cell secretary sees another organisation in the structure, not its people', async ({ page }, info) => {
  await logIn(page, '44823721', PASSWORD);
  const res = await page.goto('/don-vi/BVDK');
  expect(res?.status()).toBe(200);
  await expect(page.locator('h1')).toHaveText('Đảng bộ Bệnh viện Đa khoa tỉnh Hậu Giang');
  await expect(page.locator('#dang-vien')).toHaveCount(0);
  await expect(page.locator('[data-stat]')).toHaveCount(0);
  // A member of that organisation: as if there were none.
  const dossier = await page.goto('/dang-vien/448');
  expect(dossier?.status()).toBe(404);
  await expect(page.getByRole('alert')).toBeVisible();
  await page.screenshot({ path: info.outputPath(`forbidden-${info.project.name}.png`), fullPage: true });
});

test('the administrator reads and filters the audit log', async ({ page }, info) => {
  await logIn(page, '50583357', 'sai-mat-khau');
  await logIn(page, ADMIN, PASSWORD);
  await page.getByRole('link', { name: 'Nhật ký' }).click();
  await expect(page.locator('h1')).toHaveText('Nhật ký thay đổi');
  await page.getByLabel('Loại việc').selectOption('auth.login_failed');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/action=auth\.login_failed/);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toContainText('Đăng nhập sai');
  await expect(rows.first()).toContainText('50583357');
  expect(await page.locator('tbody tr[data-action="auth.login"]').count()).toBe(0);
  await page.screenshot({ path: info.outputPath(`audit-${info.project.name}.png`), fullPage: true });
});

test('a member has no audit log link', async ({ page }) => {
  await logIn(page, '48384483', PASSWORD);
  await expect(page.locator('.user-name')).toHaveText('Nguyễn Phương Vy');
  await expect(page.getByRole('link', { name: 'Nhật ký' })).toHaveCount(0);
});

// Each project resets a different account, so that parallel runs do not meet.
const RESET_TARGETS: Record<string, { search: string; username: string; name: string }> = {
  js: { search: 'tran thanh dien', username: '61012468', name: 'Trần Thanh Điền' },
  nojs: { search: 'le van lam', username: '78742917', name: 'Lê Văn Lâm' },
};

test('the administrator issues a one-time password after confirming', async ({ page }, info) => {
  const target = RESET_TARGETS[info.project.name];
  await logIn(page, ADMIN, PASSWORD);
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await expect(page.locator('h1')).toHaveText('Quản lý tài khoản');
  // The search ignores diacritics.
  await page.getByLabel('Tìm theo số thẻ, e-mail hoặc tên').fill(target.search);
  await page.getByRole('button', { name: 'Tìm' }).click();
  const row = page.locator(`tr[data-username="${target.username}"]`);
  await expect(row).toContainText(target.name);
  // The first click only asks.
  await row.locator('summary', { hasText: 'Cấp mật khẩu tạm' }).click();
  await expect(row.getByText('Mật khẩu cũ sẽ không dùng được nữa.')).toBeVisible();
  await page.screenshot({ path: info.outputPath(`accounts-confirm-${info.project.name}.png`), fullPage: true });
  await row.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText('Đã cấp mật khẩu tạm.')).toBeVisible();
  const password = (await page.locator('.one-time-password').first().textContent()) ?? '';
  expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
  await page.screenshot({ path: info.outputPath(`accounts-one-time-${info.project.name}.png`), fullPage: true });
  // The member now logs in with it and must choose a new password.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await logIn(page, target.username, password);
  await expect(page).toHaveURL(/\/doi-mat-khau$/);
  await expect(page.getByText('Bạn đang dùng mật khẩu tạm thời.')).toBeVisible();
  await page.getByLabel('Mật khẩu hiện tại').fill(password);
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill(PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible();
});
