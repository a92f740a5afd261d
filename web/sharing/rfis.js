// rfis.js: requests for information: the list (open, closed or all) with
// the number of answers, one request at ?id=N with its answers, the
// answer form and the close button, and the form to ask one. Other pages
// link here to ask about something: ?incident=N, ?value=N (an indicator
// value) or ?about=queue (routed records above the reader's clearance).
import { api } from './api.js';
import { h, $, fmtDateTime, showErrors, clearErrors, refusal } from './ui.js';
import { tlpLabel } from './tlp.js';
import { createList } from './list.js';
import { MARKING_FIELDS, setupMarking, readMarking, checkMarking, addMarking } from './marking-form.js';
import {
  loadStates, incidentLink, indicatorLink, startPage, loadFailed, fillDl, markingBox, flash, plural,
  canReport,
} from './sharing.js';

const gate = $('#gate');
const form = $('#ask');
const errors = $('#errors');
const params = new URLSearchParams(location.search);
let names = {};
let user;

const FIELD_OF = {
  ...MARKING_FIELDS, question: 'question', incident_id: 'incident_id', value_id: 'value_id',
};
const ID_RE = /^[1-9]\d{0,17}$/;
const where = (s) => (s ? names[s] || s : 'a regional body');

function makeList() {
  return createList({
    endpoint: '/api/v1/rfis',
    form: $('#filters'),
    errors: $('#list-errors'),
    host: $('#results'),
    id: 'rfi-table',
    statusId: 'count',
    caption: 'Requests for information',
    noun: ['request', 'requests'],
    sort: 'created_at',
    order: 'desc',
    defaults: { status: 'open' },
    empty: 'No requests you may read match.',
    rowId: (q) => 'rfi-' + q.id,
    columns: [
      { label: 'Marking', cell: (q) => tlpLabel(q.tlp) },
      {
        label: 'Question', cell: (q) => h('a', { href: '/rfis?id=' + q.id },
          q.question.length > 160 ? q.question.slice(0, 160) + '…' : q.question),
      },
      { label: 'Asked by', sort: 'state', cell: (q) => `${q.author}, ${where(q.state)}` },
      { label: 'Asked', sort: 'created_at', cls: 'date', cell: (q) => fmtDateTime(q.created_at) },
      {
        label: 'About', cell: (q) => [q.incident_id ? incidentLink(q.incident_id) : null,
          q.incident_id && q.value_id ? h('br') : null,
          q.value_id ? h('a', { href: '/indicator?id=' + q.value_id }, `indicator #${q.value_id}`) : null,
          !q.incident_id && !q.value_id ? h('span', { class: 'secondary' }, '—') : null],
      },
      {
        label: 'Status', sort: 'status', cell: (q) => h('span', { class: 'tag' + (q.status === 'open' ? '' : ' tag--ok') },
          q.status === 'open' ? 'Open' : 'Closed'),
      },
    ],
  });
}

/** What the request is about, when another page sent the reader here. */
async function about() {
  const bits = [];
  const inc = params.get('incident');
  const val = params.get('value');
  if (inc && ID_RE.test(inc)) {
    $('#incident_id').value = inc;
    try {
      const i = await api('GET', '/api/v1/incidents/' + inc);
      bits.push(h('li', null, 'Incident ', incidentLink(i.id, `#${i.id} “${i.title}”`)));
    } catch { /* the server checks the number on sending */ }
  }
  if (val && ID_RE.test(val)) {
    $('#value_id').value = val;
    try {
      const v = await api('GET', '/api/v1/indicators/' + val);
      bits.push(h('li', null, 'Indicator ', indicatorLink(v.id, v.value), ` (${v.type})`));
      if (v.sightings_restricted) {
        $('#question').value = `${plural(v.sightings_restricted, 'sighting', 'sightings')} of ${v.value} ` +
          'are in records above our clearance. What can you share about them?';
      }
    } catch { /* as above */ }
  }
  if (params.get('about') === 'queue') {
    $('#question').value = 'Our queue shows routed records above our clearance. ' +
      'What can you share about them?';
  }
  if (bits.length) {
    $('#about').replaceChildren(h('p', null, 'You are asking about:'), h('ul', null, bits));
  }
}

async function submit(ev) {
  ev.preventDefault();
  const q = $('#question').value.trim();
  const inc = $('#incident_id').value.trim();
  const val = $('#value_id').value.trim();
  const m = readMarking(form);
  const errs = [];
  if (!q) errs.push({ field: 'question', text: 'Enter your question' });
  if (inc && !ID_RE.test(inc)) errs.push({ field: 'incident_id', text: 'Give the incident number only, for example 12' });
  if (val && !ID_RE.test(val)) errs.push({ field: 'value_id', text: 'Give the indicator number only, for example 7' });
  errs.push(...checkMarking(m));
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  const body = addMarking({ question: q }, m);
  if (inc) body.incident_id = Number(inc);
  if (val) body.value_id = Number(val);
  $('#send').disabled = true;
  try {
    const r = await api('POST', '/api/v1/rfis', body);
    sessionStorage.setItem('ccscap.flash', `Your request was sent as request #${r.id}.`);
    location.assign('/rfis?id=' + r.id);
  } catch (e) {
    $('#send').disabled = false;
    showErrors(form, errors, [refusal(e, FIELD_OF)]);
  }
}

