// nojs.test.mjs: what works with JavaScript turned off, and the plain
// words of pages that fail. Sign-in is a server-rendered form: a wrong
// password comes back with the GOV.UK error pattern and the login kept;
// an account with one-time codes is asked for its code; a form without
// its token is refused; the right answers sign in and go to ?next=. An
// unknown address gives browsers an HTML page with the header and a way
// back, and API clients the JSON error. With scripts on, a refused import
// lists each problem with where it is in the file, in words, and no API
// parameter ("dry_run").
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/nojs.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs, totp } from './harness.mjs';

let server;
let browser;
const contexts = [];

async function noJsPage() {
  const ctx = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false,
    viewport: { width: 1100, height: 900 } });
  contexts.push(ctx);
  return ctx.newPage();
}

const signedInAs = async (page) => {
  const r = await page.context().request.get('/api/v1/session');
  return r.ok() ? (await r.json()).user.login : null;
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('sign-in without JavaScript', () => {
  it('refuses a wrong password in the GOV.UK pattern, then signs in', async () => {
    const page = await noJsPage();
    const jm = server.users['ncpoc.jm'];
    await page.goto('/login?next=%2Fincidents');
    assert.ok(await page.locator('#signin').isVisible(), 'the form shows without scripts');
    await page.fill('#login', jm.login);
    await page.fill('#password', jm.password + 'x');
    const [res] = await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.equal(res.status(), 401);
    assert.match(await page.title(), /^Error: Sign in/);
    assert.match(await page.locator('.error-summary').textContent(), /The login or password is wrong/);
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#password');
    assert.match(await page.locator('#password-error').textContent(), /wrong/);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.inputValue('#login'), jm.login, 'the login is kept');
    assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');
    assert.equal(await signedInAs(page), null);
    await shot(page, 'nojs-signin-error');

    await page.fill('#password', jm.password);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.equal(new URL(page.url()).pathname, '/incidents', 'goes to ?next=');
    assert.equal(await signedInAs(page), 'ncpoc.jm');
  });

  it('asks an account with one-time codes for its code', async () => {
    const page = await noJsPage();
    const admin = server.users.admin;
    assert.ok(admin.totpSecret, 'the demo admin uses one-time codes');
    await page.goto('/login');
    await page.fill('#login', admin.login);
    await page.fill('#password', admin.password);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.ok(await page.locator('#code').isVisible(), 'the code field shows');
    assert.match(await page.locator('h1').textContent(), /one-time code/);
    assert.match(await page.locator('#code-error').textContent(), /6-digit code/);
    assert.equal(await signedInAs(page), null);
    await page.fill('#code', '12ab');
    await page.fill('#password', admin.password);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.match(await page.locator('#code-error').textContent(), /Enter the 6-digit code/);
    await page.fill('#password', admin.password);
    await page.fill('#code', totp(admin.totpSecret));
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await signedInAs(page), 'admin');
  });

  it('refuses a form without its token and an address elsewhere', async () => {
    const jm = server.users['ncpoc.jm'];
    const body = new URLSearchParams({ login: jm.login, password: jm.password, next: '/' });
    const r = await fetch(server.base + '/login', { method: 'POST', body, redirect: 'manual' });
    assert.equal(r.status, 403);
    assert.match(await r.text(), /The sign-in form had expired/);
    assert.equal(r.headers.get('set-cookie').includes('ccscap_session='), false);

    const page = await noJsPage();
    await page.goto('/login?next=' + encodeURIComponent('//evil.example/x'));
    await page.fill('#login', jm.login);
    await page.fill('#password', jm.password);
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    assert.equal(new URL(page.url()).origin, server.base, 'stays on this site');
    assert.equal(new URL(page.url()).pathname, '/');
  });
});

describe('an unknown address', () => {
  it('gives browsers a page with the header and a way back', async () => {
    const page = await noJsPage();
    const res = await page.goto('/no-such-page');
    assert.equal(res.status(), 404);
    assert.match(res.headers()['content-type'], /text\/html/);
    assert.match(await page.locator('h1').textContent(), /Page not found/);
    assert.ok(await page.locator('header nav a[href="/directory"]').count() > 0, 'the header is there');
    await page.click('#home-link');
    assert.equal(new URL(page.url()).pathname, '/');
    await shot(page, 'nojs-404');
  });

  it('keeps the JSON error for API clients', async () => {
    for (const path of ['/no-such-page', '/api/v1/no-such-thing']) {
      const r = await fetch(server.base + path, { headers: { Accept: 'application/json' } });
      assert.equal(r.status, 404);
      assert.equal((await r.json()).error.code, 'not_found', path);
    }
    const api = await fetch(server.base + '/api/v1/no-such-thing', { headers: { Accept: 'text/html' } });
    assert.equal((await api.json()).error.code, 'not_found', 'API paths answer JSON to anyone');
  });
});

describe('a refused import', () => {
  it('lists each problem in words with where it is, no API terms', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'ncpoc.jm');
    const dir = mkdtempSync(join(tmpdir(), 'ccscap-nojs-'));
    const file = join(dir, 'bad.json');
    const t = '2024-05-01T00:00:00.000Z';
    writeFileSync(file, JSON.stringify({
      type: 'bundle', id: 'bundle--6d7a6a8e-1b5f-4c3a-9a55-0d6f0e1c2b3a',
      objects: [{
        type: 'indicator', spec_version: '2.1', id: 'indicator--2f1e0c5a-3b4d-4e6f-8a9b-1c2d3e4f5a6b',
        created: t, modified: t, valid_from: t, pattern_type: 'stix', pattern: "[domain-name:value = 'x.example'",
      }],
    }));
    try {
      await page.goto('/import');
      await page.locator('#import-form').waitFor({ state: 'visible' });
      await page.selectOption('#format', 'stix');
      await page.setInputFiles('#file', file);
      await page.click('#send');
      const list = page.locator('#import-errors');
      await list.waitFor();
      const text = await list.textContent();
      assert.match(text, /Object 1 in the file/);
      assert.match(text, /objects\[0\]/);
      const all = await page.locator('main').textContent();
      assert.doesNotMatch(all, /dry_run/);
      assert.match(await page.locator('.error-summary').textContent(), /Nothing was imported/);
      await shot(page, 'import-refused');
      noProblems(page);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
