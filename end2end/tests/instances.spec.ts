import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { open, PASSWORD } from './session';

// Two `dangbo serve` instances on one fresh PostgreSQL database behind
// nginx, configured by the repo's own server/deploy/nginx.conf (its ports
// changed): a session started on one instance goes on on the other and
// through nginx; a dashboard open through nginx sees, within a second,
// approvals made directly through either instance (so one of them crosses
// from one instance to the other, by NOTIFY/LISTEN); stopping one instance
// while GETs stream through nginx loses none of them. Its own project in
// playwright.config.ts, with JavaScript; the instances and nginx are
// started here and stopped after.
const BLOC = '22573901';
const CELL_SECRETARY = '44823721';

const bin = process.env.DANGBO_BIN ?? path.resolve(__dirname, '../../target/debug/dangbo');
const siteRoot = process.env.DANGBO_SITE_ROOT ?? path.resolve(__dirname, '../../target/site');
const pgUrl = process.env.DANGBO_INSTANCES_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432';
const base = Number(process.env.DANGBO_INSTANCES_PORT ?? 3230);
const ports = { a: base, b: base + 1, nginx: base + 2 };
const A = `http://127.0.0.1:${ports.a}`;
const B = `http://127.0.0.1:${ports.b}`;
const NGINX = `http://127.0.0.1:${ports.nginx}`;
const database = `dangbo_e2e_instances_${process.pid}`;
// Debian's nginx, in /usr/sbin (not on every user's PATH).
const nginx = process.env.NGINX_BIN ?? (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

let tmp = '';
const running: Record<string, ChildProcess> = {};

test.describe.configure({ mode: 'serial' });

/** Starts a process with its output in tmp/NAME.log. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const log = fs.openSync(path.join(tmp, `${name}.log`), 'a');
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running[name] = child;
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Ends a process we started: SIGTERM, then SIGKILL after `grace` ms. */
async function stop(name: string, grace = 15_000) {
  const child = running[name];
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), grace);
    await exited(child);
    clearTimeout(timer);
  }
  delete running[name];
}

async function healthy(url: string, child: ChildProcess, name: string, timeout: number) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${tail(name)}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer /healthz within ${timeout / 1000} s:\n${tail(name)}`);
}

function tail(name: string): string {
  try {
    return fs.readFileSync(path.join(tmp, `${name}.log`), 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

function instance(name: 'a' | 'b', demo: boolean): ChildProcess {
  const args = ['serve', '--addr', `127.0.0.1:${ports[name]}`];
  if (demo) args.push('--demo');
  return start(name, bin, args, {
    DATABASE_URL: `${pgUrl}/${database}`,
    DANGBO_DATA_DIR: path.join(tmp, `data-${name}`),
    DANGBO_SITE_ROOT: siteRoot,
    // nginx connects from here: its X-Forwarded-For names the client.
    DANGBO_TRUSTED_PROXY: '127.0.0.1',
    RUST_LOG: 'warn',
  });
}

/**
 * The repo's nginx file with the test's ports, inside a main configuration
 * that keeps nginx's files in the temporary folder. The answer names the
 * instance that gave it (X-Instance: "127.0.0.1:A", or "A, B" when nginx
 * tried A first and then B).
 */
function nginxConfig(): string {
  const site = fs
    .readFileSync(path.resolve(__dirname, '../../server/deploy/nginx.conf'), 'utf8')
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${ports.a};`)
    .replace('server 127.0.0.1:3001;', `server 127.0.0.1:${ports.b};`)
    .replace(/listen 80;/, `listen 127.0.0.1:${ports.nginx};`);
  expect(site).toContain(`127.0.0.1:${ports.b}`);
  expect(site).toContain(`listen 127.0.0.1:${ports.nginx};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${path.join(tmp, 'nginx', t)};`)
    .join('\n');
  const conf = path.join(tmp, 'nginx.conf');
  fs.mkdirSync(path.join(tmp, 'nginx'), { recursive: true });
  fs.writeFileSync(
    conf,
    `worker_processes 1;\nevents { worker_connections 256; }\nhttp {\n  access_log ${path.join(tmp, 'nginx-access.log')};\n${temp}\n` +
      `  add_header X-Instance $upstream_addr always;\n${site}\n}\n`,
  );
  return conf;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dangbo-instances-'));
  // nginx's workers run as nobody when the test runs as root.
  fs.chmodSync(tmp, 0o755);
  execFileSync('psql', [`${pgUrl}/postgres`, '-qAtc', `CREATE DATABASE ${database}`]);
  // The first loads the demo (and migrates); the second starts on it.
  const a = instance('a', true);
  await healthy(A, a, 'a', 240_000);
  const b = instance('b', false);
  await healthy(B, b, 'b', 60_000);
  const conf = nginxConfig();
  execFileSync(nginx, ['-e', 'stderr', '-p', tmp, '-c', conf, '-t'], { stdio: 'pipe' });
  const n = start('nginx', nginx, ['-e', 'stderr', '-p', tmp, '-c', conf, '-g', `daemon off; pid ${path.join(tmp, 'nginx.pid')};`]);
  await healthy(NGINX, n, 'nginx', 10_000);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await stop('nginx');
  await Promise.all([stop('a'), stop('b')]);
  try {
    execFileSync('psql', [`${pgUrl}/postgres`, '-qAtc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]);
  } catch (e) {
    console.warn(`could not drop ${database}: ${e}`);
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) {
    for (const name of ['a', 'b', 'nginx']) console.log(`--- ${name}.log\n${tail(name)}`);
  }
});

