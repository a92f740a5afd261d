// sharing.test.mjs: the information-sharing pages in a real browser against
// a real demo server. Jamaica's NCPOC reports a phishing domain at
// TLP:GREEN through the form; Barbados' CERT reports the same domain,
// defanged, at TLP:AMBER; each then sees what TLP 2.0 lets them see of the
// other's report (JM: a count above its clearance; BB: JM's sighting), the
// RIFC analyst sees the cross-state cluster; plus the lookup, search, the
// status control's stale-version refusal and the state queue.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/sharing.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs, navClick } from './harness.mjs';

let server;
let browser;
const contexts = [];
const DOMAIN = 'secure-ncb-login.com';
const ids = {};             // incident ids by state

const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);

/** An API call from the page, with the session's CSRF token. */
function apiCall(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, {
      method: m,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b),
    });
    return { status: r.status, body: await r.json() };
  }, [method, path, body]);
}

/** Fills the report form (the page is on /incident-new). */
async function fillReport(page, r) {
  await page.locator('#report').waitFor({ state: 'visible' });
  await page.fill('#title', r.title);
  await page.fill('#description', r.description);
  await page.selectOption('#rsit_class', 'fraud');
  await page.selectOption('#rsit_type', 'phishing');
  await page.selectOption('#severity', r.severity);
  // the sector list is folded away (issue 11: a short tab order)
  if (r.sectors && r.sectors.length) await page.click('#more > summary');
  for (const s of r.sectors || []) await page.check(`input[name="sectors"][value="${s}"]`);
  await page.selectOption('#tlp', r.tlp);
  await page.fill('#indicators', r.indicators);
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

describe('information sharing under TLP 2.0', () => {

  it('lets the Jamaica NCPOC report a TLP:GREEN incident, with the server refusing a bad indicator on its line', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    const nav = await page.locator('.top nav a').allTextContents();
    assert.ok(nav.includes('Incidents') && nav.includes('Queue') && nav.includes('Search'), nav.join());
    assert.ok(!nav.includes('Clusters'), 'clusters are for RIFC analysts only');
    await navClick(page, 'Incidents');
    await page.waitForURL(/\/incidents$/);
    await page.click('#report-link a');
    await page.waitForURL(/\/incident-new$/);
    // Nothing filled in: the error summary links to each field.
    await page.locator('#report').waitFor({ state: 'visible' });
    await page.click('#send');
    await page.locator('.error-summary').waitFor();
    const missing = await page.locator('.error-summary li').allTextContents();
    assert.ok(missing.includes('Choose the TLP marking'), missing.join('|'));
    assert.equal(await page.locator('#title').getAttribute('aria-invalid'), 'true');

    await fillReport(page, {
      title: 'Phishing site copying the NCB sign-in page',
      description: 'Customers received SMS messages linking to a copy of the bank sign-in page.',
      severity: 'high', sectors: ['financial-services'], tlp: 'green',
      indicators: `domain ${DOMAIN}\n\nipv4 300.1.1.1`,
    });
    assert.equal(await page.locator('#amber-more').isVisible(), false, 'share_states only for AMBER');
    assert.equal(await page.locator('#red-more').isVisible(), false, 'recipients only for RED');
    await page.click('#send');
    const err = page.locator('#indicators-error');
    await err.waitFor();
    assert.match(await err.textContent(), /Line 3 \(“ipv4 300\.1\.1\.1”\): not a dotted-quad IPv4 address/);
    assert.match(await page.locator('.error-summary').textContent(), /Line 3/);
    await shot(page, 'sharing-01-report-server-error');

    await page.fill('#indicators', `domain ${DOMAIN}`);
    await page.click('#send');
    await page.waitForURL(/\/incident\?id=\d+$/);
    ids.JM = Number(new URL(page.url()).searchParams.get('id'));
    await page.locator('#record').waitFor({ state: 'visible' });
    assert.equal((await page.locator('#marking .tlp--big').textContent()).trim(), 'TLP:GREEN');
    assert.match(await page.locator('#flash').textContent(), /stored as incident #\d+ with 1 indicator/);
    assert.match(await page.locator('#details').textContent(), /Critical infrastructureYes/);
    await shot(page, 'sharing-02-jm-incident-new');
    noProblems(page);
  });

  it('lets the Barbados CERT report the same domain, defanged, at TLP:AMBER and see Jamaica\'s sighting', async () => {
    const page = await newPage();
    await signIn(page, 'cert.bb');
    await page.goto('/incident-new');
    await fillReport(page, {
      title: 'Credential phishing against bank customers',
      description: 'A look-alike domain collects sign-in details.',
      severity: 'medium', tlp: 'amber',
      indicators: 'domain secure-ncb-login[.]com',
    });
    assert.equal(await page.locator('#amber-more').isVisible(), true);
    assert.match(await page.locator('#tlp-meaning').textContent(), /RIFC/);
    await shot(page, 'sharing-03-bb-report-form-amber');
    await page.click('#send');
    await page.waitForURL(/\/incident\?id=\d+$/);
    ids.BB = Number(new URL(page.url()).searchParams.get('id'));
    await page.locator('#record').waitFor({ state: 'visible' });
    assert.equal((await page.locator('#marking .tlp--big').textContent()).trim(), 'TLP:AMBER');
    assert.match(await page.locator('#marking').textContent(), /Also shared with statesNo other state/);
    const row = page.locator(`#indicator-table tr[data-value="${DOMAIN}"]`);
    const seen = await row.locator('.matches').textContent();
    assert.match(seen, new RegExp(`Also seen in JM \\(incident #${ids.JM}, TLP:GREEN\\)`));
    assert.equal(await row.locator(`.matches a[href="/incident?id=${ids.JM}"]`).count(), 1);
    await shot(page, 'sharing-04-bb-incident-sees-jm');
    noProblems(page);
  });

  it('shows Jamaica a count of the sighting above its clearance, never its content', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await page.goto(`/incident?id=${ids.JM}`);
    await page.locator('#record').waitFor({ state: 'visible' });
    const row = page.locator(`#indicator-table tr[data-value="${DOMAIN}"]`);
    const seen = await row.locator('.matches').textContent();
    assert.match(seen, /1 sighting in records above your clearance/);
    assert.doesNotMatch(seen, /BB|Barbados|Credential phishing/);
    await shot(page, 'sharing-05-jm-incident-restricted');

    // The list shows JM's own GREEN incident, not BB's AMBER one.
    await navClick(page, 'Incidents');
    await page.locator('#incidents').waitFor();
    assert.equal(await page.locator(`#incident-${ids.JM} .tlp`).textContent(), 'TLP:GREEN');
    assert.equal(await page.locator(`#incident-${ids.BB}`).count(), 0);
    await page.selectOption('#severity', 'low');
    await page.click('#apply');
    await page.waitForURL(/severity=low/);
    await page.locator('#count:text("No incidents")').waitFor();
    await page.goBack();
    await page.locator(`#incident-${ids.JM}`).waitFor();
    await shot(page, 'sharing-06-incidents-list');

    // BB's incident is not found for JM: above its clearance.
    await page.goto(`/incident?id=${ids.BB}`);
    await page.locator(`h2:text("No incident #${ids.BB} for you")`).waitFor();

    // The indicator page: JM's sighting, one counted above clearance.
    await page.goto(`/incident?id=${ids.JM}`);
    await page.click(`#indicator-table a:text-is("${DOMAIN}")`);
    await page.waitForURL(/\/indicator\?id=\d+$/);
    await page.locator('#sightings-table').waitFor();
    assert.equal(await page.locator('#sightings-table tbody tr').count(), 1);
    assert.match(await page.locator('#sightings-table tbody').textContent(), /TLP:GREEN\s*JM/);
    assert.match(await page.locator('#sightings').textContent(), /1 sighting in records above your clearance/);
    await shot(page, 'sharing-07-indicator');
    noProblems(page);
  });

  it('lets the RIFC analyst see the cluster of two states', async () => {
    const page = await newPage();
    await signIn(page, 'analyst');
    await navClick(page, 'Clusters');
    await page.waitForURL(/\/clusters/);
    const row = page.locator('#cluster-table tbody tr', { hasText: DOMAIN });
    await row.waitFor();
    assert.equal((await row.locator('td.states').textContent()).trim(), '2: BB, JM');
    await page.fill('#min_states', '3');
    await page.click('button:text("Show clusters")');
    await page.locator('#count:text("No value was seen by 3 or more states")').waitFor();
    await page.fill('#min_states', '1');
    await page.click('button:text("Show clusters")');
    await page.locator('#min_states-error').waitFor();
    await page.fill('#min_states', '2');
    await page.click('button:text("Show clusters")');
    await row.waitFor();
    await shot(page, 'sharing-08-clusters');
    // The analyst reads BB's AMBER incident (the RIFC is always a reader).
    await page.goto(`/incident?id=${ids.BB}`);
    await page.locator('#record').waitFor({ state: 'visible' });
    noProblems(page);
  });

  it('reads at 375 px wide, the TLP label first', async () => {
    const page = await newPage({ width: 375, height: 800 });
    await signIn(page, 'cert.bb');
    await page.goto(`/incident?id=${ids.BB}`);
    await page.locator('#record').waitFor({ state: 'visible' });
    const label = await page.locator('#marking .tlp--big').boundingBox();
    const table = await page.locator('#indicator-table').boundingBox();
    assert.ok(label.y < table.y && label.x + label.width <= 375, 'the label is on screen above the indicators');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 375, `no sideways scrolling (${wide}px)`);
    await shot(page, 'sharing-18-incident-375px');
    noProblems(page);
  });

  it('refuses a stale status change and says why', async () => {
    const a = await newPage();
    await signIn(a, 'ncpoc.jm');
    await a.goto(`/incident?id=${ids.JM}`);
    await a.locator('#status-section').waitFor({ state: 'visible' });
    const b = await a.context().newPage();
    b.problems = [];
    await b.goto(`/incident?id=${ids.JM}`);
    await b.locator('#status-section').waitFor({ state: 'visible' });
    await b.selectOption('#status', 'triaged');
    await b.click('#save-status');
    await b.locator('#status-done:text("Status changed to “Triaged”")').waitFor();
    await a.selectOption('#status', 'investigating');
    await a.click('#save-status');
    await a.locator('#status-error').waitFor();
    assert.match(await a.locator('.error-summary').textContent(), /Someone changed this incident since you opened it/);
    await shot(a, 'sharing-09-stale-status');
    noProblems(a);
  });

  it('looks a value up and searches shared records', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await navClick(page, 'Indicators');
    await page.locator('#indicator-list').waitFor();
    await page.selectOption('#l-type', 'domain');
    await page.fill('#l-value', 'login.secure-ncb-login[.]com');
    await page.click('#l-go');
    const box = page.locator('#lookup-box');
    await box.waitFor();
    assert.match(await box.textContent(), /Not reported/);
    assert.match(await box.textContent(), /secure-ncb-login\.com \(domain\): same registered domain/);
    await page.selectOption('#l-type', 'ipv4');
    await page.fill('#l-value', '8.8.8.8');
    await page.click('#l-go');
    await page.locator('#lookup-box .warning').waitFor();
    await page.selectOption('#l-type', 'domain');
    await page.fill('#l-value', DOMAIN);
    await page.click('#l-go');
    await page.locator('#lookup-box:has-text("Known")').waitFor();
    assert.match(await page.locator('#lookup-box').textContent(), /1 sighting in records above your clearance/);
    await shot(page, 'sharing-10-indicators-lookup');

    await navClick(page, 'Search');
    await page.fill('#q', 'NCB');
    await page.click('#search button');
    await page.waitForURL(/q=NCB/);
    const hit = page.locator('#results li', { hasText: 'Phishing site copying the NCB sign-in page' });
    await hit.waitFor();
    assert.equal(await hit.locator('.tlp').textContent(), 'TLP:GREEN');
    assert.equal(await hit.locator('a').getAttribute('href'), `/incident?id=${ids.JM}`);
    await shot(page, 'sharing-11-search');
    noProblems(page);
  });

  it('routes reports under .jm to Jamaica\'s queue and marks them handled', async () => {
    const jm = await newPage();
    await signIn(jm, 'ncpoc.jm');
    // The demo data gives Jamaica its ccTLD, approved by the coordinator.
    const claims = await apiCall(jm, 'GET', '/api/v1/constituencies?state=JM');
    assert.ok(claims.body.items.some((c) => c.kind === 'cctld' && c.value === 'jm' && c.status === 'approved'),
      JSON.stringify(claims.body));
    const bb = await newPage();
    await signIn(bb, 'cert.bb');
    for (const tlp of ['green', 'amber']) {
      const r = await apiCall(bb, 'POST', '/api/v1/indicators', { tlp, indicators: [{ type: 'domain', value: `${tlp}-ncb.com.jm` }] });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await navClick(jm, 'Queue');
    const row = jm.locator('#queue-table tbody tr', { hasText: 'green-ncb.com.jm' });
    await row.waitFor();
    assert.match(await row.textContent(), /TLP:GREEN/);
    assert.match(await row.textContent(), /Under \.jm \(ccTLD\)/);
    assert.equal(await jm.locator('#queue-table tbody tr', { hasText: 'amber-ncb.com.jm' }).count(), 0);
    assert.equal(await jm.locator('#queue-restricted').textContent(),
      '1 routed record above your clearance — ask the RIFC about them.');
    assert.equal(await jm.locator('#queue-restricted a').getAttribute('href'), '/rfis?about=queue');
    await shot(jm, 'sharing-12-queue');
    await row.locator('button').click();
    await row.locator('.tag:text("Handled")').waitFor();
    await jm.reload();
    await jm.locator('#queue-table tbody tr').first().waitFor();
    assert.equal(await jm.locator('#queue-table tbody tr', { hasText: 'green-ncb.com.jm' }).count(), 0);
    noProblems(jm);
  });
});

