// tlp.js: the Traffic Light Protocol 2.0 label shown on every shared
// record ("TLP:AMBER", FIRST's colours on black, always as text), the
// levels with their meaning for forms, and who a record was shared with.
import { h } from './ui.js';

/** TLP 2.0 levels, least to most restricted, with FIRST's short meaning. */
export const TLP = [
  ['clear', 'TLP:CLEAR', 'Anyone may read it, signed in or not.'],
  ['green', 'TLP:GREEN', 'Every signed-in member of the community.'],
  ['amber', 'TLP:AMBER', 'The source organisation and state, the RIFC, and the states and communities it is shared with.'],
  ['amber+strict', 'TLP:AMBER+STRICT', 'The source organisation and the RIFC only.'],
  ['red', 'TLP:RED', 'The author and the named recipients only.'],
];

/** "TLP:AMBER+STRICT" for "amber+strict". */
export function tlpText(tlp) {
  const t = TLP.find(([k]) => k === String(tlp || '').toLowerCase());
  return t ? t[1] : 'TLP:' + String(tlp || 'unknown').toUpperCase();
}

/** The label: coloured text on black, the level spelt out in words. */
export function tlpLabel(tlp, big) {
  const k = String(tlp || '').toLowerCase().replace('+', '-');
  return h('span', { class: `tlp tlp--${k}${big ? ' tlp--big' : ''}` }, tlpText(tlp));
}

/** The meaning of a level in a sentence. */
export function tlpMeaning(tlp) {
  const t = TLP.find(([k]) => k === String(tlp || '').toLowerCase());
  return t ? t[2] : '';
}

/**
 * Who may read a record, in words, from its sharing envelope:
 * [[label, text]] for a description list.
 */
export function sharingRows(s, names = {}) {
  const st = (c) => (names[c] ? `${names[c]} (${c})` : c);
  const list = (a, none) => (a && a.length ? a.join(', ') : none);
  const rows = [['Marking', [tlpLabel(s.tlp), ' ', tlpMeaning(s.tlp)]]];
  if (s.source_state) rows.push(['Source state', st(s.source_state)]);
  if (s.tlp === 'amber') {
    rows.push(['Also shared with states', list((s.states || []).map(st), 'No other state')]);
    rows.push(['Communities', list(s.communities, 'None')]);
  }
  if (s.tlp === 'red') rows.push(['Named recipients', list(s.recipients, 'None')]);
  return rows;
}
