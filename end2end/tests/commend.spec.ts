import { expect, type Page, test } from '@playwright/test';
import { logIn, open, shot } from './session';

// A commendation from proposal to decision, as the people who make it: a
// cell's secretary proposes two of the cell's members for a certificate of
// merit (giấy khen) to the grassroots committee; the committee approves one
// and forwards the other to the bloc; each level issues its numbered
// decision; a commended member finds it on their page. Writes: runs on the
// writers' server, each project with members of its own.
// The demo cell secretary's cell is in the committee of Sở Lao động – Thương
// binh và Xã hội; 81175720 is that committee's secretary.
const CELL_SECRETARY = '44823721';
const COMMITTEE_SECRETARY = '81175720';
const BLOC = '22573901';

/** Opens a proposal of the list "addressed to your level" by its title. */
async function openToReview(page: Page, title: string) {
  await open(page, '/khen-thuong');
  await page.locator('#cho-xet').getByRole('link', { name: title }).click();
  await expect(page.locator('h1')).toHaveText(title);
}

/** Marks a nominee's outcome in its row's form. */
async function mark(page: Page, key: string, outcome: string) {
  const row = page.locator(`#danh-sach tr[data-nominee="${key}"]`);
  await row.locator('select[name="outcome"]').selectOption(outcome);
  await row.getByRole('button', { name: 'Ghi kết quả' }).click();
  await expect(page.locator(`#danh-sach tr[data-nominee="${key}"] td[data-outcome="${outcome}"]`)).toBeVisible();
}

/** Opens a confirmed step's disclosure and confirms it. */
async function confirmStep(page: Page, form: string, label: string) {
  const step = page.locator(`form.${form}`);
  await step.locator('summary', { hasText: label }).click();
  await step.getByRole('button', { name: 'Xác nhận' }).click();
}

/** Issues the decision of the proposal open on the page; returns its number. */
async function decide(page: Page, signer: string) {
  const form = page.locator('form.kt-step-decide');
  await form.locator('input[name="signer"]').fill(signer);
  await confirmStep(page, 'kt-step-decide', 'Ra quyết định khen thưởng');
  const link = page.locator('.kt-facts a[data-decision]');
  await expect(link).toBeVisible();
  return (await link.getAttribute('data-decision')) ?? '';
}

