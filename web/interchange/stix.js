// stix.js: the stored STIX objects (/stix): a table by type with a total,
// Previous/Next pages, sortable columns, a filter form kept in the address
// (so back, forward and bookmarks work) and CSV and STIX downloads. Each
// row links to the object's page, /stix/<its STIX id>.
import { api } from './api.js';
import { h, $, fmtDate } from './ui.js';
import { tlpLabel } from './tlp.js';
import { startPage, loadFailed, plural } from './sharing.js';

const gate = $('#gate');
const API = '/api/v1/stix/objects';
const COLS = [['name', 'Name'], ['type', 'Type'], [null, 'Marking'], ['modified', 'Modified'],
  ['stored', 'Stored']];
const DESC_FIRST = ['stored', 'modified'];

/** The query of the page's address, only the list's own keys. */
function query() {
  const p = new URLSearchParams(location.search);
  const q = new URLSearchParams();
  for (const k of ['type', 'q', 'from', 'to', 'sort', 'order', 'cursor', 'limit']) {
    if (p.get(k)) q.set(k, p.get(k));
  }
  return q;
}

function go(q) {
  history.pushState(null, '', '/stix' + (q.toString() ? '?' + q : ''));
  render();
}

const objectHref = (o) => '/stix/' + encodeURIComponent(o.stix_id);

function sortHead(key, text, q) {
  if (!key) return h('th', { scope: 'col' }, text);
  const cur = q.get('sort') || 'stored';
  const desc = (q.get('order') || (DESC_FIRST.includes(cur) ? 'desc' : 'asc')) === 'desc';
  const on = cur === key;
  const next = new URLSearchParams(q);
  next.delete('cursor');
  next.set('sort', key);
  next.set('order', on ? (desc ? 'asc' : 'desc') : (DESC_FIRST.includes(key) ? 'desc' : 'asc'));
  const a = h('a', { href: '/stix?' + next }, text);
  a.addEventListener('click', (ev) => { ev.preventDefault(); go(next); });
  return h('th', { scope: 'col', 'aria-sort': on ? (desc ? 'descending' : 'ascending') : 'none' }, a);
}

function row(o) {
  return h('tr', null,
    h('td', null, h('a', { href: objectHref(o) }, o.name || o.stix_id)),
    h('td', { class: 'mono' }, o.type),
    h('td', null, tlpLabel(o.tlp)),
    h('td', { class: 'date' }, o.modified ? o.modified.slice(0, 10) : ''),
    h('td', { class: 'date' }, fmtDate(o.stored_at)));
}

function pageLink(text, cursor, q, rel) {
  if (!cursor) return null;
  const next = new URLSearchParams(q);
  next.set('cursor', cursor);
  const a = h('a', { href: '/stix?' + next, rel, class: 'pager-' + rel }, text);
  a.addEventListener('click', (ev) => { ev.preventDefault(); go(next); });
  return a;
}

let typesShown = false;

function fillTypes(types, q) {
  const sel = $('#f-type');
  const want = q.get('type') || '';
  if (!typesShown) {
    const names = Object.keys(types).sort();
    if (want && !names.includes(want)) names.push(want);
    sel.append(...names.map((t) => h('option', { value: t }, `${t} (${types[t] || 0})`)));
    typesShown = true;
  }
  sel.value = want;
}

async function render() {
  const q = query();
  const r = await api('GET', API + (q.toString() ? '?' + q : ''));
  fillTypes(r.types, q);
  for (const k of ['q', 'from', 'to']) $('#f-' + k).value = q.get(k) || '';
  const n = r.items.length;
  const fmt = (x) => x.toLocaleString('en-GB');
  $('#count').textContent = r.total === 0 ? 'No objects you may read match.'
    : (!r.prev_cursor && !r.next_cursor ? plural(r.total, 'object', 'objects')
      : `Showing ${fmt(r.offset + 1)}–${fmt(r.offset + n)} of ${fmt(r.total)} objects`);
  $('#results').replaceChildren(n ? h('table', { id: 'stix-table', class: 'stack sortable' },
    h('caption', { class: 'vh' }, 'Stored STIX objects'),
    h('thead', null, h('tr', null, COLS.map(([k, t]) => sortHead(k, t, q)))),
    h('tbody', null, r.items.map(row))) : '');
  $('#pager').replaceChildren(...[pageLink('Previous page', r.prev_cursor, q, 'prev'),
    pageLink('Next page', r.next_cursor, q, 'next')].filter(Boolean));
  const csv = new URLSearchParams(q);
  csv.delete('cursor');
  csv.delete('limit');
  csv.set('format', 'csv');
  $('#downloads').replaceChildren(
    h('a', { class: 'button secondary', href: API + '?' + csv, download: 'ccscap-stix-objects.csv' },
      'Download CSV'), ' ',
    h('a', { class: 'button secondary', href: '/api/v1/export/stix', download: 'ccscap-export.json' },
      'Download STIX'),
    h('span', { class: 'hint' }, ' The STIX bundle holds every record you may read.'));
}

$('#filter').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = query();
  for (const k of ['type', 'q', 'from', 'to']) {
    const v = $('#f-' + k).value.trim();
    if (v) q.set(k, v); else q.delete(k);
  }
  q.delete('cursor');
  go(q);
});

window.addEventListener('popstate', () => render().catch((e) => loadFailed(gate, 'The objects', e)));

async function main() {
  gate.hidden = false;
  const user = await startPage(gate, 'the stored STIX objects');
  if (!user) return;
  try {
    await render();
    gate.hidden = true;
    $('#page').hidden = false;
  } catch (e) {
    loadFailed(gate, 'The objects', e);
  }
}

main();
