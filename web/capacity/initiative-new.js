// initiative-new.js: the form to record an initiative, or to change one
// (?id=N), with every IATI part the API takes: identifier, title, kind,
// status, dates, default currency; organisations with their roles; states
// with shares or the region; needs and standards; and repeatable budgets,
// transactions, results, related initiatives and documents (repeat.js).
// Refusals from the API name their field by its path ("budgets[1].amount");
// the error summary links to that input and the message sits beside it.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, sentence } from './ui.js';
import {
  startPage, loadFailed, loadRefs, STATUS, ORG_ROLE, BUDGET_TYPE, BUDGET_STATUS, RESULT_TYPE,
  RELATED_TYPE, TX_TYPE,
} from './capacity.js';
import { repeater } from './repeat.js';

const form = $('#ini');
const errors = $('#errors');
const editId = Number(new URLSearchParams(location.search).get('id')) || null;
let refs;
let current = null;
// "transactions[0].currency must…" -> "Transaction 1: currency must…"
const NOUN = { organisations: 'Organisation', budgets: 'Budget', transactions: 'Transaction', results: 'Result',
  related: 'Related initiative', documents: 'Document', states: 'Recipient', needs: 'Need', standards: 'Standard' };
function humane(msg) {
  return sentence((msg || '').replace(/^([a-z_]+)\[(\d+)\](\.:?|:)? ?/, (all, list, i) =>
    (NOUN[list] ? `${NOUN[list]} ${Number(i) + 1}: ` : all)));
}
let regionCode = null; // an IATI region of the loaded initiative
let v0 = null; // the body last sent, to place a refusal of states[i]
const rep = {};

// Scalar API fields and codes -> the element that shows the error.
const FIELD_OF = {
  iati_identifier: 'iati_identifier', title: 'i-title', description: 'description', kind: 'kind',
  status: 'i-status', invalid_status: 'i-status', start: 'planned_start', end: 'planned_end',
  planned_end: 'planned_end', planned_start: 'planned_start', actual_start: 'planned_start',
  actual_end: 'planned_end', iati_identifier_taken: 'iati_identifier', default_currency: 'default_currency',
  states: 'states', needs: 'needs', standards: 'standards',
};
// API list -> [repeater, {API member: form field}].
const LIST_OF = {
  organisations: ['orgs', {}], budgets: ['budgets', {}], transactions: ['transactions', {}],
  results: ['results', {}], related: ['related', { initiative_id: 'ref', iati_identifier: 'ref' }],
  documents: ['documents', {}],
};
// Transaction types, those the plan's funding stages count first, in the
// order money moves; the other IATI types after them.
const TX_TYPES = [12, 13, 2, 11, 3, 1, 4, 5, 6, 7, 8, 9, 10];
const DOC_CATEGORY = [['', 'Not given'], ['A01', 'Pre- and post-project impact appraisal (A01)'],
  ['A02', 'Objectives or purpose of the activity (A02)'], ['A04', 'Conditions (A04)'],
  ['A07', 'Review of project performance and evaluation (A07)'], ['A09', 'Memorandum of understanding (A09)'],
  ['A11', 'Tender (A11)'], ['A12', 'Activity web page (A12)'], ['B01', 'Annual report (B01)']];

const amountHint = 'For example 25000.00';
const codeField = (key) => ({ key, label: 'Currency', hint: 'ISO 4217, for example USD', cls: 'w-code', maxlength: 3 });
const opt = (o) => Object.entries(o);