describe('advisories and lessons learnt', () => {
  it('lets the analyst send an advisory to Jamaica, which acknowledges it, leaving the overdue list', async () => {
    const rifc = await newPage();
    await signIn(rifc, 'analyst');
    await rifc.goto('/advisories?tab=send');
    await rifc.locator('#send-form').waitFor({ state: 'visible' });
    await rifc.click('#send');
    await rifc.locator('#a-title-error').waitFor();
    await rifc.fill('#a-title', 'Block secure-ncb-login.com at national resolvers');
    await rifc.fill('#summary-text', 'A phishing campaign against bank customers.');
    await rifc.fill('#actions-text', 'Block the domain\nWarn the banks');
    await rifc.selectOption('#severity', 'high');
    await rifc.check('input[name="to_states"][value="JM"]');
    await rifc.check('input[name="to_states"][value="BB"]');
    await rifc.selectOption('#tlp', 'green');
    await rifc.fill('#indicators', 'domain secure-ncb-login[.]com');
    await shot(rifc, 'sharing-21-advisory-form');
    await rifc.click('#send');
    await rifc.waitForURL(/\/advisories\?id=\d+$/);
    const sent = { body: { id: Number(new URL(rifc.url()).searchParams.get('id')) } };
    const got = await apiCall(rifc, 'GET', `/api/v1/advisories/${sent.body.id}`);
    assert.equal(got.body.ack_hours, 24, 'a high-severity advisory is due in 24 hours');
    assert.deepEqual(got.body.actions, ['Block the domain', 'Warn the banks']);
    assert.equal(got.body.indicators[0].value, 'secure-ncb-login.com');
    // Past due without waiting: move the due times back 30 hours.
    execFileSync('sqlite3', [server.db, `UPDATE advisory_recipients SET due_at = due_at - 30 * 3600 WHERE advisory_id = ${sent.body.id}`]);
    await navClick(rifc, 'Advisories');
    await rifc.waitForURL(/\/advisories$/);
    assert.equal(await rifc.locator('.tabs a[aria-current="page"]').textContent(), 'Overdue acknowledgements');
    const jmRow = rifc.locator('#overdue-table tr[data-state="JM"]');
    await jmRow.waitFor();
    assert.match(await jmRow.textContent(), /Jamaica \(JM\)/);
    assert.match(await jmRow.locator('td').last().textContent(), /^(5|6) hours$/);
    await shot(rifc, 'sharing-13-advisories-overdue');

    const jm = await newPage();
    await signIn(jm, 'ncpoc.jm');
    await navClick(jm, 'Advisories');
    const row = jm.locator(`#adv-${sent.body.id}`);
    await row.waitFor();
    assert.equal(await row.locator('.tlp').textContent(), 'TLP:GREEN');
    assert.match(await row.textContent(), /overdue/);
    await shot(jm, 'sharing-14-advisories-inbox');
    await row.locator('button:has-text("Acknowledge for JM")').click();
    await row.locator('.tag:has-text("Acknowledged by ncpoc.jm")').waitFor();
    await jm.goto(`/advisories?id=${sent.body.id}`);
    await jm.locator('#recipient-table tr[data-state="JM"]:has-text("Acknowledged by ncpoc.jm")').waitFor();
    assert.match(await jm.locator('#recipient-table tr[data-state="BB"]').textContent(), /overdue/);
    await shot(jm, 'sharing-15-advisory');

    await rifc.reload();
    await rifc.locator('#overdue-table tr[data-state="BB"]').waitFor();
    assert.equal(await rifc.locator('#overdue-table tr[data-state="JM"]').count(), 0, 'JM left the overdue list');
    noProblems(jm);
    noProblems(rifc);
  });

  it('lets Barbados record a TLP:AMBER lesson that Jamaica does not see', async () => {
    const bb = await newPage();
    await signIn(bb, 'cert.bb');
    await navClick(bb, 'Lessons');
    await bb.locator('#lesson').waitFor({ state: 'visible' });
    await bb.click('#send');
    await bb.locator('#what_worked-error').waitFor();
    await bb.fill('#l-title', 'Registrar takedowns go faster with a CERT-to-CERT request');
    await bb.fill('#what_happened', 'A look-alike bank domain stayed up for three days.');
    await bb.fill('#what_worked', 'Asking the registrar through the CERT of its country.');
    await bb.fill('#what_to_change', 'Keep a list of registrar abuse contacts per state.');
    await bb.selectOption('#tlp', 'amber');
    await bb.click('#send');
    await bb.waitForURL(/\/lessons\?id=\d+$/);
    await bb.locator('#one').waitFor({ state: 'visible' });
    assert.equal(await bb.locator('#marking .tlp--big').textContent(), 'TLP:AMBER');
    await shot(bb, 'sharing-16-lesson');
    await bb.goto('/lessons');
    await bb.locator('#lesson-list').waitFor();
    await shot(bb, 'sharing-17-lessons');

    const jm = await newPage();
    await signIn(jm, 'ncpoc.jm');
    await jm.goto('/lessons');
    await jm.locator('#count').filter({ hasText: /lesson/ }).waitFor();
    assert.equal(await jm.locator('.lesson', { hasText: 'Registrar takedowns' }).count(), 0);
    noProblems(bb);
    noProblems(jm);
  });
});

