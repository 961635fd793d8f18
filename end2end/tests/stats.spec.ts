import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// The committee's dashboard, with and without JavaScript: the bloc's
// standing committee opens it from the menu, reads the year's figures and
// charts, drills down into a unit and back up; a cell's secretary sees
// their own cell; the resolution's targets and the Steering Committee 35
// as the seed has them. Reads only.
const BLOC = '22573901';
const CELL_SECRETARY = '44823721';

test('the bloc’s standing committee reads the year’s figures, drills down and back', async ({ page }, info) => {
  // Two years of the bloc's 98 rows in a debug build: 48 s on a loaded machine.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await page.getByRole('link', { name: 'Thống kê' }).click();
  await expect(page.locator('h1')).toHaveText('Thống kê của cấp ủy');
  await expect(page.locator('.tk-units tbody tr')).toHaveCount(98);
  await expect(page.locator('[data-figure="members"] dd')).toHaveText('4.521');
  await expect(page.locator('#cam-ket .tk-svg svg')).toBeVisible();
  await shot(page, info, 'stats-2021');

  // 2020: every member filed, every one graded.
  await page.locator('.tk-filters select[name="nam"]').selectOption('2020');
  await page.locator('.tk-filters').getByRole('button', { name: 'Xem' }).click();
  await expect(page).toHaveURL(/nam=2020/);
  await expect(page.locator('#cam-ket .tk-lead')).toContainText('4.521 trên 4.521 đảng viên đã nộp');
  await expect(page.locator('#xep-loai .tk-svg svg')).toBeVisible();
  // The seed's commendations of 2020 and its 84 good models.
  await expect(page.locator('[data-figure="good-models"] dd')).toHaveText('84');
  await expect(page.locator('[data-figure="commended-bloc"] .stat-detail')).toHaveText('20 tập thể · 25 cá nhân');
  await expect(page.locator('[data-figure="commended-grassroots"] .stat-detail')).toHaveText('51 tập thể · 159 cá nhân');
  // Each organisation below by its members' grades; the recipients by form.
  await expect(page.locator('.tk-unit-member-grades tbody tr')).toHaveCount(98);
  await expect(page.locator('.tk-forms tr[data-form="certificate"]')).toBeVisible();
  await shot(page, info, 'stats-2020');

  // Down into the first unit (the furthest behind), and back up.
  const first = page.locator('.tk-units tbody tr').first();
  const name = (await first.locator('th a').textContent()) ?? '';
  await first.locator('th a').click();
  await expect(page.locator('.page-header .subtitle')).toContainText(name.trim());
  await page.locator('.breadcrumb a').first().click();
  await expect(page.locator('.tk-units tbody tr')).toHaveCount(98);
});

test('a cell’s secretary sees their cell, and is refused the bloc', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, CELL_SECRETARY);
  await open(page, '/thong-ke');
  await expect(page.locator('.page-header .subtitle')).toContainText('Chi bộ');
  await expect(page.locator('.breadcrumb a')).toHaveCount(0);
  await shot(page, info, 'stats-cell');
  await open(page, '/thong-ke?don-vi=DBK-HG');
  await expect(page.getByRole('alert')).toContainText('Bạn không có quyền xem nội dung này.');
});

test('the bloc’s 2020 resolution: ten targets met or exceeded, admissions 132 against 95', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/thong-ke?nam=2020');
  await expect(page.locator('[data-figure="admitted"] .stat-detail')).toHaveText('chỉ tiêu 95 (+38,9 %)');
  const section = page.locator('#chi-tieu');
  await expect(section.locator('.tk-lead')).toHaveText('10 trên 10 chỉ tiêu đã đạt hoặc vượt.');
  await expect(section.locator('.tk-svg svg')).toBeVisible();
  const admissions = section.locator('tr[data-indicator="admissions"]');
  await expect(admissions.locator('td').nth(0)).toHaveText('95 đảng viên');
  await expect(admissions.locator('td').nth(1)).toHaveText('132 đảng viên');
  await expect(admissions.locator('td').nth(2)).toHaveText('Vượt');
  await expect(admissions.locator('td').nth(3)).toHaveText('+38,9 %');
  await section.getByRole('link', { name: 'Xem và cập nhật các chỉ tiêu' }).click();
  await expect(page.locator('h1')).toHaveText('Chỉ tiêu nghị quyết');
  await expect(page.locator('.ct-targets tbody tr')).toHaveCount(10);
  await shot(page, info, 'targets-2020');
});