async function logInAt(page: Page, origin: string, username: string) {
  await page.context().clearCookies();
  await open(page, `${origin}/dang-nhap`);
  await page.getByLabel('Số thẻ đảng viên hoặc e-mail').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.user-name')).toBeVisible();
}

/** The dashboard, opened at `origin`, shows the logged-in committee member. */
async function dashboardAt(page: Page, origin: string) {
  await open(page, `${origin}/thong-ke`);
  await expect(page.locator('.user-name')).toContainText('Lê Hữu Nhân');
  await expect(page.locator('#cam-ket .tk-lead')).toBeVisible();
}

async function context(browser: Browser) {
  const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  return { ctx, page: await ctx.newPage() };
}

test('a session started on one instance goes on on the other and through nginx', async ({ browser }) => {
  test.setTimeout(120_000);
  const { ctx, page } = await context(browser);
  // Logged in at A; the cookie (not bound to a port) opens B and nginx.
  await logInAt(page, A, BLOC);
  for (const origin of [B, NGINX, A]) await dashboardAt(page, origin);
  const cookies = await ctx.cookies();
  expect(cookies.filter((c) => c.name.startsWith('dangbo')).length).toBeGreaterThan(0);

  // Logged in through nginx (a form post: the Host nginx passes on must be
  // the one the browser's Origin names), then straight at each instance.
  await logInAt(page, NGINX, BLOC);
  for (const origin of [A, B]) await dashboardAt(page, origin);

  // Logged out through B: the session is gone on A too.
  await open(page, `${B}/thong-ke`);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.locator('.user-name')).toHaveCount(0);
  await open(page, `${A}/thong-ke`);
  await expect(page.locator('.user-name')).toHaveCount(0);
  await ctx.close();
});

/** The bloc's approved commitments, as the dashboard's lead sentence says. */
async function approved(page: Page): Promise<number> {
  const lead = (await page.locator('#cam-ket .tk-lead').textContent()) ?? '';
  const m = lead.match(/([\d.]+) đã được duyệt/);
  expect(m, lead).not.toBeNull();
  return Number(m![1].replace(/\./g, ''));
}

