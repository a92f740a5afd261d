// evidence.js: the evidence items the reader may see, a page at a time,
// each with its holder and its hash check in words ("1 hash mismatch
// flagged"), and the form that records a new item and its acquisition.
import { api } from './api.js';
import { h, $, clearErrors, showErrors } from './ui.js';
import {
  startForensics, loadFailed, moreButton, formRefused, EVKIND, COPY,
} from './forensics-common.js';

const HEX = /^[0-9a-fA-F]{64}$/;

function row(i) {
  return h('tr', { 'data-id': String(i.id) },
    h('td', null, h('a', { href: '/evidence-item?id=' + i.id }, `Item ${i.id}`), ' ',
      h('span', { class: 'small' }, i.description)),
    h('td', { 'data-label': 'State' }, i.state),
    h('td', { 'data-label': 'Kind' }, `${EVKIND[i.kind] || i.kind} (${COPY[i.copy] || i.copy})`),
    h('td', { 'data-label': 'Seal' }, i.seal),
    h('td', { 'data-label': 'Held by' }, i.holder),
    h('td', { 'data-label': 'Hash check' }, i.mismatches
      ? h('strong', { class: 'tag tag--unmet' }, `${i.mismatches} hash mismatch${i.mismatches === 1 ? '' : 'es'} flagged`)
      : h('span', { class: 'tag tag--ok' }, 'Hashes match')));
}

async function load(cursor) {
  const p = await api('GET', '/api/v1/evidence-items?limit=50' + (cursor ? '&cursor=' + cursor : ''));
  $('#items').append(...p.items.map(row));
  $('#items-total').textContent = `${p.total} item${p.total === 1 ? '' : 's'} you may see.`;
  $('#paging').replaceChildren(moreButton(p.next_cursor, load));
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
    if (!user) return;
    await load(null);
  } catch (e) {
    loadFailed(gate, 'The evidence items', e);
    return;
  }
  if (['ncpoc', 'cert'].includes(user.role) && user.state_code) newItem(user);
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
