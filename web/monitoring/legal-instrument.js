// legal-instrument.js: the form to record or change a national instrument
// and its section mappings (?id=N to change one, ?state=XX to start one
// for a state). The server checks everything and stores all or nothing;
// its refusal is shown GOV.UK-style: a summary at the top linking to the
// field its message names, and the same message beside that field.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, messageField, sentence } from './ui.js';
import { startLegal, loadFailed, canWrite, STEP, KIND, FAMILY } from './legal-common.js';

let provisions = [];
let nrow = 0;
let rowOf = []; // mappings[i] -> the rows it came from, in provision order

function provisionSelect(id, value) {
  const groups = [];
  for (const p of provisions) {
    if (!groups.length || groups[groups.length - 1].family !== p.family) groups.push({ family: p.family, items: [] });
    groups[groups.length - 1].items.push(p);
  }
  return h('select', { id }, h('option', { value: '' }, 'Choose a provision'),
    groups.map((g) => h('optgroup', { label: FAMILY[g.family] || g.family },
      g.items.map((p) => h('option', { value: p.ref, selected: p.ref === value }, `${p.number} ${p.title}`)))));
}

function addRow(m = {}) {
  const n = nrow++;
  const id = (k) => `map-${n}-${k}`;
  const row = h('div', { class: 'map-row', id: `map-${n}` },
    h('div', { class: 'field' }, h('label', { for: id('section') }, 'Section'),
      h('input', { id: id('section'), type: 'text', class: 'w-mid', maxlength: '64', value: m.section || '' })),
    h('div', { class: 'field' }, h('label', { for: id('heading') }, 'Heading (optional)'),
      h('input', { id: id('heading'), type: 'text', maxlength: '300', value: m.heading || '' })),
    h('div', { class: 'field' }, h('label', { for: id('provision') }, 'Gives effect to'),
      provisionSelect(id('provision'), m.provision)),
    h('div', { class: 'field choice' }, h('input', { type: 'checkbox', id: id('partial'), checked: !!m.partial }),
      h('label', { for: id('partial') }, 'Only in part')),
    h('div', { class: 'field' }, h('label', { for: id('evidence') }, 'Evidence (web address, optional)'),
      h('input', { id: id('evidence'), type: 'url', maxlength: '2000', value: m.evidence_url || '' })),
    h('button', { type: 'button', class: 'link-button', onclick: () => row.remove() }, `Remove this row`));
  $('#map-rows').append(row);
  return n;
}

/** The rows as mappings: rows alike but for the provision become one. */
function mappings() {
  const out = [];
  rowOf = [];
  for (const row of document.querySelectorAll('.map-row')) {
    const n = row.id.slice(4);
    const v = (k) => $(`#map-${n}-${k}`);
    const m = { section: v('section').value.trim(), heading: v('heading').value.trim() || null,
      partial: v('partial').checked, evidence_url: v('evidence').value.trim() || null };
    const p = v('provision').value;
    if (!m.section && !p) continue;
    const i = out.findIndex((o) => o.section === m.section && o.heading === m.heading
      && o.partial === m.partial && o.evidence_url === m.evidence_url);
    if (i >= 0) {
      out[i].provisions.push(p);
      rowOf[i].push(n);
    } else {
      out.push({ ...m, provisions: [p] });
      rowOf.push([n]);
    }
  }
  return out;
}

function body() {
  const dates = {};
  for (const k of Object.keys(STEP)) {
    const v = $('#date-' + k).value.trim();
    if (v) dates[k] = v;
  }
  const year = $('#year').value.trim();
  return {
    state: $('#state').value, kind: $('#kind').value, name: $('#name').value.trim(),
    number: $('#number').value.trim() || null, year: year === '' ? null : (/^\d+$/.test(year) ? Number(year) : year),
    status: $('#status').value, dates, verified: $('#verified').checked,
    source_url: $('#source_url').value.trim() || null, notes: $('#notes').value.trim() || null,
    mappings: mappings(),
  };
}

/** The id of the field a server message names, or null. */
function fieldOf(msg) {
  let m = /^mappings\[(\d+)\]: (provisions\[(\d+)\]|section|heading|provisions|evidence_url|partial)/.exec(msg);
  if (m) {
    const rows = rowOf[Number(m[1])] || [];
    const row = rows[m[3] === undefined ? 0 : Number(m[3])];
    const k = { section: 'section', heading: 'heading', evidence_url: 'evidence', partial: 'partial' }[m[2]] || 'provision';
    if (/already mapped/.test(msg)) return row === undefined ? null : `map-${rows[rows.length - 1]}-provision`;
    return row === undefined ? null : `map-${row}-${k}`;
  }
  m = /^dates: ([a-z_]+)/.exec(msg);
  if (m && document.getElementById('date-' + m[1])) return 'date-' + m[1];
  const named = messageField(msg);
  return named && document.getElementById(named.field) ? named.field : null;
}

