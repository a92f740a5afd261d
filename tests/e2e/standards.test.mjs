// standards.test.mjs: the minimum-standards pages in a real browser against
// a real demo server: an NCPOC raises a standard Jamaica does not meet to
// its minimum, with evidence and a PDF; a RIFC analyst validates it; the heat
// map and the state page show the change; a coordinator cannot review their
// own record; refusals land in the error summary beside their field.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, totp, openPage, noProblems, signInAs, navClick,
} from './harness.mjs';

let server;
let browser;
const contexts = [];

// A small, valid one-page PDF: the server checks what a file is, not its name.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
  '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n');

const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);

function getJSON(page, path) {
  return page.evaluate((p) => fetch(p).then((r) => r.json()), path);
}

/** The percent shown in the heat map for @state in priority area @index. */
async function heatPercent(page, state, index) {
  const cell = page.locator(`#row-${state} td`).nth(index).locator('.pc');
  await cell.waitFor();
  const m = /^(\d+)%$/.exec((await cell.textContent()).trim());
  assert.ok(m, 'a cell shows its percent as a number');
  return Number(m[1]);
}

function tomorrow() {
  const d = new Date(Date.now() + 36 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
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

describe('minimum standards', () => {
  // Shared by the steps of the main journey.
  const pick = {};

  it('shows the heat map with numbers, a key, the unmet list and the ranking', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await navClick(page, 'Standards');
    await page.waitForURL(/\/gaps$/);
    await page.locator('#heatmap').waitFor();
    const m = await getJSON(page, '/api/v1/gaps/matrix');
    assert.equal(await page.locator('#heatmap tbody tr[id^="row-"]').count(), m.states.length);
    // every cell carries its number; the key lists five bands with ranges
    for (const t of await page.locator('#heatmap td.heat .pc').allTextContents()) assert.match(t, /^\d+%$/);
    assert.deepEqual(await page.locator('.legend li').allTextContents(),
      ['0 to 19%', '20 to 39%', '40 to 59%', '60 to 79%', '80 to 100%']);
    const groups = await page.locator('#heatmap tr.group th').allTextContents();
    assert.ok(groups[0].startsWith('Member states'), groups.join());
    const jm = m.states.find((s) => s.code === 'JM');
    assert.equal(await page.locator('#row-JM td.overall .pc').textContent(), `${jm.summary.percent_met}%`);
    assert.match(await page.locator('#downloads a').first().getAttribute('href'), /^\/api\/v1\/gaps\/matrix\?format=csv/);
    assert.ok(await page.locator('#ranking-table tbody tr').count() === m.states.length);
    await page.locator('#unmet').waitFor();
    await shot(page, 'standards-01-heat-map');

    // the specific-area matrix, and the map at an earlier date
    await page.selectOption('#view', 'specific');
    await page.fill('#at', '2022-06-30');
    await page.click('#show');
    await page.waitForURL(/at=2022-06-30&view=specific/);
    await page.waitForFunction((n) => document.querySelectorAll('#heatmap thead th').length === n + 2,
      m.specific_areas.length);
    assert.match(await page.locator('#map-intro').textContent(), /30 June 2022/);
    await shot(page, 'standards-02-heat-map-specific-2022');
    noProblems(page);
  });

  it('lets the Jamaica NCPOC submit a record with evidence and a PDF, then see it pending', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    // A standard Jamaica does not meet today, with nothing already waiting.
    const gaps = await getJSON(page, '/api/v1/gaps?state=JM');
    const pending = await getJSON(page, '/api/v1/assessments?state=JM&status=pending&limit=200');
    const busy = new Set(pending.items.map((a) => a.standard));
    for (const [i, a] of gaps.areas.entries()) {
      for (const sa of a.specific_areas) {
        for (const s of sa.standards) {
          if (!pick.std && s.status === 'unmet' && !busy.has(s.code)) Object.assign(pick, { std: s, area: a, index: i });
        }
      }
    }
    assert.ok(pick.std, 'an unmet standard of Jamaica');

    await page.goto('/gaps');
    pick.before = await heatPercent(page, 'JM', pick.index);

    await page.goto('/state-gaps?code=JM');
    await page.click('#submit-link');
    await page.waitForURL(/\/submit\?state=JM$/);
    await page.locator('#record').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#state').inputValue(), 'JM');
    assert.equal(await page.locator('#state option').count(), 1, 'an NCPOC can choose only their own state');
    await page.selectOption('#standard', pick.std.code);
    const levels = page.locator('#level input[type="radio"]');
    assert.equal(await levels.count(), pick.std.scale.length);
    assert.match(await page.locator(`label[for="level-${pick.std.met_level}"]`).textContent(), /minimum to meet the standard/);
    await page.locator('#current').filter({ hasText: 'current level' }).waitFor();
    await page.check(`#level-${pick.std.met_level}`);
    await page.fill('#evidence', `Cabinet decision of this week raises “${pick.std.title}” to “${pick.std.met_label}”. Minutes attached.`);
    await page.fill('#links', 'https://example.org/jm/cabinet-decision');
    await page.setInputFiles('#files', { name: 'cabinet-decision.pdf', mimeType: 'application/pdf', buffer: PDF });
    assert.match(await page.locator('#file-list').textContent(), /cabinet-decision\.pdf.*ready to upload/);
    await shot(page, 'standards-03-submit-filled');
    await page.click('#send');
    await page.waitForURL(/\/state-gaps\?code=JM#pending$/);
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /waiting for review/);
    const row = page.locator('#pending-table tbody tr', { hasText: pick.std.code });
    await row.waitFor();
    pick.id = Number((await row.getAttribute('id')).replace('pending-', ''));
    assert.ok(pick.id > 0);
    assert.match(await row.textContent(), new RegExp(pick.std.met_label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // still "Not met": nothing counts before validation
    assert.equal(await page.locator(`#std-${pick.std.code}`).getAttribute('data-status'), 'unmet');
    const rec = await getJSON(page, '/api/v1/assessments/' + pick.id);
    assert.equal(rec.status, 'pending');
    assert.equal(rec.files.length, 1);
    assert.equal(rec.files[0].filename, 'cabinet-decision.pdf');
    assert.equal(rec.files[0].content_type, 'application/pdf');
    assert.deepEqual(rec.links, ['https://example.org/jm/cabinet-decision']);
    await shot(page, 'standards-04-state-pending');
    noProblems(page);
  });

  it('refuses a future date and an oversized file with the error summary', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await page.goto('/submit');
    await page.locator('#record').waitFor({ state: 'visible' });
    await page.selectOption('#standard', pick.std.code);
    await page.check('#level-0');
    await page.fill('#as_of', tomorrow());
    await page.fill('#evidence', 'A date in the future.');
    await page.click('#send');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /There is a problem/);
    const link = summary.locator('a', { hasText: 'today or in the past' });
    assert.equal(await link.getAttribute('href'), '#as_of');
    assert.match(await page.locator('#as_of-error').textContent(), /today or in the past/);
    assert.equal(await page.locator('#as_of').getAttribute('aria-invalid'), 'true');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'as_of', 'the summary link moves focus to the field');
    await shot(page, 'standards-05-future-date-refused');

    // The same date sent anyway: the server's refusal lands on the same field.
    await page.evaluate(() => { document.getElementById('as_of').removeAttribute('max'); });
    const res = await page.evaluate(async (body) => {
      const s = await fetch('/api/v1/session').then((r) => r.json());
      const r = await fetch('/api/v1/assessments', {
        method: 'POST', body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      });
      return { status: r.status, body: await r.json() };
    }, { state: 'JM', standard: pick.std.code, as_of: tomorrow(), level: 0, evidence: 'x' });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'future_date');

    await page.fill('#as_of', '2025-06-30');
    await page.setInputFiles('#files', { name: 'too-big.pdf', mimeType: 'application/pdf',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
    await page.click('#send');
    await page.locator('#files-error').waitFor();
    assert.match(await page.locator('#files-error').textContent(), /too-big\.pdf.*10 MB or smaller/);
    assert.equal(await page.locator('.error-summary a').first().getAttribute('href'), '#files');
    assert.equal(await page.locator('#as_of-error').count(), 0);
    noProblems(page);
  });

  it('lets a RIFC analyst validate the record in the queue', async () => {
    const page = await newPage();
    await signIn(page, 'analyst');
    await navClick(page, 'Review');
    await page.waitForURL(/\/review\?/);
    await page.selectOption('#state', 'JM');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/state=JM/);
    const card = page.locator(`#record-${pick.id}`);
    await card.waitFor();
    assert.match(await card.textContent(), new RegExp(pick.std.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await card.textContent(), /Meets the minimum/);
    assert.match(await card.textContent(), /ncpoc\.jm/);
    await card.locator('details summary').click();
    const file = card.locator('a', { hasText: 'cabinet-decision.pdf' });
    await file.waitFor();
    const dl = await page.request.get(await file.getAttribute('href'));
    assert.equal(dl.status(), 200);
    assert.equal(dl.headers()['content-type'], 'application/pdf');

    // Rejecting needs a reason: tick another record, try, then untick.
    const other = page.locator(`#results input.pick:not(#pick-${pick.id})`).first();
    await other.check();
    await page.click('#reject-selected');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /Say why you are rejecting the records/);
    assert.equal(await summary.locator('a').getAttribute('href'), '#reason');
    await shot(page, 'standards-06-review-reason-required');
    await other.uncheck();

    await page.check(`#pick-${pick.id}`);
    assert.match(await page.locator('#picked').textContent(), /1 record selected/);
    await page.click('#validate-selected');
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /1 record validated/);
    await page.waitForFunction((id) => !document.getElementById('record-' + id), pick.id);
    const rec = await getJSON(page, '/api/v1/assessments/' + pick.id);
    assert.equal(rec.status, 'validated');
    await shot(page, 'standards-07-review-validated');
    noProblems(page);
  });

  it('validates five records at once, and pages the queue 25 at a time', async () => {
    const ncpoc = await newPage();
    await signIn(ncpoc, 'ncpoc.jm');
    const tag = 'batch' + Date.now();
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const r = await ncpoc.evaluate(async ([std, day, ev]) => {
        const s = await fetch('/api/v1/session').then((x) => x.json());
        const x = await fetch('/api/v1/assessments', {
          method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
          body: JSON.stringify({ state: 'JM', standard: std, as_of: day, level: 0, evidence: ev }),
        });
        return { status: x.status, body: await x.json() };
      }, [pick.std.code, `2025-0${i + 1}-15`, `Desk note ${tag} number ${i + 1}`]);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.push(r.body.id);
    }
    const page = await newPage();
    await signIn(page, 'analyst');
    await page.goto('/review');
    await page.locator('.list-status').filter({ hasText: 'Showing' }).waitFor();
    const all = await getJSON(page, '/api/v1/assessments?status=pending&limit=1');
    assert.match(await page.locator('.list-status').textContent(),
      new RegExp(`Showing 1–${Math.min(25, all.total)} of ${all.total.toLocaleString('en-GB')} records`));
    assert.equal(await page.locator('#records tbody tr').count(), Math.min(25, all.total));
    // oldest first, and the age column sorts
    assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Submitted, sorted A to Z or oldest first');
    if (all.total > 25) {
      await page.click('.pager-next');
      await page.locator('.list-status').filter({ hasText: 'Showing 26–' }).waitFor();
    }
    await page.fill('#q', tag);
    await page.click('#filters button[type="submit"]');
    await page.locator('.list-status').filter({ hasText: 'Showing 1–5 of 5 records' }).waitFor();
    for (const id of ids) await page.check(`#pick-${id}`);
    assert.match(await page.locator('#picked').textContent(), /5 records selected/);
    await shot(page, 'standards-07b-review-five-selected');
    await page.click('#validate-selected');
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#flash').textContent(), /5 records validated/);
    await page.locator('.list-status').filter({ hasText: 'No records match' }).waitFor();
    for (const id of ids) {
      assert.equal((await getJSON(page, '/api/v1/assessments/' + id)).status, 'validated');
    }
    await shot(page, 'standards-07c-review-five-validated');
    noProblems(page);
  });

  it('shows the higher percent in the heat map and "Met" on the state page', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await page.goto('/gaps');
    const after = await heatPercent(page, 'JM', pick.index);
    assert.ok(after > pick.before, `Jamaica ${pick.area.code}: ${pick.before}% before, ${after}% after`);
    await page.locator('#row-JM').scrollIntoViewIfNeeded();
    await shot(page, 'standards-08-heat-map-after');

    await page.goto('/state-gaps?code=JM');
    const row = page.locator(`#std-${pick.std.code}`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'met');
    const status = (await row.locator('td[data-label="Status"]').innerText()).trim();
    assert.match(status, /Met$/);
    assert.doesNotMatch(status, /Not met/);
    assert.match(await row.textContent(), new RegExp(pick.std.met_label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // the history chart is drawn by the server and has a text alternative
    const img = page.locator('#history-chart');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('history-chart').naturalWidth > 0);
    assert.match(await img.getAttribute('alt'), /Step chart of the share of standards Jamaica meets/);
    const svg = await page.request.get('/api/v1/gaps/history.svg?state=JM');
    assert.equal(svg.headers()['content-type'], 'image/svg+xml');
    assert.match(await svg.text(), /^<\?xml[^]*<svg/);
    const pdf = await page.request.get('/api/v1/gaps/history.svg?state=JM&format=pdf');
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await page.click('#history-details summary');
    const hist = await getJSON(page, '/api/v1/gaps/history?state=JM');
    const last = hist.points[hist.points.length - 1];
    const cells = await page.locator('#history-table tbody tr').last().locator('td').allTextContents();
    assert.equal(cells[0], `${last.summary.percent_met}%`, 'the table repeats the chart');
    assert.equal(cells[pick.index + 1], `${last.areas[pick.index].percent_met}%`);
    await page.locator('#history').scrollIntoViewIfNeeded();
    await shot(page, 'standards-09-state-met-and-history');

    await page.goto('/standard?code=' + encodeURIComponent(pick.std.code));
    const st = page.locator('#state-JM');
    await st.waitFor();
    assert.equal(await st.getAttribute('data-status'), 'met');
    assert.match(await page.locator('#scale').textContent(), /Minimum to meet the standard/);
    await shot(page, 'standards-10-standard');
    noProblems(page);
  });

  it('tells a coordinator that another analyst must review their own record', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/submit?state=BB&standard=' + encodeURIComponent(pick.std.code));
    await page.locator('#record').waitFor({ state: 'visible' });
    assert.ok(await page.locator('#state option').count() > 1, 'a coordinator may choose any state');
    await page.check('#level-0');
    await page.fill('#as_of', '2025-06-30');
    await page.fill('#evidence', 'Desk review by the coordinator.');
    await page.selectOption('#source', 'review_meeting');
    await page.click('#send');
    await page.waitForURL(/\/state-gaps\?code=BB#pending$/);
    const row = page.locator('#pending-table tbody tr', { hasText: pick.std.code }).filter({ hasText: 'coordinator' });
    await row.waitFor();
    const id = Number((await row.getAttribute('id')).replace('pending-', ''));

    await navClick(page, 'Review');
    await page.waitForURL(/\/review\?/);
    await page.selectOption('#state', 'BB');
    await page.click('#filters button[type="submit"]');
    const card = page.locator(`#record-${id}`);
    await card.waitFor();
    assert.match(await card.locator('.own').textContent(), /You submitted this; another analyst must review it/);
    assert.equal(await card.locator('input.pick').count(), 0, 'no checkbox on one’s own record');
    // and the server refuses the attempt all the same
    const res = await page.evaluate(async (rid) => {
      const s = await fetch('/api/v1/session').then((r) => r.json());
      const r = await fetch(`/api/v1/assessments/${rid}/validate`, {
        method: 'POST', headers: { 'X-CSRF-Token': s.csrf_token },
      });
      return { status: r.status, body: await r.json() };
    }, id);
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'own_submission');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'standards-11-review-own-record');
    noProblems(page);
  });

  it('reads at 375 px wide', async () => {
    const page = await newPage({ width: 375, height: 800 });
    await signIn(page, 'analyst');
    for (const [path, name, ready] of [
      ['/gaps', 'standards-12-heat-map-375px', '#heatmap'],
      ['/state-gaps?code=JM', 'standards-13-state-375px', '#area-PA1'],
      ['/submit?state=JM', 'standards-14-submit-375px', '#record'],
      ['/review?state=JM', 'standards-15-review-375px', '.list-status'],
      ['/standard?code=' + encodeURIComponent(pick.std.code), 'standards-16-standard-375px', '#states-table'],
    ]) {
      await page.goto(path);
      await page.locator(ready).waitFor({ state: 'visible' });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 375, `${path} fits 375 px (${wide} px)`);
      if (path.startsWith('/state-gaps')) {
        await page.locator('#history-chart').scrollIntoViewIfNeeded();
        await page.waitForFunction(() => document.getElementById('history-chart').naturalWidth > 0);
        assert.equal(await page.evaluate(() => document.getElementById('history-chart').currentSrc.includes('size=small')), true,
          'phones get the narrow chart');
      }
      await shot(page, name);
    }
    noProblems(page);
  });
});
