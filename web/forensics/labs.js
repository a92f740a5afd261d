// labs.js: the pooled forensic labs as a list (web/common/list.js:
// sorted, filtered by words, paged with a total, as CSV), each with its
// owner, device types, capacity and queue (accepted, scheduled or in
// progress), the requests waiting for an answer and the free places.
import { h, $ } from './ui.js';
import { createList } from './list.js';
import { startForensics, loadFailed, DEVICE } from './forensics-common.js';

const COLUMNS = [
  { label: 'Lab', sort: 'name', cell: (l) => h('a', { href: '/lab?id=' + l.id }, l.name) },
  { label: 'Owner', sort: 'org_name', cell: (l) => [l.org_name, l.state ? ` (${l.state})` : ' (regional)'] },
  { label: 'Devices', cell: (l) => l.device_types.map((d) => DEVICE[d] || d).join(', ') },
  { label: 'Capacity', sort: 'capacity', cls: 'num', cell: (l) => String(l.capacity) },
  { label: 'In the queue', sort: 'queue', cls: 'num', cell: (l) => String(l.queue) },
  { label: 'Waiting', cls: 'num', cell: (l) => String(l.waiting) },
  { label: 'Free places', cls: 'num', cell: (l) => String(l.free) },
];

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startForensics(gate, 'the forensic labs');
  } catch (e) {
    loadFailed(gate, 'The labs', e);
    return;
  }
  if (!user) return;
  gate.replaceChildren();
  $('#content').hidden = false;
  await createList({
    endpoint: '/api/v1/labs', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'labs', caption: 'Labs', noun: ['lab', 'labs'],
    sort: 'name', order: 'asc', columns: COLUMNS, empty: 'No lab matches.',
    fieldOf: { invalid_date: 'q', invalid_query: 'q' },
  }).load();
}

main();
