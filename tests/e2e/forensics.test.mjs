// forensics.test.mjs: pooled forensic labs and the chain of custody in a
// real browser against a real demo server. Jamaica's NCPOC finds a
// Barbados lab with a licence about to expire, asks it for help through
// the form (a first try without a device type shows the error summary),
// and the lab's staff accept the request. Then an evidence item passes
// through three hands: the NCPOC records it (a SHA-256 of the wrong
// length is refused beside its field), hands it to Barbados's CERT, who
// hands it to the RIFC analyst with a different SHA-256; the analyst
// sees the mismatch flagged in words and downloads the PDF, whose text
// (pdftotext) carries the entries and the mismatch. Screenshots:
// forensics-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/forensics.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ROOT, OUT, startServer, launchBrowser, shot, openPage, noProblems, signInAs, navClick,
} from './harness.mjs';

const BIN = resolve(ROOT, process.env.CCSCAP_BIN || 'build/src/cli/ccscap');
const SHA_A = createHash('sha256').update('image of the seized laptop').digest('hex');
const SHA_B = createHash('sha256').update('the image, altered').digest('hex');

let server;
let browser;
const contexts = [];
const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, path, body]);
}

/** A user of organisation @org made with the CLI, known to signInAs. */
function addUser(login, role, state, org) {
  const password = randomBytes(18).toString('base64url');
  execFileSync(BIN, ['user', 'add', login, '--role', role, '--state', state, '--org', String(org),
    '--password-stdin', '--db', 'sqlite:' + server.db], { input: password + '\n', stdio: ['pipe', 'ignore', 'pipe'] });
  server.users[login] = { login, password };
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

describe('forensic labs and chain of custody', () => {
  let labId;

  it('a state asks a lab for help and the lab accepts', async () => {
    const admin = await newPage();
    await signIn(admin, 'coordinator');
    const org = await call(admin, 'POST', '/api/v1/organisations',
      { name: 'Barbados Police Forensic Unit (e2e)', kind: 'national_body', state: 'BB' });
    assert.equal(org.status, 201, JSON.stringify(org.body));
    const lab = await call(admin, 'POST', '/api/v1/labs', {
      name: 'Barbados Digital Forensics Lab', org_id: org.body.id, state: 'BB',
      capabilities: ['Disk imaging', 'Mobile extraction'], device_types: ['computer', 'mobile'], capacity: 2 });
    assert.equal(lab.status, 201, JSON.stringify(lab.body));
    labId = lab.body.id;
    addUser('lab.bb', 'cert', 'BB', org.body.id);

    const page = await newPage();
    await signIn(page, 'lab.bb');
    const tool = await call(page, 'POST', `/api/v1/labs/${labId}/tools`,
      { name: 'Mobile extraction suite', version: '7.1', licence_ref: 'LIC-889', licence_expires: day(20) });
    assert.equal(tool.status, 201, JSON.stringify(tool.body));

    const jm = await newPage();
    await signIn(jm, 'ncpoc.jm');
    await navClick(jm, 'Forensics');
    await jm.waitForURL(/\/labs$/);
    await jm.locator('#labs a').first().waitFor();
    await shot(jm, 'forensics-01-labs');
    await jm.click('#labs a:text-is("Barbados Digital Forensics Lab")');
    await jm.waitForURL(/\/lab\?id=/);
    await jm.locator('#tools tr').first().waitFor();
    assert.match(await jm.locator('#tools').textContent(), /Expires within 30 days/);
    await jm.click('#ask-help');
    await jm.waitForURL(/\/forensic-request\?lab=/);
    await jm.locator('#new-request:not([hidden])').waitFor();
    await jm.fill('#volume', '2');
    await jm.fill('#legal_basis', 'Cybercrimes Act 2015, s.12: search warrant 44/2026');
    await jm.fill('#case_ref', 'JCF-CC-2026-114');
    await jm.click('#send');
    await jm.locator('.error-summary').waitFor();
    assert.match(await jm.locator('.error-summary').textContent(), /device type/);
    await jm.check('#device-0');
    await jm.click('#send');
    await jm.waitForURL(/\/forensic-request\?id=/);
    await jm.locator('#status').waitFor();
    assert.equal(await jm.locator('#status').getAttribute('data-status'), 'requested');
    await shot(jm, 'forensics-02-request');
    const url = jm.url();

    await page.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    await page.locator('#move:not([hidden])').waitFor();
    await page.selectOption('#to', 'accepted');
    await page.click('#move-submit');
    await page.locator('#status[data-status="accepted"]').waitFor();
    await shot(page, 'forensics-03-accepted');
    await page.goto('/lab?id=' + labId);
    await page.locator('#queue tr').first().waitFor();
    assert.match(await page.locator('#facts').textContent(), /1 in the queue/);
    noProblems(jm);
    noProblems(page);
  });

  it('an item passes through three hands; the mismatch is flagged and in the PDF', async () => {
    const jm = await newPage();
    await signIn(jm, 'ncpoc.jm');
    await jm.goto('/evidence');
    await jm.locator('#new-item:not([hidden])').waitFor();
    await jm.selectOption('#kind', 'disk_image_e01');
    await jm.selectOption('#copy', 'original');
    await jm.fill('#description', 'Image of the seized laptop');
    await jm.fill('#seal', 'JM-SEAL-0001');
    await jm.fill('#sha256', SHA_A.slice(0, 40));
    await jm.fill('#acquired_at', '2026-11-20T09:00:00-05:00');
    await jm.fill('#place', 'Kingston, JCF Cybercrime Unit');
    await jm.click('#record');
    await jm.locator('#sha256-error').waitFor();
    assert.match(await jm.locator('.error-summary').textContent(), /64 hexadecimal digits/);
    await shot(jm, 'forensics-04-sha-error');
    await jm.fill('#sha256', SHA_A);
    await jm.click('#record');
    await jm.waitForURL(/\/evidence-item\?id=/);
    await jm.locator('#handover:not([hidden])').waitFor();
    const itemUrl = jm.url().replace(/^https?:\/\/[^/]+/, '');
    const id = Number(new URL(jm.url()).searchParams.get('id'));

    const hand = async (page, to, sha, extra = {}) => {
      await page.fill('#receiver', to);
      await page.fill('#at', extra.at || '2026-11-21T10:00:00-05:00');
      await page.fill('#place', extra.place || 'Kingston');
      await page.fill('#reason', extra.reason || 'examination');
      await page.fill('#seal', 'JM-SEAL-0001');
      await page.fill('#sha256', sha);
      for (const f of ['from_state', 'to_state', 'courier']) if (extra[f]) await page.fill('#' + f, extra[f]);
      await page.click('#hand-over');
      await page.locator('#summary .success, #summary .error-summary').first().waitFor();
      assert.equal(await page.locator('#summary .error-summary').count(), 0,
        await page.locator('#summary').textContent());
    };
    await hand(jm, 'cert.bb', SHA_A, { from_state: 'JM', to_state: 'BB', courier: 'LIAT cargo, bag 77',
      place: 'Norman Manley airport', reason: 'examination in Barbados' });
    assert.equal(await jm.locator('#holder').textContent(), 'cert.bb');
    assert.equal(await jm.locator('#handover').isHidden(), true);

    const bb = await newPage();
    await signIn(bb, 'cert.bb');
    await bb.goto(itemUrl);
    await bb.locator('#handover:not([hidden])').waitFor();
    await hand(bb, 'analyst', SHA_B, { at: '2026-11-22T08:00:00-04:00', place: 'Bridgetown',
      reason: 'regional analysis' });
    assert.match(await bb.locator('#summary').textContent(), /mismatch is flagged/);
    // Barbados no longer holds Jamaica's item: it may not read it now
    assert.match(await bb.locator('#summary').textContent(), /no longer see/);
    assert.equal(await bb.locator('#content').isHidden(), true);

    const rifc = await newPage();
    await signIn(rifc, 'analyst');
    await rifc.goto(itemUrl);
    await rifc.locator('#custody tr[data-seq="2"]').waitFor();
    assert.equal(await rifc.locator('#holder').textContent(), 'analyst');
    assert.match(await rifc.locator('#verdict').textContent(), /Chain intact: 3 entries/);
    assert.match(await rifc.locator('#verdict').textContent(), /1 hash mismatch flagged/);
    assert.match(await rifc.locator('#custody tr[data-seq="2"]').textContent(), /Mismatch/);
    assert.match(await rifc.locator('#custody tr[data-seq="1"]').textContent(), /Matches/);
    assert.match(await rifc.locator('#custody tr[data-seq="1"]').textContent(), /Transfer JM to BB by LIAT cargo/);
    await shot(rifc, 'forensics-05-custody-log');
    await rifc.goto('/evidence');
    await rifc.locator(`#items tr#item-${id}`).waitFor();
    assert.match(await rifc.locator(`#items tr#item-${id}`).textContent(), /1 hash mismatch flagged/);
    assert.match(await rifc.locator('.list-status').textContent(), /Showing 1–\d+ of \d+ item/);

    const pdf = await rifc.request.get(`/api/v1/evidence-items/${id}/custody.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const file = join(OUT, 'forensics-custody.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Chain of custody/);
    assert.match(text, /Chain intact: 3 entries/);
    assert.match(text, /SHA-256 MISMATCH flagged on 1 entry, the first at entry 2/);
    assert.match(text, /ncpoc\.jm to cert\.bb/);
    assert.match(text, /cert\.bb to analyst/);
    assert.match(text, /LIAT cargo, bag 77/);
    assert.match(text, /21 November 2026, 15:00:00 UTC/);
    assert.ok(text.includes(SHA_B), 'the mismatched hash is printed');
    noProblems(jm);
    noProblems(bb);
    noProblems(rifc);
  });
});
