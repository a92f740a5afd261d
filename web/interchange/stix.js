// stix.js: the stored STIX objects (/stix), a list by the list contract
// (list.js: filters in the address, sortable columns, "Showing 1–50 of
// N", Previous/Next, Download CSV) plus a Download STIX link. Each row
// links to the object's page, /stix/<its STIX id>.
import { h, $ } from './ui.js';
import { tlpLabel } from './tlp.js';
import { createList, isoDate } from './list.js';
import { startPage } from './sharing.js';

const gate = $('#gate');

let typesShown = false;

/** The type picker, filled once from the first answer's counts. */
function fillTypes(types) {
  if (typesShown) return;
  typesShown = true;
  const sel = $('#f-type');
  const want = new URLSearchParams(location.search).get('type') || '';
  const names = Object.keys(types).sort();
  if (want && !names.includes(want)) names.push(want);
  sel.append(...names.map((t) => h('option', { value: t }, `${t} (${types[t] || 0})`)));
  sel.value = want;
}

async function main() {
  gate.hidden = false;
  const user = await startPage(gate, 'the stored STIX objects');
  if (!user) return;
  gate.hidden = true;
  $('#page').hidden = false;
  const list = createList({
    endpoint: '/api/v1/stix/objects',
    form: $('#filter'),
    errors: $('#errors'),
    host: $('#results'),
    id: 'stix-table',
    caption: 'stored STIX objects',
    noun: ['object', 'objects'],
    sort: 'stored',
    order: 'desc',
    columns: [
      { label: 'Name', sort: 'name',
        cell: (o) => h('a', { href: '/stix/' + encodeURIComponent(o.stix_id) }, o.name || o.stix_id) },
      { label: 'Type', sort: 'type', cls: 'mono', cell: (o) => o.type },
      { label: 'Marking', sort: null, cell: (o) => tlpLabel(o.tlp) },
      { label: 'Modified', sort: 'modified', cls: 'date', cell: (o) => (o.modified || '').slice(0, 10) },
      { label: 'Stored', sort: 'stored', cls: 'date', cell: (o) => isoDate(o.stored_at) },
    ],
    links: () => [{ href: '/api/v1/export/stix', text: 'Download STIX (every record you may read)' }],
    empty: 'No stored STIX objects you may read match.',
    fieldOf: { invalid_date: 'f-from', invalid_query: 'f-q', invalid_type: 'f-type' },
    onload: (r) => fillTypes(r.types),
  });
  await list.load();
}

main();