test('a cell proposes two members, the committee decides one and forwards one, the bloc decides it', async ({ page }, info) => {
  test.setTimeout(180_000);
  const js = info.project.use.javaScriptEnabled !== false;
  const title = `Đề nghị tặng Giấy khen đột xuất (${info.project.name})`;
  await page.setViewportSize({ width: 1280, height: 900 });

  // The cell's secretary starts a draft addressed to the committee.
  await logIn(page, CELL_SECRETARY);
  await open(page, '/khen-thuong');
  const create = page.locator('form.kt-new').first();
  await create.locator('select[name="occasion"]').selectOption('ad_hoc');
  await create.locator('select[name="form"]').selectOption('certificate');
  // The cell itself may only praise: the certificate goes to its committee.
  await create.locator('select[name="to"]').selectOption({ index: 1 });
  await create.locator('input[name="title"]').fill(title);
  await shot(page, info, 'proposals-new');
  await create.getByRole('button', { name: 'Tạo dự thảo' }).click();
  // The new draft's page: with JavaScript the router moves there after the
  // action answers, which took over 5 s once on the loaded 2-core machine.
  await expect(page.locator('h1')).toHaveText(title, { timeout: 20_000 });
  await expect(page.locator('[data-state="draft"]')).toBeVisible();

  // Two members of the cell, different ones for each project.
  const rows = page.locator('#ung-vien tr[data-candidate^="m"]');
  expect(await rows.count()).toBeGreaterThan(4);
  const keys: string[] = [];
  const cards: string[] = [];
  for (const i of js ? [0, 1] : [2, 3]) {
    const row = rows.nth(i);
    keys.push((await row.getAttribute('data-candidate')) ?? '');
    cards.push((await row.innerText()).match(/\d{8}/)?.[0] ?? '');
  }
  for (const key of keys) await page.locator(`tr[data-candidate="${key}"] input[type="checkbox"]`).check();
  await page.locator('textarea[name="cover"]').fill('Chi bộ đề nghị Đảng ủy tặng Giấy khen cho hai đồng chí có thành tích đột xuất.');
  await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu.');
  for (const key of keys) {
    await page
      .locator(`#danh-sach tr[data-nominee="${key}"] textarea`)
      .fill('Phát hiện và ngăn chặn kịp thời một vụ vi phạm về đất đai, được nhân dân ghi nhận.');
  }
  await shot(page, info, 'proposal-draft');
  await page.getByRole('button', { name: 'Lưu và trình' }).click();
  await expect(page.locator('[data-state="submitted"]')).toBeVisible();
  await expect(page.locator('form.kt-edit')).toHaveCount(0);

  // The committee approves the first, forwards the second, settles, decides.
  await logIn(page, COMMITTEE_SECRETARY);
  await openToReview(page, title);
  await mark(page, keys[0], 'approved');
  await mark(page, keys[1], 'forwarded');
  await shot(page, info, 'proposal-marked');
  await page.locator('form.kt-step-settle input[name="forward_title"]').fill(`${title} — trình Ban Thường vụ Đảng ủy Khối`);
  await confirmStep(page, 'kt-step-settle', 'Thông qua danh sách');
  await expect(page.locator('[data-state="approved"]')).toBeVisible();
  const committeeNumber = await decide(page, 'Nguyễn Văn Ký');
  expect(committeeNumber).toMatch(/^\d+-QĐ\/ĐU$/);
  await shot(page, info, 'proposal-decided');

  // The bloc's standing committee decides the forwarded one.
  await logIn(page, BLOC);
  await openToReview(page, `${title} — trình Ban Thường vụ Đảng ủy Khối`);
  await expect(page.locator(`#danh-sach tr[data-nominee="${keys[1]}"]`)).toBeVisible();
  await expect(page.locator(`#danh-sach tr[data-nominee="${keys[0]}"]`)).toHaveCount(0);
  await mark(page, keys[1], 'approved');
  await confirmStep(page, 'kt-step-settle', 'Thông qua danh sách');
  const blocNumber = await decide(page, 'Trần Văn Khối');
  expect(blocNumber).toMatch(/^\d+-QĐ\/ĐUK$/);

  // The decision in the register, with its recipient.
  await page.locator('.kt-facts a[data-decision]').click();
  await expect(page.locator('h1')).toContainText(blocNumber);
  await shot(page, info, 'decision');
  // The decision as the Party's document, to print.
  await page.getByRole('link', { name: 'Bản in (A4)' }).click();
  const paper = page.locator('article.kt-paper');
  await expect(paper).toContainText('ĐẢNG CỘNG SẢN VIỆT NAM');
  await expect(paper).toContainText(`Số ${blocNumber}`);
  await expect(paper).toContainText('BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI');
  await expect(paper).toContainText('T/M BAN THƯỜNG VỤ');
  await expect(paper).toContainText('Trần Văn Khối');
  await shot(page, info, 'decision-print');
  await open(page, `/quyet-dinh-khen-thuong?q=${encodeURIComponent(blocNumber)}`);
  await expect(page.locator(`tr[data-decision="${blocNumber}"]`)).toContainText('Trần Văn Khối');
  await shot(page, info, 'register');

  // The members find their commendations on their own pages.
  for (const [i, number] of [[0, committeeNumber], [1, blocNumber]] as const) {
    await logIn(page, cards[i]);
    await open(page, `/dang-vien/${keys[i].slice(1)}`);
    await expect(page.locator(`#khen-thuong tr[data-decision="${number}"]`)).toContainText('Giấy khen');
  }
});

test('a member has no proposals page and may not open a dossier', async ({ page }) => {
  await logIn(page, '48384483');
  await open(page, '/khen-thuong');
  await expect(page.getByText('Đồng chí không lập hoặc xét đề nghị khen thưởng.')).toBeVisible();
  await expect(page.locator('form.kt-new')).toHaveCount(0);
  await open(page, '/khen-thuong/1');
  await expect(page.getByRole('alert')).toBeVisible();
});

