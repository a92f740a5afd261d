// incident-form.test.mjs: the incident report form of issue 11 item 7 in
// a real browser. Jamaica's NCPOC reaches "Send the report" from the
// title in fewer than 25 Tab presses (the long sector, crime and state
// lists and the TLP:AMBER "also share with" list are folded away), gets a
// wrong-type and an oversized attachment refused in the GOV.UK pattern
// before anything is uploaded, then sends the report with a log file
// attached (with its upload progress) and finds the file on the
// incident's page, with a "Download STIX" button. axe-core checks the
// form. Screenshots: incident-form-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/incident-form.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs, ROOT,
} from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

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
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

/** Tab presses from the focused element until #send has the focus. */
async function tabsToSend(page, most = 200) {
  for (let n = 1; n <= most; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement && document.activeElement.id === 'send')) return n;
  }
  return Infinity;
}

describe('the incident report form', () => {
  it('reaches Send in few Tab presses and sends a report with a file', async () => {
    const page = await newPage();
    await signInAs(page, server, 'ncpoc.jm');
    await page.goto('/incident-new');
    await page.locator('#report').waitFor();
    await page.fill('#title', 'Defaced ministry website');
    await page.fill('#description', 'The home page shows a political message since 06:00.');
    await page.selectOption('#rsit_class', { index: 1 });
    await page.selectOption('#rsit_type', { index: 1 });
    await page.selectOption('#severity', 'medium');
    await page.selectOption('#tlp', 'amber');
    await page.focus('#title');
    const tabs = await tabsToSend(page);
    assert.ok(tabs < 25, `${tabs} Tab presses from the title to Send`);
    console.log('# tabs from the title to Send:', tabs);
    // the folded lists are still there for those who open them
    await page.click('#more > summary');
    assert.ok(await page.locator('#sectors-choices input').first().isVisible());

    // attachments: a wrong type and an oversized file are refused first
    await page.setInputFiles('#files', [
      { name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
      { name: 'capture.txt', mimeType: 'text/plain', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 65) },
    ]);
    await page.locator('#file-list li.failed').nth(1).waitFor();
    await page.click('#send');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /tool\.exe.*PDF, PNG or JPEG/);
    assert.match(await summary.textContent(), /capture\.txt.*10 MB or smaller/);
    await page.locator('#files[aria-invalid="true"]').waitFor();
    assert.match(await page.locator('#files-hint').textContent(), /10 MB/);
    await shot(page, 'incident-form-01-file-errors');
    await axeClean(page, 'the incident form with file errors');

    await page.setInputFiles('#files', [
      { name: 'web-server.log', mimeType: 'text/plain', buffer: Buffer.from('GET /index.html 200\n'.repeat(500)) },
    ]);
    await page.locator('#file-list li:has-text("ready")').waitFor();
    await page.click('#send');
    await page.waitForURL(/\/incident\?id=\d+$/);
    await page.locator('#files a:has-text("web-server.log")').waitFor();
    const href = await page.locator('#files a').getAttribute('href');
    const got = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    assert.equal(got, 'GET /index.html 200\n'.repeat(500));
    const stix = page.locator('#download-stix');
    await stix.waitFor();
    const bundle = await page.evaluate(async (u) => (await fetch(u)).json(), await stix.getAttribute('href'));
    assert.equal(bundle.objects[0].type, 'incident');
    assert.equal(bundle.objects[0].name, 'Defaced ministry website');
    await shot(page, 'incident-form-02-sent');
    noProblems(page);
  });
});
