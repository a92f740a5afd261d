// monitoring-meetings.test.mjs: meetings, recommendations and plan
// versions in a real browser against a real demo server. A coordinator
// records a Steering Committee meeting through the form and adds a
// recommendation to Jamaica due yesterday: it shows as overdue on the
// meeting and in the overdue view by owner. Jamaica's NCPOC reports
// progress on its page (the follow-up trail grows; the NCPOC cannot
// close it); the coordinator closes it and Jamaica has nothing overdue.
// A version derived from the 2016 plan shows beside it, items aligned by
// their successor link, a changed item marked, the evaluation's
// finding and DAC score of an item beside it. A form refusal lands
// beside the field it names. The meeting's minutes, marked
// TLP:AMBER+STRICT, are withheld from the NCPOC. Screenshots:
// monitoring-NN-*.png.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/monitoring-meetings.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, openPage, noProblems, signInAs,
} from './harness.mjs';

let server;
let browser;
const contexts = [];
const newPage = () => openPage(browser, server, contexts);
const signIn = (page, login) => signInAs(page, server, login);

const day = (offset) => {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
};

function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, body: await r.json().catch(() => null) };
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

describe('monitoring: meetings and recommendations', () => {
  let recUrl;
  let meetingUrl;

  it('records a meeting with a recommendation that goes overdue', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/meetings');
    await page.locator('#mform').waitFor();
    assert.equal(await page.locator('header a[aria-current="page"]').textContent(), 'Meetings');
    await page.selectOption('#kind', 'steering');
    await page.fill('#title', 'Steering Committee, E2E meeting');
    await page.fill('#date', day(-40));
    await page.fill('#place', 'Port of Spain');
    const impacs = await page.locator('#attendees option', { hasText: 'CARICOM Implementation Agency' }).first().getAttribute('value');
    await page.selectOption('#attendees', [impacs]);
    await page.selectOption('#att_states', ['JM', 'BB']);
    await page.fill('#agenda', 'Review of the RCC report\nUpdate of the plan');
    await page.fill('#minutes', 'The Committee reviewed the RCC periodic report.');
    await page.fill('#decisions', 'Derive the 2024-2025 update of the plan');
    // the minutes under TLP:AMBER+STRICT: IMPACS and the RIFC only
    await page.selectOption('#tlp', 'amber+strict');
    await page.click('#msend');
    await page.waitForURL(/\/meeting\?id=\d+$/);
    meetingUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    await page.locator('#one').waitFor();
    assert.equal(await page.locator('#title').textContent(), 'Steering Committee, E2E meeting');
    assert.match(await page.locator('#details').textContent(), /CARICOM Implementation Agency for Crime and Security; Barbados; Jamaica/);

    // The list finds it by its words, with a total and a CSV download.
    await page.goto('/meetings?q=E2E&kind=steering');
    await page.locator('#meeting-list li').first().waitFor();
    assert.match(await page.locator('.list-status').textContent(), /^Showing 1–1 of 1 meeting$/);
    assert.equal(await page.locator('#q').inputValue(), 'E2E');
    assert.match(await page.locator('a.download-csv').getAttribute('href'), /format=csv/);
    await shot(page, 'monitoring-00-meetings-list');
    await page.goto(meetingUrl);
    await page.locator('#one').waitFor();

    // A due date beyond the immediate timeframe is refused beside the field.
    await page.fill('#text', 'Nominate the second National Cyber Point of Contact.');
    await page.selectOption('#owner', 'state:JM');
    await page.selectOption('#timeframe', 'immediate');
    await page.fill('#due_date', day(400));
    await page.click('#rsend');
    await page.locator('#due_date-error').waitFor();
    assert.match(await page.locator('#due_date-error').textContent(), /after the end of the immediate timeframe/);
    assert.equal(await page.locator('.error-summary a').first().getAttribute('href'), '#due_date');
    await shot(page, 'monitoring-01-recommendation-refused');

    await page.fill('#due_date', day(-1));
    await page.click('#rsend');
    await page.locator('#rec-list .rec').first().waitFor();
    const card = page.locator('#rec-list .rec').first();
    assert.match(await card.textContent(), /Overdue/);
    assert.match(await card.textContent(), /Owner: Jamaica/);
    await shot(page, 'monitoring-02-meeting-with-recommendation');
    recUrl = await card.locator('a').first().getAttribute('href');

    await page.goto('/recommendations');
    await page.locator('#overdue-table').waitFor();
    const row = page.locator('#overdue-table tbody tr', { hasText: 'Jamaica' });
    assert.equal(await row.locator('td').first().textContent(), '1');
    await shot(page, 'monitoring-03-overdue-by-owner');
    noProblems(page);
  });

  it('the owner reports progress; the secretariat closes it', async () => {
    const owner = await newPage();
    await signIn(owner, 'ncpoc.jm');
    // the meeting is visible to Jamaica's NCPOC, its minutes are not
    await owner.goto(meetingUrl);
    await owner.locator('#minutes-restricted').waitFor();
    assert.match(await owner.locator('#minutes-restricted').textContent(), /TLP:AMBER\+STRICT/);
    assert.match(await owner.locator('#decisions').textContent(), /Derive the 2024-2025 update/);
    await shot(owner, 'monitoring-04-minutes-restricted');
    await owner.goto(recUrl);
    await owner.locator('#pform').waitFor();
    const choices = await owner.locator('#status option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(choices, ['open', 'in_progress'], 'an owner cannot close');
    await owner.fill('#text', 'Nomination sent to the Minister of National Security.');
    await owner.selectOption('#status', 'in_progress');
    await owner.click('#psend');
    await owner.locator('#trail-list li').first().waitFor();
    assert.match(await owner.locator('#status-line').textContent(), /In progress/);
    assert.match(await owner.locator('#trail-list').textContent(), /by ncpoc\.jm/);
    await shot(owner, 'monitoring-05-progress-by-owner');
    noProblems(owner);

    const sec = await newPage();
    await signIn(sec, 'coordinator');
    await sec.goto(recUrl);
    await sec.locator('#pform').waitFor();
    await sec.fill('#text', 'The second NCPOC was nominated and registered.');
    await sec.selectOption('#status', 'closed');
    await sec.click('#psend');
    await sec.locator('#trail-list li:nth-child(2)').waitFor();
    assert.match(await sec.locator('#status-line').textContent(), /Closed/);
    assert.doesNotMatch(await sec.locator('#status-line').textContent(), /Overdue/);
    assert.equal(await sec.locator('#form-section').isHidden(), true);
    await shot(sec, 'monitoring-06-closed-with-trail');
    // Jamaica has nothing overdue any more (the demo data may hold
    // other owners' overdue recommendations)
    await sec.goto('/recommendations');
    await sec.locator('#overdue-table, #no-overdue').first().waitFor();
    assert.equal(await sec.locator('#overdue-table tbody tr', { hasText: 'Jamaica' }).count(), 0);
    noProblems(sec);
  });
});

