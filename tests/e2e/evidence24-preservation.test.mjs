// evidence24-preservation.test.mjs: a 24/7 preservation request in a real
// browser against a real demo server. Jamaica's NCPOC fills the form
// (an empty form is refused beside its fields), saves the draft and sends
// it to Trinidad and Tobago; a day later nobody has acknowledged it and
// the list shows it first as overdue; Trinidad and Tobago's NCPOC sees
// the overdue notice, acknowledges, is refused an expiry under 60 days,
// preserves for the 90 days asked; 81 days later the request page shows
// its expiry reminder. Time passes by moving the request's moments back
// in the SQLite file, as sharing.test.mjs does for advisories.
// Screenshots: preservation-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/evidence24-preservation.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ROOT, startServer, launchBrowser, shot, openPage, noProblems, signInAs,
} from './harness.mjs';

const BIN = process.env.CCSCAP_BIN || join(ROOT, 'build', 'src', 'cli', 'ccscap');
const DAY = 86400;
let server;
let browser;
const contexts = [];

function sql(query) {
  return execFileSync('sqlite3', [server.db, query], { encoding: 'utf8' }).trim();
}

/** As if @secs had passed for request @id: every moment of it earlier. */
function earlier(id, secs) {
  const cols = ['created_at', 'sent_at', 'ack_due_at', 'acknowledged_at', 'preserved_at',
    'expires_at', 'updated_at'];
  const noClock = '9223372036854775807';
  sql(`UPDATE preservation_requests SET ${cols.map((c) => `${c} = ${c} - ${secs}`).join(', ')}, ` +
    `clock_at = CASE WHEN clock_at = ${noClock} THEN clock_at ELSE clock_at - ${secs} END WHERE id = ${id}`);
}

