// rfis.test.mjs: requests for information, subscriptions and the inbox in
// a real browser. Jamaica's NCPOC asks the RIFC about an indicator value
// from the indicator page's "ask" link; the RIFC analyst finds the
// request, answers it; the NCPOC reads the answer and closes the request.
// The analyst follows Jamaica and sees the next request from there arrive
// in the inbox with the header's unread count, and reading it lowers it.
// Run: CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/rfis.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, openPage, noProblems, signInAs } from './harness.mjs';

let server;
let browser;
const contexts = [];
const VALUE = 'rfi-probe-' + Date.now() + '.example';

const newPage = () => openPage(browser, server, contexts);

/** An API call from the page, with the session's CSRF token. */
function apiCall(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json());
    const r = await fetch(p, {
      method: m,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b),
    });
    return { status: r.status, body: await r.json() };
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

describe('requests for information', () => {
  let jm;
  let rifc;
  let rfiId;

  it('the NCPOC asks about an indicator from its page', async () => {
    jm = await newPage();
    await signInAs(jm, server, 'ncpoc.jm');
    const rep = await apiCall(jm, 'POST', '/api/v1/indicators',
      { tlp: 'green', indicators: [{ type: 'domain', value: VALUE }] });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
    const look = await apiCall(jm, 'GET', '/api/v1/indicators/lookup?type=domain&value=' + VALUE);
    const valueId = look.body.id || look.body.value_id || (look.body.items && look.body.items[0].id);
    assert.ok(valueId, 'the reported value has an id: ' + JSON.stringify(look.body));
    await jm.goto('/indicator?id=' + valueId);
    await jm.getByRole('link', { name: 'Ask a question about this value' }).click();
    await jm.waitForURL(/\/rfis\?value=/);
    await jm.locator('#ask').waitFor({ state: 'visible' });
    assert.match(await jm.locator('#about').textContent(), new RegExp(VALUE.replace(/\./g, '\\.')));
    assert.equal(await jm.inputValue('#value_id'), String(valueId));
    // Nothing sent without a question and a marking: errors name both.
    await jm.click('#send');
    const summary = jm.locator('.error-summary');
    await summary.waitFor();
    const errs = await summary.textContent();
    assert.match(errs, /Enter your question/);
    assert.match(errs, /Choose the TLP marking/);
    assert.match(await jm.title(), /^Error: /);
    await jm.fill('#question', `Has anyone else seen ${VALUE} in phishing against banks?`);
    await jm.selectOption('#tlp', 'green');
    await jm.click('#send');
    await jm.waitForURL(/\/rfis\?id=\d+/);
    rfiId = Number(new URL(jm.url()).searchParams.get('id'));
    await jm.locator('#one').waitFor({ state: 'visible' });
    assert.match(await jm.locator('#question-text').textContent(), /in phishing against banks/);
    assert.match(await jm.locator('#answers').textContent(), /No answers yet/);
    await shot(jm, 'rfi-asked');
    noProblems(jm);
  });

  it('the RIFC analyst finds it in the list and answers it', async () => {
    rifc = await newPage();
    await signInAs(rifc, server, 'analyst');
    await rifc.goto('/rfis');
    const row = rifc.locator('#rfi-' + rfiId);
    await row.waitFor();
    assert.match(await row.textContent(), /Open/);
    await row.getByRole('link').first().click();
    await rifc.locator('#answer-section').waitFor({ state: 'visible' });
    await rifc.click('#answer-send');
    await rifc.locator('#answer-error').waitFor();
    await rifc.fill('#answer', 'Yes: Barbados saw it on 2 May, TLP:GREEN; it is taken down.');
    await rifc.click('#answer-send');
    await rifc.locator('#answer-list li').first().waitFor();
    assert.match(await rifc.locator('#answer-list').textContent(), /Barbados saw it/);
    assert.match(await rifc.locator('#answers-h').textContent(), /Answers \(1\)/);
    await shot(rifc, 'rfi-answered');
    noProblems(rifc);
  });

  it('the NCPOC reads the answer and closes the request', async () => {
    await jm.goto('/rfis?id=' + rfiId);
    await jm.locator('#answer-list').waitFor();
    assert.match(await jm.locator('#answer-list').textContent(), /Barbados saw it/);
    await jm.click('#close');
    await jm.locator('#rfi-status').filter({ hasText: 'Closed' }).waitFor();
    assert.ok(await jm.locator('#answer-section').isHidden(), 'a closed request takes no answers');
    await jm.goto('/rfis');
    await jm.locator('#count').filter({ hasText: /request|No/ }).waitFor();
    assert.equal(await jm.locator('#rfi-' + rfiId).count(), 0, 'not among the open ones');
    await jm.selectOption('#status', 'closed');
    await jm.click('#filters button');
    await jm.locator('#rfi-' + rfiId).waitFor();
    noProblems(jm);
  });

  it('a follower of Jamaica gets the next request in the inbox', async () => {
    await rifc.goto('/subscriptions');
    await rifc.locator('#follow').waitFor({ state: 'visible' });
    await rifc.selectOption('#value', 'JM');
    await rifc.click('#channel-email');
    await rifc.fill('#email', 'not-an-address');
    await rifc.click('#send');
    await rifc.locator('#email-error').waitFor();
    await rifc.fill('#email', 'rifc@example.org');
    await rifc.click('#send');
    await rifc.locator('#sub-table').waitFor();
    assert.match(await rifc.locator('#sub-table').textContent(), /Jamaica[\s\S]*rifc@example\.org/);
    // Following it twice is refused beside the field.
    await rifc.click('#send');
    await rifc.locator('#value-error').waitFor();

    await jm.goto('/rfis');
    await jm.locator('#ask').waitFor({ state: 'visible' });
    await jm.fill('#question', 'A second question for the followers of Jamaica');
    await jm.selectOption('#tlp', 'green');
    await jm.click('#send');
    await jm.waitForURL(/\/rfis\?id=\d+/);
    const second = Number(new URL(jm.url()).searchParams.get('id'));

    await rifc.goto('/rfis');
    const count = rifc.locator('#inbox-count');
    await count.filter({ hasText: /unread/ }).waitFor();
    const before = Number(/(\d+)/.exec(await count.textContent())[1]);
    await rifc.click('#inbox-link');
    await rifc.waitForURL(/\/inbox$/);
    const entry = rifc.locator('#inbox-table tr', { hasText: `Request for information #${second}` });
    await entry.waitFor();
    await entry.getByRole('button', { name: /Mark read/ }).click();
    await entry.getByText('Read', { exact: true }).waitFor();
    await rifc.waitForFunction((n) => {
      const t = document.getElementById('inbox-count').textContent;
      return (t === '' ? 0 : Number(/(\d+)/.exec(t)[1])) === n - 1;
    }, before);
    await shot(rifc, 'inbox');
    noProblems(rifc);
  });
});
