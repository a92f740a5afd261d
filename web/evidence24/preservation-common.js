// preservation-common.js: what the 24/7 preservation pages share: who
// reads requests (a state's NCPOC, the law-enforcement 24/7 contact, and
// RIFC analysts), the words of statuses, actions and clocks from
// /api/v1/vocabularies, and the clock of a request as a tag with words.
import { api } from './api.js';
import { h, loadVocab } from './ui.js';

/** Whether @p u reads preservation requests. */
export function reader(u) {
  if (!u) return false;
  if (u.role === 'rifc_analyst') return !u.state_code;
  return u.role === 'ncpoc' && !!u.state_code;
}

/** key -> name maps of the preservation vocabularies. */
export async function presWords() {
  const v = await loadVocab();
  const map = (name) => Object.fromEntries((v.words[name] || []).map((w) => [w.key, w.name]));
  return {
    statuses: map('preservation_statuses'),
    actions: map('preservation_actions'),
    bases: map('preservation_legal_bases'),
    urgencies: map('preservation_urgencies'),
    categories: map('preservation_data_categories'),
    kinds: map('preservation_identifier_kinds'),
    dues: map('preservation_dues'),
  };
}

/** The clock of a request as a tag: words, never colour alone. */
export function dueTag(due, words) {
  const cls = { ack_overdue: 'tag tag--unmet', lapsed: 'tag tag--unmet', expiring: 'tag tag--min' }[due] || 'tag tag--met';
  return h('span', { class: cls, 'data-due': due }, words.dues[due] || due);
}

/** The states of the directory. */
export async function states() {
  const r = await api('GET', '/api/v1/states');
  return (r.items || r).map((s) => ({ code: s.code, name: s.name }));
}
