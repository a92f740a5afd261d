// ui.test.mjs: the web UI in a real browser against a real demo server.
// Run: npm install && CCSCAP_BIN=build/src/cli/ccscap node --test tests/e2e/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, shot, totp, openPage, noProblems, signInAs,
} from './harness.mjs';

let server;
let browser;
const contexts = [];

const newPage = (viewport) => openPage(browser, server, contexts, viewport);
const signIn = (page, login) => signInAs(page, server, login);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

describe('sign-in', () => {
  it('signs in as admin with the one-time code step and shows the user', async () => {
    const page = await newPage();
    const admin = server.users.admin;
    assert.ok(admin.totpSecret, 'admin has a one-time code secret');
    await page.goto('/login');
    await page.fill('#login', 'admin');
    await page.fill('#password', admin.password);
    await page.click('#submit');
    await page.locator('#code').waitFor({ state: 'visible' });
    assert.equal(await page.locator('h1').textContent(), 'Enter your one-time code');
    assert.equal(await page.locator('#password').isVisible(), false);
    await shot(page, '01-sign-in-code-step');
    await page.fill('#code', totp(admin.totpSecret));
    await page.click('#submit');
    await page.waitForURL(server.base + '/start');
    const who = page.locator('#who');
    await who.locator('.who-name').waitFor();
    const session = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
    assert.equal(session.user.login, 'admin');
    const text = await who.textContent();
    assert.match(text, /Signed in as/);
    assert.ok(text.includes(session.user.display_name), `header shows ${session.user.display_name}`);
    assert.match(text, /administrator/);
    assert.match(text, /Sign out/);
    // the start page of the role, then the home page as before
    await page.locator('#now-h').waitFor();
    await page.goto('/');
    await page.locator('#coverage').waitFor({ state: 'visible' });
    await shot(page, '02-signed-in-home');
    noProblems(page);
  });

  it('shows the error summary for a wrong password', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.fill('#login', 'coordinator');
    await page.fill('#password', 'not-the-password');
    await page.click('#submit');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /There is a problem/);
    assert.match(await summary.textContent(), /login or password is wrong/);
    assert.equal(await summary.locator('a').getAttribute('href'), '#password');
    assert.match(await page.locator('#password-error').textContent(), /login or password is wrong/);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#code').isVisible(), false);
    await shot(page, '03-sign-in-wrong-password');
    noProblems(page);
  });

  it('asks an account with one-time codes for the code before judging the password', async () => {
    // Issue 8, F6: a wrong password must not be told apart from a right
    // one before the code is given, so the page asks for the code and
    // only then says that the password or the code was wrong.
    const page = await newPage();
    const admin = server.users.admin;
    await page.goto('/login');
    await page.fill('#login', 'admin');
    await page.fill('#password', 'not-the-password');
    await page.click('#submit');
    await page.locator('#code').waitFor({ state: 'visible' });
    await page.fill('#code', totp(admin.totpSecret));
    await page.click('#submit');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /password or the one-time code is wrong/);
    assert.equal(await page.locator('#password').isVisible(), true);
    assert.equal(await page.locator('#code').isVisible(), false);
    noProblems(page);
  });
});

describe('directory', () => {
  it('narrows the results to a surname as the coordinator types', async () => {
    const page = await newPage();
    await signIn(page, 'coordinator');
    await page.goto('/directory');
    const rows = page.locator('#contacts tbody tr');
    await rows.first().waitFor();
    const all = await page.evaluate(() => fetch('/api/v1/contacts?limit=200').then((r) => r.json()));
    assert.equal(all.items.length, all.total);
    assert.equal(await rows.count(), Math.min(all.total, 50), 'the first page listed before typing');
    // The rarest surname among the demo contacts.
    const counts = {};
    for (const c of all.items) {
      const s = c.name.split(' ').pop();
      counts[s] = (counts[s] || 0) + 1;
    }
    const surname = Object.keys(counts).sort((a, b) => counts[a] - counts[b] || a.localeCompare(b))[0];
    const want = all.items.filter((c) => [c.name, c.title, c.organisation, c.email]
      .some((v) => v && v.toLowerCase().includes(surname.toLowerCase())));
    assert.ok(want.length > 0 && want.length < all.items.length);
    await page.locator('#q').pressSequentially(surname, { delay: 40 });
    await page.waitForFunction((n) => document.querySelectorAll('#contacts tbody tr').length === n &&
      /^Showing/.test(document.querySelector('#count').textContent), want.length);
    const names = await rows.locator('td:first-child strong').allTextContents();
    assert.deepEqual(names.sort(), want.map((c) => c.name).sort());
    for (const t of await rows.allTextContents()) assert.ok(t.includes(surname), `row mentions ${surname}: ${t}`);
    assert.match(await page.locator('#count').textContent(), new RegExp(`^Showing 1–${want.length} of ${want.length} contacts?$`));
    assert.ok(page.url().includes('q=' + encodeURIComponent(surname)), 'the search is kept in the address');
    await shot(page, '04-directory-search');
    noProblems(page);
  });
});

