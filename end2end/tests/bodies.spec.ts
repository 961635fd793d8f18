import { expect, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// The Steering Committee 35 and its helpers, with and without JavaScript:
// a grassroots committee's secretary sets up a body, adds an outside person
// and sees them out (confirmed first). The bloc's, as the seed counts them,
// are read in stats.spec.ts, on the unchanged demo.
const COMMITTEE_SECRETARY = '50583357';

test('a committee’s secretary sets up a body, adds someone and sees them out', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, COMMITTEE_SECRETARY);
  await open(page, '/ban-chi-dao');
  await expect(page.locator('h1')).toHaveText('Ban Chỉ đạo 35 và cộng tác viên');
  // Another name on each project and retry: the bodies are the committee's.
  const name = `Nhóm cộng tác viên (${info.project.name} ${info.retry})`;
  const setUp = page.locator('#thanh-lap');
  await setUp.locator('summary').click();
  await setUp.locator('select[name="kind"]').selectOption('collaborator_group');
  await setUp.locator('input[name="name"]').fill(name);
  await setUp.locator('input[name="since"]').fill('2021-03-01');
  await setUp.getByRole('button', { name: 'Thành lập ban, tổ' }).click();
  const body = page.locator('section.bd-body').filter({ has: page.locator('h2', { hasText: name }) });
  await expect(body.locator('.bd-count')).toHaveText('0 người');

  const person = `Nguyễn Văn An ${info.project.name}`;
  await body.locator('details.bd-add summary').click();
  await body.locator('input[name="full_name"]').fill(person);
  await body.locator('input[name="workplace"]').fill('Báo Hậu Giang');
  await body.getByRole('button', { name: 'Thêm người' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu.');
  const row = body.locator('tbody tr').filter({ hasText: person });
  await expect(row).toContainText('Ngoài hệ thống');
  await expect(row).toContainText('Cộng tác viên');
  await expect(body.locator('.bd-count')).toHaveText('1 người');
  await shot(page, info, 'bodies-committee');

  await row.locator('summary', { hasText: 'Thôi tham gia' }).click();
  await row.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(body.locator('.bd-count')).toHaveText('0 người');
  await expect(body.locator('tbody tr').filter({ hasText: person })).toHaveAttribute('data-left', 'true');
});
