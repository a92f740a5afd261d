// incident-new.js: the incident report form. Fills the RSIT, sector, crime
// and state choices from the server's vocabularies, shows the sharing
// choices that apply to the chosen TLP level (states for AMBER, named
// recipients for RED), reads the indicators box ("type value" a line) into
// [{type, value}], checks what it can, then posts; server refusals land
// beside the field they name, an indicator's on its line.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, checkboxes, checkedValues, refusal, USER_ROLE, problem } from './ui.js';
import { MARKING_FIELDS, setupMarking, readMarking, checkMarking, addMarking } from './marking-form.js';
import { filesField } from './files-field.js';
import { SEVERITY, loadVocab, loadStates, canReport, startPage, loadFailed, parseIndicators } from './sharing.js';

const form = $('#report');
const errors = $('#errors');
const gate = $('#gate');
let vocab;
let user;
let files;

const FIELD_OF = {
  ...MARKING_FIELDS, invalid_rsit: 'rsit_type', invalid_severity: 'severity',
  invalid_indicator: 'indicators', unknown_indicator_type: 'indicators', forbidden: 'state',
  invalid_state_code: 'state',
};

/** "datetime-local" value (the reader's zone) as RFC 3339 UTC, or ''. */
function rfc3339(v) {
  if (!v) return '';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function values() {
  return {
    state: $('#state').value,
    title: $('#title').value.trim(),
    description: $('#description').value.trim(),
    rsit_class: $('#rsit_class').value,
    rsit_type: $('#rsit_type').value,
    severity: $('#severity').value,
    sectors: checkedValues(form, 'sectors'),
    crime_links: checkedValues(form, 'crime_links'),
    states_involved: checkedValues(form, 'states_involved'),
    occurred_at: rfc3339($('#occurred_at').value),
    detected_at: rfc3339($('#detected_at').value),
    marking: readMarking(form),
    ind: parseIndicators($('#indicators').value),
  };
}

function check(v) {
  const e = [];
  if (!$('#state-field').hidden && !v.state) e.push({ field: 'state', text: 'Choose the state the incident is reported for' });
  if (v.title.length < 3) e.push({ field: 'title', text: 'Enter a title of 3 characters or more' });
  if (!v.description) e.push({ field: 'description', text: 'Describe what happened' });
  if (!v.rsit_class) e.push({ field: 'rsit_class', text: 'Choose the incident class' });
  else if (!v.rsit_type) e.push({ field: 'rsit_type', text: 'Choose the incident type' });
  if (!v.severity) e.push({ field: 'severity', text: 'Choose the severity' });
  const now = new Date().toISOString();
  for (const f of ['occurred_at', 'detected_at']) {
    if (v[f] === null) e.push({ field: f, text: 'Enter a real date and time' });
    else if (v[f] && v[f] > now) e.push({ field: f, text: 'The time must be now or in the past' });
  }
  e.push(...checkMarking(v.marking));
  if (v.ind.bad) e.push({ field: 'indicators', text: v.ind.bad.text });
  else if (v.ind.items.length > 1000) e.push({ field: 'indicators', text: 'Give 1,000 indicators or fewer' });
  e.push(...files.check());
  return e;
}

function body(v) {
  const b = { title: v.title, description: v.description, rsit: `${v.rsit_class}:${v.rsit_type}`,
    severity: v.severity };
  addMarking(b, v.marking);
  if (v.state) b.state = v.state;
  for (const k of ['sectors', 'crime_links', 'states_involved']) {
    if (v[k].length) b[k] = v[k];
  }
  if (v.occurred_at) b.occurred_at = v.occurred_at;
  if (v.detected_at) b.detected_at = v.detected_at;
  if (v.ind.items.length) b.indicators = v.ind.items;
  return b;
}

/** A refusal from the server, beside the field its message names. */
function serverError(e, v) {
  const f = files.refusal(e);
  if (f) {
    showErrors(form, errors, [f]);
    return;
  }
  let { field, text, named } = refusal(e, FIELD_OF);
  if (named && named.field === 'rsit') field = v.rsit_type ? 'rsit_type' : 'rsit_class';
  if (field === 'indicators' && named && named.index !== null) {
    const it = v.ind.items[named.index];
    text = `Line ${v.ind.lines[named.index]}${it ? ` (“${it.type} ${it.value}”)` : ''}: ${named.text}`;
  }
  if (e.code === 'forbidden' && user.state_code) {
    text = `Your account (${USER_ROLE[user.role] || user.role}) reports for ${user.state_code} only`;
    field = null;
  }
  showErrors(form, errors, [{ field, text }]);
}

async function submit(ev) {
  ev.preventDefault();
  const v = values();
  const errs = check(v);
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  $('#send').disabled = true;
  $('#progress').textContent = files.count() ? 'Uploading the files…' : 'Sending the report…';
  try {
    const b = body(v);
    const attached = await files.send();
    if (attached.length) b.files = attached;
    $('#progress').textContent = 'Sending the report…';
    const inc = await api('POST', '/api/v1/incidents', b);
    sessionStorage.setItem('ccscap.flash', `Your report “${inc.title}” was stored as incident #${inc.id}` +
      (inc.indicators.length ? ` with ${inc.indicators.length} indicator${inc.indicators.length === 1 ? '' : 's'}.` : '.'));
    location.assign('/incident?id=' + inc.id);
  } catch (e) {
    $('#send').disabled = false;
    $('#progress').textContent = '';
    serverError(e, v);
  }
}

function types() {
  const c = vocab.rsit.find((x) => x.key === $('#rsit_class').value);
  const sel = $('#rsit_type');
  sel.replaceChildren(h('option', { value: '' }, c ? 'Choose a type' : 'Choose a class first'),
    ...(c ? c.types.map((t) => h('option', { value: t.key }, t.name)) : []));
  sel.disabled = !c;
}

async function main() {
  user = await startPage(gate, 'the incident report form');
  if (!user) return;
  if (!canReport(user)) {
    gate.replaceChildren(problem(`Your role (${USER_ROLE[user.role] || user.role}) cannot report incidents. ` +
      'NCPOC and CERT users report for their own state; RIFC analysts and coordinators for any state.',
    h('p', null, h('a', { href: '/incidents' }, 'See the incidents'))));
    return;
  }
  let st;
  try {
    [vocab, st] = await Promise.all([loadVocab(), loadStates()]);
  } catch (e) {
    loadFailed(gate, 'The form', e);
    return;
  }
  const others = st.items.filter((s) => s.code !== user.state_code);
  if (!user.state_code) {
    $('#state-field').hidden = false;
    $('#state').append(...st.items.map((s) => h('option', { value: s.code }, s.name)));
  }
  $('#rsit_class').append(...vocab.rsit.map((c) => h('option', { value: c.key }, c.name)));
  $('#severity').append(...vocab.severities.map((s) => h('option', { value: s }, SEVERITY[s] || s)));
  checkboxes($('#sectors-choices'), 'sectors', vocab.sectors.map((s) => [s.key, s.name,
    s.critical ? h('span', { class: 'tag tag--ci ci-mark' }, 'critical infrastructure') : null]));
  checkboxes($('#crime-choices'), 'crime_links', vocab.crime_links.map((c) => [c.key, c.name]));
  checkboxes($('#involved-choices'), 'states_involved', others.map((s) => [s.code, `${s.name} (${s.code})`]));
  setupMarking(st.items, user.state_code);
  const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  $('#occurred_at').max = now;
  $('#detected_at').max = now;
  $('#rsit_class').addEventListener('change', types);
  files = filesField($('#files'), $('#file-list'));
  form.addEventListener('submit', submit);
  gate.replaceChildren();
  form.hidden = false;
}

main();