describe('contacts of a state', () => {
  it('lets the Jamaica NCPOC change a phone number and refuses a third NCPOC', async () => {
    const page = await newPage();
    await signIn(page, 'ncpoc.jm');
    await page.goto('/');
    await page.click('#states a:text-is("Jamaica")');
    await page.waitForURL(/\/state\?code=JM$/);
    const ncpocs = page.locator('#s-ncpoc .card');
    await ncpocs.first().waitFor();
    assert.equal(await ncpocs.count(), 2);
    await shot(page, '05-state-jamaica');
    const card = ncpocs.first();
    const cardId = await card.getAttribute('id');
    await card.locator('a:has-text("Change")').click();
    await page.waitForURL(/\/contact\?id=\d+$/);
    await page.locator('#contact').waitFor({ state: 'visible' });
    const phone = '+1 876 555 0' + String(Date.now() % 1000).padStart(3, '0');
    await page.fill('#phone', phone);
    await shot(page, '06-contact-edit');
    await page.click('#save');
    await page.waitForURL(/\/state\?code=JM$/);
    await page.locator('.success').waitFor();
    await page.reload();
    await page.locator(`#${cardId}`).waitFor();
    assert.match(await page.locator(`#${cardId}`).textContent(), new RegExp(phone.replace(/\+/g, '\\+')));
    await shot(page, '07-state-after-save');

    // At two NCPOCs "Add an NCPOC" is disabled, the reason beside it.
    const add = page.locator('#add-ncpoc');
    assert.equal(await add.isDisabled(), true, 'Add an NCPOC is disabled at two');
    assert.equal(await add.getAttribute('aria-describedby'), 'ncpoc-full');
    assert.match(await page.locator('#ncpoc-full').textContent(), /already has two NCPOCs/);
    // The form reached by its address is still refused by the server.
    await page.goto('/contact?state=JM&role=ncpoc');
    await page.locator('#contact').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#role-ncpoc').isChecked(), true);
    assert.equal(await page.locator('#state').inputValue(), 'JM');
    await page.fill('#name', 'Third Candidate');
    await page.check('#cat-ict_ministry');
    await page.fill('#email', 'third.candidate@jm.example.org');
    await page.click('#save');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /already has two NCPOCs/);
    assert.match(await summary.textContent(), /two NCPOCs per state/);
    assert.match(await page.locator('#role-error').textContent(), /two NCPOCs/);
    await shot(page, '08-third-ncpoc-refused');
    noProblems(page);
  });
});

describe('account', () => {
  it('sets up one-time codes from the secret shown as text', async () => {
    const page = await newPage();
    await signIn(page, 'partner');
    await page.goto('/account');
    await page.locator('#me').waitFor();
    assert.match(await page.locator('#me').textContent(), /One-time codesOff/);
    await page.click('#totp button');
    const uri = await page.locator('#totp-uri').textContent();
    const m = /^otpauth:\/\/totp\/ccscap:partner\?secret=([A-Z2-7]+)&/.exec(uri);
    assert.ok(m, 'otpauth URI shown: ' + uri);
    assert.equal((await page.locator('#totp-secret').textContent()).replace(/ /g, ''), m[1]);
    await shot(page, '09-account-totp-setup');
    await page.fill('#code', '000000' === totp(m[1]) ? '111111' : '000000');
    await page.click('#totp-confirm button');
    await page.locator('#code-error').waitFor();
    await page.fill('#code', totp(m[1]));
    await page.click('#totp-confirm button');
    await page.locator('.success').waitFor();
    assert.match(await page.locator('#me').textContent(), /One-time codesOn/);
    await shot(page, '10-account-totp-on');
    noProblems(page);
  });
});

describe('public home page', () => {
  it('lists the 21 states without signing in and no e-mail addresses', async () => {
    const page = await newPage();
    const bodies = [];
    page.on('response', async (r) => {
      if (r.url().includes('/api/')) bodies.push(await r.text().catch(() => ''));
    });
    await page.goto('/');
    const links = page.locator('#states a[href^="/state?code="]');
    await links.first().waitFor();
    assert.equal(await links.count(), 21);
    assert.equal(await page.locator('#states ul[data-status="member"] li').count() +
      await page.locator('#states ul[data-status="associate"] li').count() +
      await page.locator('#states ul[data-status="participant"] li').count(), 21);
    await page.locator('#bodies li').first().waitFor();
    assert.match(await page.locator('#who').textContent(), /Sign in/);
    assert.equal(await page.locator('#coverage').isVisible(), false);
    const text = await page.locator('body').innerText();
    const html = await page.content();
    assert.doesNotMatch(text, /@/, 'no e-mail address on the page');
    assert.doesNotMatch(html, /mailto:|[\w.+-]+@[\w-]+\.[\w.]+/, 'no e-mail address in the markup');
    for (const b of bodies) assert.doesNotMatch(b, /"email"\s*:/, 'no e-mail field sent to the public');
    await shot(page, '11-home-public');
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, '12-home-public-375px');
    noProblems(page);
  });
});
