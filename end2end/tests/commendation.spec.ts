import { expect, test } from '@playwright/test';
import { logIn, shot } from './session';

// The demo's 2020 commendations on the pages that show them: an
// organisation's on its unit page, a member's on their profile (for those
// who may read it). Read only: runs on the shared server.
const COMMITTEE_SECRETARY = '50583357';
const MEMBER = '48384483';

test('a grassroots organisation shows the bloc’s commendation on its page', async ({ page }, info) => {
  await logIn(page, MEMBER);
  await page.goto('/don-vi/TCLVT');
  const section = page.locator('#khen-thuong');
  await expect(section.getByRole('heading', { name: 'Khen thưởng' })).toBeVisible();
  const row = section.locator('tr[data-decision="1-QĐ/ĐUK"]');
  await expect(row).toContainText('Giấy khen');
  await expect(row).toContainText('Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang');
  await expect(row).toContainText('03/02/2021');
  await shot(page, info, 'unit-awards');
});

test('the committee’s secretary sees a member’s commendation; the member without one sees none', async ({ page }, info) => {
  await logIn(page, COMMITTEE_SECRETARY);
  // Huỳnh Tấn Tùng, of the demo member's cell, commended by the committee.
  await page.goto('/dang-vien/1419');
  await expect(page.locator('h1')).toHaveText('Huỳnh Tấn Tùng');
  const row = page.locator('#khen-thuong tr[data-decision="1-QĐ/ĐU"]');
  await expect(row).toContainText('Đảng bộ Sở Tài nguyên và Môi trường');
  await expect(row).toContainText('tư tưởng, đạo đức, phong cách Hồ Chí Minh');
  await shot(page, info, 'member-awards');

  // The demo member's own page (Nguyễn Phương Vy, not commended).
  await logIn(page, MEMBER);
  await page.goto('/dang-vien/1422');
  await expect(page.locator('h1')).toHaveText('Nguyễn Phương Vy');
  await expect(page.locator('#khen-thuong')).toContainText('Chưa có khen thưởng nào được ghi nhận.');
});