test('a cell registers a good model, its committee recognises it, the registry finds it', async ({ page }, info) => {
  test.setTimeout(120_000);
  const title = `Sổ tay đảng viên điện tử (${info.project.name})`;
  await page.setViewportSize({ width: 1280, height: 900 });

  // The registry of 2020: the seed's 84, all recognised.
  await logIn(page, CELL_SECRETARY);
  await open(page, '/mo-hinh-hay?nam=2020');
  await expect(page.locator('.gm-count strong')).toHaveText('84 mô hình');
  await expect(page.locator('.gm-table tbody tr')).toHaveCount(50);
  await expect(page.locator('.gm-table .badge.state-submitted')).toHaveCount(0);

  // The cell's secretary registers one for 2021.
  await open(page, '/mo-hinh-hay');
  await page.locator('details.gm-new summary').click();
  const form = page.locator('form.gm-create');
  await form.locator('input[name="title"]').fill(title);
  await form.locator('select[name="field"]').selectOption('party_building');
  await form.locator('input[name="since"]').fill('2020-09-02');
  await form.locator('input[name="run_by"]').fill('Chi ủy');
  await form.locator('textarea[name="description"]').fill('Mỗi đảng viên ghi việc làm theo Bác hằng tháng vào sổ tay điện tử.');
  await form.locator('textarea[name="results"]').fill('Đảng viên cập nhật đều đặn; chi bộ theo dõi được việc thực hiện cam kết.');
  await shot(page, info, 'good-model-new');
  await form.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('[data-recognised="false"]')).toBeVisible();
  const address = page.url().replace(/\?.*$/, '');

  // Its committee's secretary recognises it, after confirming.
  await logIn(page, COMMITTEE_SECRETARY);
  await open(page, address);
  const step = page.locator('form.gm-recognise');
  await step.locator('summary', { hasText: 'Công nhận mô hình' }).click();
  await step.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.locator('[data-recognised="true"]')).toBeVisible();
  await expect(page.locator('[data-recognised="true"]')).toContainText('Công nhận:');
  await shot(page, info, 'good-model');

  // Found by a search typed without marks.
  await open(page, '/mo-hinh-hay?q=so+tay+dang+vien+dien+tu');
  await expect(page.locator('.gm-table').getByRole('link', { name: title })).toBeVisible();
});

test('the bloc records the province’s badge decision, and a discipline keeps a member off the list', async ({ page }, info) => {
  // Four logins and pages on a loaded machine: more than a page's time.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, BLOC);
  await open(page, '/huy-hieu?ngay=2021-09-02');
  // Both projects share this server: each takes members of its own.
  const js = info.project.name === 'js';
  const ids = (
    await page.locator('.hh-table tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-member'))))
  ).sort((a, b) => a - b);
  expect(ids.length).toBeGreaterThan(4);
  const awarded = js ? ids[0] : ids[ids.length - 1];
  const disciplined = js ? ids[1] : ids[ids.length - 2];
  await page
    .locator(`.hh-table tr[data-member="${awarded}"]`)
    .getByLabel(/Số huy hiệu của/)
    .fill(js ? 'HH30-100001' : 'HH30-100002');
  // The award's decision (the lost badges' replacement has a form of its own).
  const decision = page.locator('form#hh-record');
  await decision.getByLabel('Số quyết định').fill('1234-QĐ/TU');
  await decision.getByRole('button', { name: 'Ghi quyết định' }).click();
  await expect(page.locator('[data-recorded="1"]')).toBeVisible();
  await expect(page.locator(`.hh-table tr[data-member="${awarded}"]`)).toHaveCount(0);
  await expect(page.locator(`.hh-table tr[data-member="${disciplined}"]`)).toHaveCount(1);
  await shot(page, info, 'badges-recorded');
  await open(page, `/dang-vien/${awarded}`);
  await expect(page.locator('#huy-hieu')).toContainText('1234-QĐ/TU');
  await expect(page.locator('#huy-hieu')).toContainText(js ? 'HH30-100001' : 'HH30-100002');

  // A warning of March 2021 keeps another member off September's list.
  await open(page, `/dang-vien/${disciplined}`);
  const form = page.locator('form.hh-discipline');
  await form.getByLabel('Hình thức kỷ luật').selectOption('warning');
  await form.getByLabel('Ngày quyết định').fill('2021-03-01');
  await form.getByLabel('Ghi chú').fill('Quyết định 12-QĐ/UBKT');
  await form.getByRole('button', { name: 'Ghi kỷ luật' }).click();
  await expect(page.locator('#ky-luat [data-discipline="warning"]')).toContainText('Cảnh cáo');
  await shot(page, info, 'member-discipline');
  await open(page, '/huy-hieu?ngay=2021-09-02');
  await expect(page.locator('.hh-table tbody tr').first()).toBeVisible();
  await expect(page.locator(`.hh-table tr[data-member="${disciplined}"]`)).toHaveCount(0);
});

