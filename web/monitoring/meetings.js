// meetings.js: the list of meetings as cards (web/common/list.js: newest
// first or as sorted, filtered by words, body and date, paged with a
// total, as CSV); and for the secretariat the form that records one.
import { api } from './api.js';
import { h, $, clearErrors } from './ui.js';
import { createList } from './list.js';
import { startPage, loadFailed, loadRefs, flash, fmtDay, showRefusal } from './capacity.js';
import { setupMarking, readMarking, addMarking, MARKING_FIELDS } from './marking-form.js';
import { KIND_WORD, isSecretariat, markSubnav, lines, loadWords } from './meetings-lib.js';

function card(m) {
  return h('li', { class: 'card meeting', id: 'meeting-' + m.id },
    h('h3', null, h('a', { href: '/meeting?id=' + m.id }, m.title)),
    h('p', { class: 'secondary small' }, h('strong', null, KIND_WORD[m.kind] || m.kind),
      ` · ${fmtDay(m.date)} · ${m.online ? 'Online' : m.place}`,
      m.minutes_tlp ? ` · Minutes TLP:${m.minutes_tlp.toUpperCase()}` : ''));
}

function meetings() {
  return createList({
    endpoint: '/api/v1/meetings', form: $('#filters'), errors: $('#list-errors'),
    host: $('#results'), id: 'meeting-table', caption: 'Meetings',
    noun: ['meeting', 'meetings'], sort: 'date', order: 'desc',
    columns: [
      { label: 'Date', sort: 'date', cls: 'date', cell: (m) => fmtDay(m.date) },
      { label: 'Title', sort: 'title', cell: (m) => m.title },
      { label: 'Body', sort: 'kind', cell: (m) => KIND_WORD[m.kind] || m.kind },
    ],
    render: (items) => h('ul', { class: 'cards', id: 'meeting-list' }, items.map(card)),
    empty: 'No meeting matches.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q', unknown_kind: 'f-kind' },
  });
}

function setupForm(refs, user) {
  const form = $('#mform');
  const errors = $('#errors');
  $('#kind').append(...Object.entries(KIND_WORD).map(([k, v]) => h('option', { value: k }, v)));
  $('#host_state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#att_states').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#attendees').append(...refs.orgs.map((o) => h('option', { value: o.id }, refs.orgName[o.id])));
  setupMarking(refs.states, user.state_code);
  $('#form-section').hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, errors);
    const sel = (id) => [...$(id).selectedOptions].map((o) => o.value);
    const body = {
      kind: $('#kind').value, title: $('#title').value.trim(), date: $('#date').value,
      place: $('#place').value.trim() || null, online: $('#online').checked,
      host_state: $('#host_state').value || null,
      agenda: lines($('#agenda').value), minutes: $('#minutes').value, decisions: lines($('#decisions').value),
      attendees: [...sel('#attendees').map((id) => ({ organisation_id: Number(id) })),
        ...sel('#att_states').map((s) => ({ state: s }))],
    };
    const mk = readMarking(form);
    if (mk.tlp) body.minutes_sharing = addMarking({}, mk);
    try {
      const m = await api('POST', '/api/v1/meetings', body);
      sessionStorage.setItem('ccscap.flash', `“${m.title}” was recorded.`);
      location.href = '/meeting?id=' + m.id;
    } catch (e) {
      showRefusal(form, errors, e, { ...MARKING_FIELDS, missing_field: body.title ? 'place' : 'title', invalid_date: 'date' });
    }
  });
}

async function main() {
  const gate = $('#gate');
  markSubnav();
  const user = await startPage(gate, 'the meetings');
  if (!user) return;
  try { await loadWords(); } catch (e) { loadFailed(gate, 'The words of this page', e); return; }
  let refs;
  try { refs = await loadRefs(); } catch (e) { loadFailed(gate, 'The meetings', e); return; }
  $('#f-kind').append(...Object.entries(KIND_WORD).map(([k, v]) => h('option', { value: k }, v)));
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  if (isSecretariat(user)) setupForm(refs, user);
  await meetings().load();
}

main();