describe('import', () => {
  it('checks a STIX bundle, reports a bad object by its path, then imports it and correlates it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccs-import-'));
    const ind = (id, value, extra = {}) => ({
      type: 'indicator', spec_version: '2.1', id: `indicator--${id}`,
      created: '2026-11-20T10:00:00.000Z', modified: '2026-11-20T10:00:00.000Z',
      pattern: `[domain-name:value = '${value}']`, pattern_type: 'stix',
      valid_from: '2026-11-20T10:00:00Z', ...extra,
    });
    const bundle = (objects) => JSON.stringify({
      type: 'bundle', id: 'bundle--6f1a2e1c-0b4b-4c55-9a0e-2f3b1c4d5e6f', objects,
    });
    const bad = join(dir, 'bad.json');
    const good = join(dir, 'good.json');
    writeFileSync(bad, bundle([
      ind('8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'tt-customs-refund.com'),
      ind('1c5b7a4e-9d2f-4e61-8a3b-5f6e7d8c9b0a', 'other-refund.com', { valid_until: '2026-11-19T00:00:00Z' }),
    ]));
    writeFileSync(good, bundle([ind('8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'tt-customs-refund.com')]));

    const page = await newPage();
    await signIn(page, 'cert.bb');
    await navClick(page, 'Import');
    await page.waitForURL(/\/import$/);
    await page.locator('#import-form').waitFor({ state: 'visible' });
    await page.selectOption('#tlp', 'green');
    await page.setInputFiles('#file', bad);
    await page.click('#send');
    const err = page.locator('.error-summary');
    await err.waitFor();
    assert.match(await err.textContent(), /Nothing was imported/);
    // each problem in words, with its place in the file
    const problems = await page.locator('#import-errors').textContent();
    assert.match(problems, /Object 2 in the file, field valid_until/);
    assert.match(problems, /objects\[1\]\.valid_until/);
    assert.doesNotMatch(await page.locator('main').textContent(), /dry_run/);
    await page.check('#dry_run');
    await page.click('#send');
    await page.locator('#report h2').filter({ hasText: 'Checked' }).waitFor();
    assert.match(await page.locator('#import-errors').textContent(), /objects\[1\]\.valid_until/);
    await shot(page, 'sharing-19-import-check');
    await page.uncheck('#dry_run');
    await page.setInputFiles('#file', good);
    await page.click('#send');
    await page.locator('#report h2').filter({ hasText: 'Imported' }).waitFor();
    assert.match(await page.locator('#report').textContent(), /Sightings stored\s*1/);
    await shot(page, 'sharing-20-import-done');
    const seen = await apiCall(page, 'GET', '/api/v1/indicators/lookup?type=domain&value=tt-customs-refund.com');
    assert.equal(seen.body.sightings_visible, 1, JSON.stringify(seen.body));
    noProblems(page);
    rmSync(dir, { recursive: true, force: true });
  });
});