function makeRepeaters() {
  const orgs = [['', 'Choose an organisation'], ...refs.orgs.map((o) => [String(o.id), refs.orgName[o.id]])];
  const needs = [['', 'Not one alone'], ...refs.needs.map((n) => [n.ref, n.ref])];
  const states = [['', 'Not one alone'], ...refs.states.map((s) => [s.code, s.name])];
  rep.orgs = repeater($('#orgs'), { id: 'org', noun: 'organisation', fields: [
    { key: 'id', label: 'Organisation', kind: 'select', options: orgs },
    { key: 'role', label: 'Role', kind: 'select', options: opt(ORG_ROLE), dflt: '4' }] });
  rep.budgets = repeater($('#budgets'), { id: 'budget', noun: 'budget', fields: [
    { key: 'type', label: 'Type', kind: 'select', options: opt(BUDGET_TYPE) },
    { key: 'status', label: 'Status', kind: 'select', options: opt(BUDGET_STATUS) },
    { key: 'period_start', label: 'Period start', kind: 'date', cls: 'w-date' },
    { key: 'period_end', label: 'Period end', kind: 'date', cls: 'w-date' },
    { key: 'amount', label: 'Amount', hint: amountHint, inputmode: 'decimal', cls: 'w-mid', maxlength: 24 },
    codeField('currency'),
    { key: 'value_date', label: 'Value date (optional)', kind: 'date', cls: 'w-date' }] });
  rep.transactions = repeater($('#transactions'), { id: 'tx', noun: 'transaction', fields: [
    { key: 'type', label: 'Type', kind: 'select', options: TX_TYPES.map((t) => [String(t), TX_TYPE[t]]) },
    { key: 'date', label: 'Date', kind: 'date', cls: 'w-date' },
    { key: 'amount', label: 'Amount', hint: amountHint, inputmode: 'decimal', cls: 'w-mid', maxlength: 24 },
    codeField('currency'),
    { key: 'value_date', label: 'Value date (optional)', kind: 'date', cls: 'w-date' },
    { key: 'provider_org_id', label: 'From (optional)', kind: 'select', options: [['', 'Not named'], ...orgs.slice(1)] },
    { key: 'need', label: 'For the need (optional)', kind: 'select', options: needs },
    { key: 'state', label: 'For the state (optional)', kind: 'select', options: states },
    { key: 'description', label: 'Description (optional)', maxlength: 2000 }], keep: ['receiver_org_id'] });
  rep.results = repeater($('#results'), { id: 'result', noun: 'result', fields: [
    { key: 'type', label: 'Type', kind: 'select', options: opt(RESULT_TYPE) },
    { key: 'title', label: 'Result', maxlength: 300 },
    { key: 'baseline', label: 'Baseline (optional)', maxlength: 200, cls: 'w-mid' },
    { key: 'target', label: 'Target (optional)', maxlength: 200, cls: 'w-mid' },
    { key: 'actual', label: 'Actual (optional)', maxlength: 200, cls: 'w-mid' }],
    keep: ['measure', 'period_start', 'period_end'] });
  rep.related = repeater($('#related'), { id: 'rel', noun: 'related initiative', fields: [
    { key: 'type', label: 'Relation', kind: 'select', options: opt(RELATED_TYPE) },
    { key: 'ref', label: 'Initiative number or IATI identifier', maxlength: 150, cls: 'w-mid' }] });
  rep.documents = repeater($('#documents'), { id: 'doc', noun: 'document', fields: [
    { key: 'title', label: 'Title', maxlength: 500 },
    { key: 'url', label: 'Address (URL)', hint: 'Starting https://', maxlength: 2048 },
    { key: 'category', label: 'Category (optional)', kind: 'select', options: DOC_CATEGORY }] });
}

function choiceLists(stds) {
  const region = { code: 'REGION', name: 'The region as a whole' };
  $('#state-rows').replaceChildren(...[...refs.states, region].map((s) => h('div', { class: 'state-row' },
    h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: 'st-' + s.code, name: 'st', value: s.code,
        onchange: (e) => { $('#pct-' + s.code).disabled = !e.target.checked; } }),
      h('label', { for: 'st-' + s.code }, s.name)),
    h('label', { for: 'pct-' + s.code, class: 'vh' }, `Share for ${s.name}, per cent`),
    h('input', { type: 'text', id: 'pct-' + s.code, inputmode: 'decimal', class: 'w-pct', disabled: true,
      placeholder: '%' }))));
  $('#need-boxes').replaceChildren(...refs.needs.map((n) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'nd-' + n.ref, name: 'nd', value: n.ref }),
    h('label', { for: 'nd-' + n.ref }, h('strong', null, n.ref), ' ', n.need))));
  $('#std-boxes').replaceChildren(...stds.map((s) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'sd-' + s.lineage_id, name: 'sd', value: String(s.lineage_id) }),
    h('label', { for: 'sd-' + s.lineage_id }, h('strong', null, s.code), ' ', s.title))));
}

