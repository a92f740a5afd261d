// inbox.js: the signed-in user's inbox (web/common/list.js): unread (or
// all) entries, newest first or sorted by a column, filtered by words and
// dates, paged with a total, downloadable as CSV; each entry a link to its
// record and a button to mark it read. Opening an entry marks it read
// too. The header's count (ui.js) follows.
import { api } from './api.js';
import { h, $, fmtDateTime, refreshInboxCount } from './ui.js';
import { tlpLabel } from './tlp.js';
import { startPage } from './sharing.js';
import { createList } from './list.js';

const gate = $('#gate');

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

// The entry's record, a link that marks it read as it opens.
function recordCell(e) {
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
  return link;
}

function readCell(e) {
  if (e.read_at) return h('span', { class: 'tag tag--ok' }, 'Read');
  const [name] = KIND[e.kind] || [e.kind];
  const text = e.title || `${name} #${e.ref_id}`;
  const btn = h('button', { type: 'button', class: 'button button--secondary small-button' },
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
  return btn;
}

const COLUMNS = [
  { label: 'Marking', cell: (e) => tlpLabel(e.tlp) },
  { label: 'Record', sort: 'title', cell: recordCell },
  { label: 'Kind', sort: 'kind', cell: (e) => (KIND[e.kind] || [e.kind])[0] },
  { label: 'Why', sort: 'reason', cell: (e) => e.reason || '' },
  { label: 'When', sort: 'created_at', cls: 'date', cell: (e) => fmtDateTime(e.created_at) },
  { label: 'Read', sort: 'read_at', cell: readCell },
];

async function main() {
  const user = await startPage(gate, 'your inbox');
  if (!user) return;
  gate.replaceChildren();
  $('#page').hidden = false;
  const list = createList({
    endpoint: '/api/v1/inbox', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'inbox-table', caption: 'Your inbox',
    noun: ['entry', 'entries'], sort: 'created_at', order: 'desc',
    columns: COLUMNS, statusId: 'count', defaults: { unread: '1' },
    rowId: (e) => 'inbox-' + e.id,
    empty: 'Nothing here. Choose “All entries” to see those already read.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q' },
    onload: () => refreshInboxCount(),
  });
  await list.load();
}

main();
