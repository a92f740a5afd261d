// training.js: one training (?id=N) with its participants per state by
// role and gender and the standards it targets, and "Mark as completed"
// for those who may change it; or (?new=1) the form to record one.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, fmtDateTime } from './ui.js';
import {
  startPage, loadFailed, loadRefs, period, fillDl, flash, showRefusal, isCoordinator, completedNote,
} from './capacity.js';

const params = new URLSearchParams(location.search);
const id = Number(params.get('id'));
let refs;
let vocab = { aud: {}, role: {} };
const STATUS_WORD = { planned: 'Planned', completed: 'Completed', cancelled: 'Cancelled' };
const today = () => new Date().toISOString().slice(0, 10);

function participants(t) {
  if (!t.participants.length) return h('p', { class: 'secondary' }, 'No participants recorded.');
  const n = (x) => (x === null || x === undefined ? 'Not known' : String(x));
  return h('table', { class: 'stack', id: 'participant-table' },
    h('caption', { class: 'vh' }, 'Participants by state, role and gender'),
    h('thead', null, h('tr', null, ['State', 'Role', 'Women', 'Men', 'Not stated'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, t.participants.map((p) => h('tr', null,
      h('td', null, refs.stateName[p.state] || p.state),
      h('td', { 'data-label': 'Role' }, vocab.role[p.role] || p.role),
      h('td', { 'data-label': 'Women', class: 'num' }, n(p.women)),
      h('td', { 'data-label': 'Men', class: 'num' }, n(p.men)),
      h('td', { 'data-label': 'Not stated', class: 'num' }, n(p.unspecified))))));
}

function completeBox(t, user) {
  const may = isCoordinator(user) || user.role === 'partner';
  if (t.status !== 'planned' || !may) return '';
  const host = h('div');
  const ended = t.end <= today();
  const btn = h('button', { class: 'button', type: 'button', id: 'complete', disabled: !ended },
    'Mark as completed');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const done = await api('PATCH', '/api/v1/trainings/' + t.id, { status: 'completed' });
      await one(user);
      const note = completedNote('training', done);
      $('#flash').replaceChildren(note);
      note.focus();
    } catch (e) {
      btn.disabled = false;
      host.replaceChildren(h('div', { class: 'error-summary', role: 'alert' }, h('h2', null, 'There is a problem'),
        h('p', null, e.message)));
    }
  });
  return h('div', { class: 'notice' }, host,
    h('p', null, ended ? 'When the training has taken place, mark it completed: ccscap then proposes the status updates it implies for the standards it targets, in the states that took part.'
      : `The training ends on ${t.end}; it can be marked completed after that.`), btn);
}

async function one(user) {
  const t = await api('GET', '/api/v1/trainings/' + id);
  document.title = `${t.title} – training – ccscap`;
  $('#title').textContent = t.title;
  const when = period(t.start, t.end);
  $('#lead').textContent = `${STATUS_WORD[t.status] || t.status} training, ${when.charAt(0).toLowerCase()}${when.slice(1)}.`;
  fillDl($('#details'), [
    ['Status', h('strong', { id: 'status-word' }, STATUS_WORD[t.status] || t.status)],
    ['Dates', period(t.start, t.end)],
    ['Place', t.online ? 'Online' : t.place],
    ['Host state', t.host_state ? refs.stateName[t.host_state] || t.host_state : null],
    ['Organiser', t.organiser ? t.organiser.name : null],
    ['Delivering partner', t.partner ? t.partner.name : null],
    ['Audiences', t.audiences.map((a) => vocab.aud[a] || a).join(', ')],
    ['Topics', t.topics && t.topics.length ? h('ul', null, t.topics.map((x) => h('li', null, x))) : null],
    ['Initiative', t.initiative_id ? h('a', { href: '/initiative?id=' + t.initiative_id }, `Initiative ${t.initiative_id}`) : null],
    ['Participants', String(t.participants_total)],
    ['Source', t.source],
    ['Last changed', `${fmtDateTime(t.updated_at)} by ${t.updated_by}`],
  ]);
  $('#participants').replaceChildren(participants(t));
  $('#standards').replaceChildren(t.standards.length ? h('ul', null, t.standards.map((s) => h('li', null,
    s.code ? h('a', { href: '/standard?code=' + encodeURIComponent(s.code) }, s.title || s.code) : String(s.lineage_id || s),
    s.level ? ` (to level ${s.level})` : ''))) : h('p', { class: 'secondary' }, 'None recorded: completing it proposes nothing.'));
  $('#complete-box').replaceChildren(completeBox(t, user));
  $('#gate').replaceChildren();
  $('#one').hidden = false;
  flash($('#flash'));
}

