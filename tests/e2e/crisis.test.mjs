// crisis.test.mjs: cyber crisis management in a real browser against a
// real demo server. Jamaica's NCPOC declares a crisis from an incident
// through the form (a first try without incidents shows the error summary
// linked to the field), puts a lead on the team, logs a communication to
// ministers, files a situation report, raises the severity to 3 (the
// crisis is escalated to the RCC and the political level, and a RIFC
// analyst now finds it in the list), closes it and files the
// post-incident review, whose lesson appears in the lessons library.
// The NCPOC also writes two versions of the national crisis plan and
// reads the first again from the history. axe-core checks each page.
// Screenshots: crisis-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/crisis.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs, ROOT, navClick,
} from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** No WCAG 2.1 A/AA violation that axe-core finds on @page. */
async function axeClean(page, what) {
  // evaluated through the DevTools protocol: the pages' CSP (script-src
  // 'self') rightly refuses an injected script tag
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${what}`);
}

let server;
let browser;
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);

/** POSTs @body to @path from the signed-in page, with its CSRF token. */
function post(page, path, body) {
  return page.evaluate(async ([p, b]) => {
    const s = await (await fetch('/api/v1/session')).json();
    const r = await fetch(p, { method: 'POST', body: JSON.stringify(b), headers: {
      'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token } });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [path, body]);
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

describe('cyber crisis management', () => {
  it('declares, escalates, logs and closes a crisis with a review that reaches the lessons library', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    const inc = await post(page, '/api/v1/incidents', {
      title: 'Ransomware at the port authority', description: 'Cargo systems encrypted.',
      rsit: 'malicious-code:infected-system', severity: 'critical', tlp: 'amber' });
    assert.equal(inc.status, 201, JSON.stringify(inc.body));

    await navClick(page, 'Crises');
    await page.waitForURL(/\/crises$/);
    await page.click('#declare');
    await page.waitForURL(/\/crisis-new$/);
    await page.fill('#title', 'Port systems outage');
    await page.fill('#summary', 'Ransomware has stopped cargo clearance at the main port.');
    await page.check('#severity-2');
    await page.click('#declare-form button[type=submit]');
    // no incident named: the summary links to the field
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /incident/i);
    assert.match(await page.title(), /^Error: /);
    await page.locator('#incident_ids[aria-invalid="true"]').waitFor();
    await shot(page, 'crisis-01-declare-error');
    await axeClean(page, 'the declaration form with an error');
    await page.fill('#incident_ids', String(inc.body.id));
    await page.click('#declare-form button[type=submit]');
    await page.waitForURL(/\/crisis\?id=\d+$/);
    const id = new URL(page.url()).searchParams.get('id');
    await page.locator('#crisis-status:text-is("Declared")').waitFor();
    assert.equal(await page.locator('#crisis-incidents a').textContent(), '#' + inc.body.id);

    // the team, the log, a situation report
    await page.selectOption('#role', 'lead');
    await page.click('#team-form button[type=submit]');
    await page.locator('#team-list li:has-text("Crisis lead")').waitFor();
    await page.selectOption('#kind', 'communication');
    await page.fill('#actor', 'Minister of National Security');
    await page.fill('#log-content', 'Briefed Cabinet: port services suspended.');
    await page.selectOption('#audience', 'ministers');
    await page.selectOption('#channel', 'briefing');
    await page.fill('#approved_by', 'Cabinet Secretary');
    await page.click('#log-form button[type=submit]');
    await page.locator('#log-table td:has-text("Briefed Cabinet")').waitFor();
    await page.fill('#situation', 'Cargo clearance on paper.');
    await page.fill('#actions', 'Backups restored to staging.');
    await page.fill('#next_steps', 'Restore billing.');
    await page.click('#sitrep-form button[type=submit]');
    await page.locator('#sitrep-list li').first().waitFor();

    // level 3: escalated to the RCC through the RIFC and the political level
    await page.selectOption('#new-severity', '3');
    await page.click('#status-form button[type=submit]');
    await page.locator('#crisis-status:text-is("Escalated")').waitFor();
    assert.equal(await page.locator('#escalations li').count(), 2);
    await shot(page, 'crisis-02-escalated');
    await axeClean(page, 'the crisis page');

    const rifc = await newPage();
    await signIn(rifc, 'analyst');
    await rifc.goto('/crises');
    await rifc.locator(`#crisis-list tr#crisis-${id}`).waitFor();
    await shot(rifc, 'crisis-03-rifc-list');
    await axeClean(rifc, 'the list of crises');
    noProblems(rifc);

    // closed, then reviewed
    await page.selectOption('#new-status', 'closed');
    await page.click('#status-form button[type=submit]');
    await page.locator('#crisis-status:text-is("Closed")').waitFor();
    await page.locator('#log-form').waitFor({ state: 'hidden' });
    await page.click('#review-start');
    await page.waitForURL(/\/crisis-review\?id=\d+$/);
    await page.fill('#title', 'Port ransomware: lessons for the region');
    await page.fill('#what_happened', 'Cargo systems encrypted for three days.');
    await page.fill('#what_worked', 'Offline backups; the RIFC liaison.');
    await page.fill('#what_to_change', 'Segment the port OT network.');
    await page.fill('#rec-text', 'Segment port OT networks from corporate IT.\nExercise the crisis plan yearly.');
    // a due date inside the medium-term timeframe from today
    await page.fill('#rec-due', new Date(Date.now() + 300 * 86400e3).toISOString().slice(0, 10));
    await shot(page, 'crisis-04-review-form');
    await axeClean(page, 'the review form');
    await page.click('#review-form button[type=submit]');
    await page.waitForURL(/\/crisis\?id=\d+$/);
    await page.locator('#crisis-status:text-is("Reviewed")').waitFor();
    assert.match(await page.locator('#review-done').textContent(), /2 recommendations/);
    await page.click('#review-lesson');
    await page.waitForURL(/\/lessons\?id=\d+$/);
    await page.locator('text=Port ransomware: lessons for the region').first().waitFor();
    await shot(page, 'crisis-05-lesson');
    await page.goto('/lessons');
    await page.locator('text=Port ransomware: lessons for the region').first().waitFor();
    noProblems(page);
  });

  it('keeps every version of a crisis plan readable', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await page.goto('/crisis-templates');
    await page.locator('#template-none').waitFor();
    await page.fill('#t-title', 'National cyber crisis plan of Jamaica');
    await page.fill('#t-body', 'Version one: the national team leads.');
    await page.click('#edit-form button[type=submit]');
    await page.locator('#template-current h2:has-text("version 1, current")').waitFor();
    await page.fill('#t-body', 'Version two: levels 3-4 go to the RCC through the RIFC.');
    await page.fill('#t-note', 'Escalation added');
    await page.click('#edit-form button[type=submit]');
    await page.locator('#template-current h2:has-text("version 2, current")').waitFor();
    assert.equal(await page.locator('#template-history li').count(), 2);
    await shot(page, 'crisis-06-templates');
    await page.click('#template-history a:text-is("Version 1")');
    await page.locator('#template-current h2:has-text("(version 1)")').waitFor();
    assert.match(await page.locator('#template-current pre').textContent(), /Version one/);
    // an old version is read, never edited from: the form starts from the latest
    assert.equal(await page.locator('#t-body').inputValue(), '');
    await axeClean(page, 'the crisis plans page');
    noProblems(page);
  });
});
