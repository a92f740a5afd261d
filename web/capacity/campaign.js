// campaign.js: one awareness campaign (?id=N) with the standards it
// targets and "Mark as completed", which reports the status updates it
// proposed with a link to them; or the form to record one (?new=1) or to
// change one (?edit=N). Refusals from the API land beside their field.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, fmtDateTime } from './ui.js';
import {
  startPage, loadFailed, loadRefs, period, fillDl, flash, showRefusal, isCoordinator, completedNote,
} from './capacity.js';

const params = new URLSearchParams(location.search);
const id = Number(params.get('id'));
const editId = Number(params.get('edit')) || null;
const STATUS_WORD = { planned: 'Planned', completed: 'Completed', cancelled: 'Cancelled' };
const today = () => new Date().toISOString().slice(0, 10);
let refs;
const vocab = { aud: {}, chan: {} };

const mayWrite = (user) => isCoordinator(user) || user.role === 'partner';

function completeBox(c, user) {
  if (c.status !== 'planned' || !mayWrite(user)) return '';
  const host = h('div');
  const ended = c.end <= today();
  const btn = h('button', { class: 'button', type: 'button', id: 'complete', disabled: !ended }, 'Mark as completed');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const done = await api('PATCH', '/api/v1/campaigns/' + c.id, { status: 'completed' });
      await one(user);
      const note = completedNote('campaign', done);
      $('#flash').replaceChildren(note);
      note.focus();
    } catch (e) {
      btn.disabled = false;
      host.replaceChildren(h('div', { class: 'error-summary', role: 'alert' }, h('h2', null, 'There is a problem'),
        h('p', null, e.message)));
    }
  });
  return h('div', { class: 'notice' }, host,
    h('p', null, ended ? 'When the campaign has run, mark it completed: ccscap then proposes the status updates it implies for the standards it targets in its state.'
      : `The campaign ends on ${c.end}; it can be marked completed after that.`), btn);
}

async function one(user) {
  const c = await api('GET', '/api/v1/campaigns/' + id);
  document.title = `${c.title} – campaign – ccscap`;
  $('#title').textContent = c.title;
  const when = period(c.start, c.end);
  $('#lead').textContent = `${STATUS_WORD[c.status] || c.status} awareness campaign in ${refs.stateName[c.state] || c.state}, ${when.charAt(0).toLowerCase()}${when.slice(1)}.`;
  fillDl($('#details'), [
    ['Status', h('strong', { id: 'status-word' }, STATUS_WORD[c.status] || c.status)],
    ['State', refs.stateName[c.state] || c.state],
    ['Dates', period(c.start, c.end)],
    ['Audiences', c.audiences.map((a) => vocab.aud[a] || a).join(', ')],
    ['Channel', vocab.chan[c.channel] || c.channel],
    ['Reach', c.reach === null || c.reach === undefined ? null : `${c.reach} people`],
    ['Organiser', c.organiser ? c.organiser.name : null],
    ['Initiative', c.initiative_id ? h('a', { href: '/initiative?id=' + c.initiative_id }, `Initiative ${c.initiative_id}`) : null],
    ['Description', c.description],
    ['Last changed', `${fmtDateTime(c.updated_at)} by ${c.updated_by}`],
  ]);
  $('#standards').replaceChildren(c.standards.length ? h('ul', null, c.standards.map((s) => h('li', null,
    s.code ? h('a', { href: '/standard?code=' + encodeURIComponent(s.code) }, s.title || s.code) : String(s.lineage_id),
    s.level !== null && s.level !== undefined ? ` (to level ${s.level})` : ''))) : h('p', { class: 'secondary' }, 'None recorded: completing it proposes nothing.'));
  $('#complete-box').replaceChildren(completeBox(c, user));
  if (mayWrite(user)) {
    $('#edit').href = '/campaign?edit=' + c.id;
    $('#edit-link').hidden = false;
  }
  $('#gate').replaceChildren();
  $('#one').hidden = false;
  flash($('#flash'));
}

const FIELD_OF = {
  title: 'c-title', description: 'c-description', state: 'c-state', unknown_state: 'c-state', invalid_state_code: 'c-state',
  audiences: 'audiences', unknown_audience: 'audiences', channel: 'channel', unknown_channel: 'channel',
  start: 'start', end: 'end', invalid_period: 'end', not_ended: 'end', reach: 'reach', invalid_count: 'reach',
  organiser_id: 'organiser_id', unknown_organisation: 'organiser_id', initiative_id: 'initiative_id',
  unknown_initiative: 'initiative_id', standards: 'standards-f', unknown_standard: 'standards-f',
  invalid_standard: 'standards-f', status: 'c-status', invalid_status: 'c-status', forbidden: 'organiser_id',
};

function fill(c) {
  $('#c-title').value = c.title;
  $('#c-description').value = c.description || '';
  $('#c-state').value = c.state;
  for (const a of c.audiences) if ($('#au-' + a)) $('#au-' + a).checked = true;
  $('#channel').value = c.channel;
  $('#start').value = c.start;
  $('#end').value = c.end;
  $('#reach').value = c.reach === null || c.reach === undefined ? '' : String(c.reach);
  $('#organiser_id').value = String(c.organiser_id);
  $('#initiative_id').value = c.initiative_id ? String(c.initiative_id) : '';
  for (const s of c.standards) if ($('#sd-' + s.lineage_id)) $('#sd-' + s.lineage_id).checked = true;
  $('#c-status').value = c.status;
}