function fillFrom(i) {
  $('#iati_identifier').value = i.iati_identifier;
  $('#i-title').value = i.title;
  $('#description').value = i.description || '';
  $('#kind').value = i.kind;
  $('#i-status').value = String(i.status);
  $('#planned_start').value = i.planned_start || '';
  $('#planned_end').value = i.planned_end || '';
  $('#default_currency').value = i.default_currency || '';
  for (const o of i.organisations) rep.orgs.add({ id: o.id, role: o.role });
  for (const s of i.states) {
    if (!s.state && s.region_code) regionCode = s.region_code;
    const code = s.state || 'REGION';
    if (!$('#st-' + code)) continue;
    $('#st-' + code).checked = true;
    $('#pct-' + code).disabled = false;
    $('#pct-' + code).value = s.percentage ? String(Number(s.percentage)) : '';
  }
  for (const n of i.needs) $('#nd-' + n.replace('.', '\\.')).checked = true;
  for (const l of i.standards) if ($('#sd-' + l)) $('#sd-' + l).checked = true;
  for (const b of i.budgets) rep.budgets.add(b);
  for (const t of i.transactions) rep.transactions.add(t);
  for (const r of i.results) rep.results.add(r);
  for (const r of i.related) rep.related.add({ type: r.type, ref: r.initiative_id || r.iati_identifier });
  for (const d of i.documents) rep.documents.add(d);
}

const MONEY = /^\d{1,15}(\.\d{1,3})?$/;
const CUR = /^[A-Za-z]{3}$/;
const some = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== null));

/** Reads the repeaters into API lists, adding an error per missing field. */
function readLists(v, errs) {
  const need = (r, i, key, ok, text) => { if (!ok) errs.push({ field: r.fieldId(i, key), text }); };
  v.organisations = rep.orgs.values().map((o, i) => {
    need(rep.orgs, i, 'id', o.id, `Choose the organisation of row ${i + 1}, or remove the row`);
    return { id: Number(o.id), role: Number(o.role) };
  });
  v.budgets = rep.budgets.values().map((b, i) => {
    need(rep.budgets, i, 'period_start', b.period_start, `Enter the start of budget ${i + 1}'s period`);
    need(rep.budgets, i, 'period_end', b.period_end, `Enter the end of budget ${i + 1}'s period`);
    need(rep.budgets, i, 'amount', MONEY.test(b.amount), `Enter budget ${i + 1}'s amount as a number, for example 25000.00`);
    need(rep.budgets, i, 'currency', CUR.test(b.currency), `Enter budget ${i + 1}'s currency as three letters, for example USD`);
    return some({ ...b, type: Number(b.type), status: Number(b.status), currency: b.currency.toUpperCase() });
  });
  v.transactions = rep.transactions.values().map((t, i) => {
    need(rep.transactions, i, 'date', t.date, `Enter the date of transaction ${i + 1}`);
    need(rep.transactions, i, 'amount', MONEY.test(t.amount), `Enter transaction ${i + 1}'s amount as a number, for example 25000.00`);
    need(rep.transactions, i, 'currency', CUR.test(t.currency), `Enter transaction ${i + 1}'s currency as three letters, for example USD`);
    const out = some({ ...t, type: Number(t.type), currency: t.currency.toUpperCase() });
    if (out.provider_org_id) out.provider_org_id = Number(out.provider_org_id);
    return out;
  });
  v.results = rep.results.values().map((r, i) => {
    need(rep.results, i, 'title', r.title, `Describe result ${i + 1}`);
    return some({ ...r, type: Number(r.type) });
  });
  v.related = rep.related.values().map((r, i) => {
    need(rep.related, i, 'ref', r.ref, `Give the number or IATI identifier of related initiative ${i + 1}`);
    return /^\d+$/.test(r.ref) ? { type: Number(r.type), initiative_id: Number(r.ref) }
      : { type: Number(r.type), iati_identifier: r.ref };
  });
  v.documents = rep.documents.values().map((d, i) => {
    need(rep.documents, i, 'title', d.title, `Enter the title of document ${i + 1}`);
    need(rep.documents, i, 'url', /^https?:\/\/\S+$/.test(d.url), `Enter document ${i + 1}'s address, starting https://`);
    return some(d);
  });
}

