// capacity.test.mjs: the capacity pages in a real browser against a real
// demo server: two overlapping initiatives (one through the API, one
// through the form) raise a duplicate candidate that a coordinator decides
// "not a duplicate"; a training completed on its page proposes a status
// update that a RIFC analyst accepts and another validates, and the state's
// gap page moves; the coverage matrix names its stages beside a legend;
// the initiatives list pages with a total. Screenshots: capacity-NN-*.png.
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
const PHONE = { width: 375, height: 800 };

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

describe('capacity building', () => {
  it('raises two overlapping initiatives as a candidate, decided "not a duplicate"', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    // The first through the API: a Guyana course for IT staff in 2026.
    const a = await call(page, 'POST', '/api/v1/initiatives', {
      iati_identifier: 'XM-E2E-GY-IT-1', title: 'Cyber security course for government IT staff in Guyana',
      description: 'Hands-on cyber security course for government information technology staff in Guyana.',
      kind: 'project', status: 2, planned_start: '2026-02-01', planned_end: '2026-10-31',
      states: [{ state: 'GY', percentage: '100' }], needs: ['T2.3'],
      organisations: [{ id: 24, role: 4 }],
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));

    // The second through the form; a first try with the end before the
    // start shows the error summary linked to the field.
    await page.goto('/initiatives');
    await page.click('#new-link a');
    await page.waitForURL(/\/initiative-new$/);
    await page.locator('#ini').waitFor();
    await page.fill('#iati_identifier', 'XM-E2E-GY-IT-2');
    await page.fill('#i-title', 'Government IT staff cyber security training, Guyana');
    await page.fill('#description', 'Cyber security training for information technology staff of the government of Guyana.');
    await page.selectOption('#i-status', '2');
    await page.fill('#planned_start', '2026-04-01');
    await page.fill('#planned_end', '2026-03-01');
    // another implementer than the first one's (organisation 24)
    const impl = await page.locator('#org1-id option:not([value=""]):not([value="24"])').first().getAttribute('value');
    await page.selectOption('#org1-id', impl);
    assert.equal(await page.locator('#org1-role').inputValue(), '4');
    await page.check('#st-GY');
    await page.fill('#pct-GY', '100');
    await page.check('#nd-T2\\.3');
    await page.click('#send');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('a').getAttribute('href'), '#planned_end');
    assert.match(await page.locator('#planned_end-error').textContent(), /on or after the planned start/);
    await shot(page, 'capacity-01-form-error');
    // A refusal from the API lands beside the field it names.
    await page.fill('#planned_end', '2026-12-31');
    await page.fill('#iati_identifier', 'XM-E2E-GY-IT-1');
    await page.click('#send');
    await page.locator('#iati_identifier-error').waitFor();
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#iati_identifier');
    await page.fill('#iati_identifier', 'XM-E2E-GY-IT-2');
    await page.click('#send');
    await page.waitForURL(/\/initiative\?id=\d+$/);
    await page.locator('#one').waitFor();
    assert.match(await page.locator('#flash').textContent(), /was recorded/);
    assert.match(await page.locator('#state-table').textContent(), /Guyana/);
    await shot(page, 'capacity-02-initiative');
    const bId = Number(new URL(page.url()).searchParams.get('id'));

    await page.goto('/duplicates');
    const pairId = `#pair-${a.body.id}-${bId}`;
    const pair = page.locator(pairId);
    await pair.waitFor();
    const reasons = await pair.locator('.reasons').textContent();
    assert.match(reasons, /Same recipient state: Guyana/);
    assert.match(reasons, /Their dates overlap/);
    assert.match(reasons, /Same need: T2\.3/);
    // Words keep the pairs whose titles hold them; the status line
    // counts them and the CSV link carries the same filter.
    await page.fill('#q', 'Guyana government');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/q=Guyana/);
    await listSettled(page);
    await pair.waitFor();
    assert.match(await page.locator('#count').textContent(), /^Showing 1–\d+ of \d+ pairs? waiting for a decision/);
    assert.match(await page.locator('a.download-csv').getAttribute('href'), /q=Guyana/);
    assert.match(await page.locator('a.download-csv').getAttribute('href'), /format=csv/);
    // A reason is required.
    await pair.locator('summary:has-text("Decide on this pair")').click();
    await pair.locator('label:has-text("Not a duplicate")').click();
    await pair.locator('button:has-text("Record the decision")').click();
    await pair.locator('.error-summary').waitFor();
    assert.match(await pair.locator('.error-summary').textContent(), /Give the reason/);
    await pair.locator('textarea').fill('Two cohorts of the same ministry, planned together; not the same work.');
    await pair.locator('.error-summary').scrollIntoViewIfNeeded();
    await shot(page, 'capacity-03-duplicates');
    await pair.locator('button:has-text("Record the decision")').click();
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /not a duplicate/);
    assert.equal(await page.locator(pairId).count(), 0);
    const left = await call(page, 'GET', '/api/v1/initiatives/duplicates?limit=200');
    assert.ok(!left.body.items.some((c) => c.a.id === a.body.id && c.b.id === bId));
    noProblems(page);
  });

  it('merges a pair decided "same work" into the initiative kept', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    const ini = (ident, title, extra) => call(page, 'POST', '/api/v1/initiatives', {
      iati_identifier: ident, title, description: 'Incident response drills for the national CSIRT of Saint Kitts and Nevis.',
      kind: 'project', status: 2, planned_start: '2026-03-01', planned_end: '2026-09-30',
      states: [{ state: 'KN', percentage: '100' }], needs: ['T4.2'], ...extra,
    });
    const keep = await ini('XM-E2E-KN-CSIRT-1', 'CSIRT incident response drills, Saint Kitts and Nevis', {});
    const gone = await ini('XM-E2E-KN-CSIRT-2', 'Incident response drills for the CSIRT of Saint Kitts and Nevis',
      { needs: ['T4.2', 'T4.3'], documents: [{ url: 'https://example.org/kn-drills.pdf', title: 'Drill plan' }] });
    assert.equal(keep.status, 201, JSON.stringify(keep.body));
    assert.equal(gone.status, 201, JSON.stringify(gone.body));
    await page.goto('/duplicates');
    const pair = page.locator(`#pair-${keep.body.id}-${gone.body.id}`);
    await pair.waitFor();
    await pair.locator('summary:has-text("Decide on this pair")').click();
    const keepBox = pair.locator('fieldset:has-text("Which initiative do you keep?")');
    assert.equal(await keepBox.isVisible(), false);
    await pair.locator('input[value="same_work"] + label').click();
    await keepBox.waitFor();
    await pair.locator('textarea').fill('One set of drills entered twice.');
    await pair.locator('button:has-text("Record the decision")').click();
    await pair.locator('.error-summary').waitFor();
    assert.match(await pair.locator('.error-summary').textContent(), /Choose which initiative to keep/);
    await keepBox.locator(`label:has-text("Keep “${keep.body.title}”")`).click();
    await shot(page, 'capacity-04-merge');
    await pair.locator('button:has-text("Record the decision")').click();
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /Merged/);
    assert.equal(await page.locator(`#pair-${keep.body.id}-${gone.body.id}`).count(), 0);
    const kept = (await call(page, 'GET', `/api/v1/initiatives/${keep.body.id}`)).body;
    assert.deepEqual(kept.needs, ['T4.2', 'T4.3']);
    await page.goto(`/initiative?id=${gone.body.id}`);
    const note = page.locator('#merged');
    await note.waitFor();
    assert.match(await note.textContent(), /Merged/);
    assert.equal(await note.locator('a').getAttribute('href'), `/initiative?id=${keep.body.id}`);
    assert.equal(await page.locator('#edit-link').isVisible(), false);
    noProblems(page);
  });

  it('turns a completed training into a proposal, accepted and validated, and the gap page moves', async () => {
    const coord = await newPage();
    await signIn(coord, 'coordinator');
    // A standard Guyana does not meet, with nothing waiting for review.
    const gaps = (await call(coord, 'GET', '/api/v1/gaps?state=GY')).body;
    const pending = (await call(coord, 'GET', '/api/v1/assessments?state=GY&status=pending&limit=200')).body;
    const busy = new Set((pending.items || []).map((x) => x.standard));
    const std = gaps.areas.flatMap((x) => x.specific_areas.flatMap((s) => s.standards))
      .find((s) => s.status === 'unmet' && !busy.has(s.code));
    assert.ok(std, 'an unmet standard for Guyana');
    const before = gaps.summary.percent_met;
    // Ended two days ago: its status record is then newer than the
    // validated one it must replace (as_of is the training's end).
    const day = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
    const t = await call(coord, 'POST', '/api/v1/trainings', {
      title: 'Crisis management exercise for Guyana (e2e)', start: day(3), end: day(2),
      place: 'Georgetown', host_state: 'GY', organiser_id: 1, audiences: ['crisis_managers', 'it_staff'],
      participants: [{ state: 'GY', role: 'crisis_managers', women: 5, men: 7 },
        { state: 'GY', role: 'it_staff', women: 3, men: null, unspecified: 2 }],
      standards: [std.lineage_id],
    });
    assert.equal(t.status, 201, JSON.stringify(t.body));

    await coord.goto('/trainings');
    await coord.locator(`#training-${t.body.id} a`).click();
    await coord.waitForURL(/\/training\?id=\d+$/);
    await coord.locator('#participant-table').waitFor();
    assert.match(await coord.locator('#participant-table').textContent(), /Not known/);
    await shot(coord, 'capacity-04-training');
    await coord.click('#complete');
    await coord.locator('#flash .success').waitFor();
    assert.equal(await coord.locator('#status-word').textContent(), 'Completed');

    const analyst = await newPage();
    await signIn(analyst, 'analyst');
    await navClick(analyst, 'Capacity');
    await analyst.click('.subnav a:text-is("Proposals")');
    await analyst.waitForURL(/\/proposals$/);
    const card = analyst.locator('li.proposal', { hasText: 'Crisis management exercise for Guyana (e2e)' });
    await card.first().waitFor();
    assert.equal(await card.count(), 1);
    assert.match(await card.textContent(), new RegExp(std.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await shot(analyst, 'capacity-05-proposals');
    await card.locator('button:has-text("Accept")').click();
    await analyst.locator('#flash .success').waitFor();
    assert.match(await analyst.locator('#flash').textContent(), /awaiting validation/);

    // Another reviewer (the coordinator) validates it on the review page.
    await coord.goto('/review?state=GY');
    const rec = coord.locator('#records tbody tr', { hasText: std.title });
    await rec.first().waitFor();
    await rec.first().locator('input.pick').check();
    await coord.click('#validate-selected');
    await coord.locator('#flash .success').waitFor();

    await coord.goto('/state-gaps?code=GY');
    const row = coord.locator(`#std-${std.code}`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'met');
    const now = (await call(coord, 'GET', '/api/v1/gaps?state=GY')).body.summary.percent_met;
    assert.ok(now > before, `Guyana ${before}% before, ${now}% after`);
    await row.scrollIntoViewIfNeeded();
    await shot(coord, 'capacity-06-state-gaps-after');
    noProblems(coord);
    noProblems(analyst);
  });

  it('shows the coverage matrix with a legend and a word in every cell', async () => {
    const page = await newPage();
    await signIn(page, 'partner');
    await page.goto('/coverage');
    await page.locator('#coverage').waitFor();
    assert.deepEqual(await page.locator('#stage-legend li').allTextContents(),
      ['Uncovered', 'Pipeline', 'Pledged', 'Committed', 'Disbursed', 'Completed']);
    const words = new Set(['Uncovered', 'Pipeline', 'Pledged', 'Committed', 'Disbursed', 'Completed']);
    const cells = await page.locator('#coverage td.stage').evaluateAll((tds) =>
      tds.map((td) => [td.dataset.stage, (td.querySelector('button') || td).childNodes[0].textContent.trim()]));
    assert.equal(cells.length, 21 * (await page.locator('#coverage thead th.num').count()));
    for (const [, w] of cells) assert.ok(words.has(w), `cell word ${w}`);
    assert.ok(cells.some(([s]) => s !== 'uncovered'));
    assert.match(await page.locator('#downloads a').first().getAttribute('href'), /\/api\/v1\/coverage\?format=csv$/);
    const btn = page.locator('#coverage td button').first();
    await btn.click();
    await page.locator('#cell-initiatives a').first().waitFor();
    await shot(page, 'capacity-07-coverage');
    // a cell of twelve: the first ten come with the matrix, the rest
    // on "Show more", and the button goes once every one is shown
    const coord = await newPage();
    await signIn(coord, 'coordinator');
    for (let k = 0; k < 12; k++) {
      const r = await call(coord, 'POST', '/api/v1/initiatives', {
        iati_identifier: `XM-E2E-CELL-${k}`, title: `Cyber crisis exercise ${k} for Saint Kitts and Nevis`,
        kind: 'project', status: 2, planned_start: '2027-01-01', planned_end: '2027-06-30',
        states: [{ state: 'KN', percentage: '100' }], needs: ['T5.3'],
        organisations: [{ id: 24, role: 4 }],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await page.goto('/coverage');
    await page.locator('#coverage').waitFor();
    const kn = page.locator('#need-T5-3 td button[aria-label^="T5.3 in Saint Kitts"]');
    assert.match(await kn.getAttribute('aria-label'), /12 initiatives$/);
    await kn.click();
    await page.locator('#cell-more').waitFor();
    assert.equal(await page.locator('#cell-initiatives li').count(), 10);
    assert.match(await page.locator('#cell-more').textContent(), /2 not shown/);
    await page.click('#cell-more');
    await page.locator('#cell-more').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#cell-initiatives li').count(), 12);
    assert.equal(await page.locator('#cell-status').textContent(), '12 of 12 initiatives shown.');
    await shot(page, 'capacity-07b-coverage-cell-paged');
    const phone = await newPage(PHONE);
    await signIn(phone, 'partner');
    await phone.goto('/coverage');
    await phone.locator('#coverage').waitFor();
    await shot(phone, 'capacity-08-coverage-375px');
    noProblems(page);
  });

  it('pages the initiatives list with its total', async () => {
    const page = await newPage();
    await signIn(page, 'partner');
    await page.goto('/initiatives?limit=10');
    await page.locator('#initiative-list').waitFor();
    const total = (await call(page, 'GET', '/api/v1/initiatives?limit=1')).body.total;
    assert.ok(total > 10, `more than one page (${total})`);
    const status = page.locator('.list-status');
    assert.equal(await status.textContent(), `Showing 1–10 of ${total.toLocaleString('en-GB')} initiatives`);
    assert.equal(await page.locator('#initiative-list tbody tr').count(), 10);
    assert.equal(await page.locator('.pager-prev').count(), 0);
    const first = await page.locator('#initiative-list tbody tr a').first().textContent();
    await page.click('.pager-next');
    await status.filter({ hasText: 'Showing 11–' }).waitFor();
    assert.equal(await status.textContent(), `Showing 11–${Math.min(20, total)} of ${total.toLocaleString('en-GB')} initiatives`);
    await shot(page, 'capacity-09-initiatives-page-2');
    await page.click('.pager-prev');
    await status.filter({ hasText: 'Showing 1–' }).waitFor();
    assert.equal(await page.locator('#initiative-list tbody tr a').first().textContent(), first);
    // a column header sorts, and says so
    await page.click('#initiative-list th a:has-text("Title")');
    await page.waitForURL(/sort=title&order=asc/);
    await listSettled(page);
    await page.locator('#initiative-list th[aria-sort="ascending"]').waitFor();
    // a filter narrows the total, and the CSV link carries it
    await page.selectOption('#state', 'JM');
    await page.click('#apply');
    await page.waitForURL(/state=JM/);
    await listSettled(page);
    await page.waitForFunction((t) => !/of [0-9,]+ initiatives$/.test(document.querySelector('.list-status').textContent) ||
      !document.querySelector('.list-status').textContent.endsWith(`of ${t} initiatives`), total.toLocaleString('en-GB'));
    assert.match(await status.textContent(), /^(Showing 1–\d+ of [\d,]+ initiatives?|No initiative matches these filters\.)$/);
    assert.match(await page.locator('.download-csv').getAttribute('href'), /^\/api\/v1\/initiatives\?.*state=JM.*format=csv/);
    const phone = await newPage(PHONE);
    await signIn(phone, 'partner');
    await phone.goto('/initiatives');
    await phone.locator('#initiative-list').waitFor();
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 375, `the list fits 375 px (${wide} px)`);
    await shot(phone, 'capacity-10-initiatives-375px');
    noProblems(page);
  });

  it('shows the needs catalogue, funding tables and the roadmap, at desktop width and 375 px', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/needs');
    await page.locator('#need-list').waitFor();
    assert.equal(await page.locator('#need-list > li').count(), 21);
    // a coordinator edits a need; its history keeps the earlier text
    const n = page.locator('#need-T5-3');
    await n.locator('summary:has-text("Edit T5.3")').click();
    await n.locator('#sol-T5-3').fill('Pool forensic tools regionally.\nShare forensic examiners between states.');
    await n.locator('button:has-text("Save T5.3")').click();
    await page.locator('#flash .success').waitFor();
    await page.locator('#need-T5-3 summary:has-text("History of T5.3 (version 2)")').click();
    await page.locator('#need-T5-3 ol li').first().waitFor();
    await shot(page, 'capacity-11-needs');
    // the catalogue filters by words and plan table, with a total and CSV
    await page.selectOption('#table', '4');
    await page.click('#apply');
    await page.locator('.list-status', { hasText: 'Showing 1–4 of 4 needs' }).waitFor();
    assert.equal(await page.locator('#need-list > li').count(), 4);
    assert.match(await page.locator('a.download-csv').getAttribute('href'), /^\/api\/v1\/needs\?.*table=4.*format=csv/);
    // sorted by the form, then back to the plan's order
    await page.selectOption('#sort', 'need');
    await page.selectOption('#order', 'desc');
    await page.click('#apply');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'need' && u.searchParams.get('order') === 'desc');
    const texts = await page.locator('#need-list > li > p:first-of-type').allTextContents();
    assert.deepEqual(texts, [...texts].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    await page.selectOption('#sort', 'plan_order');
    await page.selectOption('#order', '');
    await page.click('#apply');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'plan_order' && !u.searchParams.get('order'));
    await page.locator('#need-list > li:first-child h2', { hasText: 'T4.1' }).waitFor();
    // the awareness campaigns have a list of their own, sorted by header
    await page.goto('/trainings');
    await page.locator('#training-list').waitFor();
    await page.click('#camp-h + p a');
    await page.waitForURL(/\/campaigns$/);
    await page.locator('#campaign-list').waitFor();
    await page.click('#campaign-list th a:has-text("Title")');
    await page.waitForURL(/sort=title&order=asc/);
    await listSettled(page);
    const titles = await page.locator('#campaign-list tbody td:first-child').allTextContents();
    assert.ok(titles.length > 0);
    assert.deepEqual(titles, [...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await page.goto('/funding');
    await page.locator('#funding-funder').waitFor();
    assert.match(await page.locator('.lead').textContent(), /A chart and tables show the totals/);
    assert.match(await page.locator('#funding-chart').getAttribute('src'), /\/api\/v1\/funding\/chart\.svg/);
    assert.match(await page.locator('#funding-state').textContent(), /USD/);
    await shot(page, 'capacity-12-funding');
    await page.goto('/timeline');
    await page.locator('#milestone-table').waitFor();
    await page.fill('#adoption', '2023-01-15');
    await page.click('button:has-text("Set the date")');
    await page.locator('#milestones p:has-text("Adopted on 15 January 2023")').waitFor();
    await page.locator('#roadmap-chart .rm-row').first().waitFor();
    assert.match(await page.locator('#milestone-table').textContent(), /15 February 2023/);
    await shot(page, 'capacity-13-timeline');
    noProblems(page);
    const phone = await newPage(PHONE);
    await signIn(phone, 'coordinator');
    for (const [path, name, sel] of [['/timeline', 'capacity-14-timeline-375px', '#roadmap-chart'],
      ['/duplicates', 'capacity-15-duplicates-375px', '#pairs'], ['/initiative-new', 'capacity-16-form-375px', '#ini']]) {
      await phone.goto(path);
      await phone.locator(sel).waitFor();
      await shot(phone, name);
    }
    noProblems(phone);
  });
});
