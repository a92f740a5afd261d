// reporting-triage.test.mjs: a public report from a reporter without
// JavaScript to a triager's incident and back to the reporter, in a real
// browser against a real demo server. The reporter files a fraud report
// on the public form (JavaScript off: the proof of work's fallback) and
// keeps the reference and secret; JM's NCPOC finds it in the queue with
// its clock, opens it, tries a priority below nothing (the workflow
// refuses a referral of an unclassified report), classifies it, writes
// an update for the reporter and converts it into an incident in one
// step; the incident exists with the reported phone number as an
// indicator; the reporter's follow-up page shows "Under investigation"
// and the update. Screenshots: triage-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/reporting-triage.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs,
} from './harness.mjs';

let server;
let browser;
const contexts = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

/** A page in a fresh context without JavaScript, as a reporter may be. */
async function noScriptPage() {
  const ctx = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false,
    viewport: { width: 375, height: 800 } });
  contexts.push(ctx);
  return ctx.newPage();
}

describe('public report triage', () => {
  it('goes from an anonymous report to an incident and back to the reporter', async () => {
    const tag = Date.now().toString(36);
    // 1. The reporter, JavaScript off.
    const rep = await noScriptPage();
    await rep.goto('/report?lang=en&category=fraud');
    await rep.selectOption('select[name=state]', 'JM');
    await rep.check('input[name=victim_type][value=individual]');
    await rep.fill('[name=what]', `A caller said my bank account was frozen and took my savings (${tag}).`);
    await rep.fill('[name=sus_phones]', '+1 876 555 0163');
    await rep.click('form.report-form button[type=submit]');
    await rep.locator('#reference').waitFor();
    const reference = (await rep.locator('#reference').textContent()).trim();
    const secret = (await rep.locator('#secret').textContent()).trim();
    assert.match(reference, /^R-/);
    await shot(rep, 'triage-01-reference-and-secret');

    // 2. JM's NCPOC: the queue and its clock.
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'ncpoc.jm');
    const nav = page.locator('.top nav a[href="/triage"]');
    await nav.waitFor({ state: 'attached' });
    await page.goto('/triage');
    await page.locator('#content').waitFor({ state: 'visible' });
    assert.match(await page.locator('#clock-list').textContent(), /Waiting for a first look/);
    const row = page.locator('#queue tbody tr', { hasText: reference });
    await row.waitFor();
    assert.match(await row.textContent(), /Fraud and scams/);
    await shot(page, 'triage-02-queue');
    await row.locator('a').click();
    await page.waitForURL(/\/triage-report\?id=\d+/);
    const id = Number(new URL(page.url()).searchParams.get('id'));
    await page.locator('#content').waitFor({ state: 'visible' });
    assert.match(await page.locator('#report-body').textContent(), new RegExp(tag));

    // 3. Classify: without a type the form says so beside the field.
    await page.click('#c-save');
    await page.locator('#classify .error-summary').waitFor();
    assert.equal(await page.locator('#classify .error-summary a').getAttribute('href'), '#c-rsit');
    await shot(page, 'triage-03-classify-error');
    await page.selectOption('#c-rsit', 'fraud:phishing');
    await page.selectOption('#c-priority', 'high');
    await page.click('#c-save');
    await page.locator('#flash .notice').waitFor();
    assert.equal((await page.locator('#status').textContent()).trim(), 'Triaged');

    // 4. An update the reporter will see.
    await page.fill('#u-body', 'Thank you. We have passed this to the police cyber crime unit.');
    await page.check('#u-rep');
    await page.click('#u-save');
    await page.locator('#flash .notice').waitFor();
    await page.locator('#updates li', { hasText: 'police cyber crime unit' }).waitFor();

    // 5. Convert to incident in one step.
    await page.click('#v-save');
    await page.locator('#incident-link-a').waitFor();
    assert.equal((await page.locator('#status').textContent()).trim(), 'Under investigation');
    await shot(page, 'triage-04-converted');
    noProblems(page);
    const incHref = await page.locator('#incident-link-a').getAttribute('href');
    const incId = Number(new URL(incHref, server.base).searchParams.get('id'));

    // 6. The incident exists, AMBER, with the phone as an indicator.
    const inc = await page.evaluate(async (i) => (await fetch(`/api/v1/incidents/${i}`)).json(), incId);
    assert.equal(inc.sharing.tlp, 'amber');
    assert.ok(inc.indicators.some((x) => x.value === '+18765550163'), JSON.stringify(inc.indicators));
    assert.match(inc.title, new RegExp(reference));
    const again = await page.evaluate(async (i) => (await fetch(`/api/v1/public-reports/${i}`)).json(), id);
    assert.equal(again.triage.incident_id, incId);
    await page.goto(incHref);
    await page.locator('main h1').waitFor();
    await shot(page, 'triage-05-incident');

    // 7. The reporter's follow-up page, JavaScript still off.
    await rep.goto('/report/follow-up?lang=en');
    await rep.fill('#f-reference', reference);
    await rep.fill('#f-secret', secret);
    await rep.click('form button[type=submit]');
    await rep.locator('#report-status').waitFor();
    assert.equal(await rep.locator('#report-status').getAttribute('data-status'), 'investigating');
    assert.match(await rep.locator('#report-update').textContent(), /police cyber crime unit/);
    await shot(rep, 'triage-06-follow-up');
  });

  it('shows a report of another state to nobody there', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'cert.bb');
    const r = await page.evaluate(async () => {
      const q = await fetch('/api/v1/public-reports');
      return { status: q.status, body: await q.json() };
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.filter((x) => x.state === 'JM').length, 0);
    await page.goto('/triage-report?id=1');
    await page.locator('#gate .error-summary').waitFor();
    assert.match(await page.locator('#gate').textContent(), /no public report here that you may read/);
    await shot(page, 'triage-07-other-state');
  });
});
