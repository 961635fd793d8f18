import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';

// The bloc standing committee member of the demo (password of every demo account).
const STANDING = '22573901';
const PASSWORD = 'HauGiang@2020';
const SHOTS = '/tmp/shots';

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.user-name')).toBeVisible();
}

/** Three members of the bloc's office cell; row 3 has a date that does not exist. */
function membersCsv(prefix: string): string {
  const header =
    'Số thẻ đảng viên,Số lý lịch,Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Trạng thái,Mã chi bộ,Chức vụ,Nơi làm việc,Điện thoại,Email';
  return [
    header,
    `${prefix}01,LL-1,Trần Văn Một,Nam,01/01/1980,15/06/2005,15/06/2006,Chính thức,CQDUK,Chuyên viên,Ban Tổ chức,0912 000 001,`,
    `${prefix}02,LL-2,Lê Thị Hai,Nữ,31/02/1985,15/06/2010,15/06/2011,Chính thức,CQDUK,Chuyên viên,Ban Tổ chức,,`,
    `${prefix}03,LL-3,Phạm Văn Ba,Nam,02/02/1990,01/03/2015,01/03/2016,Chính thức,CQDUK,,,,ba@example.vn`,
  ].join('\n');
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/import-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('the standing committee imports the valid rows of a file with a bad row', async ({ page }, info) => {
  const project = info.project.name;
  // Each project imports its own card numbers (both run against one server).
  const prefix = project === 'js' ? '920000' : '930000';
  await logIn(page, STANDING, PASSWORD);
  await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
  await expect(page.locator('h1')).toHaveText('Nhập đơn vị và đảng viên');
  if (project === 'js') {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
  await expect(page.getByRole('link', { name: /Mẫu Excel/ })).toHaveAttribute('href', '/nhap-du-lieu/mau.xlsx');
  await shoot(page, `empty-${project}`);

  await page.getByLabel('Tệp .xlsx hoặc .csv (tối đa 10 MB)').setInputFiles({
    name: 'dang-vien.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(membersCsv(prefix), 'utf-8'),
  });
  // With script, the upload goes by XMLHttpRequest and its progress shows;
  // the server's answer is held back a moment to see it.
  const sent =
    project === 'js'
      ? page.waitForRequest((r) => r.method() === 'POST' && r.headers()['x-requested-with'] === 'XMLHttpRequest')
      : null;
  if (project === 'js') {
    let held = false;
    await page.route('**/nhap-du-lieu', async (route) => {
      if (!held && route.request().method() === 'POST') {
        held = true;
        await new Promise((r) => setTimeout(r, 1500));
      }
      await route.continue();
    });
  }
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  if (sent) {
    await sent;
    await expect(page.locator('.import-upload .import-progress')).toContainText(/Đang (tải tệp lên|kiểm tra tệp)/);
    await expect(page.getByRole('button', { name: 'Kiểm tra tệp' })).toBeDisabled();
    await page.screenshot({ path: `${SHOTS}/import-progress-js.png` });
  }

  // The report: the bad row, its column, the value and the reason.
  const report = page.locator('.import-report');
  await expect(report.getByRole('heading')).toHaveText('Kết quả kiểm tra tệp «dang-vien.csv»');
  await expect(report).toContainText('Đảng viên: 2 / 3 dòng hợp lệ');
  const bad = report.locator('tbody tr');
  await expect(bad).toHaveCount(1);
  await expect(bad).toHaveAttribute('data-row', '3');
  await expect(bad).toContainText('Ngày sinh');
  await expect(bad).toContainText('31/02/1985');
  await expect(bad).toContainText('Ngày không hợp lệ (ghi dd/mm/yyyy).');
  await expect(report.getByText('Nhập tất cả')).toHaveCount(0);
  await shoot(page, `report-${project}`);

  // Confirm importing the valid rows: the disclosure holds the real button.
  await report.locator('summary', { hasText: 'Chỉ nhập các dòng hợp lệ' }).click();
  await expect(report.getByText('Ghi 2 đảng viên hợp lệ, bỏ qua 1 dòng có lỗi?')).toBeVisible();
  await shoot(page, `confirm-${project}`);
  await report.getByRole('button', { name: 'Xác nhận nhập' }).click();

  const done = page.locator('.import-done');
  await expect(done).toContainText('Đã nhập 2 đảng viên từ tệp «dang-vien.csv».');
  await expect(done).toContainText('Đã bỏ qua 1 dòng có lỗi.');
  await expect(page.locator('.import-report')).toHaveCount(0);
  await shoot(page, `done-${project}`);
  await page.screenshot({ path: info.outputPath(`import-${project}.png`), fullPage: true });
});

test('a member sees no import link and is refused the page', async ({ page }) => {
  await logIn(page, '48384483', PASSWORD);
  await expect(page.getByRole('link', { name: 'Nhập dữ liệu' })).toHaveCount(0);
  const res = await page.goto('/nhap-du-lieu');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('alert')).toHaveText('Bạn không có quyền xem nội dung này.');
});