test('a cell reports a badge lost, the bloc records the province’s replacement', async ({ page }, info) => {
  // Three logins, each waiting for hydration: more than a page's time.
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const js = info.project.name === 'js';
  // The bloc's longest-standing members hold badges; each project takes its
  // own, and a retry takes another (the first try may have replaced one), and
  // logs in as the secretary of that member's cell.
  const pick = 2 * info.retry + (js ? 0 : 1);
  await logIn(page, BLOC);
  await open(page, '/don-vi/DBK-HG?sap-xep=admission#dang-vien');
  const member =
    (await page
      .locator('#dang-vien tbody a[href^="/dang-vien/"]')
      .nth(pick)
      .getAttribute('href')) ?? '';
  await open(page, member);
  await open(page, (await page.locator('.page-header .subtitle a[href^="/don-vi/"]').first().getAttribute('href')) ?? '');
  const secretary = page.locator('#lanh-dao > .table-wrap tbody tr').filter({ hasText: /^\s*Bí thư/ });
  await open(page, (await secretary.locator('a').first().getAttribute('href')) ?? '');
  const card = ((await page.locator('dl.facts dd').first().textContent()) ?? '').trim();
  await logIn(page, card);
  await open(page, member);
  const held = page.locator('#huy-hieu li[data-lost="false"]').first();
  const badge = await held.getAttribute('data-badge');
  await held.locator('summary').click();
  await held.getByLabel('Ngày mất').fill('2021-03-10');
  await held.getByLabel('Ghi chú').fill('Mất khi đi công tác');
  await held.getByRole('button', { name: 'Báo mất' }).click();
  await expect(page.getByRole('status')).toContainText('Đã báo mất huy hiệu');
  await expect(page.locator(`#huy-hieu li[data-badge="${badge}"]`)).toContainText('đang chờ cấp lại');
  await shot(page, info, 'member-badge-lost');

  // The bloc finds it on the list for the province and records the decision.
  await logIn(page, BLOC);
  await open(page, '/huy-hieu?ngay=2021-05-19#cap-lai');
  const row = page.locator(`#cap-lai tr[data-lost="${badge}"]`);
  await expect(row).toContainText('Mất khi đi công tác');
  const number = `HH-CL-${String(pick + 1).padStart(4, '0')}`;
  await row.getByLabel(/Số huy hiệu của/).fill(number);
  const form = page.locator('form#hh-replace');
  await form.getByLabel('Số quyết định').fill('77-QĐ/TU');
  await form.getByRole('button', { name: 'Ghi quyết định cấp lại' }).click();
  await expect(page.locator('[data-replaced="1"]')).toBeVisible();
  await expect(page.locator(`#cap-lai tr[data-lost="${badge}"]`)).toHaveCount(0);
  await shot(page, info, 'badges-replaced');
  await open(page, member);
  await expect(page.locator('#huy-hieu li[data-kind="replacement"][data-lost="false"]')).toContainText(number);
  await expect(page.locator(`#huy-hieu li[data-badge="${badge}"]`)).toContainText('đã được cấp lại');
});
