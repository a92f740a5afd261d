// capacity-funding.test.mjs: the funding page's chart drawn by the server
// (an <img> that shows with JavaScript off too, the table of the same
// figures, the grouping switched in place), the Remove buttons on funder
// interests only where the API would allow the removal, and the merge
// journey from the duplicates page taking a training to the initiative
// kept. Screenshots: capacity-funding-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/capacity-funding.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs,
} from './harness.mjs';

let server;
let browser;
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);
const sql = (q) => execFileSync('sqlite3', [server.db, q], { encoding: 'utf8' }).trim();

function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, path, body]);
}

/** Whether the <img> @sel loaded a picture (a broken one has no natural size). */
const loaded = (page, sel) => page.locator(sel).evaluate((img) => img.complete && img.naturalWidth > 0);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('funding chart, interests and merges', () => {
  it('shows the chart drawn by the server beside the table of its figures', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/funding');
    await page.locator('#funding-area').waitFor();
    const img = page.locator('#funding-chart');
    await page.waitForFunction(() => { const i = document.querySelector('#funding-chart'); return i.complete && i.naturalWidth > 0; });
    assert.match(await img.getAttribute('src'), /\/api\/v1\/funding\/chart\.svg\?by=priority_area/);
    assert.match(await img.getAttribute('alt'), /by priority area.*table “By priority area”/);
    assert.equal(await page.locator('#chart-table-link').getAttribute('href'), '#f-area');
    assert.ok(await page.locator('#funding-area tbody tr').count() > 0);
    await shot(page, 'capacity-funding-01-chart');

    // another grouping, redrawn in place; the caption follows the table
    await page.click('#chart-dims a[data-by="year"]');
    await page.waitForFunction(() => /by=year/.test(document.querySelector('#funding-chart').src));
    await page.waitForFunction(() => { const i = document.querySelector('#funding-chart'); return i.complete && i.naturalWidth > 0; });
    assert.equal(await page.locator('#chart-dims a[data-by="year"]').getAttribute('aria-current'), 'true');
    assert.equal(await page.locator('#chart-table-link').getAttribute('href'), '#f-year');
    const curs = page.locator('#chart-curs a');
    if (await curs.count() > 1) {
      await curs.nth(1).click();
      await page.waitForFunction(() => /currency=[A-Z]{3}/.test(document.querySelector('#funding-chart').src));
    }
    await page.locator('#chart-section').screenshot({ path: 'test-output/e2e/capacity-funding-02-chart-year.png' });
    noProblems(page);

    // without JavaScript the <img> is in the page's HTML and still shows
    const ctx = await browser.newContext({ baseURL: server.base, javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    contexts.push(ctx);
    await ctx.addCookies(await page.context().cookies());
    const nojs = await ctx.newPage();
    await nojs.goto('/funding');
    await nojs.waitForFunction(() => { const i = document.querySelector('#funding-chart'); return i.complete && i.naturalWidth > 0; });
    assert.ok(await loaded(nojs, '#funding-chart'));
    assert.equal(await nojs.locator('#chart-dims a[data-by="need"]').getAttribute('href'), '/api/v1/funding/chart.svg?by=need');
    await shot(nojs, 'capacity-funding-03-no-js');
  });

  it("offers Remove only on the partner's own organisation's interests", async () => {
    const coord = await newPage();
    await signIn(coord, 'coordinator');
    await coord.goto('/funding');
    await coord.locator('#int-form').waitFor();
    const orgs = (await call(coord, 'GET', '/api/v1/organisations?limit=200')).body;
    const list = Array.isArray(orgs) ? orgs : orgs.items;
    const [mine, theirs] = list.slice(0, 2);
    const a = await call(coord, 'POST', `/api/v1/funders/${mine.id}/interests`, { need: 'T5.3' });
    const b = await call(coord, 'POST', `/api/v1/funders/${theirs.id}/interests`, { state: 'GY' });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(b.status, 201, JSON.stringify(b.body));
    sql(`UPDATE users SET organisation_id = ${mine.id} WHERE login = '${server.users.partner.login}'`);

    const page = await newPage();
    await signIn(page, 'partner');
    await page.goto('/funding');
    await page.locator(`#interest-${b.body.id}`).waitFor();
    assert.equal(await page.locator(`#remove-interest-${a.body.id}`).count(), 1);
    assert.equal(await page.locator(`#remove-interest-${b.body.id}`).count(), 0);
    // the form offers the partner's own organisation only
    const opts = await page.locator('#int-org option:not([value=""])').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(opts, [String(mine.id)]);
    // and the API refuses what the page no longer offers
    const refused = await call(page, 'DELETE', `/api/v1/funders/${theirs.id}/interests/${b.body.id}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'not_your_organisation');
    await page.click(`#remove-interest-${a.body.id}`);
    await page.locator('#flash .success').waitFor();
    assert.equal(await page.locator(`#interest-${a.body.id}`).count(), 0);
    await shot(page, 'capacity-funding-04-partner-interests');
    noProblems(page);
    noProblems(coord);
  });

  it('merges a pair from the duplicates page and the training moves to the initiative kept', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    const ini = (ident, title) => call(page, 'POST', '/api/v1/initiatives', {
      iati_identifier: ident, title, description: 'Tabletop exercises on ransomware for the national CSIRT of Grenada.',
      kind: 'project', status: 2, planned_start: '2026-05-01', planned_end: '2026-11-30',
      states: [{ state: 'GD', percentage: '100' }], needs: ['T4.2'],
      results: [{ type: 1, title: 'Exercises held', measure: 1, target: '3' }],
    });
    const keep = await ini('XM-E2E-GD-RANSOM-1', 'Ransomware tabletop exercises, Grenada');
    const gone = await ini('XM-E2E-GD-RANSOM-2', 'Ransomware tabletop exercises for the CSIRT of Grenada');
    assert.equal(keep.status, 201, JSON.stringify(keep.body));
    assert.equal(gone.status, 201, JSON.stringify(gone.body));
    const orgs = (await call(page, 'GET', '/api/v1/organisations?limit=200')).body;
    const org = (Array.isArray(orgs) ? orgs : orgs.items)[0].id;
    const tr = await call(page, 'POST', '/api/v1/trainings', {
      title: 'Ransomware tabletop, first session', start: '2026-05-10', end: '2026-05-11', place: "St. George's",
      host_state: 'GD', organiser_id: org, audiences: ['csirt_staff'], initiative_id: gone.body.id,
      participants: [{ state: 'GD' }],
    });
    assert.equal(tr.status, 201, JSON.stringify(tr.body));

    await page.goto('/duplicates');
    const pair = page.locator(`#pair-${keep.body.id}-${gone.body.id}`);
    await pair.waitFor();
    await pair.locator('summary:has-text("Decide on this pair")').click();
    await pair.locator('input[value="same_work"] + label').click();
    await pair.locator('textarea').fill('One set of exercises entered twice.');
    await pair.locator(`label:has-text("Keep “${keep.body.title}”")`).click();
    await pair.locator('button:has-text("Record the decision")').click();
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /Merged/);

    // the training's page now links to the initiative kept
    await page.goto(`/training?id=${tr.body.id}`);
    const link = page.locator(`a[href="/initiative?id=${keep.body.id}"]`);
    await link.waitFor();
    assert.equal(await page.locator(`a[href="/initiative?id=${gone.body.id}"]`).count(), 0);
    await shot(page, 'capacity-funding-05-training-moved');
    const kept = (await call(page, 'GET', `/api/v1/initiatives/${keep.body.id}`)).body;
    // the identical result collapsed into one
    assert.deepEqual(kept.results.map((r) => r.title), ['Exercises held']);
    noProblems(page);
  });
});
