// marking-form.js: the TLP part of every form that creates a shared record
// (incident reports, lessons learnt): the level select with its meaning,
// the states a TLP:AMBER record is also shared with, the named recipients
// a TLP:RED one needs; reading, checking and sending those fields.
import { h, $, checkboxes, checkedValues } from './ui.js';
import { TLP, tlpMeaning } from './tlp.js';

/** Server error codes about the marking, and the field each belongs to. */
export const MARKING_FIELDS = {
  unknown_tlp: 'tlp', sharing_not_applicable: 'tlp', unknown_community: 'tlp',
  invalid_community: 'tlp', recipients_required: 'recipients', unknown_recipient: 'recipients',
  invalid_recipient: 'recipients',
};

function changed() {
  const t = $('#tlp').value;
  $('#tlp-meaning').textContent = t ? `Who may read it: ${tlpMeaning(t)}` : '';
  $('#amber-more').hidden = t !== 'amber';
  $('#red-more').hidden = t !== 'red';
}

/** Fills the marking fields: @states [{code, name}], @own the user's state. */
export function setupMarking(states, own) {
  $('#tlp').append(...TLP.map(([k, label]) => h('option', { value: k }, label)));
  checkboxes($('#share-choices'), 'share_states', states.filter((s) => s.code !== own)
    .map((s) => [s.code, `${s.name} (${s.code})`]));
  $('#tlp').addEventListener('change', changed);
  changed();
}

/** {tlp, share_states, recipients} as chosen; lists only where they apply. */
export function readMarking(form) {
  const tlp = $('#tlp').value;
  return {
    tlp,
    share_states: tlp === 'amber' ? checkedValues(form, 'share_states') : [],
    recipients: tlp === 'red' ? $('#recipients').value.split(',').map((x) => x.trim()).filter(Boolean) : [],
  };
}

/** Errors [{field, text}] in the marking, for showErrors. */
export function checkMarking(m) {
  if (!m.tlp) return [{ field: 'tlp', text: 'Choose the TLP marking' }];
  if (m.tlp === 'red' && !m.recipients.length) return [{ field: 'recipients', text: 'Name at least one recipient for TLP:RED' }];
  return [];
}

/** Adds the marking to a request body. */
export function addMarking(body, m) {
  body.tlp = m.tlp;
  if (m.share_states.length) body.share_states = m.share_states;
  if (m.recipients.length) body.recipients = m.recipients;
  return body;
}
