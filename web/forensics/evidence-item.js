// evidence-item.js: one evidence item: its facts, the verification of
// its custody chain (intact or broken, and how many SHA-256 mismatches
// are flagged, in words), the custody log a page at a time with each
// mismatch marked "Mismatch" beside the hash, the PDF for court, and for
// the holder the hand-over form (errors beside their fields).
import { api } from './api.js';
import { h, $, clearErrors, showErrors } from './ui.js';
import {
  startForensics, loadFailed, moreButton, formRefused, fmtWhen, EVKIND, COPY,
} from './forensics-common.js';

const HEX = /^[0-9a-fA-F]{64}$/;

function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value)];
}

function verification(v) {
  const parts = [];
  if (v.intact) {
    parts.push(h('p', null, h('strong', null, 'Chain intact: '),
      `${v.entries} entr${v.entries === 1 ? 'y' : 'ies'}, each hash recomputed and linked to the one before.`));
  } else {
    parts.push(h('p', null, h('strong', null, `Chain broken at entry ${v.broken_seq}: `), v.reason + '.'));
  }
  if (v.mismatches) {
    parts.push(h('p', { id: 'mismatch-note' }, h('strong', null, `${v.mismatches} hash mismatch${v.mismatches === 1 ? '' : 'es'} flagged`),
      `: the SHA-256 measured at entry ${v.first_mismatch} differs from the acquisition's.`));
  }
  return h('div', { class: v.intact && !v.mismatches ? 'success' : 'error-summary', id: 'verdict',
    role: 'status' }, ...parts);
}

function entryRow(e) {
  return h('tr', { 'data-seq': String(e.seq), class: e.hash_ok ? '' : 'mismatch' },
    h('td', null, e.seq === 0 ? 'Acquisition' : String(e.seq)),
    h('td', { 'data-label': 'From' }, e.giver || '–'),
    h('td', { 'data-label': 'To' }, e.receiver),
    h('td', { 'data-label': 'When' }, fmtWhen(e.at)),
    h('td', { 'data-label': 'Where and why' }, `${e.place}: ${e.reason}`,
      e.from_state ? h('span', { class: 'small' }, h('br'), `Transfer ${e.from_state} to ${e.to_state} by ${e.courier}`) : ''),
    h('td', { 'data-label': 'Seal' }, e.seal),
    h('td', { 'data-label': 'SHA-256 measured' }, h('span', { class: 'code small custody-hash' }, e.sha256), ' ',
      e.hash_ok ? h('span', { class: 'tag tag--ok' }, 'Matches')
        : h('strong', { class: 'tag tag--unmet' }, 'Mismatch')));
}

async function loadLog(id, cursor) {
  const p = await api('GET', `/api/v1/evidence-items/${id}/custody?limit=50` + (cursor ? '&cursor=' + cursor : ''));
  $('#custody').append(...p.items.map(entryRow));
  $('#paging').replaceChildren(moreButton(p.next_cursor, (c) => loadLog(id, c)));
  return p;
}

function showItem(it) {
  $('#title').textContent = `Evidence item ${it.id}`;
  $('#facts').replaceChildren(
    ...fact('Description', it.description),
    ...fact('Kind', `${EVKIND[it.kind] || it.kind}, ${COPY[it.copy] || it.copy}`),
    ...(it.parent_id ? fact('Comes from', h('a', { href: '/evidence-item?id=' + it.parent_id }, `Item ${it.parent_id}`)) : []),
    ...fact('Owning state', it.state),
    ...fact('Seal at acquisition', it.seal),
    ...fact('SHA-256 at acquisition', h('span', { class: 'code' }, it.sha256)),
    ...fact('Acquired', fmtWhen(it.acquired_at)),
    ...fact('Held by', h('strong', { id: 'holder' }, it.holder)));
  $('#verification').replaceChildren(verification(it.verification));
  $('#pdf').href = `/api/v1/evidence-items/${it.id}/custody.pdf`;
  $('#handover').hidden = !it.you_hold;
}

function handover(id) {
  const form = $('#handover');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errors = [];
    for (const [f, t] of [['receiver', "Enter the receiver's login"], ['at', 'Enter when the hand-over happened'],
      ['place', 'Enter where'], ['reason', 'Enter why'], ['seal', 'Enter the seal number seen']]) {
      if (!$('#' + f).value.trim()) errors.push({ field: f, text: t });
    }
    if (!HEX.test($('#sha256').value.trim())) errors.push({ field: 'sha256', text: 'Enter the SHA-256 as 64 hexadecimal digits' });
    if (errors.length) { showErrors(form, $('#summary'), errors); return; }
    clearErrors(form, $('#summary'));
    const opt = (f) => $('#' + f).value.trim() || null;
    try {
      const e = await api('POST', `/api/v1/evidence-items/${id}/handovers`, {
        receiver: opt('receiver'), at: opt('at'), place: opt('place'), reason: opt('reason'),
        seal: opt('seal'), sha256: opt('sha256'), from_state: opt('from_state'),
        to_state: opt('to_state'), courier: opt('courier'),
      });
      form.reset();
      let gone = false;
      try {
        const item = await api('GET', '/api/v1/evidence-items/' + id);
        $('#custody').replaceChildren();
        await loadLog(id, null);
        showItem(item);
      } catch (x) {
        if (x.status !== 404) throw x;
        gone = true;
        $('#content').hidden = true;
      }
      $('#summary').replaceChildren(h('div', { class: 'success', role: 'status' }, h('p', null,
        `Handed over to ${e.receiver}.` + (e.hash_ok ? '' : ' The SHA-256 measured differs from the acquisition\'s: the mismatch is flagged.') +
        (gone ? ' You no longer hold the item, so you can no longer see it.' : ''))));
    } catch (e) {
      formRefused(form, $('#summary'), e, { not_holder: 'receiver', unknown_receiver: 'receiver',
        invalid_receiver: 'receiver', invalid_time: 'at', courier_required: 'courier',
        invalid_transfer: 'to_state', invalid_sha256: 'sha256' });
    }
  });
}

async function main() {
  const gate = $('#gate');
  const id = Number(new URLSearchParams(location.search).get('id'));
  try {
    const user = await startForensics(gate, 'the custody log');
    if (!user) return;
    const item = await api('GET', '/api/v1/evidence-items/' + id);
    await loadLog(id, null);
    showItem(item);
  } catch (e) {
    loadFailed(gate, 'The evidence item', e);
    return;
  }
  handover(id);
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
