// lessons.js: the lessons-learnt library (each lesson with its TLP label),
// one lesson at ?id=N, and the form to record one with its marking.
import { api } from './api.js';
import { h, $, fmtDate, showErrors, clearErrors, refusal } from './ui.js';
import { tlpLabel } from './tlp.js';
import { createList } from './list.js';
import { MARKING_FIELDS, setupMarking, readMarking, checkMarking, addMarking } from './marking-form.js';
import {
  loadStates, incidentLink, startPage, loadFailed, fillDl, markingBox, flash,
} from './sharing.js';

const gate = $('#gate');
const form = $('#lesson');
const errors = $('#errors');
const params = new URLSearchParams(location.search);
let names = {};

const FIELD_OF = {
  ...MARKING_FIELDS, invalid_incident: 'incident_ids', duplicate_incident: 'incident_ids',
  unknown_incident: 'incident_ids', incident_ids: 'incident_ids', title: 'l-title',
};
const TEXTS = [['l-title', 'a title'], ['what_happened', 'what happened'], ['what_worked', 'what worked'],
  ['what_to_change', 'what to change']];

const incidents = (ids) => (ids && ids.length ? ids.flatMap((i, n) => [n ? ', ' : '', incidentLink(i)]) : null);

function card(l) {
  return h('li', { class: 'card lesson', id: 'lesson-' + l.id },
    h('p', { class: 'marking-label' }, tlpLabel(l.tlp)),
    h('h3', null, h('a', { href: '/lessons?id=' + l.id }, l.title)),
    h('p', { class: 'secondary small' }, `${l.state ? names[l.state] || l.state : 'Regional'} · ${l.author} · ${fmtDate(l.created_at)}`),
    h('p', { class: 'excerpt' }, l.what_to_change.length > 240 ? l.what_to_change.slice(0, 240) + '…' : l.what_to_change),
    l.incident_ids && l.incident_ids.length ? h('p', { class: 'small' }, 'From ', incidents(l.incident_ids)) : null);
}

function makeList() {
  return createList({
    endpoint: '/api/v1/lessons',
    form: null,
    host: $('#results'),
    statusId: 'count',
    caption: 'Lessons learnt',
    noun: ['lesson', 'lessons'],
    sort: 'created_at',
    order: 'desc',
    empty: 'No lessons you may read yet.',
    columns: [],
    render: (items) => h('ul', { class: 'cards', id: 'lesson-list' }, items.map(card)),
  });
}

async function submit(ev) {
  ev.preventDefault();
  const v = Object.fromEntries(TEXTS.map(([id]) => [id, $('#' + id).value.trim()]));
  const ids = $('#incident_ids').value.split(',').map((x) => x.trim()).filter(Boolean);
  const m = readMarking(form);
  const errs = TEXTS.filter(([id]) => !v[id]).map(([id, what]) => ({ field: id, text: `Enter ${what}` }));
  if (ids.some((x) => !/^[1-9]\d{0,17}$/.test(x))) errs.push({ field: 'incident_ids', text: 'Give incident numbers only, separated by commas' });
  errs.push(...checkMarking(m));
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  const body = addMarking({ title: v['l-title'], what_happened: v.what_happened, what_worked: v.what_worked,
    what_to_change: v.what_to_change }, m);
  if (ids.length) body.incident_ids = ids.map(Number);
  $('#send').disabled = true;
  try {
    const l = await api('POST', '/api/v1/lessons', body);
    sessionStorage.setItem('ccscap.flash', `“${l.title}” was recorded as lesson #${l.id}.`);
    location.assign('/lessons?id=' + l.id);
  } catch (e) {
    $('#send').disabled = false;
    showErrors(form, errors, [refusal(e, FIELD_OF)]);
  }
}

async function one(id) {
  const l = await api('GET', '/api/v1/lessons/' + id);
  document.title = `${l.title} – lesson learnt – ccscap`;
  $('#title').textContent = l.title;
  $('#lead').textContent = `Lesson #${l.id} from ${l.state ? names[l.state] || l.state : 'the region'}.`;
  markingBox($('#marking'), l.sharing, names);
  fillDl($('#details'), [
    ['Recorded', `${fmtDate(l.created_at)} by ${l.author}`],
    ['Incidents', incidents(l.incident_ids) || 'None you may read'],
  ]);
  for (const k of ['what_happened', 'what_worked', 'what_to_change']) $(`#${k}-text`).textContent = l[k];
  flash($('#flash'), 'Lesson recorded');
  gate.replaceChildren();
  $('#one').hidden = false;
}

async function main() {
  const user = await startPage(gate, 'lessons learnt');
  if (!user) return;
  try {
    const st = await loadStates();
    names = st.names;
    if (params.get('id')) {
      await one(Number(params.get('id')));
      return;
    }
    if (['ncpoc', 'cert', 'rifc_analyst', 'coordinator'].includes(user.role)) {
      setupMarking(st.items, user.state_code);
      form.addEventListener('submit', submit);
      $('#form-section').hidden = false;
      $('#new-link').hidden = false;
    }
    gate.replaceChildren();
    $('#page').hidden = false;
    await makeList().load();
  } catch (e) {
    if (e.status === 404 && params.get('id')) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('h2', null, 'No such lesson for you'),
        h('p', null, 'There is no lesson with this number that your clearance lets you read.')));
      return;
    }
    $('#page').hidden = true;
    if (e.status === 404 && e.code === 'not_found') {
      gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'Lessons learnt are not available on this server yet.')));
      return;
    }
    loadFailed(gate, 'The lessons', e);
  }
}

main();
