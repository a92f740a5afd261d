// monitoring-legal.test.mjs: the legal tracker in a real browser against a
// real demo server. A coordinator adds an instrument for a state through
// the form, mapping sections to Art. 2 and Art. 29; a first try naming a
// date out of order shows the error summary linked to the date field.
// The matrix cell reads "Tabled"; the coordinator sets the instrument in
// force, the cell reads "In force" and a RIFC analyst finds the proposal
// it made on the capacity proposals page. A state's NCPOC sees no edit
// link on another state's instruments. Screenshots: legal-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs, listSettled, navClick,
} from './harness.mjs';

let server;
let browser;
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);

function call(page, method, path) {
  return page.evaluate(async ([m, p]) => {
    const r = await fetch(p, { method: m });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, path]);
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

describe('legal harmonisation tracker', () => {
  it('adds an instrument through the form, sets it in force, the matrix moves and a proposal appears', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    // A state that does not meet the cybercrime-law standard yet.
    let state = null;
    for (const s of ['KN', 'LC', 'DM', 'AG', 'BZ', 'GY', 'SR']) {
      const g = (await call(page, 'GET', '/api/v1/gaps?state=' + s)).body;
      const std = g.areas.flatMap((a) => a.specific_areas.flatMap((x) => x.standards))
        .find((x) => x.code === 'LEG-CYBERCRIME-LAW');
      if (std.status !== 'met') { state = s; break; }
    }
    assert.ok(state, 'a state without a cybercrime law met');

    await navClick(page, 'Legal');
    await page.waitForURL(/\/legal$/);
    await page.locator('#legal-matrix').waitFor();
    // the column of the state, by its header
    const codes = await page.locator('#legal-matrix thead tr:first-child th').allTextContents();
    const col = codes.indexOf(state) + 1;
    assert.ok(col > 1, 'a column for ' + state);
    const cell = (ref) => page.locator(`#row-${ref} td:nth-child(${col})`);
    assert.equal(await cell('budapest-2').getAttribute('data-status'), '');
    // Grenada's seeded Electronic Crimes Act shows beside the key
    assert.match(await page.locator('#legal-legend').textContent(), /In force/);
    await shot(page, 'legal-01-matrix');
    // every instrument as a list: Grenada's seeded act, found by state
    await page.fill('#i-state', 'GD');
    await page.click('#inst-filters button[type=submit]');
    await page.waitForURL(/state=GD/);
    await listSettled(page);
    await page.locator('#instrument-table tbody tr').first().waitFor();
    assert.match(await page.locator('#instruments .list-status').textContent(), /^Showing 1–\d+ of \d+ instrument/);
    assert.match(await page.locator('#instrument-table').textContent(), /Electronic Crimes Act/);
    assert.match(await page.locator('#instruments a.download-csv').getAttribute('href'), /state=GD.*format=csv|format=csv.*state=GD/);

    await page.locator(`#legal-matrix thead a[href="/legal-state?state=${state}"]`).click();
    await page.waitForURL(/\/legal-state\?state=/);
    await page.locator('#treaty-table').waitFor();
    await page.click('#add-instrument');
    await page.waitForURL(/\/legal-instrument\?state=/);
    await page.locator('#instrument').waitFor();
    assert.equal(await page.inputValue('#state'), state);
    await page.selectOption('#kind', 'bill');
    await page.fill('#name', 'Cybercrime Bill (e2e)');
    await page.fill('#number', 'No. 4 of 2025');
    await page.fill('#year', '2025');
    await page.selectOption('#status', 'tabled');
    await page.fill('#date-drafting', '2025-03');
    await page.fill('#date-tabled', '2025-02-10');
    await page.fill('#map-0-section', 's.4');
    await page.fill('#map-0-heading', 'Illegal access');
    await page.selectOption('#map-0-provision', 'budapest-2');
    await page.click('#add-mapping');
    await page.fill('#map-1-section', 's.31');
    await page.fill('#map-1-heading', 'Preservation for a foreign state');
    await page.selectOption('#map-1-provision', 'budapest-29');
    await page.fill('#source_url', 'https://example.org/parliament/bill-4-2025');
    await page.click('#send');
    // tabled before drafting: refused, the summary links to the date
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('a').getAttribute('href'), '#date-tabled');
    assert.match(await page.locator('#date-tabled-error').textContent(), /before drafting/);
    await shot(page, 'legal-02-form-error');
    await page.fill('#date-drafting', '2024-11');
    await page.click('#send');
    await page.waitForURL(/\/legal-state\?state=.*#instrument-\d+$/);
    await page.locator('#flash .success').waitFor();
    const id = /#instrument-(\d+)$/.exec(page.url())[1];
    // the treaty track through its form: invited, the expiry computed
    await page.click('.edit-tracks summary');
    await page.selectOption('#budapest-status', 'invited');
    await page.fill('#budapest-invited_on', '2024-10-09');
    await page.fill('#budapest-signed_on', '2024-01');
    await page.click('#track-budapest button[type="submit"]');
    await page.locator('#track-budapest .error-summary').waitFor();
    assert.equal(await page.locator('#track-budapest .error-summary a').getAttribute('href'), '#budapest-signed_on');
    await page.fill('#budapest-signed_on', '');
    await page.click('#track-budapest button[type="submit"]');
    // the instrument's success notice is still shown: wait for the row
    await page.locator('#track-row-budapest', { hasText: 'Invited to accede' }).waitFor();
    const track = await page.locator('#track-row-budapest').textContent();
    assert.match(track, /Invited to accede/);
    assert.match(track, /Invitation expires 9 October 2029/);
    const card = page.locator('#instrument-' + id);
    assert.match(await card.textContent(), /Art\. 2 Illegal access/);
    assert.match(await card.textContent(), /Art\. 29 Expedited preservation/);
    await shot(page, 'legal-03-state');

    await page.goto('/legal');
    await page.locator('#legal-matrix').waitFor();
    assert.equal(await cell('budapest-2').getAttribute('data-status'), 'tabled');
    assert.equal((await cell('budapest-2').textContent()).trim(), 'Tabled');

    // in force: through the same form
    await page.goto('/legal-instrument?id=' + id);
    await page.locator('#instrument').waitFor();
    assert.equal(await page.inputValue('#name'), 'Cybercrime Bill (e2e)');
    assert.equal(await page.inputValue('#map-1-provision'), 'budapest-29');
    await page.selectOption('#kind', 'act');
    await page.selectOption('#status', 'in_force');
    await page.fill('#date-passed', '2025-06-02');
    await page.fill('#date-assented', '2025-06-20');
    await page.fill('#date-in_force', '2025-07-01');
    await page.click('#send');
    await page.waitForURL(/#instrument-\d+$/);
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /1 status update was proposed to the RIFC/);

    await page.goto('/legal');
    await page.locator('#legal-matrix').waitFor();
    assert.equal(await cell('budapest-2').getAttribute('data-status'), 'in_force');
    assert.equal((await cell('budapest-2').textContent()).trim(), 'In force');
    assert.match(await cell('budapest-2').getAttribute('class'), /legal-6/);
    await shot(page, 'legal-04-matrix-in-force');
    noProblems(page);

    const analyst = await newPage();
    await signIn(analyst, 'analyst');
    await analyst.goto('/proposals');
    const prop = analyst.locator('li.proposal', { hasText: 'Cybercrime Bill (e2e)' });
    await prop.first().waitFor();
    assert.equal(await prop.count(), 1);
    assert.match(await prop.textContent(), /Cybercrime law enacted/);
    assert.match(await prop.textContent(), /came into force/);
    await shot(analyst, 'legal-05-proposal');
    noProblems(analyst);
  });

  it("shows a state's NCPOC no way to change another state's instruments", async () => {
    const page = await newPage({ width: 375, height: 800 });
    await signIn(page, 'ncpoc.jm');
    await page.goto('/legal-state?state=GD');
    await page.locator('#instrument-list').waitFor();
    assert.match(await page.locator('#instrument-list').textContent(), /Electronic Crimes Act/);
    assert.match(await page.locator('#treaty-table').textContent(), /Acceded/);
    assert.match(await page.locator('#treaty-table').textContent(), /Not verified/);
    assert.equal(await page.locator('#add-instrument').count(), 0);
    assert.equal(await page.locator('[id^="edit-"]').count(), 0);
    await shot(page, 'legal-06-state-phone');
    await page.goto('/legal-state?state=JM');
    await page.locator('#add-instrument').waitFor();
    noProblems(page);
  });
});
