// capacity-forms.test.mjs: the capacity journeys done in the browser, not
// over the API: an initiative recorded through the form with a budget, a
// transaction and a result (a refusal of the API lands beside the repeated
// field it names), seen on its page and kept when the initiative is
// changed; an exchange rate and a funder's interest recorded on the
// funding page, the funder then shown against the need nobody covers; a
// milestone's status and evidence set on the timeline; a campaign recorded,
// completed on its page, and the proposal it made reached by its link.
// Screenshots: capacity-forms-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/capacity-forms.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs,
} from './harness.mjs';

let server;
let browser;
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);
const day = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b) });
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

describe('capacity forms', () => {
  it('records an initiative with a budget, a transaction and a result through the form', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/initiative-new');
    await page.locator('#ini').waitFor();
    await page.fill('#iati_identifier', 'XM-E2E-FORMS-1');
    await page.fill('#i-title', 'Cyber incident response retainer for Dominica');
    await page.selectOption('#i-status', '2');
    await page.fill('#planned_start', '2026-01-01');
    await page.fill('#planned_end', '2026-12-31');
    const itu = await page.locator('#org1-id option', { hasText: 'International Telecommunication Union' }).getAttribute('value');
    await page.selectOption('#org1-id', itu);
    await page.selectOption('#org1-role', '4');
    // one organisation in two roles
    await page.click('#org-add');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'org2-id');
    await page.selectOption('#org2-id', itu);
    await page.selectOption('#org2-role', '1');
    await page.check('#st-DM');
    await page.check('#nd-T2\\.5');

    await page.click('#budget-add');
    await page.selectOption('#budget1-status', '2');
    await page.fill('#budget1-period_start', '2026-01-01');
    await page.fill('#budget1-period_end', '2026-12-31');
    await page.fill('#budget1-currency', 'USD');
    await page.click('#tx-add');
    await page.selectOption('#tx1-type', '2');
    await page.fill('#tx1-date', '2026-01-15');
    await page.fill('#tx1-amount', '75000.00');
    await page.fill('#tx1-currency', 'QQQ');
    await page.selectOption('#tx1-need', 'T2.5');
    await page.click('#result-add');
    await page.selectOption('#result1-type', '1');
    await page.fill('#result1-title', 'Incident responders trained');
    await page.fill('#result1-baseline', '0');
    await page.fill('#result1-target', '12');
    await page.fill('#result1-actual', '5');
    // the budget has no amount: the summary links to that input
    await page.click('#send');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('a').first().getAttribute('href'), '#budget1-amount');
    assert.match(await page.locator('#budget1-amount-error').textContent(), /budget 1's amount/);
    await shot(page, 'capacity-forms-01-row-error');
    await page.fill('#budget1-amount', '120000.00');
    // the API refuses the currency; its path transactions[0].currency
    // lands beside the first transaction's currency
    await page.click('#send');
    await page.locator('#tx1-currency-error').waitFor();
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#tx1-currency');
    assert.match(await page.locator('#tx1-currency-error').textContent(), /ISO 4217/);
    await shot(page, 'capacity-forms-02-api-error');
    await page.fill('#tx1-currency', 'USD');
    await page.click('#send');
    await page.waitForURL(/\/initiative\?id=\d+$/);
    await page.locator('#one').waitFor();
    assert.match(await page.locator('#budget-table').textContent(), /USD 120,000\.00/);
    assert.match(await page.locator('#budget-table').textContent(), /committed/);
    assert.match(await page.locator('#tx-table').textContent(), /Outgoing commitment/);
    assert.match(await page.locator('#tx-table').textContent(), /USD 75,000\.00/);
    assert.match(await page.locator('#result-table').textContent(), /Incident responders trained/);
    const orgs = await page.locator('#org-table').textContent();
    assert.match(orgs, /Funding/);
    assert.match(orgs, /Implementing/);
    await shot(page, 'capacity-forms-03-initiative');

    // Changing it shows every part; what is kept stays, a removed result goes.
    await page.click('#edit');
    await page.locator('#budget1-amount').waitFor();
    assert.equal(await page.locator('#budget1-amount').inputValue(), '120000.00');
    assert.equal(await page.locator('#tx1-need').inputValue(), 'T2.5');
    await page.click('#result1-remove');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'result-add');
    await page.fill('#i-title', 'Cyber incident response retainer for Dominica, phase 1');
    await page.click('#send');
    await page.waitForURL(/\/initiative\?id=\d+$/);
    await page.locator('#budget-table').waitFor();
    assert.match(await page.locator('#title').textContent(), /phase 1/);
    assert.match(await page.locator('#tx-table').textContent(), /USD 75,000\.00/);
    assert.equal(await page.locator('#result-table').count(), 0);
    noProblems(page);
  });

  it('records an exchange rate and a funder interest, shown against an uncovered need', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/funding');
    await page.locator('#rate-form').waitFor();
    await page.fill('#rate-from', 'EUR');
    await page.fill('#rate-to', 'EUR');
    await page.click('#rate-send');
    await page.locator('#rate-to-error').waitFor();
    await page.fill('#rate-to', 'USD');
    await page.fill('#rate-value', '1.0842');
    await page.fill('#rate-date', '2025-06-30');
    await page.fill('#rate-source', 'European Central Bank reference rate');
    await page.click('#rate-send');
    await page.locator('#flash .success').waitFor();
    const rate = page.locator('#rate-table tbody tr').first();
    assert.match(await rate.textContent(), /1 EUR = 1\.0842 USD/);
    assert.match(await rate.textContent(), /30 June 2025/);
    assert.match(await rate.textContent(), /European Central Bank/);

    // T5.3 is covered nowhere in the demo data; a funder says it cares.
    const ctu = await page.locator('#int-org option', { hasText: 'Caribbean Telecommunications Union' }).getAttribute('value');
    await page.selectOption('#int-org', ctu);
    await page.click('#int-send');
    assert.match(await page.locator('#int-area-error').textContent(), /priority area, a need or a state/);
    await page.selectOption('#int-need', 'T5.3');
    await page.fill('#int-note', 'Regional forensic laboratory');
    await page.click('#int-send');
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#interest-list').textContent(), /need T5\.3 – Regional forensic laboratory/);
    const row = page.locator('#gap-T5-3');
    assert.match(await row.textContent(), /Caribbean Telecommunications Union/);
    // the funder's own view lists only what matches its interests
    await page.selectOption('#for-funder', ctu);
    await page.click('#gap-filter button');
    await page.waitForURL(/funder=/);
    await page.waitForFunction(() => document.querySelectorAll('#gap-table tbody tr').length === 1);
    assert.equal(await page.locator('#gap-table tbody tr').getAttribute('id'), 'gap-T5-3');
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'capacity-forms-04-funding');
    noProblems(page);
  });

  it("sets a milestone's status and evidence on the timeline", async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/timeline');
    await page.locator('#milestone-table').waitFor();
    const first = page.locator('#milestone-table tbody tr').first();
    const mid = (await first.getAttribute('id')).replace('milestone-', '');
    await first.locator('summary').click();
    await page.check(`#ms${mid}-status-done`);
    await page.fill(`#ms${mid}-evidence`, 'Approved at the CONSLE meeting of 2 July 2023.');
    await page.fill(`#ms${mid}-links`, 'not a link');
    await page.click(`#ms${mid}-save`);
    await page.locator(`#ms${mid}-links-error`).waitFor();
    await page.fill(`#ms${mid}-links`, 'https://example.org/consle-2023');
    await page.fill(`#ms${mid}-done`, '2023-07-02');
    await page.click(`#ms${mid}-save`);
    await page.locator('#flash .success').waitFor();
    const row = page.locator(`#milestone-${mid}`);
    assert.match(await row.locator('.tag').textContent(), /Done/);
    assert.match(await row.textContent(), /on 2 July 2023/);
    assert.match(await row.textContent(), /Approved at the CONSLE meeting/);
    const t = await call(page, 'GET', '/api/v1/timeline');
    const m = t.body.milestones.find((x) => String(x.id) === mid);
    assert.equal(m.status, 'done');
    assert.deepEqual(m.links, ['https://example.org/consle-2023']);
    await shot(page, 'capacity-forms-05-timeline');
    noProblems(page);
  });

  it('records a campaign, completes it, and reaches the proposal it made', async () => {
    const coord = await newPage();
    await signIn(coord, 'coordinator');
    // a standard Saint Lucia does not meet and nothing proposes yet
    const gaps = (await call(coord, 'GET', '/api/v1/gaps?state=LC')).body;
    const std = gaps.areas.flatMap((x) => x.specific_areas.flatMap((s) => s.standards))
      .find((s) => s.status === 'unmet' && s.code !== 'AWR-SCHOOLS');
    assert.ok(std, 'an unmet standard for Saint Lucia');
    await coord.goto('/trainings');
    await coord.click('#new-campaign a');
    await coord.waitForURL(/\/campaign\?new=1$/);
    await coord.locator('#cform').waitFor();
    await coord.fill('#c-title', 'Think before you click, Saint Lucia (e2e)');
    await coord.selectOption('#c-state', 'LC');
    await coord.check('#au-public_sector');
    await coord.selectOption('#channel', 'workshops');
    await coord.fill('#start', day(10));
    await coord.fill('#end', day(20));
    await coord.fill('#reach', 'many');
    const org = await coord.locator('#organiser_id option', { hasText: 'CARICOM IMPACS' }).first().getAttribute('value');
    await coord.selectOption('#organiser_id', org);
    await coord.check(`#sd-${std.lineage_id}`);
    await coord.click('#csend');
    await coord.locator('.error-summary').waitFor();
    assert.deepEqual(await coord.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['#end', '#reach']);
    await shot(coord, 'capacity-forms-06-campaign-errors');
    await coord.fill('#end', day(2));
    await coord.fill('#reach', '350');
    await coord.click('#csend');
    await coord.waitForURL(/\/campaign\?id=\d+$/);
    await coord.locator('#one').waitFor();
    assert.match(await coord.locator('#flash').textContent(), /was recorded/);
    assert.equal(await coord.locator('#status-word').textContent(), 'Planned');
    const cid = new URL(coord.url()).searchParams.get('id');
    // a change through the form keeps it planned
    await coord.click('#edit');
    await coord.locator('#c-title').waitFor();
    assert.equal(await coord.locator('#reach').inputValue(), '350');
    await coord.fill('#reach', '420');
    await coord.click('#csend');
    await coord.waitForURL(/\/campaign\?id=\d+$/);
    await coord.locator('#details').waitFor();
    assert.match(await coord.locator('#details').textContent(), /420 people/);
    await coord.click('#complete');
    const note = coord.locator('#completed-note');
    await note.waitFor();
    assert.match(await note.textContent(), /It proposed 1 status update/);
    assert.equal(await coord.locator('#status-word').textContent(), 'Completed');
    await shot(coord, 'capacity-forms-07-campaign-completed');
    const href = await coord.locator('#proposals-link').getAttribute('href');
    assert.equal(href, `/proposals?source=campaign&source_id=${cid}`);

    const analyst = await newPage();
    await signIn(analyst, 'analyst');
    await analyst.goto(href);
    await analyst.locator('#proposal-list').waitFor();
    assert.equal(await analyst.locator('#proposal-list > li').count(), 1);
    assert.match(await analyst.locator('#proposal-list').textContent(), /Think before you click/);
    assert.match(await analyst.locator('#source-note').textContent(), /one awareness campaign/);
    await shot(analyst, 'capacity-forms-08-proposal');
    // the demo's own proposal waits on the full list too
    await analyst.click('#source-note a');
    await analyst.waitForURL(/\/proposals\?status=pending$/);
    await analyst.locator('#proposal-list').waitFor();
    assert.match(await analyst.locator('#proposal-list').textContent(), /Saint Lucia schools \(demo\)/);
    noProblems(coord);
    noProblems(analyst);
  });
});
