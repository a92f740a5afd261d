// meeting.js: one meeting: date, place, attendees, agenda, minutes
// (withheld when the reader is outside their TLP marking), decisions and
// its recommendations; for the secretariat, a form that adds one.
import { api } from './api.js';
import { h, $, clearErrors } from './ui.js';
import { startPage, loadFailed, loadRefs, flash, fmtDay, fillDl, showRefusal } from './capacity.js';
import { KIND_WORD, TIMEFRAME_WORD, isSecretariat, markSubnav, recCard, loadWords } from './meetings-lib.js';

const id = new URLSearchParams(location.search).get('id');

const list = (xs, empty) => (xs.length ? h('ul', null, xs.map((x) => h('li', null, x))) : h('p', null, empty));

function attendee(a) {
  const who = a.person || a.organisation || a.state_name || a.state;
  return `${who}${a.role && a.role !== 'member' ? ` (${a.role})` : ''}`;
}

function show(m) {
  document.title = `${m.title} – ccscap`;
  $('#title').textContent = m.title;
  $('#caption').textContent = KIND_WORD[m.kind] || m.kind;
  fillDl($('#details'), [
    ['Date', fmtDay(m.date)], ['Where', m.online ? 'Online' : m.place],
    ['Attendees', m.attendees.length ? m.attendees.map(attendee).join('; ') : 'Not recorded'],
    ['Recorded by', m.created_by]]);
  $('#agenda').replaceChildren(list(m.agenda, 'No agenda recorded.'));
  if (m.minutes_restricted) {
    $('#minutes').replaceChildren(h('div', { class: 'notice', id: 'minutes-restricted' }, h('p', null,
      `The minutes are marked TLP:${(m.minutes_tlp || '').toUpperCase()} and are not shared with you.`)));
  } else {
    $('#minutes').replaceChildren(m.minutes_tlp ? h('p', { class: 'badge' }, `TLP:${m.minutes_tlp.toUpperCase()}`) : '',
      m.minutes ? h('p', { class: 'prewrap' }, m.minutes) : h('p', null, 'No minutes recorded.'));
  }
  $('#decisions').replaceChildren(list(m.decisions, 'No decisions recorded.'));
  $('#recs').replaceChildren(m.recommendations.length
    ? h('ul', { class: 'cards', id: 'rec-list' }, m.recommendations.map(recCard))
    : h('p', null, 'No recommendation yet.'));
}

function setupForm(refs) {
  const form = $('#rform');
  const errors = $('#errors');
  $('#owner').append(
    h('optgroup', { label: 'States' }, refs.states.map((s) => h('option', { value: 'state:' + s.code }, s.name))),
    h('optgroup', { label: 'Organisations' }, refs.orgs.map((o) => h('option', { value: 'org:' + o.id }, refs.orgName[o.id]))));
  $('#timeframe').append(...Object.entries(TIMEFRAME_WORD).map(([k, v]) => h('option', { value: k }, v)));
  $('#need_ref').append(...refs.needs.map((n) => h('option', { value: n.ref }, `${n.ref}: ${n.need.slice(0, 80)}`)));
  $('#form-section').hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, errors);
    const [kind, key] = $('#owner').value.split(':');
    const body = {
      meeting_id: Number(id), text: $('#text').value.trim(), due_date: $('#due_date').value,
      timeframe: $('#timeframe').value, need_ref: $('#need_ref').value || null,
      owner_org: kind === 'org' ? Number(key) : null, owner_state: kind === 'state' ? key : null,
    };
    try {
      await api('POST', '/api/v1/recommendations', body);
      sessionStorage.setItem('ccscap.flash', 'The recommendation was added.');
      location.reload();
    } catch (e) {
      showRefusal(form, errors, e, { owner_org: 'owner', owner_state: 'owner', owner: 'owner',
        due_beyond_timeframe: 'due_date', invalid_date: 'due_date', missing_field: body.text ? (body.due_date ? 'owner' : 'due_date') : 'text' });
    }
  });
}

async function main() {
  const gate = $('#gate');
  markSubnav();
  const user = await startPage(gate, 'the meeting');
  if (!user) return;
  try { await loadWords(); } catch (e) { loadFailed(gate, 'The words of this page', e); return; }
  try {
    const [m, refs] = await Promise.all([api('GET', '/api/v1/meetings/' + encodeURIComponent(id)), loadRefs()]);
    show(m);
    gate.replaceChildren();
    $('#one').hidden = false;
    flash($('#flash'));
    if (isSecretariat(user)) setupForm(refs);
  } catch (e) {
    loadFailed(gate, 'The meeting', e);
  }
}

main();
