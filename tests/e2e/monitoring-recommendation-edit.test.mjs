// monitoring-recommendation-edit.test.mjs: the secretariat changes a
// recommendation on its page and follows it up until it is closed, in a
// real browser against a real demo server. A recommendation to Barbados,
// made at a meeting 40 days ago and due yesterday, is overdue. On its
// page the coordinator moves the due date beyond the immediate timeframe:
// the refusal lands beside the due date, GOV.UK-style (summary linking to
// the field, "Error:" in the title). A change made meanwhile by someone
// else is a version conflict the page explains. A valid due date is
// saved, progress is reported, and the coordinator closes it: it leaves
// the overdue list. Screenshots: monitoring-edit-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/monitoring-recommendation-edit.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs,
} from './harness.mjs';

let server;
let browser;
const contexts = [];
const newPage = () => openPage(browser, server, contexts);

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, [method, path, body]);
}

/** The overdue table's links to recommendation @id (0 or 1). */
async function overdueLinks(page, id) {
  await page.goto('/recommendations');
  await page.locator('#overdue-table, #no-overdue').first().waitFor();
  return page.locator(`#overdue a[href="/recommendation?id=${id}"]`).count();
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

describe('monitoring: editing a recommendation', () => {
  it('changes the due date, reports progress and closes it', async () => {
    const page = await newPage();
    await signInAs(page, server, 'coordinator');
    await page.goto('/recommendations');
    const m = await call(page, 'POST', '/api/v1/meetings', {
      kind: 'steering', title: 'Steering Committee, E2E edit meeting', date: day(-40), place: 'Bridgetown',
      online: false, agenda: ['Follow-up'], decisions: [], attendees: [{ state: 'BB', role: 'member' }],
    });
    assert.equal(m.status, 201, JSON.stringify(m.body));
    const r = await call(page, 'POST', '/api/v1/recommendations', {
      meeting_id: m.body.id, text: 'Adopt a national incident response plan (E2E).', owner_state: 'BB',
      due_date: day(-1), timeframe: 'immediate',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const id = r.body.id;
    assert.equal(await overdueLinks(page, id), 1, 'overdue before the follow-up');

    await page.goto('/recommendation?id=' + id);
    await page.locator('#eform').waitFor();
    assert.equal(await page.locator('#e_owner').inputValue(), 'state:BB');
    assert.equal(await page.locator('#e_due_date').inputValue(), day(-1));
    // beyond the immediate timeframe: refused beside the field
    await page.fill('#e_due_date', day(400));
    await page.click('#esend');
    await page.locator('#e_due_date-error').waitFor();
    assert.match(await page.locator('#e_due_date-error').textContent(), /The due date .* is after the end of the immediate timeframe/);
    assert.equal(await page.locator('#eerrors .error-summary a').first().getAttribute('href'), '#e_due_date');
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.locator('#e_due_date').getAttribute('aria-invalid'), 'true');
    await shot(page, 'monitoring-edit-01-due-date-refused');

    // someone else changes it meanwhile: the version read is stale
    const other = await call(page, 'PATCH', '/api/v1/recommendations/' + id, { version: r.body.version, text: 'Adopt and test a national incident response plan (E2E).' });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await page.fill('#e_due_date', day(-3));
    await page.click('#esend');
    await page.locator('#eerrors .error-summary').waitFor();
    assert.match(await page.locator('#eerrors .error-summary').textContent(), /Someone changed this recommendation/);
    await shot(page, 'monitoring-edit-02-version-conflict');

    // reloaded: the other change shows, and the new due date is saved
    await page.reload();
    await page.locator('#eform').waitFor();
    assert.equal(await page.locator('#e_text').inputValue(), 'Adopt and test a national incident response plan (E2E).');
    await page.fill('#e_due_date', day(-3));
    await page.click('#esend');
    await page.locator('#flash .success').waitFor();
    assert.match(await page.locator('#details').textContent(), new RegExp(day(-3).slice(0, 4)));
    const saved = await call(page, 'GET', '/api/v1/recommendations/' + id);
    assert.equal(saved.body.due_date, day(-3));
    assert.equal(saved.body.version, 3);
    assert.equal(saved.body.overdue, true);
    assert.match(await page.locator('#status-line').textContent(), /Overdue/);
    await shot(page, 'monitoring-edit-03-due-date-saved');

    // progress, then closed by the secretariat
    await page.fill('#text', 'Draft plan circulated to the agencies (E2E).');
    await page.selectOption('#status', 'in_progress');
    await page.click('#psend');
    await page.locator('#trail-list li').first().waitFor();
    assert.match(await page.locator('#status-line').textContent(), /In progress/);
    await page.fill('#text', 'Plan adopted by Cabinet (E2E).');
    await page.selectOption('#status', 'closed');
    await page.click('#psend');
    await page.locator('#trail-list li:nth-child(2)').waitFor();
    assert.match(await page.locator('#status-line').textContent(), /Closed/);
    assert.equal(await page.locator('#edit-section').isHidden(), true, 'a closed one is not edited');
    await shot(page, 'monitoring-edit-04-closed');
    assert.equal(await overdueLinks(page, id), 0, 'closed: no longer overdue');
    await shot(page, 'monitoring-edit-05-overdue-list');
    noProblems(page);
  });
});
