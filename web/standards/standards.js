// standards.js: what the minimum-standards pages share: the plan's words
// for sources, GCI pillars and CMM dimensions (these two and the state
// groups from the server's vocabularies), dates written "30 June 2025",
// the five bands of the heat map, the met / not met / no data tags, and the
// client-side copy of who may submit and who may review status records.
import { h, here, GCI, CMM, STATE_GROUPS } from './ui.js';
import { api } from './api.js';

/** Sources a status record may cite (the server's sources table). */
export const SOURCES = [
  ['ncpoc_feedback', 'Feedback from the NCPOC'],
  ['review_meeting', 'RCC review meeting'],
  ['oas_symantec_2014', 'Desk study: OAS and Symantec (2014)'],
  ['oas_trendmicro_2015', 'Desk study: OAS and Trend Micro (2015)'],
  ['oas_idb_2016', 'Desk study: OAS and IDB (2016)'],
  ['comsec_2014', 'Desk study: Commonwealth Secretariat (2014)'],
];

export function sourceLabel(key) {
  const s = SOURCES.find(([k]) => k === key);
  return s ? s[1] : key;
}

export { GCI, CMM };

/** [status, "Member states"]: the groups of states, in order. */
export const GROUPS = STATE_GROUPS;

/** "2025-06-30" -> "30 June 2025" (the date itself, no time zone shift). */
export function fmtDay(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return ymd || '';
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toLocaleDateString('en-GB',
    { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today in the reader's own calendar, "YYYY-MM-DD". */
export function today() {
  const d = new Date();
  return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'),
    String(d.getDate()).padStart(2, '0')].join('-');
}

/** A real calendar date "YYYY-MM-DD" from 1900 on. */
export function validDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
  if (!m || +m[1] < 1900) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The heat map's five bands: [lowest percent, highest percent]. */
export const BANDS = [[0, 19], [20, 39], [40, 59], [60, 79], [80, 100]];

export function band(percent) {
  return Math.min(4, Math.floor(Math.max(0, percent) / 20));
}

/** "Met", "Not met" or "No data" as a tag: words, a symbol, then colour. */
export function statusTag(status) {
  const t = {
    met: ['tag--met', '✓', 'Met'],
    unmet: ['tag--unmet', '✗', 'Not met'],
    no_data: ['tag--nodata', '–', 'No data'],
    pending: ['tag--pending', '…', 'Waiting for review'],
  }[status] || ['tag--nodata', '–', status];
  return h('strong', { class: 'tag ' + t[0] },
    h('span', { class: 'tag-icon', 'aria-hidden': 'true' }, t[1]), ' ', t[2]);
}

/** Server rule, copied: who may submit a status record for @state. */
export function canSubmit(user, state) {
  if (!user || !['admin', 'coordinator', 'rifc_analyst', 'ncpoc', 'cert']
    .includes(user.role)) return false;
  return !state || !user.state_code || user.state_code === state;
}

/** Server rule, copied: RIFC analysts and coordinators review records. */
export function canReview(user) {
  return !!user && ['rifc_analyst', 'coordinator'].includes(user.role);
}

/** Whether @user submitted record @rec (the server's own-submission rule). */
export function ownRecord(user, rec) {
  return !!user && ((rec.author_id && rec.author_id === user.id) ||
    rec.author === user.login);
}

/** Byte counts in words: "850 bytes", "12 KB", "3.4 MB". */
export function fmtSize(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** One level on a scale: "Drafted (level 2 of 4)". */
export function levelText(scale, level) {
  if (level === null || level === undefined) return 'No data';
  return `${scale[level]} (level ${level + 1} of ${scale.length})`;
}

/** A note telling a visitor to sign in to see @what. */
export function signInFor(what) {
  return h('div', { class: 'notice' },
    h('p', null, h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'),
      ` to see ${what}. Status records are for officials with an account.`));
}

/**
 * Every status record of a filtered list (the query string @p qs), read
 * page by page with the list's cursors: a page that needs them all (a
 * standard's history) never stops at the page size.
 */
export async function allRecords(qs) {
  const out = [];
  let cursor = '';
  for (;;) {
    const r = await api('GET', `/api/v1/assessments?${qs}&limit=200${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    out.push(...r.items);
    if (!r.next_cursor) return out;
    cursor = r.next_cursor;
  }
}
