// phone.test.mjs: ccscap at phone width (375 x 667), as each role. Every
// page of the role's navigation opens without the page scrolling sideways
// (a wide table scrolls inside itself), and the header folds its links
// behind a "Menu" button so it takes less than a quarter of the screen;
// the button opens and closes the list. Without JavaScript the public
// pages keep their short list of links, visible, and do not scroll
// sideways either.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/phone.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs } from './harness.mjs';
import { navFor } from '../../web/common/nav.js';

const PHONE = { width: 375, height: 667 };
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

/** How far @page scrolls sideways, in CSS pixels (0 when it does not). */
function sideways(page) {
  return page.evaluate(() => {
    const el = document.scrollingElement;
    return Math.max(0, el.scrollWidth - window.innerWidth);
  });
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.locator('#who').waitFor();
}

describe('phone width', () => {
  for (const login of ['analyst', 'ncpoc.jm', 'coordinator', 'steering', 'partner', 'admin']) {
    it(`${login}: every page fits the width, the menu folds away`, async () => {
      const page = await openPage(browser, server, contexts, PHONE);
      const u = await signInAs(page, server, login);
      const user = { role: u.role, state_code: u.state };
      const hrefs = navFor(user).map((e) => e.href);
      assert.ok(hrefs.length >= 8, `${login} has a navigation worth folding`);
      const wide = [];
      const broken = [];
      for (const href of hrefs) {
        await page.goto(href);
        await settle(page);
        const px = await sideways(page);
        if (px > 1) wide.push(`${href} (${px}px)`);
        for (const p of page.problems.splice(0)) broken.push(`${href}: ${p}`);
      }
      assert.deepEqual(wide, [], 'pages that scroll sideways at 375 px');
      assert.deepEqual(broken, [], 'pages with script errors');

      await page.goto('/start');
      await settle(page);
      const toggle = page.locator('#menu-toggle');
      await toggle.waitFor({ state: 'visible' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      const nav = page.locator('.top nav');
      assert.equal(await nav.isVisible(), false, 'the links are folded away');
      if (login === 'analyst') await shot(page, 'phone-00-menu-closed');
      const header = await page.locator('header.top').boundingBox();
      assert.ok(header.height < PHONE.height / 4,
        `the header takes ${header.height}px of ${PHONE.height}`);
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await page.getByRole('link', { name: 'Search', exact: true }).waitFor({ state: 'visible' });
      if (login === 'analyst') await shot(page, 'phone-01-menu-open');
      await toggle.click();
      assert.equal(await nav.isVisible(), false, 'the menu closes again');
      noProblems(page);
    });
  }

  it('without JavaScript the public pages keep their links and fit', async () => {
    const ctx = await browser.newContext({ baseURL: server.base, viewport: PHONE, javaScriptEnabled: false });
    contexts.push(ctx);
    const page = await ctx.newPage();
    for (const href of ['/', '/login', '/report', '/directory', '/gaps']) {
      const r = await page.goto(href);
      assert.equal(r.status(), 200, href);
      assert.equal(await page.locator('#menu-toggle').count(), 0, 'no button without script');
      assert.ok(await page.locator('.top nav').isVisible(), `${href}: links visible`);
      const px = await sideways(page);
      assert.ok(px <= 1, `${href} scrolls ${px}px sideways`);
    }
    await shot(page, 'phone-02-no-javascript');
  });
});
