// preservation.js: the list of 24/7 preservation requests, overdue first,
// sorted by its columns, filtered by words, creation date, state, status
// and overdue, paged with a total and downloadable as CSV (list.js).
import { h, $, initPage, here, problem, fmtDateTime } from './ui.js';
import { createList, isoDate } from './list.js';
import { reader, presWords, dueTag, states } from './preservation-common.js';

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see the preservation requests.')));
    return;
  }
  if (!reader(user)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Preservation requests are read only by the law-enforcement 24/7 contacts (NCPOC) of the states concerned and by RIFC analysts.')));
    return;
  }
  const words = await presWords();
  for (const [k, v] of Object.entries(words.statuses)) $('#f-status').append(h('option', { value: k }, v));
  const names = {};
  for (const st of await states()) {
    names[st.code] = st.name;
    $('#f-state').append(h('option', { value: st.code }, st.name));
  }
  $('#new-link').hidden = user.role !== 'ncpoc';
  const list = createList({
    endpoint: '/api/v1/preservation-requests', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'requests', caption: 'Preservation requests',
    noun: ['request', 'requests'], sort: 'clock', order: 'asc',
    rowId: (r) => 'row-' + r.id, statusId: 'count',
    empty: 'No requests match.',
    fieldOf: { invalid_date: 'f-from', invalid_query: 'f-q', invalid_side: 'f-state', invalid_status: 'f-status' },
    columns: [
      { label: 'Request', cell: (r) => h('a', { href: '/preservation-request?id=' + r.id }, `Request ${r.id}`) },
      { label: 'Clock', cell: (r) => dueTag(r.due, words) },
      { label: 'Status', sort: 'status', cell: (r) => words.statuses[r.status] || r.status },
      { label: 'From', sort: 'requesting_state', cell: (r) => names[r.requesting_state] || r.requesting_state },
      { label: 'To', sort: 'requested_state', cell: (r) => names[r.requested_state] || r.requested_state },
      { label: 'Offence', sort: 'offence', cell: (r) => r.offence },
      { label: 'Provider', sort: 'custodian', cell: (r) => r.custodian },
      { label: 'Made', sort: 'created_at', cls: 'date', cell: (r) => isoDate(r.created_at) },
      { label: 'Next deadline', sort: 'clock', cls: 'date', cell: (r) => (r.clock_at ? fmtDateTime(r.clock_at) : '–') },
    ],
  });
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
  try {
    await list.load();
  } catch (e) {
    $('#results').replaceChildren(problem(`The requests could not be loaded: ${e.message}`));
  }
}

main();
