// preservation-new.js: the form of a 24/7 preservation request. The
// fields' ids are the API's names, so a refusal lands beside its field;
// the required parts are checked here first (GOV.UK error summary).
import { api } from './api.js';
import { h, $, initPage, here, problem, showErrors, clearErrors, refusal, checkboxes, checkedValues } from './ui.js';
import { presWords, states } from './preservation-common.js';

const NIDENT = 3;
const REQUIRED = [
  ['requesting_authority', 'Enter the requesting authority'],
  ['requesting_contact', 'Enter your 24/7 point of contact'],
  ['requested_state', 'Choose the requested state'],
  ['domestic_basis', 'Enter the domestic legal basis'],
  ['offence', 'Enter the offence'],
  ['facts', 'Enter a summary of the facts'],
  ['date_from', 'Enter the first date of the data'],
  ['date_to', 'Enter the last date of the data'],
  ['link_to_offence', 'Say how the data is linked to the offence'],
  ['custodian', 'Enter the custodian or service provider'],
  ['custodian_location', 'Enter where the computer system is'],
  ['preservation_reason', 'Say why preservation is needed'],
];

function identRows(words) {
  $('#idents').replaceChildren(...Array.from({ length: NIDENT }, (_, i) => h('div', { class: 'field ident' },
    h('label', { for: `id-kind-${i}` }, `Identifier ${i + 1}: kind`),
    h('select', { id: `id-kind-${i}` }, h('option', { value: '' }, 'None'),
      ...Object.entries(words.kinds).map(([k, v]) => h('option', { value: k }, v))),
    h('label', { for: `id-value-${i}` }, 'Value'), h('input', { id: `id-value-${i}`, type: 'text', maxlength: '500' }),
    h('label', { for: `id-seen-${i}` }, 'Seen at (e.g. 2026-11-20T14:05:00Z)'), h('input', { id: `id-seen-${i}`, type: 'text', maxlength: '40' }),
    h('label', { for: `id-tz-${i}` }, 'Time zone (UTC or -05:00)'), h('input', { id: `id-tz-${i}`, type: 'text', maxlength: '6' }))));
}

function body() {
  const b = {};
  for (const [k] of REQUIRED) b[k] = $('#' + k).value.trim();
  b.legal_basis = $('#legal_basis').value;
  b.urgency = $('#urgency').value;
  b.data_categories = checkedValues($('#form'), 'cat');
  b.identifiers = [];
  for (let i = 0; i < NIDENT; i++) {
    const kind = $(`#id-kind-${i}`).value;
    if (!kind) continue;
    const o = { kind, value: $(`#id-value-${i}`).value.trim() };
    if ($(`#id-seen-${i}`).value.trim()) o.seen_at = $(`#id-seen-${i}`).value.trim();
    if ($(`#id-tz-${i}`).value.trim()) o.timezone = $(`#id-tz-${i}`).value.trim();
    b.identifiers.push(o);
  }
  b.mla_to_follow = $('#mla_to_follow').checked;
  b.non_disclosure = $('#non_disclosure').checked;
  if ($('#emergency_reason').value.trim()) b.emergency_reason = $('#emergency_reason').value.trim();
  const days = Number($('#period_days').value);
  if ($('#period_days').value !== '') b.period_days = Number.isInteger(days) ? days : -1;
  return b;
}

const FIELD_OF = {
  period_too_short: 'period_days', period_too_long: 'period_days', same_state: 'requested_state',
  unknown_state: 'requested_state', invalid_data_category: 'data_categories',
  invalid_identifier: 'identifiers', invalid_identifier_kind: 'identifiers',
  invalid_identifier_time: 'identifiers', invalid_identifier_timezone: 'identifiers',
  ip_needs_time_and_timezone: 'identifiers', sap9_needs_emergency: 'urgency',
  emergency_reason_required: 'emergency_reason', invalid_date_range: 'date_to',
};

async function submit(ev) {
  ev.preventDefault();
  const form = $('#form');
  const b = body();
  const errs = REQUIRED.filter(([k]) => !b[k]).map(([k, t]) => ({ field: k, text: t }));
  if (b.data_categories.length === 0) errs.push({ field: 'data_categories', text: 'Choose at least one category of data' });
  if (b.identifiers.length === 0) errs.push({ field: 'identifiers', text: 'Give at least one identifier of the data' });
  if (errs.length) {
    showErrors(form, $('#errors'), errs);
    return;
  }
  clearErrors(form, $('#errors'));
  $('#save').disabled = true;
  try {
    const r = await api('POST', '/api/v1/preservation-requests', b);
    sessionStorage.setItem('ccscap.flash', `Request ${r.id} saved as a draft.`);
    location.href = '/preservation-request?id=' + r.id;
  } catch (e) {
    $('#save').disabled = false;
    showErrors(form, $('#errors'), [refusal(e, FIELD_OF)]);
  }
}

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to make a preservation request.')));
    return;
  }
  if (user.role !== 'ncpoc' || !user.state_code) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      "Only a state's law-enforcement 24/7 contact (NCPOC) makes preservation requests.")));
    return;
  }
  try {
    const words = await presWords();
    for (const st of await states()) {
      if (st.code !== user.state_code) $('#requested_state').append(h('option', { value: st.code }, st.name));
    }
    for (const [k, v] of Object.entries(words.bases)) $('#legal_basis').append(h('option', { value: k }, v));
    for (const [k, v] of Object.entries(words.urgencies)) $('#urgency').append(h('option', { value: k }, v));
    checkboxes($('#cats'), 'cat', Object.entries(words.categories).map(([k, v]) => [k, v]));
    identRows(words);
  } catch (e) {
    gate.replaceChildren(problem(`The form could not be loaded: ${e.message}`));
    return;
  }
  $('#form').addEventListener('submit', submit);
  gate.replaceChildren();
  gate.hidden = true;
  $('#form').hidden = false;
}

main();
