// marking-form.js: the TLP part of every form that creates a shared record
// (incident reports, lessons learnt, advisories): the level select with
// its meaning, the states a TLP:AMBER record is also shared with, the
// named recipients a TLP:RED one needs, chosen with a picker that
// searches people by name or organisation (GET /api/v1/recipients), never
// typed as sign-in names; reading, checking and sending those fields.
import { api } from './api.js';
import { h, $, checkboxes, checkedValues } from './ui.js';
import { TLP, tlpMeaning } from './tlp.js';

const PICK_PAGE = 8;       // people offered at once
const chosen = new Map();  // login -> {login, name, organisation, state}
let shareStates = true;    // the form has its own AMBER "share with" list
let seq = 0;               // the newest search; older answers are dropped
let timer = null;

const who = (p) => [p.name, [p.organisation, p.state].filter(Boolean).join(', ')]
  .filter(Boolean).join(' – ');

function renderChosen() {
  $('#recipients-chosen').replaceChildren(...[...chosen.values()].map((p) => h('li', { class: 'chosen-item' },
    h('span', null, who(p)), ' ',
    h('button', { type: 'button', class: 'link-button', onclick: () => { chosen.delete(p.login); renderChosen(); $('#recipients').focus(); } },
      'Remove', h('span', { class: 'vh' }, ' ' + p.name)))));
}

function add(p) {
  chosen.set(p.login, p);
  renderChosen();
  $('#recipients').value = '';
  $('#recipients-found').replaceChildren();
  $('#recipients-status').textContent = `${p.name} added. ${chosen.size} ${chosen.size === 1 ? 'person' : 'people'} chosen.`;
  $('#recipients').focus();
}

async function search(q, cursor) {
  const mine = ++seq;
  const qs = new URLSearchParams({ q, limit: String(PICK_PAGE) });
  if (cursor) qs.set('cursor', cursor);
  let r;
  try {
    r = await api('GET', '/api/v1/recipients?' + qs);
  } catch (e) {
    if (mine === seq) $('#recipients-status').textContent = 'People could not be searched: ' + e.message;
    return;
  }
  if (mine !== seq) return;
  const found = r.items.filter((p) => !chosen.has(p.login));
  $('#recipients-status').textContent = r.total
    ? `${r.total} ${r.total === 1 ? 'person matches' : 'people match'}${r.total > r.items.length ? '; type more of the name to narrow them' : ''}.`
    : 'Nobody matches. Try part of the name or of the organisation.';
  const items = found.map((p) => h('li', null, h('button', { type: 'button', class: 'pick', onclick: () => add(p) },
    h('span', { class: 'vh' }, 'Add '), who(p))));
  if (r.next_cursor) {
    items.push(h('li', null, h('button', { type: 'button', class: 'link-button', onclick: () => search(q, r.next_cursor) },
      'More people')));
  }
  $('#recipients-found').replaceChildren(...items);
}

function setupPicker() {
  const input = $('#recipients');
  if (!input) return;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      seq++;
      $('#recipients-found').replaceChildren();
      $('#recipients-status').textContent = q ? 'Type at least two letters.' : '';
      return;
    }
    timer = setTimeout(() => search(q), 200);
  });
  // Enter in the search box adds the only match instead of sending the form.
  input.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const picks = $('#recipients-found').querySelectorAll('button.pick');
    if (picks.length === 1) picks[0].click();
  });
}

/** Server error codes about the marking, and the field each belongs to. */
export const MARKING_FIELDS = {
  unknown_tlp: 'tlp', sharing_not_applicable: 'tlp', unknown_community: 'tlp',
  invalid_community: 'tlp', recipients_required: 'recipients', unknown_recipient: 'recipients',
  invalid_recipient: 'recipients',
};

function changed() {
  const t = $('#tlp').value;
  $('#tlp-meaning').textContent = t ? `Who may read it: ${tlpMeaning(t)}` +
    (t === 'amber' && !shareStates ? ' The recipient states read it too.' : '') : '';
  if ($('#amber-more')) $('#amber-more').hidden = t !== 'amber';
  $('#red-more').hidden = t !== 'red';
}

/**
 * Fills the marking fields: @states [{code, name}], @own the user's state.
 * opts.shareStates false: the form's own recipient list decides who reads
 * a TLP:AMBER record (an advisory's recipient states), so no second list.
 */
export function setupMarking(states, own, opts = {}) {
  shareStates = opts.shareStates !== false;
  $('#tlp').append(...TLP.map(([k, label]) => h('option', { value: k }, label)));
  if (shareStates) {
    checkboxes($('#share-choices'), 'share_states', states.filter((s) => s.code !== own)
      .map((s) => [s.code, `${s.name} (${s.code})`]));
  } else {
    $('#amber-more').remove();
  }
  $('#tlp').addEventListener('change', changed);
  setupPicker();
  changed();
}

/** {tlp, share_states, recipients} as chosen; lists only where they apply. */
export function readMarking(form) {
  const tlp = $('#tlp').value;
  return {
    tlp,
    share_states: tlp === 'amber' ? checkedValues(form, 'share_states') : [],
    recipients: tlp === 'red' ? [...chosen.keys()] : [],
  };
}

/** Errors [{field, text}] in the marking, for showErrors. */
export function checkMarking(m) {
  if (!m.tlp) return [{ field: 'tlp', text: 'Choose the TLP marking' }];
  if (m.tlp === 'red' && !m.recipients.length) return [{ field: 'recipients', text: 'Add at least one person who may read it for TLP:RED' }];
  return [];
}

/** Adds the marking to a request body. */
export function addMarking(body, m) {
  body.tlp = m.tlp;
  if (m.share_states.length) body.share_states = m.share_states;
  if (m.recipients.length) body.recipients = m.recipients;
  return body;
}