test('approvals through either instance reach a dashboard open through nginx within a second', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const committee = await context(browser);
  const dash = committee.page;
  await logInAt(dash, NGINX, BLOC);
  // The stream is open (its answer's headers came through nginx) before
  // anything is approved: it sends only what changes after it opened.
  const stream = dash.waitForResponse((r) => r.url().includes('/thong-ke/truc-tiep'));
  await open(dash, `${NGINX}/thong-ke`);
  const held = (await stream).headers()['x-instance'] ?? '';
  info.annotations.push({ type: 'stream held by', description: held });
  expect(held === `127.0.0.1:${ports.a}` || held === `127.0.0.1:${ports.b}`, held).toBe(true);
  let count = await approved(dash);

  const secretary = await context(browser);
  const sec = secretary.page;
  await logInAt(sec, A, CELL_SECRETARY);
  for (const [name, origin] of [
    ['A', A],
    ['B', B],
  ]) {
    await open(sec, `${origin}/duyet-cam-ket?loc=submitted`);
    await sec.locator('tr[data-state="submitted"] .rv-name a').first().click();
    const approve = sec.getByRole('button', { name: 'Duyệt', exact: true });
    await expect(approve).toBeVisible();
    const clicked = Date.now();
    await approve.click();
    await expect(sec.getByRole('status')).toBeVisible();
    const answered = Date.now();
    count += 1;
    // Within a second of the click that approved it, read in the page as
    // it changes (not by a coarse poll from here).
    const left = clicked + 1_000 - answered;
    expect(left, 'the approval itself took a second').toBeGreaterThan(0);
    await dash.waitForFunction(
      (want) => {
        const lead = document.querySelector('#cam-ket .tk-lead')?.textContent ?? '';
        const m = lead.match(/([\d.]+) đã được duyệt/);
        return m !== null && Number(m[1].replace(/\./g, '')) === want;
      },
      count,
      { polling: 'raf', timeout: left },
    );
    const seen = Date.now();
    const across = !held.endsWith(`:${name === 'A' ? ports.a : ports.b}`);
    info.annotations.push({
      type: `approved through ${name}${across ? ' (the other instance)' : ''}`,
      description: `on the dashboard ${seen - answered} ms after the answer, ${seen - clicked} ms after the click`,
    });
  }
  expect(await approved(dash)).toBe(count);
  await secretary.ctx.close();
  await committee.ctx.close();
});

test('stopping an instance loses none of the requests going through nginx', async () => {
  test.setTimeout(120_000);
  type Answer = { status: number; instance: string; at: number };
  const answers: Answer[] = [];
  let going = true;
  // Four clients, one request after the other each, kept-alive to nginx.
  const client = async () => {
    while (going) {
      const at = Date.now();
      try {
        const res = await fetch(`${NGINX}/`, { headers: { 'accept-language': 'vi' } });
        await res.arrayBuffer();
        answers.push({ status: res.status, instance: res.headers.get('x-instance') ?? '', at });
      } catch (e) {
        answers.push({ status: 0, instance: String(e), at });
      }
    }
  };
  const clients = [client(), client(), client(), client()];
  await new Promise((r) => setTimeout(r, 2_000));
  const before = answers.length;
  const stopped = Date.now();
  running.a.kill('SIGTERM');
  const code = await exited(running.a);
  const gone = Date.now();
  await new Promise((r) => setTimeout(r, 3_000));
  going = false;
  await Promise.all(clients);

  const failed = answers.filter((a) => a.status !== 200);
  expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
  expect(code, 'the stopped instance exits cleanly').toBe(0);
  // Both served before the stop; only B after A was gone.
  const served = (port: number, list: Answer[]) => list.filter((a) => a.instance.endsWith(`:${port}`)).length;
  expect(served(ports.a, answers.slice(0, before))).toBeGreaterThan(0);
  expect(served(ports.b, answers.slice(0, before))).toBeGreaterThan(0);
  const after = answers.filter((a) => a.at > gone + 100);
  expect(after.length).toBeGreaterThan(0);
  expect(served(ports.a, after)).toBe(0);
  const retried = answers.filter((a) => a.instance.includes(','));
  test.info().annotations.push({
    type: 'requests',
    description:
      `${answers.length} answered 200 (${before} before the stop); A took ${gone - stopped} ms to stop; ` +
      `${retried.length} sent to A first and answered by B`,
  });
  delete running.a;
});
