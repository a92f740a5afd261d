// start.js: the page after sign-in: what needs the signed-in user now,
// by role (advisories to acknowledge, requests for information to
// answer, the state queue, status records to review, overdue
// recommendations, the unread inbox), each a count and a link; and, for
// the Steering Committee and partners, the incident trends as far as they
// may read them, with the chart drawn by the server and the numbers in
// tables. Every count comes from the API, so it passes the same policy.
import { api } from './api.js';
import { h, $, initPage, here, problem, sentence, USER_ROLE } from './ui.js';

const gate = $('#gate');
const WORKERS = ['ncpoc', 'cert', 'rifc_analyst', 'coordinator'];
const MAX = 1000;

const plural = (n, one, many) => `${n >= MAX ? MAX + '+' : n} ${n === 1 ? one : many}`;

/** One "needs you" card: @n items, what they are, where to act. */
function card(id, n, words, href, linkText) {
  return h('li', { class: 'card', id },
    h('p', null, h('strong', { class: 'count' }, String(n >= MAX ? MAX + '+' : n)), ' ', words),
    h('p', null, h('a', { href }, linkText)));
}

/** How many rows of a paged list satisfy @pred, reading its pages up to
 * MAX rows (the card then says "1000+"). */
async function countPages(path, pred) {
  let n = 0;
  let seen = 0;
  let cursor = null;
  do {
    const r = await api('GET', `${path}&limit=200${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    n += r.items.filter(pred).length;
    seen += r.items.length;
    cursor = r.next_cursor;
  } while (cursor && seen < MAX);
  return cursor ? Math.max(n, MAX) : n;
}

/** The checks of @user's role: [id, promise of count, words, href, link]. */
function checks(user) {
  const out = [];
  const st = user.state_code;
  out.push(['now-inbox', api('GET', '/api/v1/inbox?unread=1&limit=1').then((r) => r.total),
    (n) => `unread ${n === 1 ? 'entry' : 'entries'} in your inbox`, '/inbox', 'Open your inbox']);
  if (['ncpoc', 'cert'].includes(user.role) && st) {
    // the list counts exactly the advisories @st has not acknowledged
    out.push(['now-advisories', api('GET', `/api/v1/advisories?state=${st}&unacknowledged=1&limit=1`)
      .then((r) => r.total), (n) => `${n === 1 ? 'advisory' : 'advisories'} for ${st} to acknowledge`, '/advisories',
    'Acknowledge advisories']);
  }
  out.push(['now-rfis', countPages('/api/v1/rfis?status=open', (q) => q.author !== user.login),
  (n) => `open ${n === 1 ? 'request' : 'requests'} for information you may answer`, '/rfis',
  'Answer requests']);
  if (WORKERS.includes(user.role) && st) {
    out.push(['now-queue', api('GET', '/api/v1/queue?limit=1').then((r) => r.total),
      (n) => `${n === 1 ? 'record' : 'records'} in ${st}’s queue to handle`, '/queue', 'Open the queue']);
  }
  if (['rifc_analyst', 'coordinator'].includes(user.role)) {
    out.push(['now-review', api('GET', '/api/v1/assessments?status=pending&limit=1')
      .then((r) => r.total),
    (n) => `status ${n === 1 ? 'record' : 'records'} of the minimum standards to review`, '/review',
    'Review status records']);
  }
  out.push(['now-overdue', api('GET', '/api/v1/recommendations/overdue?limit=200').then((r) => r.overdue || 0),
    (n) => `overdue ${n === 1 ? 'recommendation' : 'recommendations'} of the plan`, '/recommendations',
    'See the recommendations']);
  return out;
}

async function needs(user) {
  const list = checks(user);
  const counts = await Promise.all(list.map(([, p]) => p.catch(() => null)));
  const cards = [];
  list.forEach(([id, , words, href, link], i) => {
    const n = counts[i];
    if (n) cards.push(card(id, n, words(n), href, link));
  });
  $('#now').replaceChildren(...cards);
  $('#nothing').hidden = cards.length > 0;
}

function countTable(id, caption, rows, name) {
  return h('table', { class: 'stack', id },
    h('caption', null, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, name), h('th', { scope: 'col' }, 'Incidents'))),
    h('tbody', null, rows.map(([k, n]) => h('tr', null, h('td', null, k),
      h('td', { 'data-label': 'Incidents' }, String(n))))));
}

async function trends() {
  const t = await api('GET', '/api/v1/incidents/trends');
  const months = t.months.map((m) => [new Date(m.month + '-01T00:00:00Z').toLocaleDateString('en-GB',
    { month: 'long', year: 'numeric', timeZone: 'UTC' }), m.count]);
  $('#trends-lead').textContent = `${plural(t.total, 'incident', 'incidents')} reported in the last twelve months ` +
    'that your clearance lets you read' + (t.restricted ? `; ${plural(t.restricted, 'more is', 'more are')} ` +
    'above your clearance and not counted here.' : '.');
  $('#trends-chart').setAttribute('alt', 'Line chart: ' + (t.classes.length
    ? t.classes.map((c) => `${c.key}, ${c.count}`).join('; ') + ' incidents by class in the period.'
    : 'no incidents in the period.'));
  $('#trends-chart').src = '/api/v1/incidents/trends.svg';
  $('#trends-tables').replaceChildren(
    countTable('trend-months', 'Incidents by month', months, 'Month'),
    countTable('trend-classes', 'Incidents by class', t.classes.map((c) => [c.key, c.count]), 'Class (RSIT)'),
    countTable('trend-states', 'Incidents by state', t.states.map((c) => [c.key, c.count]), 'State'),
    countTable('trend-statuses', 'Incidents by status', t.statuses.map((c) => [c.key, c.count]), 'Status'));
  $('#trends').hidden = false;
}

async function main() {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see what needs you.')));
    return;
  }
  $('#title').textContent = `Welcome, ${user.display_name || user.login}`;
  try {
    await needs(user);
    gate.replaceChildren();
    $('#page').hidden = false;
    if (['steering', 'partner', 'coordinator'].includes(user.role)) await trends();
  } catch (e) {
    gate.replaceChildren(problem(`Your start page could not be loaded: ${sentence(e.message)}`));
  }
  document.title = `Start – ${USER_ROLE[user.role] || user.role} – ccscap`;
}

main();
