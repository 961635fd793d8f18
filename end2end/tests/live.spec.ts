import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// The committee's dashboard moves while a secretary works: the bloc's
// standing committee has /thong-ke open in one browser, a cell's secretary
// approves a commitment in another, and the open dashboard shows one more
// approved without a reload. Writes: on the writers' server. With
// JavaScript only (without it the page offers a reload link, checked in
// stats.spec.ts).
const BLOC = '22573901';
const CELL_SECRETARY = '44823721';
// Filed and approved by the commitment journey running beside this test.
const JOURNEY = ['Phạm Minh Hải', 'Trần Minh Khải'];

/** The bloc's approved commitments, as the dashboard's lead sentence says. */
async function approved(page: import('@playwright/test').Page): Promise<number> {
  const lead = (await page.locator('#cam-ket .tk-lead').textContent()) ?? '';
  const m = lead.match(/([\d.]+) đã được duyệt/);
  expect(m, lead).not.toBeNull();
  return Number(m![1].replace(/\./g, ''));
}

test('an approval shows on the open dashboard without a reload', async ({ browser, page }, info) => {
  test.skip(info.project.name !== 'js', 'live figures need JavaScript');
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/thong-ke');
  const before = await approved(page);

  const other = await browser.newContext({ locale: 'vi-VN' });
  const secretary = await other.newPage();
  await logIn(secretary, CELL_SECRETARY);
  await open(secretary, '/duyet-cam-ket?loc=submitted');
  const rows = secretary.locator('tr[data-state="submitted"]').filter({ hasNotText: JOURNEY[0] }).filter({ hasNotText: JOURNEY[1] });
  await rows.first().locator('.rv-name a').click();
  await secretary.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(secretary.getByRole('status')).toBeVisible();
  await other.close();

  // The dashboard, untouched since it was opened.
  await expect.poll(() => approved(page), { timeout: 5_000 }).toBe(before + 1);
  await shot(page, info, 'stats-live');
});
