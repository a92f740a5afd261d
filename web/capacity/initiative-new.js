// initiative-new.js: the form to record an initiative, or to change one
// (?id=N): identifier, title, kind, IATI status, planned dates, a funding
// and an implementing organisation, recipient states with shares, needs.
// Refusals from the API name their field; the error summary links to it
// and the same message sits beside the field.
import { api } from './api.js';
import { h, $, showErrors, clearErrors } from './ui.js';
import { startPage, loadFailed, loadRefs, STATUS, showRefusal } from './capacity.js';

const form = $('#ini');
const errors = $('#errors');
const editId = Number(new URLSearchParams(location.search).get('id')) || null;
let refs;
let current = null;

// API paths (first part) and codes -> the element that shows the error.
const FIELD_OF = {
  title: 'i-title', status: 'i-status', invalid_status: 'i-status', start: 'planned_start',
  end: 'planned_end', planned_end: 'planned_end', planned_start: 'planned_start',
  end_before_start: 'planned_end', organisations: 'implementer_id', not_your_organisation: 'implementer_id',
  unknown_organisation: 'implementer_id', states: 'states', needs: 'needs', iati_identifier_taken: 'iati_identifier',
};

function stateRows() {
  $('#state-rows').replaceChildren(...refs.states.map((s) => h('div', { class: 'state-row' },
    h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: 'st-' + s.code, name: 'st', value: s.code,
        onchange: (e) => { $('#pct-' + s.code).disabled = !e.target.checked; } }),
      h('label', { for: 'st-' + s.code }, s.name)),
    h('label', { for: 'pct-' + s.code, class: 'vh' }, `Share for ${s.name}, per cent`),
    h('input', { type: 'text', id: 'pct-' + s.code, inputmode: 'decimal', class: 'w-pct', disabled: true,
      placeholder: '%', 'aria-label': `Share for ${s.name}, per cent` }))));
  $('#need-boxes').replaceChildren(...refs.needs.map((n) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'nd-' + n.ref, name: 'nd', value: n.ref }),
    h('label', { for: 'nd-' + n.ref }, h('strong', null, n.ref), ' ', n.need))));
}

function orgOptions(sel) {
  $(sel).append(...refs.orgs.map((o) => h('option', { value: o.id }, refs.orgName[o.id])));
}

function fillFrom(i) {
  $('#iati_identifier').value = i.iati_identifier;
  $('#i-title').value = i.title;
  $('#description').value = i.description || '';
  $('#kind').value = i.kind;
  $('#i-status').value = String(i.status);
  $('#planned_start').value = i.planned_start || '';
  $('#planned_end').value = i.planned_end || '';
  const f = i.organisations.find((o) => o.role === 1);
  const m = i.organisations.find((o) => o.role === 4);
  $('#funder_id').value = f ? String(f.id) : '';
  $('#implementer_id').value = m ? String(m.id) : '';
  for (const s of i.states) {
    if (!s.state) continue;
    $('#st-' + s.state).checked = true;
    $('#pct-' + s.state).disabled = false;
    $('#pct-' + s.state).value = s.percentage ? String(Number(s.percentage)) : '';
  }
  for (const n of i.needs) $('#nd-' + n.replace('.', '\\.')).checked = true;
}

function read() {
  const errs = [];
  const v = {
    iati_identifier: $('#iati_identifier').value.trim(), title: $('#i-title').value.trim(),
    description: $('#description').value.trim(), kind: $('#kind').value,
    status: Number($('#i-status').value),
    planned_start: $('#planned_start').value || null, planned_end: $('#planned_end').value || null,
  };
  if (v.iati_identifier.length < 3) errs.push({ field: 'iati_identifier', text: 'Enter the IATI identifier, at least 3 characters' });
  if (!v.title) errs.push({ field: 'i-title', text: 'Enter a title' });
  if (v.planned_start && v.planned_end && v.planned_end < v.planned_start) {
    errs.push({ field: 'planned_end', text: 'The planned end must be on or after the planned start' });
  }
  const orgs = [];
  if ($('#funder_id').value) orgs.push({ id: Number($('#funder_id').value), role: 1 });
  if ($('#implementer_id').value) orgs.push({ id: Number($('#implementer_id').value), role: 4 });
  if (current) {
    // Roles the form does not show stay as they were.
    const f = current.organisations.find((o) => o.role === 1);
    const m = current.organisations.find((o) => o.role === 4);
    orgs.push(...current.organisations.filter((o) => o !== f && o !== m).map((o) => ({ id: o.id, role: o.role })));
  }
  v.organisations = orgs;
  const states = [];
  for (const box of form.querySelectorAll('input[name="st"]:checked')) {
    const pct = $('#pct-' + box.value).value.trim();
    if (pct && !/^\d{1,3}(\.\d{1,2})?$/.test(pct)) {
      errs.push({ field: 'states', text: `Give the share for ${refs.stateName[box.value]} as a number of per cent, for example 50` });
    }
    states.push(pct ? { state: box.value, percentage: pct } : { state: box.value });
  }
  v.states = states.length ? states : [{ state: null, percentage: '100' }];
  v.needs = [...form.querySelectorAll('input[name="nd"]:checked')].map((b) => b.value);
  return { v, errs };
}

async function submit(ev) {
  ev.preventDefault();
  const { v, errs } = read();
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  $('#send').disabled = true;
  try {
    let i;
    if (current) {
      v.version = current.version;
      i = await api('PATCH', '/api/v1/initiatives/' + current.id, v);
    } else {
      i = await api('POST', '/api/v1/initiatives', v);
    }
    sessionStorage.setItem('ccscap.flash', current ? `Your changes to “${i.title}” were saved.`
      : `“${i.title}” was recorded as initiative ${i.id}.`);
    location.assign('/initiative?id=' + i.id);
  } catch (e) {
    $('#send').disabled = false;
    if (e.code === 'stale_version') {
      showErrors(form, errors, [{ field: null, text: 'Someone changed this initiative after you opened it. Reload the page to see their changes, then make yours again.' }]);
      return;
    }
    showRefusal(form, errors, e, FIELD_OF);
  }
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the form');
  if (!user) return;
  if (!['coordinator', 'partner'].includes(user.role)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Only coordinators and partner agencies record initiatives. ', h('a', { href: '/initiatives' }, 'See the initiatives'), '.')));
    return;
  }
  try {
    refs = await loadRefs();
    if (editId) current = await api('GET', '/api/v1/initiatives/' + editId);
  } catch (e) {
    loadFailed(gate, 'The form', e);
    return;
  }
  $('#i-status').append(...Object.entries(STATUS).map(([k, t]) => h('option', { value: k }, `${t} (${k})`)));
  orgOptions('#funder_id');
  orgOptions('#implementer_id');
  stateRows();
  if (current) {
    document.title = `Change ${current.title} – ccscap`;
    $('#title').textContent = 'Change an initiative';
    $('#lead').textContent = `Changing “${current.title}”. Organisations in other roles, budgets, transactions, results and documents are kept as they are.`;
    fillFrom(current);
    $('#cancel').href = '/initiative?id=' + current.id;
    $('#send').textContent = 'Save the changes';
  }
  gate.replaceChildren();
  $('#page').hidden = false;
  form.addEventListener('submit', submit);
}

main();
