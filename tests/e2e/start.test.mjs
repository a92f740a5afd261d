// start.test.mjs: the start page after sign-in. Jamaica's NCPOC lands on
// /start and sees a request for information the RIFC just asked as
// something to answer, counted as the API counts it; the Steering
// Committee sees the incident trends (a chart drawn by the server and the
// numbers in tables), and a new TLP:CLEAR incident is counted in them.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/start.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs } from './harness.mjs';

let server;
let browser;
const contexts = [];

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

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('start page', () => {
  it('shows an NCPOC the requests to answer after sign-in', async () => {
    const rifc = await openPage(browser, server, contexts);
    await signInAs(rifc, server, 'analyst');
    const q = await apiCall(rifc, 'POST', '/api/v1/rfis',
      { question: 'Has Jamaica seen this phishing kit?', tlp: 'green' });
    assert.equal(q.status, 201, JSON.stringify(q.body));

    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'ncpoc.jm');
    assert.equal(new URL(page.url()).pathname, '/start', 'lands on the start page');
    const open = await apiCall(page, 'GET', '/api/v1/rfis?status=open&limit=200');
    assert.equal(open.body.next_cursor, null, 'one page holds them all');
    const want = open.body.items.filter((x) => x.author !== 'ncpoc.jm').length;
    assert.ok(want >= 1);
    const cardEl = page.locator('#now-rfis');
    await cardEl.waitFor();
    assert.equal(await cardEl.locator('.count').textContent(), String(want));
    await cardEl.getByRole('link', { name: 'Answer requests' }).click();
    await page.waitForURL(/\/rfis$/);
    await page.locator('#rfi-' + q.body.id).waitFor();
    noProblems(page);
  });

  it('shows the Steering Committee the incident trends', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'steering');
    await page.goto('/start');
    await page.locator('#trends').waitFor({ state: 'visible' });
    const before = (await apiCall(page, 'GET', '/api/v1/incidents/trends')).body;
    const months = page.locator('#trend-months tbody tr');
    assert.equal(await months.count(), 12);
    await page.waitForFunction(() => document.getElementById('trends-chart').naturalWidth > 0);
    assert.match(await page.locator('#trends-chart').getAttribute('alt'), /Line chart/);
    assert.match(await page.locator('#trends-lead').textContent(), new RegExp(`^${before.total} incident`));
    await shot(page, 'start-steering');

    const jm = await openPage(browser, server, contexts);
    await signInAs(jm, server, 'ncpoc.jm');
    const inc = await apiCall(jm, 'POST', '/api/v1/incidents', {
      title: 'Trend probe incident', description: 'Counted on the start page.',
      rsit: 'fraud:phishing', severity: 'low', tlp: 'clear',
    });
    assert.equal(inc.status, 201, JSON.stringify(inc.body));
    await page.reload();
    await page.locator('#trends').waitFor({ state: 'visible' });
    assert.match(await page.locator('#trends-lead').textContent(), new RegExp(`^${before.total + 1} incident`));
    const last = months.last();
    const was = before.months[11].count;
    assert.equal(await last.locator('td').nth(1).textContent(), String(was + 1));
    noProblems(page);
  });
});
