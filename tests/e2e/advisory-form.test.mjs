// advisory-form.test.mjs: the advisory form of issue 11 item 7 in a real
// browser. The RIFC analyst finds one list of recipient states (no second
// "share with" grid), links an incident by number (one it may not read is
// refused exactly like a missing one, in the GOV.UK error pattern), and
// sends a TLP:RED advisory whose recipient is chosen with the picker by
// part of a name, never a typed sign-in name. The chosen NCPOC reads it;
// Barbados' CERT does not. axe-core checks the form.
// Screenshots: advisory-form-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/advisory-form.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs, listSettled, ROOT,
} from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

async function axeClean(page, what) {
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

function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await (await fetch('/api/v1/session')).json();
    const r = await fetch(p, { method: m, body: b ? JSON.stringify(b) : undefined, headers: {
      'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token } });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, path, body]);
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

describe('the advisory form', () => {
  it('has one recipient list, an incident field and a recipient picker', async () => {
    // Barbados' CERT reports a TLP:RED incident only it reads
    const bb = await newPage();
    await signInAs(bb, server, 'cert.bb');
    const hidden = await call(bb, 'POST', '/api/v1/incidents', {
      title: 'Private matter', description: 'Only Barbados reads this.',
      rsit: 'fraud:phishing', severity: 'low', tlp: 'red', recipients: ['ncpoc.jm'] });
    assert.equal(hidden.status, 201, JSON.stringify(hidden.body));

    const page = await newPage();
    await signInAs(page, server, 'analyst');
    const mine = await call(page, 'POST', '/api/v1/incidents', {
      title: 'Phishing wave against banks', description: 'Lookalike bank domains.',
      rsit: 'fraud:phishing', severity: 'high', tlp: 'green', state: 'JM' });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));

    await page.goto('/advisories?tab=send');
    await page.locator('#send-form').waitFor();
    // one list of states: the recipient states; no "also share with" grid
    assert.ok(await page.locator('#to-choices input[type=checkbox]').count() > 10);
    assert.equal(await page.locator('input[name=share_states]').count(), 0);
    await page.selectOption('#tlp', 'amber');
    assert.equal(await page.locator('#amber-more').count(), 0);
    assert.match(await page.locator('#tlp-meaning').textContent(), /recipient states read it/);

    await page.fill('#a-title', 'Lookalike bank domains');
    await page.fill('#summary-text', 'Block the domains listed below.');
    await page.selectOption('#severity', 'high');
    await page.check('#to_states-0');
    // an incident the analyst may not read: refused like a missing one
    await page.fill('#incident_id', String(hidden.body.id));
    await page.locator('#incident_id').dispatchEvent('change');
    await page.locator(`#incident-preview:has-text("no incident #${hidden.body.id}")`).waitFor();
    await page.click('#send');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const refused = await summary.textContent();
    assert.match(refused, /incident/i);
    await page.locator('#incident_id[aria-invalid="true"]').waitFor();
    assert.match(await page.title(), /^Error: /);
    await shot(page, 'advisory-form-01-unknown-incident');
    await page.fill('#incident_id', '9999999');
    await page.click('#send');
    await page.locator('.error-summary').waitFor();
    const missing = await page.locator('.error-summary').textContent();
    assert.equal(refused.replace(String(hidden.body.id), 'N'), missing.replace('9999999', 'N'));
    // the readable one shows its title
    await page.fill('#incident_id', String(mine.body.id));
    await page.locator('#incident_id').dispatchEvent('change');
    await page.locator('#incident-preview:has-text("Phishing wave against banks")').waitFor();

    // TLP:RED: the picker finds the NCPOC by part of the name
    await page.selectOption('#tlp', 'red');
    await page.click('#send');
    await page.locator('#recipients[aria-invalid="true"]').waitFor();
    await page.fill('#recipients', 'jamaica');
    const pick = page.locator('#recipients-found button.pick', { hasText: 'Jamaica NCPOC' });
    await pick.waitFor();
    await pick.click();
    await shot(page, 'advisory-form-02-picker');
    await page.locator('#recipients-chosen li:has-text("Jamaica NCPOC")').waitFor();
    assert.equal(await page.inputValue('#recipients'), '');
    await axeClean(page, 'the advisory form with a recipient chosen');
    await page.click('#send');
    await page.waitForURL(/\/advisories\?id=\d+$/);
    const id = new URL(page.url()).searchParams.get('id');
    await page.locator(`#details a[href="/incident?id=${mine.body.id}"]`).waitFor();
    await shot(page, 'advisory-form-03-sent');

    // the list (list.js): filtered by words, the tab kept in the address
    await page.goto('/advisories?tab=all');
    await page.locator('#advisory-table').waitFor();
    await page.fill('#f-q', 'lookalike');
    await page.click('#adv-filter button[type=submit]');
    await page.waitForURL(/q=lookalike/);
    await page.waitForURL(/tab=all/);
    await listSettled(page);
    await page.locator('#advisory-table tbody tr').first().waitFor();
    const titles = await page.locator('#advisory-table tbody tr td:nth-child(2) a').allTextContents();
    assert.deepEqual(titles, ['Lookalike bank domains']);
    assert.match(await page.locator('a.download-csv').getAttribute('href'), /q=lookalike.*format=csv|format=csv.*q=lookalike/);
    await axeClean(page, 'the advisories list');
    noProblems(page);

    const jm = await newPage();
    await signInAs(jm, server, 'ncpoc.jm');
    assert.equal((await call(jm, 'GET', '/api/v1/advisories/' + id)).status, 200);
    assert.equal((await call(bb, 'GET', '/api/v1/advisories/' + id)).status, 404);
  });
});
