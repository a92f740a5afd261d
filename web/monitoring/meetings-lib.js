// meetings-lib.js: what the meetings, recommendations and plan-version
// pages share: the words of meeting kinds, timeframes and statuses, who
// may write, an owner's name, a recommendation's line in a list, and the
// sub-navigation marked for the page.
import { h, loadVocab } from './ui.js';
import { fmtDay } from './capacity.js';

// The domain's words, {key: name}, filled in place from
// GET /api/v1/vocabularies by loadWords (core/monitoring/ is their one
// copy), so pages read them after it.
export const KIND_WORD = {};
export const TIMEFRAME_WORD = {};
export const STATUS_WORD = {};
export const CHANGE_WORD = {};
export const PROGRESS_WORD = {};
export const CRITERION_WORD = {};

const FILL = [['meeting_kinds', KIND_WORD], ['recommendation_timeframes', TIMEFRAME_WORD],
  ['recommendation_statuses', STATUS_WORD], ['plan_item_changes', CHANGE_WORD],
  ['evaluation_findings', PROGRESS_WORD], ['dac_criteria', CRITERION_WORD]];

/** Fills the word objects above (the vocabularies are read once a page). */
export async function loadWords() {
  const v = await loadVocab();
  for (const [name, obj] of FILL) {
    for (const w of v.words[name] || []) obj[w.key] = w.name;
  }
}

/** Coordinators and RIFC analysts without a state, and the Steering Committee. */
export const isSecretariat = (u) => Boolean(u && (u.role === 'steering' ||
  (['coordinator', 'rifc_analyst'].includes(u.role) && !u.state_code)));

/** Marks this page's entry of the monitoring sub-navigation. */
export function markSubnav() {
  const also = { '/meetings': ['/meeting'], '/recommendations': ['/recommendation'] };
  for (const a of document.querySelectorAll('.subnav a')) {
    const href = a.getAttribute('href');
    if (href === location.pathname || (also[href] || []).includes(location.pathname)) a.setAttribute('aria-current', 'page');
  }
}

export const ownerName = (o) => (o ? o.name || o.code || '' : '');

/** One recommendation as a card: text, owner, due date, status, overdue in words. */
export function recCard(r) {
  return h('li', { class: 'card rec', id: 'rec-' + r.id },
    h('h3', null, h('a', { href: '/recommendation?id=' + r.id }, r.text)),
    h('p', { class: 'secondary small' },
      h('strong', null, STATUS_WORD[r.status] || r.status),
      r.overdue ? h('span', { class: 'badge badge-overdue' }, ' Overdue') : null,
      ` · Owner: ${ownerName(r.owner)} · Due ${fmtDay(r.due_date)} · ${TIMEFRAME_WORD[r.timeframe] || r.timeframe}`,
      r.need_ref ? ` · Need ${r.need_ref}` : ''));
}

/** The lines of a textarea, trimmed, empty ones dropped. */
export const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);
