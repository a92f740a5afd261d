// evidence.js: the evidence items the reader may see as a list
// (web/common/list.js: sorted, filtered by words, state, kind and the
// day acquired, paged with a total, as CSV), each with its holder and its
// hash check in words ("1 hash mismatch flagged"), and the form that
// records a new item and its acquisition.
import { api } from './api.js';
import { h, $, clearErrors, showErrors } from './ui.js';
import { createList, isoDate } from './list.js';
import {
  startForensics, loadFailed, formRefused, EVKIND, COPY,
} from './forensics-common.js';

const HEX = /^[0-9a-fA-F]{64}$/;

const COLUMNS = [
  {
    label: 'Item',
    cell: (i) => [h('a', { href: '/evidence-item?id=' + i.id }, `Item ${i.id}`), ' ',
      h('span', { class: 'small' }, i.description)],
  },
  { label: 'State', sort: 'state', cell: (i) => i.state },
  { label: 'Kind', sort: 'kind', cell: (i) => `${EVKIND[i.kind] || i.kind} (${COPY[i.copy] || i.copy})` },
  { label: 'Seal', sort: 'seal', cell: (i) => i.seal },
  { label: 'Held by', sort: 'holder', cell: (i) => i.holder },
  { label: 'Acquired', sort: 'acquired_at', cls: 'date', cell: (i) => isoDate(i.acquired_at) },
  {
    label: 'Hash check', sort: 'mismatches',
    cell: (i) => (i.mismatches
      ? h('strong', { class: 'tag tag--unmet' }, `${i.mismatches} hash mismatch${i.mismatches === 1 ? '' : 'es'} flagged`)
      : h('span', { class: 'tag tag--ok' }, 'Hashes match')),
  },
];

function items() {
  $('#f-kind').append(...Object.entries(EVKIND).map(([k, v]) => h('option', { value: k }, v)));
  return createList({
    endpoint: '/api/v1/evidence-items', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'items', caption: 'Evidence items you may see',
    noun: ['item', 'items'], sort: 'acquired_at', order: 'desc', columns: COLUMNS,
    rowId: (i) => 'item-' + i.id, empty: 'No item you may see matches.',
    fieldOf: {
      invalid_date: 'from', invalid_query: 'q', invalid_kind: 'f-kind', invalid_state_code: 'f-state',
    },
  });
}

function newItem(user) {
  const form = $('#new-item');
  $('#state').value = user.state_code || '';
  $('#kind').replaceChildren(...Object.entries(EVKIND).map(([k, v]) => h('option', { value: k }, v)));
  $('#copy').replaceChildren(...Object.entries(COPY).map(([k, v]) => h('option', { value: k }, v)));
  form.hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errors = [];
    if (!HEX.test($('#sha256').value.trim())) errors.push({ field: 'sha256', text: 'Enter the SHA-256 as 64 hexadecimal digits' });
    for (const [f, t] of [['description', 'Enter a description'], ['seal', 'Enter the seal number'],
      ['acquired_at', 'Enter when it was acquired'], ['place', 'Enter where it was acquired']]) {
      if (!$('#' + f).value.trim()) errors.push({ field: f, text: t });
    }
    if (errors.length) { showErrors(form, $('#summary'), errors); return; }
    clearErrors(form, $('#summary'));
    const parent = $('#parent_id').value.trim();
    try {
      const r = await api('POST', '/api/v1/evidence-items', {
        state: $('#state').value.trim(), kind: $('#kind').value, copy: $('#copy').value,
        parent_id: parent ? Number(parent) : null, description: $('#description').value.trim(),
        seal: $('#seal').value.trim(), sha256: $('#sha256').value.trim(),
        acquired_at: $('#acquired_at').value.trim(), place: $('#place').value.trim(),
      });
      location.href = '/evidence-item?id=' + r.id;
    } catch (e) {
      formRefused(form, $('#summary'), e, { parent_required: 'parent_id', unknown_item: 'parent_id',
        invalid_time: 'acquired_at', invalid_sha256: 'sha256', forbidden: 'state' });
    }
  });
}

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startForensics(gate, 'evidence items');
  } catch (e) {
    loadFailed(gate, 'The evidence items', e);
    return;
  }
  if (!user) return;
  if (['ncpoc', 'cert'].includes(user.role) && user.state_code) newItem(user);
  gate.replaceChildren();
  $('#content').hidden = false;
  await items().load();
}

main();