function answers(q) {
  $('#answers-h').textContent = `Answers (${q.answers.length})`;
  $('#answers').replaceChildren(q.answers.length ? h('ol', { class: 'cards', id: 'answer-list' },
    q.answers.map((a) => h('li', { class: 'card' },
      h('p', { class: 'secondary small' }, `${a.author}, ${where(a.state)} · ${fmtDateTime(a.created_at)}`),
      h('p', { class: 'pre' }, a.answer))))
    : h('p', { class: 'secondary' }, 'No answers yet.'));
}

async function answer(id, ev) {
  ev.preventDefault();
  const f = $('#answer-form');
  const text = $('#answer').value.trim();
  if (!text) {
    showErrors(f, $('#answer-errors'), [{ field: 'answer', text: 'Enter your answer' }]);
    return;
  }
  $('#answer-send').disabled = true;
  try {
    const q = await api('POST', `/api/v1/rfis/${id}/answers`, { answer: text });
    clearErrors(f, $('#answer-errors'));
    $('#answer').value = '';
    answers(q);
    $('#answer-send').disabled = false;
    $('#answers-h').focus();
  } catch (e) {
    $('#answer-send').disabled = false;
    showErrors(f, $('#answer-errors'), [refusal(e, { answer: 'answer' })]);
  }
}

async function close(id) {
  $('#close').disabled = true;
  try {
    await api('POST', `/api/v1/rfis/${id}/close`);
    sessionStorage.setItem('ccscap.flash', `Request #${id} is closed.`);
    location.assign('/rfis?id=' + id);
  } catch (e) {
    $('#close').disabled = false;
    $('#close-errors').replaceChildren(h('div', { class: 'error-summary', role: 'alert' },
      h('h2', null, 'There is a problem'), h('p', null, e.message)));
  }
}

async function one(id) {
  const q = await api('GET', '/api/v1/rfis/' + id);
  const open = q.status === 'open';
  document.title = `Request for information #${q.id} – ccscap`;
  $('#title').textContent = `Request for information #${q.id}`;
  $('#lead').textContent = open ? 'Open: anyone who may read it may answer.' : 'Closed: it takes no more answers.';
  markingBox($('#marking'), q.sharing, names);
  fillDl($('#details'), [
    ['Asked', `${fmtDateTime(q.created_at)} by ${q.author} (${where(q.state)})`],
    ['Status', h('span', { id: 'rfi-status' }, open ? 'Open' : 'Closed')],
    ['Incident', q.incident_id ? incidentLink(q.incident_id) : null],
    ['Indicator', q.value_id ? h('a', { href: '/indicator?id=' + q.value_id }, `indicator #${q.value_id}`) : null],
  ]);
  $('#question-text').textContent = q.question;
  answers(q);
  $('#answers-h').setAttribute('tabindex', '-1');
  if (open) {
    $('#answer-section').hidden = false;
    $('#answer-form').addEventListener('submit', (ev) => answer(q.id, ev));
    if (q.author === user.login || user.role === 'rifc_analyst') {
      $('#close-box').hidden = false;
      $('#close').addEventListener('click', () => close(q.id));
    }
  }
  flash($('#flash'), 'Done');
  gate.replaceChildren();
  $('#one').hidden = false;
}

async function main() {
  user = await startPage(gate, 'requests for information');
  if (!user) return;
  try {
    const st = await loadStates();
    names = st.names;
    if (params.get('id')) {
      await one(Number(params.get('id')));
      return;
    }
    if (canReport(user)) {
      setupMarking(st.items, user.state_code);
      form.addEventListener('submit', submit);
      $('#ask-section').hidden = false;
      $('#new-link').hidden = false;
      await about();
    }
    const list = makeList();
    flash($('#flash'), 'Done');
    gate.replaceChildren();
    $('#page').hidden = false;
    await list.load();
    if (params.has('incident') || params.has('value') || params.has('about')) {
      $('#ask-h').scrollIntoView();
      $('#question').focus();
    }
  } catch (e) {
    if (e.status === 404 && params.get('id')) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('h2', null, 'No such request for you'),
        h('p', null, 'There is no request for information with this number that your clearance lets you read.'),
        h('p', null, h('a', { href: '/rfis' }, 'All requests for information'))));
      return;
    }
    $('#page').hidden = true;
    loadFailed(gate, 'The requests', e);
  }
}

main();
