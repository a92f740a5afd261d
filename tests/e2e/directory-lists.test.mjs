// directory-lists.test.mjs: the lists of issue 11 item 2 owned by the
// directory and its neighbours, in a real browser: /organisations sorts
// by a header, pages with a total and offers the CSV; the public sees no
// national body there; /directory narrows contacts and pages them;
// /triage-clusters and /preservation show their list with a total.
// Screenshots: lists-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/directory-lists.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs, listSettled } from './harness.mjs';

let server;
let browser;
const contexts = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const csrf = (await (await fetch('/api/v1/session')).json()).csrf_token;
    const r = await fetch(p, {
      method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: b ? JSON.stringify(b) : undefined,
    });
    return { status: r.status, body: await r.json() };
  }, [method, path, body]);
}

describe('directory lists', () => {
  it('sorts, pages and downloads the organisations; the public sees no national body', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'coordinator');
    await page.goto('/organisations');
    const made = await call(page, 'POST', '/api/v1/organisations',
      { name: 'Zz Quillon National Unit', acronym: 'ZQNU', kind: 'national_body', state: 'JM' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await page.goto('/organisations?limit=3');
    const rows = page.locator('#organisations tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3);
    assert.match(await page.locator('.list-status').textContent(), /^Showing 1–3 of \d+ organisations$/);
    await page.locator('a.pager-next').click();
    await page.waitForURL(/cursor=/);
    await listSettled(page);
    assert.match(await page.locator('.list-status').textContent(), /^Showing 4–6 of/);
    await page.locator('th a.sort-link', { hasText: 'Name' }).click();
    await page.waitForURL(/sort=name&order=desc/);
    await listSettled(page);
    await rows.first().waitFor();
    assert.match(await rows.first().textContent(), /Zz Quillon National Unit/);
    assert.match(await page.locator('a.download-csv').getAttribute('href'),
      /^\/api\/v1\/organisations\?.*format=csv/);
    await shot(page, 'lists-01-organisations');
    noProblems(page);

    const pub = await browser.newContext({ baseURL: server.base });
    contexts.push(pub);
    const anon = await pub.newPage();
    await anon.goto('/organisations?q=quillon');
    await anon.locator('.list-status').filter({ hasText: /No organisation/ }).waitFor();
    assert.equal(await anon.locator('#organisations').count(), 0);
  });

  it('narrows the contacts and keeps the search in the address', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'coordinator');
    await page.goto('/directory?limit=5');
    const rows = page.locator('#contacts tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 5);
    assert.match(await page.locator('#count').textContent(), /^Showing 1–5 of \d+ contacts$/);
    await page.selectOption('#role', 'ncpoc');
    await page.waitForURL(/role=ncpoc/);
    await page.locator('#count').filter({ hasText: /^Showing/ }).waitFor();
    for (const t of await page.locator('#contacts tbody tr td:nth-child(2)').allTextContents()) {
      assert.match(t, /NCPOC/i);
    }
    await shot(page, 'lists-02-directory');
    noProblems(page);
  });

  it('shows the triage clusters and the preservation requests as lists', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'ncpoc.jm');
    await page.goto('/triage-clusters');
    await page.locator('#content').waitFor({ state: 'visible' });
    await page.locator('.list-status').filter({ hasText: /Showing|No two reports/ }).waitFor();
    assert.match(await page.locator('a.download-csv').getAttribute('href'),
      /^\/api\/v1\/public-reports\/clusters\?.*format=csv/);
    await page.goto('/preservation');
    await page.locator('#content').waitFor({ state: 'visible' });
    await page.locator('#count').filter({ hasText: /Showing|No requests/ }).waitFor();
    await shot(page, 'lists-03-preservation');
    noProblems(page);
  });
});
