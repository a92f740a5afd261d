// sharing-lists.test.mjs: the shared list journeys of issue 11 (items 2,
// 3 and 10) in a real browser. Jamaica's NCPOC reports 1,000 indicator
// values through the API; on /indicators they page through all of them
// with Next and Previous ("Showing 51–100 of 1,000"), sort by value with
// the column header, filter by words and by dates (the address keeps the
// query, so Back works), and download the CSV, whose rows are the
// filtered list. A value seen in a TLP:RED report shows its RED marking
// to the named recipient (the steering member) and is not there at all
// for anyone else.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/sharing-lists.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs } from './harness.mjs';

let server;
let browser;
const contexts = [];
const TAG = 'lst' + Date.now().toString(36);
const N = 1000;

const newPage = () => openPage(browser, server, contexts);

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

// value i: a domain of its own (values under one registered domain are
// each correlated with all the others, which makes reporting 1,000 of
// them slow), seen on a day of March 2026 (1 + i % 28)
const host = (i) => `h${String(i).padStart(4, '0')}-${TAG}.example`;
const day = (i) => 1 + (i % 28);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('indicator lists', () => {
  let jm;

  it('pages through 1,000 values with Next and Previous', async () => {
    jm = await newPage();
    await signInAs(jm, server, 'ncpoc.jm');
    const values = [];
    for (let i = 0; i < N; i++) {
      values.push({
        type: 'domain', value: host(i),
        seen_at: `2026-03-${String(day(i)).padStart(2, '0')}T12:00:00Z`,
      });
    }
    const rep = await apiCall(jm, 'POST', '/api/v1/indicators', { tlp: 'green', indicators: values });
    assert.equal(rep.status, 201, JSON.stringify(rep.body).slice(0, 300));

    await jm.goto('/indicators?q=' + TAG);
    const status = jm.locator('#count');
    await status.filter({ hasText: 'Showing 1–50 of 1,000 values' }).waitFor();
    const seen = new Set();
    const ids = async () => jm.locator('#indicator-list tbody tr').evaluateAll((rows) => rows.map((r) => r.id));
    for (let p = 0; p < N / 50; p++) {
      await status.filter({ hasText: `Showing ${(p * 50 + 1).toLocaleString('en-GB')}–` }).waitFor();
      const page = await ids();
      assert.equal(page.length, 50);
      for (const id of page) seen.add(id);
      if (p === 2) await shot(jm, 'sharing-lists-01-page-3');
      if (p < N / 50 - 1) await jm.click('a[rel=next]');
    }
    assert.equal(seen.size, N, 'every value once');
    assert.equal(await jm.locator('a[rel=next]').count(), 0, 'no Next on the last page');
    assert.match(await status.textContent(), /Showing 951–1,000 of 1,000/);
    // Previous goes back one page; the browser's Back does too
    const last = await ids();
    await jm.click('a[rel=prev]');
    await status.filter({ hasText: 'Showing 901–950' }).waitFor();
    assert.notDeepEqual(await ids(), last);
    await jm.goBack();
    await status.filter({ hasText: 'Showing 951–1,000' }).waitFor();
    assert.deepEqual(await ids(), last);
    noProblems(jm);
  });

  it('sorts by a column and filters by words and dates', async () => {
    await jm.goto('/indicators?q=' + TAG);
    await jm.locator('#count').filter({ hasText: 'of 1,000' }).waitFor();
    const head = jm.locator('#indicator-list th', { hasText: 'Value' });
    assert.equal(await head.getAttribute('aria-sort'), 'none');
    await head.locator('a').click();
    await jm.waitForURL(/sort=value/);
    await jm.locator('#indicator-list th[aria-sort=ascending]', { hasText: 'Value' }).waitFor();
    const first = await jm.locator('#indicator-list tbody tr td:first-child a').allTextContents();
    assert.deepEqual(first, Array.from({ length: 50 }, (_, i) => host(i)));
    await jm.locator('#indicator-list th', { hasText: 'Value' }).locator('a').click();
    await jm.locator('#indicator-list th[aria-sort=descending]', { hasText: 'Value' }).waitFor();
    assert.equal(await jm.locator('#indicator-list tbody tr td:first-child a').first().textContent(), host(N - 1));

    // words: part of the value; dates: last seen on 2 or 3 March
    await jm.fill('#f-q', `h00 ${TAG}`);
    await jm.fill('#f-from', '2026-03-02');
    await jm.fill('#f-to', '2026-03-03');
    await jm.click('#filters button[type=submit]');
    await jm.waitForURL(/from=2026-03-02/);
    const want = Array.from({ length: 100 }, (_, i) => i).filter((i) => day(i) === 2 || day(i) === 3);
    await jm.locator('#count').filter({ hasText: `of ${want.length} values` }).waitFor();
    const got = await jm.locator('#indicator-list tbody tr td:first-child a').allTextContents();
    assert.deepEqual(got, want.map(host).sort().reverse(), 'still sorted by value, descending');
    // dates never wrap
    const ws = await jm.locator('#indicator-list td.date').first().evaluate((td) => getComputedStyle(td).whiteSpace);
    assert.equal(ws, 'nowrap');
    await shot(jm, 'sharing-lists-02-filtered');
    await jm.goBack();
    await jm.locator('#count').filter({ hasText: 'of 1,000' }).waitFor();
    assert.equal(await jm.inputValue('#f-q'), TAG);

    // the CSV is the filtered, sorted list
    await jm.goForward();
    await jm.locator('#count').filter({ hasText: `of ${want.length} values` }).waitFor();
    const [download] = await Promise.all([
      jm.waitForEvent('download'),
      jm.click('a.download-csv'),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\r\n');
    assert.match(lines[0], /^id,type,value,markings,reported_by/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[2]), want.map(host).sort().reverse());
    assert.ok(lines.slice(1).every((l) => l.includes(',green,JM,')));
    noProblems(jm);
  });

  it('a RED sighting shows its marking to its recipient, nothing to others', async () => {
    const red = `red.${TAG}.example`;
    const rep = await apiCall(jm, 'POST', '/api/v1/indicators', {
      tlp: 'red', recipients: ['steering'],
      indicators: [{ type: 'domain', value: red }, { type: 'domain', value: host(7) }],
    });
    assert.equal(rep.status, 201, JSON.stringify(rep.body).slice(0, 300));

    const st = await newPage();
    await signInAs(st, server, 'steering');
    await st.goto('/indicators?q=red.' + TAG);
    await st.locator('#indicator-list').waitFor();
    const row = st.locator('#indicator-list tbody tr', { hasText: red });
    assert.equal(await row.locator('.tlp').textContent(), 'TLP:RED');
    await st.goto('/indicators?q=' + host(7));
    const both = st.locator('#indicator-list tbody tr', { hasText: host(7) });
    await both.waitFor();
    assert.deepEqual(await both.locator('.tlp').allTextContents(), ['TLP:RED', 'TLP:GREEN']);
    await shot(st, 'sharing-lists-03-red-recipient');

    const bb = await newPage();
    await signInAs(bb, server, 'cert.bb');
    await bb.goto('/indicators?q=red.' + TAG);
    await bb.locator('#count').filter({ hasText: 'No values you may read match.' }).waitFor();
    assert.equal(await bb.locator('#indicator-list').count(), 0);
    await bb.goto('/indicators?q=' + host(7));
    const only = bb.locator('#indicator-list tbody tr', { hasText: host(7) });
    await only.waitFor();
    assert.deepEqual(await only.locator('.tlp').allTextContents(), ['TLP:GREEN']);
    assert.doesNotMatch(await bb.locator('main').textContent(), /RED/);
    // search: a part of the value, through the same policy
    await bb.goto('/search?q=red.' + TAG);
    await bb.locator('#count').filter({ hasText: /Nothing you may read/ }).waitFor();
    await st.goto('/search?q=red.' + TAG);
    await st.locator('#results li', { hasText: red }).waitFor();
    noProblems(st);
    noProblems(bb);
  });
});