test('the bloc’s Steering Committee 35, secretariat and collaborators', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/thong-ke');
  const section = page.locator('#ban-chi-dao');
  await expect(section.locator('[data-figure="steering_committee"] dd')).toHaveText('6');
  await expect(section.locator('[data-figure="secretariat"] dd')).toHaveText('3');
  await expect(section.locator('[data-figure="collaborators"] dd')).toHaveText('18');
  await expect(section.locator('[data-figure="collaborator_group"] dd')).toHaveText('154');
  await expect(section.locator('[data-figure="collaborators-below"] dd')).toHaveText('678');
  await section.getByRole('link', { name: 'Xem các danh sách' }).click();
  await expect(page.locator('h1')).toHaveText('Ban Chỉ đạo 35 và cộng tác viên');
  await expect(page.locator('section[data-kind="steering_committee"] tbody tr')).toHaveCount(6);
  await expect(page.locator('section[data-kind="steering_committee"] tbody tr').first()).toContainText('Trưởng ban');
  await shot(page, info, 'bodies-bloc');
});

test('the people behind the figures: ages, probations, badges, lists and the A4 view', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/thong-ke');
  const org = page.locator('#to-chuc');
  await expect(org.locator('h3')).toHaveText('Giới tính và tuổi đời (tính theo năm 2021)');
  await expect(org.locator('.tk-cohorts tbody tr')).toHaveCount(7);
  await expect(org.locator('tr[data-cohort="to_30"] th')).toHaveText('Từ 30 tuổi trở xuống');
  await expect(page.locator('#khen-thuong h3')).toHaveText('Huy hiệu Đảng đợt 19/05/2021');

  // Probations ending: the figure leads to their names.
  const due = page.locator('[data-figure="probation-due"]');
  await expect(due.locator('.stat-detail')).toHaveText('hết 12 tháng dự bị đến 14/04/2021');
  const count = Number(((await due.locator('dd a').textContent()) ?? '').replace(/\./g, ''));
  expect(count).toBeGreaterThan(0);
  await due.locator('dd a').click();
  await expect(page.locator('h1')).toHaveText('Đến hạn xét chuyển đảng viên chính thức (vào Đảng đến ngày 14/04/2020)');
  await expect(page.locator('.dl-members tbody tr')).toHaveCount(Math.min(count, 50));
  // A cell of a grassroots committee is named with its committee.
  await expect(page.locator('.dl-members tbody tr .dl-org').first()).toHaveText(/^Đảng bộ /);
  await shot(page, info, 'stats-probations');

  // A unit's waiting commitments, from its row of the table.
  await open(page, '/thong-ke?sap-xep=ten');
  const row = page.locator('.tk-units tbody tr').filter({ has: page.locator('td[data-drill="submitted"] a:not(:text-is("0"))') }).first();
  const waiting = Number(((await row.locator('td[data-drill="submitted"] a').textContent()) ?? '').replace(/\./g, ''));
  await row.locator('td[data-drill="submitted"] a').click();
  await expect(page.locator('h1')).toHaveText('Bản cam kết năm 2021: Đã nộp, chờ duyệt');
  await expect(page.locator('.dl-members tbody tr')).toHaveCount(Math.min(waiting, 50));
  // Within one organisation its name would only repeat.
  await expect(page.locator('.dl-members .dl-org')).toHaveCount(0);
  await page.getByRole('link', { name: 'Về trang thống kê' }).click();
  await expect(page.locator('h1')).toHaveText('Thống kê của cấp ủy');

  // The A4 view of 2020, without the forms.
  await open(page, '/thong-ke?nam=2020');
  await page.getByRole('link', { name: 'Bản in A4' }).click();
  await expect(page.locator('.tk-print-title')).toHaveText(/Báo cáo thống kê năm 2020/);
  await expect(page.locator('.tk-filters')).toHaveCount(0);
  await expect(page.locator('#xep-loai .tk-svg svg')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await page.screenshot({ path: info.outputPath(`stats-print-${info.project.name}.png`), fullPage: true });
  // As Chromium prints it, for a look at the A4 pages.
  await page.pdf({ path: info.outputPath(`stats-print-${info.project.name}.pdf`), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
});
