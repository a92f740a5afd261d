// recommendations.js: the overdue recommendations grouped by owner, and
// every recommendation as a list (web/common/list.js): by due date or as
// sorted, filtered by words, owner state, status, overdue and due date,
// paged with a total, downloadable as CSV.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { createList, isoDate } from './list.js';
import { startPage, loadFailed, loadRefs, fmtDay, plural } from './capacity.js';
import { STATUS_WORD, markSubnav, ownerName, loadWords } from './meetings-lib.js';

async function overdue() {
  const r = await api('GET', '/api/v1/recommendations/overdue?limit=200');
  if (!r.items.length) {
    $('#overdue').replaceChildren(h('p', { id: 'no-overdue' }, 'Nothing is overdue.'));
    return;
  }
  $('#overdue').replaceChildren(
    h('p', null, `${plural(r.overdue, 'recommendation', 'recommendations')} overdue on ${fmtDay(r.as_of)}, ${plural(r.total, 'owner', 'owners')}.`),
    h('table', { class: 'table', id: 'overdue-table' },
      h('caption', { class: 'vh' }, 'Overdue recommendations by owner'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Owner'), h('th', { scope: 'col' }, 'Overdue'),
        h('th', { scope: 'col' }, 'Oldest due date'), h('th', { scope: 'col' }, 'Recommendations'))),
      h('tbody', null, r.items.map((g) => h('tr', null,
        h('th', { scope: 'row' }, ownerName(g.owner)), h('td', null, String(g.count)), h('td', null, fmtDay(g.oldest_due)),
        h('td', null, h('ul', { class: 'plain' }, g.items.map((x) => h('li', null,
          h('a', { href: '/recommendation?id=' + x.id }, x.text), ` (due ${fmtDay(x.due_date)})`)))))))));
}

const COLUMNS = [
  { label: 'Recommendation', cell: (r) => h('a', { href: '/recommendation?id=' + r.id }, r.text) },
  { label: 'Owner', cell: (r) => ownerName(r.owner) },
  {
    label: 'Status', sort: 'status',
    cell: (r) => [STATUS_WORD[r.status] || r.status, r.overdue ? h('span', { class: 'badge badge-overdue' }, ' Overdue') : null],
  },
  { label: 'Due', sort: 'due_date', cls: 'date', cell: (r) => fmtDay(r.due_date) },
  { label: 'Need', cell: (r) => r.need_ref || '' },
  { label: 'Meeting', sort: 'meeting_date', cls: 'date', cell: (r) => (r.meeting_date ? fmtDay(r.meeting_date) : '') },
  { label: 'Changed', sort: 'updated_at', cls: 'date', cell: (r) => isoDate(r.updated_at) },
];

async function main() {
  const gate = $('#gate');
  markSubnav();
  const user = await startPage(gate, 'the recommendations');
  if (!user) return;
  try { await loadWords(); } catch (e) { loadFailed(gate, 'The words of this page', e); return; }
  let refs;
  try { refs = await loadRefs(); } catch (e) { loadFailed(gate, 'The recommendations', e); return; }
  $('#f-state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#f-status').append(...Object.entries(STATUS_WORD).map(([k, v]) => h('option', { value: k }, v)));
  gate.replaceChildren();
  $('#content').hidden = false;
  const list = createList({
    endpoint: '/api/v1/recommendations', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'rec-table', caption: 'Recommendations',
    noun: ['recommendation', 'recommendations'], sort: 'due_date', order: 'asc',
    columns: COLUMNS, empty: 'No recommendation matches.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q', unknown_status: 'f-status' },
  });
  try {
    await Promise.all([overdue(), list.load()]);
  } catch (e) {
    loadFailed(gate, 'The recommendations', e);
  }
}

main();
