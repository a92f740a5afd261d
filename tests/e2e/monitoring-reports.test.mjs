// monitoring-reports.test.mjs: the reports page in a real browser against
// a real demo server: the form refuses a period that ends before it
// starts (error summary linked to the field), previews a CONSLE brief
// without storing it, makes and stores it, shows the stored HTML and the
// archive with its downloads; the stored PDF, downloaded as the browser
// would, is two pages that pdftoppm renders to PNG and in whose text
// pdftotext finds every member state's name and each priority area.
// Screenshots: reports-NN-*.png and reports-pdf-N.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs, OUT,
} from './harness.mjs';

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

describe('monitoring reports', () => {
  it('previews, makes and opens a CONSLE brief whose PDF names every state and area', async () => {
    const page = await openPage(browser, server, contexts);
    await signInAs(page, server, 'steering');
    await page.goto('/reports');
    await page.locator('#make').waitFor();
    assert.ok(await page.locator('.top nav a[href="/reports"]').count(), 'Reports in the navigation');
    await page.check('#aud-consle');
    await page.fill('#from', '2025-06-01');
    await page.fill('#to', '2025-01-01');
    await page.click('#make-btn');
    await page.locator('.error-summary a[href="#to"]').waitFor();
    assert.match(await page.locator('#to-error').innerText(), /end before it starts/);
    await shot(page, 'reports-01-period-error');

    await page.fill('#from', '2025-01-01');
    await page.fill('#to', '2026-11-30');
    await page.click('#preview-btn');
    await page.locator('#preview-body h2', { hasText: 'Status per priority area' }).waitFor();
    assert.match(await page.locator('#preview-note').innerText(), /Not stored yet/);
    assert.match(await page.locator('#archive').innerText(), /No report has been made yet/);
    await shot(page, 'reports-02-preview');

    await page.click('#make-btn');
    await page.locator('#made').waitFor();
    assert.match(await page.locator('#preview-note').innerText(), /Stored as report \d+, SHA-256 [0-9a-f]{64}/);
    await page.locator('#archive-table').waitFor();
    assert.match(await page.locator('#archive').innerText(), /CONSLE brief/);
    await shot(page, 'reports-03-stored');

    // Download the PDF through the archive's link, as a user would.
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#archive-table a', { hasText: 'PDF' }).first().click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'ccscap-e2e-pdf-'));
    const pdf = join(dir, 'brief.pdf');
    await dl.saveAs(pdf);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    assert.match(info, /Pages:\s+2\b/);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    assert.equal(pngs.length, 2);
    pngs.forEach((f, i) => copyFileSync(join(dir, f), join(OUT, `reports-pdf-${i + 1}.png`)));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, ' ');
    const api = await page.evaluate(async () => {
      const st = await fetch('/api/v1/states').then((r) => r.json());
      const m = await fetch('/api/v1/gaps/matrix').then((r) => r.json());
      return { states: (st.items || st).map((s) => s.name), areas: m.areas.map((a) => a.name) };
    });
    assert.ok(api.states.length >= 15, 'the directory lists the states');
    for (const name of api.states) assert.ok(text.includes(name), `the PDF names ${name}`);
    for (const a of api.areas) assert.ok(text.includes(a), `the PDF names ${a}`);
    writeFileSync(join(OUT, 'reports-pdf.txt'), text);
    noProblems(page);
  });
});