// Every provision in the matrix's order, page after page.
async function allProvisions() {
  const items = [];
  let cursor = null;
  do {
    const p = await api('GET', '/api/v1/legal/provisions?limit=200' +
      (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...p.items);
    cursor = p.next_cursor;
  } while (cursor);
  return items;
}

async function main() {
  const gate = $('#gate');
  const q = new URLSearchParams(location.search);
  const id = q.get('id');
  let user;
  let inst = null;
  let states;
  try {
    user = await startLegal(gate, 'the form');
    if (!user) return;
    [states, provisions] = await Promise.all([api('GET', '/api/v1/states'),
      allProvisions()]);
    if (id) inst = await api('GET', '/api/v1/legal/instruments/' + encodeURIComponent(id));
  } catch (e) {
    loadFailed(gate, 'The form', e);
    return;
  }
  const state = inst ? inst.state : (q.get('state') || user.state_code || '').toUpperCase();
  if (user.role !== 'coordinator' && user.role !== 'ncpoc') {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, "Only coordinators, and a state's NCPOC for that state, record legal instruments.")));
    return;
  }
  if (inst && !canWrite(user, inst.state)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, `You record the instruments of ${user.state_code} only.`)));
    return;
  }
  if (inst) {
    document.title = `Change ${inst.name} – ccscap`;
    $('#title').textContent = `Change ${inst.name}`;
  }
  $('#state').replaceChildren(h('option', { value: '' }, 'Choose a state'), ...states.items
    .filter((s) => !user.state_code || s.code === user.state_code)
    .map((s) => h('option', { value: s.code, selected: s.code === state }, s.name)));
  $('#kind').replaceChildren(...Object.entries(KIND).map(([k, w]) => h('option', { value: k, selected: inst && inst.kind === k }, w)));
  $('#status').replaceChildren(...Object.entries(STEP).map(([k, w]) =>
    h('option', { value: k, selected: inst ? inst.status === k : k === 'drafting' }, w)));
  $('#date-fields').replaceChildren(...Object.entries(STEP).map(([k, w]) => h('div', { class: 'field' },
    h('label', { for: 'date-' + k }, w), h('input', { id: 'date-' + k, type: 'text', class: 'w-mid', maxlength: '10',
      value: inst && inst.dates[k] ? inst.dates[k] : '' }))));
  if (inst) {
    $('#name').value = inst.name;
    $('#number').value = inst.number || '';
    $('#year').value = inst.year || '';
    $('#verified').checked = inst.verified;
    $('#source_url').value = inst.source_url || '';
    $('#notes').value = inst.notes || '';
    for (const m of inst.mappings) for (const p of m.provisions) addRow({ ...m, provision: p });
  }
  if (!document.querySelector('.map-row')) addRow();
  $('#add-mapping').addEventListener('click', () => {
    const n = addRow();
    $(`#map-${n}-section`).focus();
  });
  const form = $('#instrument');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, $('#errors'));
    const b = body();
    const local = [];
    if (!b.state) local.push({ field: 'state', text: 'Choose the state' });
    if (!b.name) local.push({ field: 'name', text: 'Enter the name of the instrument' });
    if (local.length) {
      showErrors(form, $('#errors'), local);
      return;
    }
    $('#send').disabled = true;
    try {
      const r = inst ? await api('PATCH', '/api/v1/legal/instruments/' + inst.id, b)
        : await api('POST', '/api/v1/legal/instruments', b);
      sessionStorage.setItem('ccscap.flash', `Saved ${r.name} (${r.status_name.toLowerCase()}).${r.proposals_made
        ? ` ${r.proposals_made} status ${r.proposals_made === 1 ? 'update was' : 'updates were'} proposed to the RIFC for the legal-environment standards.` : ''}`);
      location.href = `/legal-state?state=${r.state}#instrument-${r.id}`;
    } catch (e) {
      $('#send').disabled = false;
      const text = e.status === 401 ? 'Your session has ended. Sign in again, then resend.' : sentence(e.message);
      showErrors(form, $('#errors'), [{ field: fieldOf(e.message || ''), text }]);
    }
  });
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
