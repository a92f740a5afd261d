// stix-objects.test.mjs: issue 11 items 6 and 7 in a real browser.
// Jamaica's NCPOC imports a small STIX report through the import page;
// the result links to what was stored; from there the threat actor's page
// shows its properties, its marking and its "uses" relationship, followed
// to the malware, which shows it back. The /stix list filters by type,
// sorts by a column header and offers CSV and STIX downloads. Barbados'
// CERT cannot see the TLP:AMBER objects (the same page as a missing one).
// The header's plan areas open as disclosure menus by keyboard; on a wide
// screen the content uses the width and dates stay on one line; at phone
// width nothing scrolls sideways. axe-core checks the pages.
// Screenshots: stix-NN-*.png, layout-1440-*.png and layout-375-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/stix-objects.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs, listSettled, ROOT,
} from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';

async function axeClean(page, what) {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${what}`);
}

let server;
let browser;
let dir;
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const T = '2026-03-01T10:00:00.000Z';
const sdo = (type, props) => ({ type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: T,
  modified: T, object_marking_refs: [AMBER], ...props });

const actor = sdo('threat-actor', { name: 'Harbour Spider', threat_actor_types: ['crime-syndicate'],
  description: 'Targets port and customs systems in the region.' });
const malware = sdo('malware', { name: 'DockLoader', is_family: true });
const uses = sdo('relationship', { relationship_type: 'uses', source_ref: actor.id, target_ref: malware.id });
const report = sdo('report', { name: 'Harbour Spider campaign', published: '2026-03-01T10:00:00Z',
  report_types: ['threat-actor'], object_refs: [actor.id, malware.id, uses.id] });

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'ccscap-stix-'));
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('stored STIX objects', () => {
  it('imports a report, links to what was stored and follows the relationships', async () => {
    const file = join(dir, 'harbour.json');
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--' + randomUUID(),
      objects: [actor, malware, uses, report] }));
    const page = await newPage();
    await signInAs(page, server, 'ncpoc.jm');
    await page.goto('/import');
    await page.locator('#import-form').waitFor({ state: 'visible' });
    await page.setInputFiles('#file', file);
    await page.click('#send');
    const stored = page.locator('#stored-objects');
    await stored.waitFor();
    assert.equal(await stored.locator('li').count(), 4);
    await shot(page, 'stix-01-import-result');
    await stored.locator('a:text-is("Harbour Spider")').click();
    await page.waitForURL(new RegExp('/stix/' + actor.id));
    await page.locator('#one').waitFor({ state: 'visible' });
    assert.equal(await page.locator('h1').textContent(), 'Harbour Spider');
    assert.match(await page.locator('#props').textContent(), /Targets port and customs systems/);
    assert.match(await page.locator('#marking').textContent(), /TLP:AMBER/);
    const out = page.locator('#rels-outgoing li');
    assert.equal(await out.count(), 1);
    assert.match(await out.textContent(), /uses.*DockLoader/);
    assert.ok(await page.locator('#download').getAttribute('href'));
    await axeClean(page, 'a STIX object page');
    await shot(page, 'stix-02-threat-actor');
    await out.locator('a:text-is("DockLoader")').click();
    await page.waitForURL(new RegExp('/stix/' + malware.id));
    await page.locator('#rels-incoming li a:text-is("Harbour Spider")').waitFor();
    noProblems(page);

    // the list: by type, sorted by name, downloads
    await page.goto('/stix');
    await page.locator('#stix-table').waitFor();
    await page.selectOption('#f-type', 'threat-actor');
    await page.click('#filter button[type=submit]');
    await page.waitForURL(/type=threat-actor/);
    await listSettled(page);
    await page.locator('#stix-table tbody tr:has-text("Harbour Spider")').waitFor();
    assert.equal(await page.locator('#stix-table tbody tr').count(), 1);
    await page.selectOption('#f-type', '');
    await page.click('#filter button[type=submit]');
    await page.locator('#stix-table tbody tr >> nth=3').waitFor();
    await page.click('#stix-table th a:has-text("Name")');
    await page.locator('#stix-table th[aria-sort="ascending"]').waitFor();
    const names = await page.locator('#stix-table tbody tr td:first-child').allTextContents();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const csv = await page.locator('a.download-csv').getAttribute('href');
    assert.match(csv, /format=csv/);
    const text = await page.evaluate(async (u) => (await fetch(u)).text(), csv);
    assert.match(text, /Harbour Spider/);
    assert.ok(await page.locator('a:has-text("Download STIX")').count());
    await axeClean(page, 'the STIX objects list');
    await shot(page, 'stix-03-list');
    noProblems(page);

    // Barbados may not read Jamaica's AMBER objects
    const bb = await newPage();
    await signInAs(bb, server, 'cert.bb');
    await bb.goto('/stix/' + actor.id);
    await bb.locator('h1:text-is("No such STIX object")').waitFor();
    await bb.goto('/stix/' + sdo('threat-actor', {}).id);
    await bb.locator('h1:text-is("No such STIX object")').waitFor();
  });

  it('groups the header by plan area, works by keyboard, uses a wide screen', async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'analyst');
    await page.goto('/stix');
    await page.locator('#stix-table').waitFor();
    const buttons = await page.locator('.top .nav-group-button').allTextContents();
    assert.ok(buttons.some((b) => b.startsWith('Information sharing')), buttons.join('|'));
    const top = await page.locator('.top nav > ul > li').count();
    assert.ok(top <= 12, `${top} entries in the header`);
    // keyboard: Enter opens, Tab reaches the links, Escape closes
    const btn = page.locator('.top .nav-group-button', { hasText: 'Information sharing' });
    await btn.focus();
    await page.keyboard.press('Enter');
    assert.equal(await btn.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Incidents');
    await shot(page, 'layout-1440-menu-open');
    await page.keyboard.press('Escape');
    assert.equal(await btn.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('nav-group-button')), true);
    // the content uses the width; dates stay on one line
    const main = await page.locator('main').boundingBox();
    assert.ok(main.width > 1200, `main is ${main.width}px wide at 1440`);
    const cell = page.locator('#stix-table td.date').first();
    const lh = await cell.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 24);
    const box = await cell.boundingBox();
    assert.ok(box.height < lh * 2 + 16, `a date cell is ${box.height}px high`);
    await shot(page, 'layout-1440-stix');
    await page.goto('/incidents');
    await page.waitForLoadState('networkidle');
    await shot(page, 'layout-1440-incidents');

    const phone = await newPage({ width: 375, height: 667 });
    await signInAs(phone, server, 'analyst');
    for (const href of ['/stix', '/stix/' + actor.id, '/advisories', '/incident-new']) {
      await phone.goto(href);
      await phone.waitForLoadState('networkidle');
      const px = await phone.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert.ok(px <= 1, `${href} scrolls ${px}px sideways at 375`);
    }
    await phone.goto('/stix');
    await phone.locator('#stix-table').waitFor();
    await shot(phone, 'layout-375-stix');
    await phone.click('#menu-toggle');
    await phone.locator('.top .nav-group-button', { hasText: 'Information sharing' }).click();
    await phone.locator('.top nav a:text-is("STIX objects")').waitFor({ state: 'visible' });
    await shot(phone, 'layout-375-menu-open');
    noProblems(page);
    noProblems(phone);
  });
});