function addNcpoc(login, state) {
  const password = randomBytes(12).toString('base64url');
  execFileSync(BIN, ['user', 'add', login, '--role', 'ncpoc', '--state', state, '--password-stdin',
    '--db', 'sqlite:' + server.db], { input: password + '\n', stdio: ['pipe', 'ignore', 'pipe'] });
  server.users[login] = { login, password, role: 'ncpoc', state };
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  addNcpoc('ncpoc.tt', 'TT');
  const now = Math.floor(Date.now() / 1000);
  // The request takes the first 24/7 contact of the requested state;
  // the demo data may already have one.
  if (sql("SELECT COUNT(*) FROM contacts WHERE state_code = 'TT' AND role = 'e_evidence_24x7'") !== '0') return;
  sql("INSERT INTO contacts (name, role, state_code, phone, email, availability, created_at, updated_at) " +
    `VALUES ('Insp. R. Lee', 'e_evidence_24x7', 'TT', '+1 868 555 0110', '247@ttps.example.org', '24/7', ${now}, ${now})`);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('24/7 preservation request', () => {
  it('goes overdue, is acknowledged, preserved and shows its expiry reminder', async () => {
    // 1. Jamaica's NCPOC: the form.
    const jm = await openPage(browser, server, contexts);
    await signInAs(jm, server, 'ncpoc.jm');
    await jm.locator('.top nav a[href="/preservation"]').waitFor({ state: 'attached' });
    await jm.goto('/preservation-new');
    await jm.locator('#form').waitFor({ state: 'visible' });
    await jm.click('#save');
    await jm.locator('#errors .error-summary').waitFor();
    const links = await jm.locator('#errors .error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.includes('#offence') && links.includes('#requested_state') && links.length === 14, links.join(' '));
    await shot(jm, 'preservation-01-form-errors');
    await jm.fill('#requesting_authority', 'Jamaica Constabulary Force, Cybercrime Unit');
    await jm.fill('#requesting_contact', 'Det. Sgt. A. Brown, +1 876 555 0199');
    await jm.selectOption('#requested_state', 'TT');
    await jm.fill('#domestic_basis', 'Cybercrimes Act 2015 s.19');
    await jm.fill('#offence', 'Computer-related fraud');
    await jm.fill('#facts', 'A business e-mail compromise diverted a supplier payment.');
    await jm.check('input[name=cat][value=traffic]');
    await jm.selectOption('#id-kind-0', 'ip');
    await jm.fill('#id-value-0', '198.51.100.23');
    await jm.fill('#id-seen-0', '2026-11-20T14:05:00Z');
    await jm.fill('#id-tz-0', '-05:00');
    await jm.fill('#date_from', '2026-11-01');
    await jm.fill('#date_to', '2026-11-30');
    await jm.fill('#link_to_offence', 'The address logged into the compromised mailbox.');
    await jm.fill('#custodian', 'Example Mail Ltd');
    await jm.fill('#custodian_location', 'Port of Spain');
    await jm.fill('#preservation_reason', 'Logs are deleted after 30 days.');
    await jm.click('#save');
    await jm.waitForURL(/\/preservation-request\?id=\d+/);
    const id = Number(new URL(jm.url()).searchParams.get('id'));
    await jm.locator('#content').waitFor({ state: 'visible' });
    assert.equal(await jm.locator('#status').textContent(), 'Draft');
    const contact = sql("SELECT name FROM contacts WHERE state_code = 'TT' AND role = 'e_evidence_24x7' ORDER BY id LIMIT 1");
    assert.ok((await jm.locator('#form').textContent()).includes(contact), contact);
    await jm.click('#do-send');
    await jm.locator('#status', { hasText: 'Sent' }).waitFor();
    await shot(jm, 'preservation-02-sent');

    // 2. A day later: overdue, first in the list.
    earlier(id, DAY + 3600);
    await jm.goto('/preservation');
    await jm.locator('#content').waitFor({ state: 'visible' });
    const first = jm.locator('#requests tbody tr').first();
    assert.equal(await first.getAttribute('id'), `row-${id}`);
    assert.match(await first.textContent(), /Acknowledgement overdue/);
    await shot(jm, 'preservation-03-list-overdue');
    noProblems(jm);

    // 3. Trinidad and Tobago's NCPOC acknowledges and preserves.
    const tt = await openPage(browser, server, contexts);
    await signInAs(tt, server, 'ncpoc.tt');
    await tt.goto(`/preservation-request?id=${id}`);
    await tt.locator('#content').waitFor({ state: 'visible' });
    assert.match(await tt.locator('#clock-notice').textContent(), /Acknowledgement overdue/);
    await tt.click('#do-acknowledge');
    await tt.locator('#status', { hasText: 'Acknowledged' }).waitFor();
    assert.equal(await tt.locator('#clock-notice').count(), 0);
    const soon = new Date(Date.now() + 59 * DAY * 1000).toISOString().slice(0, 10);
    await tt.fill('#preserve-expires_on', soon);
    await tt.click('#do-preserve');
    await tt.locator('#preserve-errors .error-summary').waitFor();
    assert.match(await tt.locator('#preserve-expires_on-error').textContent(), /at least 60 days/);
    await shot(tt, 'preservation-04-expiry-too-soon');
    await tt.fill('#preserve-expires_on', '');
    await tt.click('#do-preserve');
    await tt.locator('#status', { hasText: 'Preserved' }).waitFor();
    assert.match(await tt.locator('#summary').textContent(), /Preserved until/);
    noProblems(tt);

    // 4. 81 days later: the expiry reminder.
    earlier(id, 81 * DAY);
    await tt.reload();
    await tt.locator('#content').waitFor({ state: 'visible' });
    assert.match(await tt.locator('#clock-notice').textContent(), /Expiry reminder: the preservation ends on/);
    assert.ok(await tt.locator('#do-renew').isVisible());
    await shot(tt, 'preservation-05-expiry-reminder');
    await jm.goto('/preservation?overdue=true');
    await jm.locator('#content').waitFor({ state: 'visible' });
    assert.match(await jm.locator(`#row-${id}`).textContent(), /Expiry reminder/);
    noProblems(jm);
    noProblems(tt);
  });
});
