// admin.test.mjs: administration in the browser. The administrator resets
// Jamaica's NCPOC's one-time code on /admin, reads the new secret once,
// and the NCPOC can then sign in only with a code from it; the audit trail
// on the same page shows the reset (filtered by action) and "Verify the
// chain" finds it intact. The administrator also creates an account and
// an API token that works; a coordinator sees the claims and the audit
// trail but no accounts; an NCPOC is told the page is not for them.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/admin.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs, listSettled, totp } from './harness.mjs';

let server;
let browser;
const contexts = [];
let adminPage; // one sign-in: a one-time code is accepted once

const newPage = async () => {
  const p = await openPage(browser, server, contexts);
  p.on('dialog', (d) => d.accept());
  return p;
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

describe('administration', () => {
  it('an administrator resets a one-time code, and only the new one works', async () => {
    const page = await newPage();
    adminPage = page;
    await signInAs(page, server, 'admin');
    await page.goto('/admin');
    const row = page.locator('#user-ncpoc\\.jm');
    await row.waitFor();
    assert.match(await row.textContent(), /None/, 'no one-time code yet');
    await row.getByRole('button', { name: /Reset one-time code/ }).click();
    const box = page.locator('#secret-box');
    await box.waitFor();
    const secret = (await box.locator('code').first().textContent()).trim();
    assert.match(secret, /^[A-Z2-7]{16,}=*$/);
    assert.match(await page.locator('#user-ncpoc\\.jm').textContent(), /In use/);
    await shot(page, 'admin-totp-reset');

    // The NCPOC must now give a code from the new secret.
    const jm = await newPage();
    const u = server.users['ncpoc.jm'];
    await jm.goto('/login');
    await jm.fill('#login', u.login);
    await jm.fill('#password', u.password);
    await jm.click('#submit');
    await jm.locator('#code').waitFor({ state: 'visible' });
    await jm.fill('#code', totp(secret));
    await jm.click('#submit');
    await jm.waitForURL((url) => url.pathname !== '/login');
    await jm.locator('#who .who-name').waitFor();

    // The audit trail shows it, and the chain is intact.
    await page.goto('/audit');
    await page.fill('#f-action', 'totp.reset');
    await page.click('#audit-filters button[type="submit"]');
    await page.locator('#audit-count').filter({ hasText: /^Showing 1–1 of 1 event$/ }).waitFor();
    assert.match(await page.locator('#audit-table tbody').textContent(), /admin[\s\S]*totp\.reset/);
    await page.click('#verify');
    await page.locator('#verify-result .success').waitFor();
    assert.match(await page.locator('#verify-result').textContent(), /intact/);
    noProblems(page);
    noProblems(jm);
  });

  it('creates an account and an API token that works', async () => {
    const page = adminPage;
    await page.goto('/admin');
    await page.locator('#user-form').waitFor({ state: 'visible' });
    await page.fill('#u-login', 'Bad Login');
    await page.click('#user-send');
    await page.locator('#u-login-error').waitFor();
    await page.fill('#u-login', 'cert.jm2');
    await page.fill('#u-name', 'Second JM CERT');
    await page.selectOption('#u-role', 'cert');
    await page.selectOption('#u-state', 'JM');
    await page.fill('#u-password', 'a long enough password 1');
    await page.click('#user-send');
    const row = page.locator('#user-cert\\.jm2');
    await row.waitFor();
    await row.getByRole('button', { name: /Manage/ }).click();
    await page.locator('#user-panel').waitFor({ state: 'visible' });
    await page.fill('#token-name', 'MISP feed');
    await page.click('#token-send');
    const box = page.locator('#secret-box');
    await box.waitFor();
    const token = (await box.locator('code').textContent()).trim();
    const me = await fetch(server.base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } });
    assert.equal((await me.json()).login, 'cert.jm2');
    const trow = page.locator('#token-table tbody tr', { hasText: 'MISP feed' });
    await trow.getByRole('button', { name: /Revoke/ }).click();
    await trow.getByText('Revoked').waitFor();
    const again = await fetch(server.base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } });
    assert.equal(again.status, 401);
    noProblems(page);
  });

  it('shows coordinators the claims and the audit trail, not accounts', async () => {
    const page = await newPage();
    await signInAs(page, server, 'coordinator');
    await page.goto('/admin');
    await page.locator('#audit-link').waitFor();
    assert.ok(await page.locator('#claims').isVisible());
    assert.ok(await page.locator('#accounts').isHidden());
    noProblems(page);
    // the audit trail: list.js, filtered by action prefix, with its CSV
    await page.click('#audit-link');
    await page.locator('#audit-table tbody tr').first().waitFor();
    assert.match(await page.locator('#audit-count').textContent(), /^Showing 1–\d+ of [\d,]+ events?$/);
    await page.fill('#f-action', 'user.');
    await page.click('#audit-filters button[type=submit]');
    await page.waitForURL(/action=user\./);
    await listSettled(page);
    await page.locator('#audit-table tbody tr').first().waitFor();
    for (const t of await page.locator('#audit-table tbody tr td:nth-child(4)').allTextContents()) {
      assert.ok(t.startsWith('user.'), t);
    }
    assert.match(await page.locator('a.download-csv').getAttribute('href'), /\/api\/v1\/audit\?.*action=user\..*format=csv/);
    await page.click('#verify');
    await page.locator('#verify-result .success').waitFor();
    noProblems(page);

    const jm = await newPage();
    await signInAs(jm, server, 'cert.bb');
    await jm.goto('/admin');
    await jm.locator('#gate .error-summary').waitFor();
    assert.match(await jm.locator('#gate').textContent(), /for administrators and coordinators/);
  });
});
