import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// The committee's dashboard, with and without JavaScript: the bloc's
// standing committee opens it from the menu, reads the year's figures and
// charts, drills down into a unit and back up; a cell's secretary sees
// their own cell. Reads only.
const BLOC = '22573901';
const CELL_SECRETARY = '44823721';

test('the bloc’s standing committee reads the year’s figures, drills down and back', async ({ page }, info) => {
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
