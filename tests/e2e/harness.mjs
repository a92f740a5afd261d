// harness.mjs: what the browser tests need around the browser: a fresh demo
// database, the demo sign-in details, a running `ccscap serve` on a free
// port, RFC 6238 one-time codes and Debian's Chromium. Builds nothing.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = join(ROOT, 'test-output', 'e2e');
const BIN = resolve(ROOT, process.env.CCSCAP_BIN || 'build/src/cli/ccscap');

/**
 * Parses the file written by `ccscap init --demo --demo-credentials`:
 *   "  admin        password XXXX  role admin"
 *   "               one-time code secret BASE32"
 * Returns {login: {password, role, state, totpSecret}}.
 */
export function parseCredentials(text) {
  const users = {};
  let last = null;
  for (const line of text.split('\n')) {
    let m = /^\s+(\S+)\s+password\s+(\S+)\s+role\s+(\S+)(?:\s+([A-Z]{2}))?\s*$/.exec(line);
    if (m) {
      last = users[m[1]] = { login: m[1], password: m[2], role: m[3], state: m[4] || null };
      continue;
    }
    m = /^\s+one-time code secret\s+([A-Z2-7]+=*)\s*$/.exec(line);
    if (m && last) last.totpSecret = m[1];
  }
  return users;
}

function base32Decode(s) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const i = abc.indexOf(ch);
    if (i < 0) throw new Error('bad base32 character ' + ch);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP: HMAC-SHA1, 30-second steps, 6 digits. */
export function totp(secretB32, when = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(when / 1000 / 30)));
  const mac = createHmac('sha1', base32Decode(secretB32)).update(counter).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const n = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(n % 1e6).padStart(6, '0');
}

/** Starts a demo server; resolves to {base, users, db (SQLite file), stop()}. */
export async function startServer() {
  if (!existsSync(BIN)) {
    throw new Error(`no ccscap binary at ${BIN}: build it first (meson setup build && ninja -C build) or set CCSCAP_BIN`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ccscap-e2e-'));
  // run as root, serve becomes its service user (ccscap) after start-up
  // and then writes evidence here: let it pass through (not list)
  if (process.getuid && process.getuid() === 0) chmodSync(dir, 0o711);
  const db = 'sqlite:' + join(dir, 'e2e.db');
  const creds = join(dir, 'creds.txt');
  execFileSync(BIN, ['init', '--demo', '--db', db, '--demo-credentials', creds],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const users = parseCredentials(readFileSync(creds, 'utf8'));
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const base = await new Promise((ok, fail) => {
    let buf = '';
    const timer = setTimeout(() => fail(new Error('server did not start: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const m = /ccscap listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(buf.slice(0, nl));
      if (m) ok(m[1]); else fail(new Error('unexpected first line: ' + buf.slice(0, nl)));
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}): ${stderr}`)); });
  });
  proc.stdout.resume();
  return {
    base,
    users,
    db: db.slice('sqlite:'.length),
    async stop() {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  mkdirSync(OUT, { recursive: true });
  const exe = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(exe)) {
    throw new Error(`no Chromium at ${exe}: apt-get install -y chromium (never download a browser)`);
  }
  return chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function shot(page, name) {
  return page.screenshot({ path: join(OUT, name + '.png'), fullPage: true });
}

/**
 * A fresh browser context (own cookies) on @server, remembered in
 * @contexts for closing; its page records script errors and CSP violations
 * in page.problems.
 */
export async function openPage(browser, server, contexts,
  viewport = { width: 1100, height: 900 }) {
  const ctx = await browser.newContext({ baseURL: server.base, viewport });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|SyntaxError|TypeError|ReferenceError/i.test(m.text())) {
      page.problems.push('console: ' + m.text());
    }
  });
  return page;
}

export function noProblems(page) {
  assert.deepEqual(page.problems, [], 'no script errors or CSP violations');
}

/** Waits until every list on the page has its rows: web/common/list.js
 * keeps the old rows on screen, its host aria-busy, while the next page
 * loads, so after a filter, a sort or a pager link wait for this before
 * reading the rows. */
export async function listSettled(page) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

/** Signs in as demo user @login through the login page (with the one-time
 * code step when the account has one); returns the user. */
export async function signInAs(page, server, login) {
  const u = server.users[login];
  assert.ok(u, `demo user ${login} in the credentials file`);
  await page.goto('/login');
  await page.fill('#login', u.login);
  await page.fill('#password', u.password);
  await page.click('#submit');
  if (u.totpSecret) {
    await page.locator('#code').waitFor({ state: 'visible' });
    await page.fill('#code', totp(u.totpSecret));
    await page.click('#submit');
  }
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('#who .who-name').waitFor();
  return u;
}

/**
 * Follows the header link called @text: the plan areas are disclosure
 * menus (web/common/ui.js), so the menu holding the link is opened first,
 * as a user would.
 */
export async function navClick(page, text) {
  const link = page.locator(`.top nav a:text-is("${text}")`);
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) {
    await page.locator('.top nav .nav-group', { has: page.locator(`a:text-is("${text}")`) })
      .locator('.nav-group-button').click();
  }
  await link.click();
}
