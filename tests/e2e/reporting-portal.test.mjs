// reporting-portal.test.mjs: the public reporting portal in a real browser
// against a real demo server. An anonymous report sent with JavaScript
// off gets a reference and a secret, and the follow-up page shows its
// status (then the status a team sets); the child exploitation form
// offers no upload and a forged multipart upload is refused; French and
// Spanish pages render in their language; axe-core finds no WCAG 2.1 A/AA
// violation on the public pages; no cookie is set.
// Screenshots: reporting-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/reporting-portal.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, noProblems, ROOT } from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const PHONE = { width: 375, height: 800 };
let server;
let browser;
const contexts = [];

async function context(opts = {}) {
  const ctx = await browser.newContext({ baseURL: server.base, viewport: { width: 1000, height: 900 }, ...opts });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|SyntaxError|TypeError|ReferenceError/i.test(m.text())) {
      page.problems.push('console: ' + m.text());
    }
  });
  return { ctx, page };
}

/** Fills the fraud form's required answers. */
async function fillFraud(page, what) {
  await page.selectOption('#f-state', 'JM');
  await page.check('#f-victim_type');
  await page.fill('#f-what', what);
}

async function axeClean(page, what) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${what}`);
}

function sql(query) {
  return execFileSync('sqlite3', [server.db.replace(/^sqlite:/, ''), query], { encoding: 'utf8' }).trim();
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('public reporting portal', () => {
  let ref;
  let secret;

  it('takes an anonymous report with JavaScript off and shows its status', async () => {
    const { ctx, page } = await context({ javaScriptEnabled: false, viewport: PHONE });
    await page.goto('/report');
    await shot(page, 'reporting-01-kind-nojs-phone');
    await page.check('input[name=category][value=fraud]');
    await page.click('button[type=submit]');
    await page.waitForURL(/category=fraud/);
    await page.locator('#f-what').waitFor();
    // a first try without answers: the GOV.UK error summary
    await page.click('button[type=submit]');
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.locator('.error-summary a').first().getAttribute('href'), '#f-state');
    await shot(page, 'reporting-02-errors-nojs');
    await fillFraud(page, 'A fake shop took 80 USD. <script>alert(1)</script>');
    await page.fill('#f-amount', '80');
    await page.fill('#f-currency', 'USD');
    await page.click('button[type=submit]');
    await page.locator('#reference').waitFor();
    ref = (await page.locator('#reference').textContent()).trim();
    secret = (await page.locator('#secret').textContent()).trim();
    assert.match(ref, /^R-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.match(secret, /^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
    await shot(page, 'reporting-03-received-nojs');
    await page.goto('/report/follow-up');
    await page.fill('#f-reference', ref);
    await page.fill('#f-secret', secret);
    await page.click('button[type=submit]');
    await page.locator('#report-status').waitFor();
    assert.equal(await page.locator('#report-status').getAttribute('data-status'), 'submitted');
    assert.ok(!page.url().includes(secret), 'the secret is never in the URL');
    await shot(page, 'reporting-04-follow-up');
    // a team moves it on; the reporter sees the new status and update
    sql(`UPDATE public_reports SET status = 'referred', reporter_update = 'Passed to the police cyber unit.', reporter_update_at = created_at WHERE reference = '${ref}'`);
    await page.goto('/report/follow-up');
    await page.fill('#f-reference', ref);
    await page.fill('#f-secret', secret.toLowerCase());
    await page.click('button[type=submit]');
    await page.locator('#report-status').waitFor();
    assert.equal(await page.locator('#report-status').getAttribute('data-status'), 'referred');
    assert.match(await page.locator('#report-update').textContent(), /police cyber unit/);
    await shot(page, 'reporting-05-follow-up-referred');
    assert.deepEqual(await ctx.cookies(), [], 'no cookie is ever set');
    // the duplicate-free narrative is stored sealed
    assert.equal(sql(`SELECT COUNT(*) FROM public_reports WHERE body_enc LIKE '%fake shop%'`), '0');
  });

  it('offers no upload for child exploitation and refuses a forged one', async () => {
    const { page } = await context();
    await page.goto('/report?category=child_exploitation');
    assert.equal(await page.locator('input[type=file]').count(), 0);
    assert.match(await page.locator('#no-files').textContent(), /accepts no files/);
    await shot(page, 'reporting-06-child-exploitation');
    const before = sql('SELECT COUNT(*) FROM public_reports');
    const html = await page.content();
    const ch = /name="pow_challenge" value="([^"]*)"/.exec(html)[1].replace(/&amp;/g, '&');
    const r = await page.request.post('/report', {
      multipart: {
        lang: 'en', category: 'child_exploitation', state: 'JM', victim_type: 'individual',
        what: 'Seen on a forum', sus_urls: 'https://bad.example/x', pow_challenge: ch, pow_nonce: '',
        evidence: { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n0000', 'binary') },
      },
    });
    assert.equal(r.status(), 400);
    assert.match(await r.text(), /Files cannot be sent with a report of child exploitation/);
    assert.equal(sql('SELECT COUNT(*) FROM public_reports'), before);
    assert.equal(sql('SELECT COUNT(*) FROM public_report_files'), '0');
  });

  it('solves the proof of work with JavaScript on', async () => {
    const { page } = await context();
    const nojs = "SELECT COALESCE(SUM(hits), 0) FROM public_report_throttle WHERE bucket = 'nojs'";
    const before = sql(nojs);
    await page.goto('/report?category=fraud');
    await fillFraud(page, 'Account takeover of my shop page, with JavaScript.');
    await page.click('button[type=submit]');
    await page.locator('#reference').waitFor({ timeout: 60000 });
    // solved: counted under the ordinary limit, not the stricter one
    assert.equal(sql(nojs), before);
    // the print button is added by the page's script once it has run
    await page.locator('button[data-print]').waitFor({ state: 'visible', timeout: 10000 });
    noProblems(page);
  });

  it('renders French and Spanish pages in their language', async () => {
    const { page } = await context({ locale: 'es-DO', extraHTTPHeaders: { 'Accept-Language': 'es-DO,es;q=0.9' } });
    await page.goto('/report');
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Denunciar un delito cibernético');
    await shot(page, 'reporting-07-es');
    await page.click('a[hreflang=fr]');
    await page.waitForURL(/lang=fr/);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Signaler un acte de cybercriminalité');
    await page.goto('/report?category=fraud&lang=fr');
    await page.click('button[type=submit]');
    await page.locator('.error-summary').waitFor();
    assert.match(await page.locator('.error-summary h2').textContent(), /Il y a un problème/);
    await shot(page, 'reporting-08-fr-errors');
  });

  it('has no axe-core violation on the public pages', async () => {
    const { page } = await context({ bypassCSP: true });
    const pages = ['/report', '/report?category=fraud', '/report?category=child_exploitation&lang=nl',
      '/report/follow-up?lang=es', '/report/figures?lang=fr'];
    for (const p of pages) {
      await page.goto(p);
      await axeClean(page, p);
    }
    await page.goto('/report?category=fraud');
    await page.click('button[type=submit]');
    await page.locator('.error-summary').waitFor();
    await axeClean(page, 'the form with errors');
    await page.goto('/report/follow-up');
    await page.fill('#f-reference', ref);
    await page.fill('#f-secret', secret);
    await page.click('button[type=submit]');
    await page.locator('#report-status').waitFor();
    await axeClean(page, 'the follow-up page');
    await page.goto('/report?category=ransomware');
    await fillFraud(page, 'Files encrypted, ransom note left.');
    await page.click('button[type=submit]');
    await page.locator('#reference').waitFor({ timeout: 60000 });
    await axeClean(page, 'the confirmation page');
    await page.goto('/report/figures');
    await shot(page, 'reporting-09-figures');
  });
});