const FIELD_OF = { title: 't-title', invalid_period: 'end', organiser_id: 'organiser_id',
  unknown_organisation: 'organiser_id', audiences: 'audiences', unknown_audience: 'audiences',
  participants: 'participants', unknown_role: 'participants', unknown_state: 'participants', invalid_count: 'participants' };

function newForm() {
  const form = $('#tform');
  const errors = $('#errors');
  $('#organiser_id').append(...refs.orgs.map((o) => h('option', { value: o.id }, refs.orgName[o.id])));
  $('#aud-boxes').replaceChildren(...Object.entries(vocab.aud).map(([k, w]) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'au-' + k, name: 'aud', value: k }), h('label', { for: 'au-' + k }, w))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errs = [];
    const body = { title: $('#t-title').value.trim(), start: $('#start').value, end: $('#end').value,
      place: $('#place').value.trim() || null, organiser_id: Number($('#organiser_id').value),
      audiences: [...form.querySelectorAll('input[name="aud"]:checked')].map((b) => b.value), participants: [] };
    if (!body.title) errs.push({ field: 't-title', text: 'Enter a title' });
    if (!body.start) errs.push({ field: 'start', text: 'Enter the start date' });
    if (!body.end) errs.push({ field: 'end', text: 'Enter the end date' });
    else if (body.start && body.end < body.start) errs.push({ field: 'end', text: 'The end must be on or after the start' });
    if (!body.organiser_id) errs.push({ field: 'organiser_id', text: 'Choose the organiser' });
    if (!body.audiences.length) errs.push({ field: 'audiences', text: 'Choose at least one audience' });
    for (const line of $('#participants').value.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const [st, role, w, m] = line.split(',').map((x) => x.trim());
      const num = (x) => (x === undefined || x === '' ? null : Number(x));
      if (!/^[A-Za-z]{2}$/.test(st || '') || [w, m].some((x) => x && !/^\d+$/.test(x))) {
        errs.push({ field: 'participants', text: `Write “${line}” as state code, role, women, men, for example “JM, investigators, 4, 6”` });
        break;
      }
      body.participants.push({ state: st.toUpperCase(), role: role || 'unspecified', women: num(w), men: num(m) });
    }
    if (errs.length) { showErrors(form, errors, errs); return; }
    clearErrors(form, errors);
    try {
      const t = await api('POST', '/api/v1/trainings', body);
      sessionStorage.setItem('ccscap.flash', `“${t.title}” was recorded.`);
      location.assign('/training?id=' + t.id);
    } catch (e) {
      showRefusal(form, errors, e, FIELD_OF);
    }
  });
  $('#gate').replaceChildren();
  $('#title').textContent = 'Record a training';
  $('#form-section').hidden = false;
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'this training');
  if (!user) return;
  try {
    const [r, v] = await Promise.all([loadRefs(), api('GET', '/api/v1/vocabularies')]);
    refs = r;
    for (const w of v.words.training_audiences || []) vocab.aud[w.key] = w.name;
    for (const w of v.words.participant_roles || []) vocab.role[w.key] = w.name;
    if (params.get('new')) newForm();
    else await one(user);
  } catch (e) {
    loadFailed(gate, 'The training', e);
  }
}

main();