describe('monitoring: plan versions', () => {
  it('derives a version and shows it beside the 2016 plan', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/plan-versions');
    await page.locator('#side-by-side').waitFor();
    await page.fill('#label', '2024-2025 update');
    await page.fill('#vtitle', 'CCSCAP updated after the October 2024 consultations');
    await page.click('#dsend');
    await page.waitForURL(/\/plan-versions\?a=\d+&b=\d+$/);
    await page.locator('#side-by-side thead th:nth-child(3)').waitFor();
    assert.equal(await page.locator('#side-by-side thead th:nth-child(3)').textContent(), '2024-2025 update');
    const b = new URL(page.url()).searchParams.get('b');
    const v = await call(page, 'GET', `/api/v1/plan-versions/${b}`);
    const t42 = v.body.items.find((i) => i.ref === 'T4.2');
    const s92 = v.body.items.find((i) => i.ref === 'S9.2');
    const r = await call(page, 'PATCH', `/api/v1/plan-versions/${b}/items`, { items: [
      { id: t42.id, change: 'changed', text: 'Enact cybercrime laws in line with the Budapest Convention.' },
      { id: s92.id, change: 'dropped' },
      { ref: 'N1', kind: 'governance', section: '4', change: 'new',
        text: 'A regional cyber-resilience strategy with the CARICOM Secretariat.' }] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // an evaluation of the 2016 plan shows in the middle column
    const a = new URL(page.url()).searchParams.get('a');
    const ev = await call(page, 'POST', `/api/v1/plan-versions/${a}/evaluations`,
      { title: 'Evaluation 2016-2024', as_of: '2024-10-22' });
    assert.equal(ev.status, 201, JSON.stringify(ev.body));
    const s83 = ev.body.items.find((i) => i.ref === 'S8.3');
    const f = await call(page, 'PATCH', `/api/v1/plan-versions/${a}/evaluations/${ev.body.id}`, { items: [
      { item_id: s83.id, progress: 'partly', note: 'Stakeholders met in 2016 and 2024.',
        scores: { relevance: { score: 4, text: 'Still central.' } } }] });
    assert.equal(f.status, 200, JSON.stringify(f.body));
    await page.reload();
    await page.locator('#item-b-T4\\.2').waitFor();
    // aligned: the row of the 2016 T4.2 holds the update's T4.2
    const row = page.locator('#side-by-side tbody tr', { has: page.locator('#item-a-T4\\.2') });
    assert.match(await row.locator('#item-b-T4\\.2').textContent(), /Changed.*Budapest Convention/);
    assert.match(await page.locator('#item-b-S9\\.2').textContent(), /Dropped/);
    assert.match(await page.locator('#item-b-N1').textContent(), /New/);
    assert.match(await page.locator('#compare-summary').textContent(), /1 changed, 1 dropped, 1 new/);
    const s83row = page.locator('#side-by-side tbody tr', { has: page.locator('#item-a-S8\\.3') });
    assert.match(await s83row.locator('td.eval').textContent(), /Partly.*Relevance 4\/4/);
    await shot(page, 'monitoring-07-plan-versions-side-by-side');
    noProblems(page);
  });
});
