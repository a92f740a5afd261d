// initiatives.js: the initiatives list (web/common/list.js): sorted by the
// latest change, title, start, status or identifier; filtered by words,
// start date, state, need, partner, funder, status and year; paged with a
// total and Previous/Next; downloadable as CSV.
import { h, $ } from './ui.js';
import { createList, isoDate } from './list.js';
import { startPage, loadFailed, loadRefs, STATUS, ORG_ROLE, period, flash } from './capacity.js';

let refs;

function stateText(i) {
  if (!i.states.length) return 'No recipient named';
  return i.states.map((s) => (s.state ? refs.stateName[s.state] || s.state : 'Regional') +
    (s.percentage ? ` (${Number(s.percentage)}%)` : '')).join(', ');
}

function orgText(i) {
  const roles = {};
  for (const o of i.organisations) (roles[o.role] = roles[o.role] || []).push(o.acronym || o.name);
  return Object.entries(roles).map(([r, names]) => `${ORG_ROLE[r] || r}: ${names.join(', ')}`).join('; ');
}

const COLUMNS = [
  { label: 'Title', sort: 'title', cell: (i) => h('a', { href: '/initiative?id=' + i.id }, i.title) },
  { label: 'Status', sort: 'status', cell: (i) => STATUS[i.status] || i.status_name },
  { label: 'Period', sort: 'start', cls: 'date', cell: (i) => period(i.start, i.end) },
  { label: 'States', cell: stateText },
  { label: 'Needs', cell: (i) => i.needs.join(', ') },
  { label: 'Organisations', cell: orgText },
  { label: 'IATI identifier', sort: 'iati_identifier', cell: (i) => h('span', { class: 'mono' }, i.iati_identifier) },
  { label: 'Changed', sort: 'updated_at', cls: 'date', cell: (i) => isoDate(i.updated_at) },
];

function fill(sel, items) {
  $(sel).append(...items.map(([v, t]) => h('option', { value: v }, t)));
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the initiatives');
  if (!user) return;
  try {
    refs = await loadRefs();
  } catch (e) {
    loadFailed(gate, 'The initiatives', e);
    return;
  }
  fill('#state', refs.states.map((s) => [s.code, s.name]));
  fill('#need', refs.needs.map((n) => [n.ref, `${n.ref} ${n.need.length > 60 ? n.need.slice(0, 60) + '…' : n.need}`]));
  fill('#partner', refs.orgs.map((o) => [o.id, refs.orgName[o.id]]));
  fill('#funder', refs.orgs.map((o) => [o.id, refs.orgName[o.id]]));
  fill('#status', Object.entries(STATUS));
  if (['coordinator', 'partner'].includes(user.role)) $('#new-link').hidden = false;
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const list = createList({
    endpoint: '/api/v1/initiatives', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'initiative-list', caption: 'Initiatives',
    noun: ['initiative', 'initiatives'], sort: 'updated_at', order: 'desc',
    columns: COLUMNS, empty: 'No initiative matches these filters.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q' },
  });
  await list.load();
}

main();
