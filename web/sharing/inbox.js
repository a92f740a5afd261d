// inbox.js: the signed-in user's inbox: unread (or all) entries, newest
// first, each a link to its record and a button to mark it read. Opening
// an entry marks it read too. The header's count (ui.js) follows.
import { api } from './api.js';
import { h, $, fmtDateTime, refreshInboxCount } from './ui.js';
import { tlpLabel } from './tlp.js';
import { startPage, loadFailed, plural } from './sharing.js';

const gate = $('#gate');
const LIMIT = 1000;

/** The page of each kind of record, and its name. */
const KIND = {
  advisory: ['Advisory', (id) => '/advisories?id=' + id],
  lesson: ['Lesson learnt', (id) => '/lessons?id=' + id],
  rfi: ['Request for information', (id) => '/rfis?id=' + id],
  incident: ['Incident', (id) => '/incident?id=' + id],
  indicator: ['Indicator', (id) => '/indicator?id=' + id],
  sighting: ['Routed to your queue', () => '/queue'],
};

async function markRead(e) {
  await api('POST', `/api/v1/inbox/${e.id}/read`);
  refreshInboxCount();
}

function row(e) {
  const [name, page] = KIND[e.kind] || [e.kind, null];
  const text = e.title || `${name} #${e.ref_id}`;
  const link = page ? h('a', { href: page(e.ref_id) }, text) : text;
  if (page && !e.read_at) {
    link.addEventListener('click', async (ev) => {
      ev.preventDefault();
      try { await markRead(e); } catch { /* open it anyway */ }
      location.assign(link.getAttribute('href'));
    });
  }
  let btn = null;
  if (!e.read_at) {
    btn = h('button', { type: 'button', class: 'button button--secondary small-button' },
      'Mark read', h('span', { class: 'vh' }, ` (${text})`));
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await markRead(e);
        btn.replaceWith(h('span', { class: 'tag tag--ok' }, 'Read'));
      } catch (err) {
        btn.disabled = false;
        $('#flash').replaceChildren(h('div', { class: 'error-summary', role: 'alert' },
          h('h2', null, 'There is a problem'), h('p', null, err.message)));
      }
    });
  }
  return h('tr', { id: 'inbox-' + e.id, class: e.read_at ? null : 'unread' },
    h('td', null, tlpLabel(e.tlp)),
    h('td', { 'data-label': 'Record' }, h('span', { class: 'secondary small' }, name), h('br'), link),
    h('td', { 'data-label': 'Why' }, e.reason || ''),
    h('td', { 'data-label': 'When' }, fmtDateTime(e.created_at)),
    h('td', { 'data-label': 'Read' }, btn || h('span', { class: 'tag tag--ok' }, 'Read')));
}

async function list(ev) {
  if (ev) ev.preventDefault();
  const unread = $('#unread').checked;
  $('#count').textContent = 'Loading…';
  try {
    const r = await api('GET', `/api/v1/inbox?limit=${LIMIT}${unread ? '&unread=1' : ''}`);
    const n = r.items.length;
    $('#count').textContent = (n ? `${plural(n, unread ? 'unread entry' : 'entry', unread ? 'unread entries' : 'entries')}, newest first`
      : unread ? 'Nothing unread.' : 'Your inbox is empty.') +
      (n >= LIMIT ? ` (the newest ${LIMIT}: mark some read to see older ones)` : '');
    $('#results').replaceChildren(n ? h('table', { class: 'stack', id: 'inbox-table' },
      h('caption', { class: 'vh' }, 'Your inbox'),
      h('thead', null, h('tr', null, ['Marking', 'Record', 'Why', 'When', 'Read']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, r.items.map(row))) : '');
  } catch (e) {
    $('#count').textContent = '';
    loadFailed($('#results'), 'Your inbox', e);
  }
}

async function main() {
  const user = await startPage(gate, 'your inbox');
  if (!user) return;
  $('#filters').addEventListener('submit', list);
  gate.replaceChildren();
  $('#page').hidden = false;
  await list();
}

main();