function read(form, current) {
  const errs = [];
  const levels = Object.fromEntries((current ? current.standards : []).map((s) => [s.lineage_id, s.level]));
  const body = {
    title: $('#c-title').value.trim(), description: $('#c-description').value.trim() || null,
    state: $('#c-state').value, channel: $('#channel').value, start: $('#start').value, end: $('#end').value,
    organiser_id: Number($('#organiser_id').value), status: $('#c-status').value,
    audiences: [...form.querySelectorAll('input[name="aud"]:checked')].map((b) => b.value),
    standards: [...form.querySelectorAll('input[name="sd"]:checked')].map((b) => {
      const l = Number(b.value);
      return levels[l] !== undefined && levels[l] !== null ? { standard: l, level: levels[l] } : l;
    }),
  };
  const reach = $('#reach').value.trim();
  const ini = $('#initiative_id').value.trim();
  if (!body.title) errs.push({ field: 'c-title', text: 'Enter a title' });
  if (!body.state) errs.push({ field: 'c-state', text: 'Choose the state of the campaign' });
  if (!body.audiences.length) errs.push({ field: 'audiences', text: 'Choose at least one audience' });
  if (!body.start) errs.push({ field: 'start', text: 'Enter the start date' });
  if (!body.end) errs.push({ field: 'end', text: 'Enter the end date' });
  else if (body.start && body.end < body.start) errs.push({ field: 'end', text: 'The end must be on or after the start' });
  if (reach && !/^\d{1,9}$/.test(reach)) errs.push({ field: 'reach', text: 'Enter the reach as a whole number, for example 1200' });
  if (!body.organiser_id) errs.push({ field: 'organiser_id', text: 'Choose the organiser' });
  if (ini && !/^\d{1,12}$/.test(ini)) errs.push({ field: 'initiative_id', text: 'Enter the initiative number, for example 12, or leave it empty' });
  body.reach = reach ? Number(reach) : null;
  body.initiative_id = ini ? Number(ini) : null;
  return { body, errs };
}

async function showForm(user, stds) {
  const form = $('#cform');
  const errors = $('#errors');
  const current = editId ? await api('GET', '/api/v1/campaigns/' + editId) : null;
  $('#c-state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#channel').append(...Object.entries(vocab.chan).map(([k, w]) => h('option', { value: k }, w)));
  $('#organiser_id').append(...refs.orgs.map((o) => h('option', { value: o.id }, refs.orgName[o.id])));
  $('#aud-boxes').replaceChildren(...Object.entries(vocab.aud).map(([k, w]) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'au-' + k, name: 'aud', value: k }), h('label', { for: 'au-' + k }, w))));
  $('#std-boxes').replaceChildren(...stds.map((s) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'sd-' + s.lineage_id, name: 'sd', value: String(s.lineage_id) }),
    h('label', { for: 'sd-' + s.lineage_id }, h('strong', null, s.code), ' ', s.title))));
  if (current) {
    fill(current);
    document.title = `Change ${current.title} – ccscap`;
    $('#title').textContent = 'Change an awareness campaign';
    $('#lead').textContent = `Changing “${current.title}”.`;
    $('#csend').textContent = 'Save the changes';
    $('#cancel').href = '/campaign?id=' + current.id;
  } else {
    $('#title').textContent = 'Record an awareness campaign';
    $('#lead').textContent = 'Campaigns for ministers, officials, the public and private sectors, schools or the public, in one state.';
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const { body, errs } = read(form, current);
    if (errs.length) { showErrors(form, errors, errs); return; }
    clearErrors(form, errors);
    $('#csend').disabled = true;
    try {
      const c = current ? await api('PATCH', '/api/v1/campaigns/' + current.id, body)
        : await api('POST', '/api/v1/campaigns', body);
      const made = c.proposals_made ? ` It proposed ${c.proposals_made} status ${c.proposals_made === 1 ? 'update' : 'updates'} for the RIFC to decide.` : '';
      sessionStorage.setItem('ccscap.flash', (current ? `Your changes to “${c.title}” were saved.` : `“${c.title}” was recorded.`) + made);
      location.assign('/campaign?id=' + c.id);
    } catch (e) {
      $('#csend').disabled = false;
      showRefusal(form, errors, e, FIELD_OF);
    }
  });
  $('#gate').replaceChildren();
  $('#form-section').hidden = false;
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'this campaign');
  if (!user) return;
  try {
    const [r, v] = await Promise.all([loadRefs(), api('GET', '/api/v1/vocabularies')]);
    refs = r;
    for (const w of v.words.campaign_audiences || []) vocab.aud[w.key] = w.name;
    for (const w of v.words.campaign_channels || []) vocab.chan[w.key] = w.name;
    if (params.get('new') || editId) {
      if (!mayWrite(user)) {
        gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'Only coordinators and partner agencies record campaigns. ',
          h('a', { href: '/campaigns' }, 'See the campaigns'), '.')));
        return;
      }
      const fw = await api('GET', '/api/v1/framework').catch(() => null);
      await showForm(user, fw ? fw.areas.flatMap((a) => a.specific_areas.flatMap((s) => s.standards)) : []);
    } else {
      await one(user);
    }
  } catch (e) {
    if (e.status === 404) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'There is no campaign with this number. ',
        h('a', { href: '/campaigns' }, 'See all campaigns'), '.')));
      return;
    }
    loadFailed(gate, 'The campaign', e);
  }
}

main();
