// meetings-lib.js: what the meetings, recommendations and plan-version
// pages share: the words of meeting kinds, timeframes and statuses, who
// may write, an owner's name, a recommendation's line in a list, and the
// sub-navigation marked for the page.
import { h } from './ui.js';
import { fmtDay } from './capacity.js';

export const KIND_WORD = { rcc: 'Regional Cyber Committee', steering: 'Steering Committee',
  csm: 'Caribbean Stakeholders Meeting', heads_intel: 'Heads of Intelligence and FIUs', consle: 'CONSLE' };
export const TIMEFRAME_WORD = { immediate: 'Immediate (up to 6 months)', medium: 'Medium term (up to 18 months)',
  long: 'Long term (up to 30 months)', nar: 'No action required (NAR)', rar: 'Regional action required (RAR)' };
export const STATUS_WORD = { open: 'Open', in_progress: 'In progress', closed: 'Closed', dropped: 'Dropped' };
export const CHANGE_WORD = { original: 'As adopted', kept: 'Kept', changed: 'Changed', dropped: 'Dropped', new: 'New' };
export const PROGRESS_WORD = { done: 'Done', partly: 'Partly', not_started: 'Not started' };

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