function read() {
  const errs = [];
  const v = {
    iati_identifier: $('#iati_identifier').value.trim(), title: $('#i-title').value.trim(),
    description: $('#description').value.trim(), kind: $('#kind').value,
    status: Number($('#i-status').value),
    planned_start: $('#planned_start').value || null, planned_end: $('#planned_end').value || null,
    default_currency: $('#default_currency').value.trim().toUpperCase() || null,
  };
  if (v.iati_identifier.length < 3) errs.push({ field: 'iati_identifier', text: 'Enter the IATI identifier, at least 3 characters' });
  if (!v.title) errs.push({ field: 'i-title', text: 'Enter a title' });
  if (v.planned_start && v.planned_end && v.planned_end < v.planned_start) {
    errs.push({ field: 'planned_end', text: 'The planned end must be on or after the planned start' });
  }
  if (v.default_currency && !CUR.test(v.default_currency)) {
    errs.push({ field: 'default_currency', text: 'Enter the default currency as three letters, for example USD' });
  }
  const states = [];
  for (const box of form.querySelectorAll('input[name="st"]:checked')) {
    const pct = $('#pct-' + box.value).value.trim();
    const name = box.value === 'REGION' ? 'the region as a whole' : refs.stateName[box.value];
    if (pct && !/^\d{1,3}(\.\d{1,2})?$/.test(pct)) {
      errs.push({ field: 'pct-' + box.value, text: `Give the share for ${name} as a number of per cent, for example 50` });
    }
    const st = box.value === 'REGION' ? null : box.value;
    const one = pct ? { state: st, percentage: pct } : { state: st };
    if (!st && regionCode) one.region_code = regionCode; // kept, not shown
    states.push(one);
  }
  v.states = states.length ? states : [{ state: null, percentage: '100' }];
  v.needs = [...form.querySelectorAll('input[name="nd"]:checked')].map((b) => b.value);
  v.standards = [...form.querySelectorAll('input[name="sd"]:checked')].map((b) => Number(b.value));
  readLists(v, errs);
  return { v, errs };
}

/** The input an API refusal names: "budgets[1].amount ...", "title ...". */
function fieldOfRefusal(e) {
  const msg = e.message || '';
  const m = /^([a-z_]+)\[(\d+)\]\.?([a-z_]+)?/.exec(msg);
  if (m && LIST_OF[m[1]]) {
    const [r, alias] = LIST_OF[m[1]];
    return rep[r].fieldId(Number(m[2]), alias[m[3]] || m[3]);
  }
  if (m && m[1] === 'states') {
    const st = v0 && v0.states[Number(m[2])];
    return st ? 'pct-' + (st.state || 'REGION') : 'states';
  }
  const top = /^([a-z_]+)/.exec(msg);
  if (top && LIST_OF[top[1]]) return rep[LIST_OF[top[1]][0]].addId;
  return FIELD_OF[e.code] || (top && FIELD_OF[top[1]]) || null;
}

async function submit(ev) {
  ev.preventDefault();
  const { v, errs } = read();
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  v0 = v;
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
    if (e.status === 401) {
      showErrors(form, errors, [{ field: null, text: 'Your session has ended. Sign in again, then resend.' }]);
      return;
    }
    const field = fieldOfRefusal(e);
    showErrors(form, errors, [{ field: field && document.getElementById(field) ? field : null, text: humane(e.message) }]);
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
  let stds = [];
  try {
    let fw;
    [refs, fw] = await Promise.all([loadRefs(), api('GET', '/api/v1/framework').catch(() => null)]);
    if (fw) stds = fw.areas.flatMap((a) => a.specific_areas.flatMap((s) => s.standards));
    if (editId) current = await api('GET', '/api/v1/initiatives/' + editId);
  } catch (e) {
    loadFailed(gate, 'The form', e);
    return;
  }
  $('#i-status').append(...Object.entries(STATUS).map(([k, t]) => h('option', { value: k }, `${t} (${k})`)));
  choiceLists(stds);
  makeRepeaters();
  if (current) {
    document.title = `Change ${current.title} – ccscap`;
    $('#title').textContent = 'Change an initiative';
    $('#lead').textContent = `Changing “${current.title}”. Every part is shown; what you remove here is removed from the initiative.`;
    fillFrom(current);
    $('#cancel').href = '/initiative?id=' + current.id;
    $('#send').textContent = 'Save the changes';
  } else {
    rep.orgs.add({ role: 4 });
  }
  gate.replaceChildren();
  $('#page').hidden = false;
  form.addEventListener('submit', submit);
}

main();
