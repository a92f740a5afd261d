// crises.js: the crises the user may see as a list (web/common/list.js:
// newest first or as sorted, filtered by words, status and the day
// declared, paged with a total, as CSV), with the overdue situation
// reports flagged.
import { h, $ } from './ui.js';
import { createList } from './list.js';
import { startCrisis, loadFailed, options, word, when } from './crisis-common.js';

const COLUMNS = [
  { label: 'Crisis', sort: 'title', cell: (c) => h('a', { href: '/crisis?id=' + c.id }, c.title) },
  { label: 'State', sort: 'state', cell: (c) => c.state_name },
  { label: 'Severity', sort: 'severity', cls: 'num', cell: (c) => String(c.severity) },
  { label: 'Status', sort: 'status', cell: (c) => word('crisis_statuses', c.status) },
  { label: 'Declared', sort: 'declared_at', cls: 'date', cell: (c) => when(c.declared_at) },
  {
    label: 'Next situation report',
    cell: (c) => (c.sitrep_overdue ? h('strong', { class: 'tag tag--gap' }, 'Overdue') : when(c.next_sitrep_due)),
  },
];

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startCrisis(gate, 'crises');
  } catch (e) {
    loadFailed(gate, 'Crises', e);
    return;
  }
  if (!user) return;
  $('#status').append(...options('crisis_statuses'));
  gate.replaceChildren();
  $('#content').hidden = false;
  await createList({
    endpoint: '/api/v1/crises', form: $('#filters'), errors: $('#errors'),
    host: $('#list'), id: 'crisis-list', caption: 'Crises',
    noun: ['crisis', 'crises'], sort: 'declared_at', order: 'desc', columns: COLUMNS,
    rowId: (c) => 'crisis-' + c.id, empty: 'No crisis to show.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q', invalid_status: 'status' },
  }).load();
}

main();
