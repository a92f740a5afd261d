// next.test.mjs: the sign-in page's ?next= never leads off the site
// (issue 8, F5). The outside test signed in from
// /login?next=%2F%09%2Fevil.example and landed on evil.example: the old
// check read the raw text ("/", then a tab), the URL parser dropped the
// tab and saw "//evil.example". Each variant is checked in the browser's
// own URL parser (safeNext from ui.js) and the tab one through a real
// sign-in.
// Run: npm ci && CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, noProblems } from './harness.mjs';

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

const OFFSITE = [
  '/\t/evil.example', '/\r/evil.example', '/\n/evil.example',
  '/\t\t/evil.example/x?y=1', '/\r\n/evil.example',
  '/\\evil.example', '/\\/evil.example', '\\/evil.example', '/\\\\evil.example',
  '//evil.example', '///evil.example', '/ /evil.example',
  'https://evil.example/', 'http:evil.example', 'javascript:alert(1)',
  '/\u0000/evil.example', 'evil.example', '', '/login', '/login?next=//evil.example',
];

describe('next after sign-in', () => {
  it('safeNext keeps only paths of this site', async () => {
    const page = await openPage(browser, server, contexts);
    await page.goto('/login');
    const got = await page.evaluate(async (list) => {
      const { safeNext } = await import('/js/ui.js');
      return list.map((v) => safeNext(v));
    }, OFFSITE);
    OFFSITE.forEach((v, i) => {
      assert.ok(got[i] === '/' || got[i] === '/%20/evil.example',
        `${JSON.stringify(v)} -> ${JSON.stringify(got[i])}`);
    });
    const ok = await page.evaluate(async () => {
      const { safeNext } = await import('/js/ui.js');
      return [safeNext('/incidents?state=JM#list'), safeNext('/state?code=BB')];
    });
    assert.deepEqual(ok, ['/incidents?state=JM#list', '/state?code=BB']);
  });

  it('signing in from /login?next=%2F%09%2Fevil.example stays on the site', async () => {
    const page = await openPage(browser, server, contexts);
    const off = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.base)) off.push(r.url()); });
    await page.goto('/login?next=%2F%09%2Fevil.example');
    await page.fill('#login', 'coordinator');
    await page.fill('#password', server.users.coordinator.password);
    await page.click('#submit');
    await page.waitForURL(server.base + '/start');
    assert.deepEqual(off, []);
    noProblems(page);
  });

  it('a same-site next is still followed', async () => {
    const page = await openPage(browser, server, contexts);
    await page.goto('/login?next=' + encodeURIComponent('/state?code=BB'));
    await page.fill('#login', 'coordinator');
    await page.fill('#password', server.users.coordinator.password);
    await page.click('#submit');
    await page.waitForURL(server.base + '/state?code=BB');
  });
});
