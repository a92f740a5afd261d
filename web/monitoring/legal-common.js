// legal-common.js: what the legal tracker's pages share: starting a page
// (header, sign-in prompt), the step words and their colour bands (the
// server's vocabularies), dates at the precision the sources give, the
// one-off message saved before a change of page, and a refusal placed
// beside the field its message names.
import { api } from './api.js';
import { h, initPage, here, problem, sentence } from './ui.js';

/** Step key -> words, from GET /api/v1/vocabularies (legal_statuses). */
export const STEP = {};
export const TREATY_STEP = {};
export const FAMILY = {};
export const KIND = {};

/** The band of a cell's rank (-1: no instrument) with its key word. */
export const BANDS = [
  [-1, 'None recorded'], [0, 'Lapsed or repealed'], [1, 'Drafting'], [2, 'Tabled'],
  [3, 'In committee'], [4, 'Passed'], [5, 'Assented'], [6, 'In force'],
];

/** Starts a page; returns the signed-in user or null (prompt in @gate). */
export async function startLegal(gate, what) {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'),
      ` to see ${what}. The legal tracker is for members with an account.`)));
    return null;
  }
  const v = await api('GET', '/api/v1/vocabularies');
  for (const [name, obj] of [['legal_statuses', STEP], ['legal_treaty_statuses', TREATY_STEP],
    ['legal_families', FAMILY], ['legal_kinds', KIND]]) {
    for (const w of v.words[name] || []) obj[w.key] = w.name;
  }
  return user;
}

export function loadFailed(gate, what, e) {
  gate.hidden = false;
  gate.replaceChildren(problem(`${what} could not be loaded: ${sentence(e.message)}`));
}

/** Whether @user may write the instruments of @state (as the server decides). */
export function canWrite(user, state) {
  if (!user) return false;
  if (user.role === 'coordinator') return !user.state_code || user.state_code === state;
  return user.role === 'ncpoc' && user.state_code === state;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** "2016", "June 2016" or "6 June 2016" from YYYY[-MM[-DD]]. */
export function fmtWhen(d) {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  if (!m) return y;
  if (!day) return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** The verified flag and the source, as people read them. */
export function sourceNote(x) {
  return h('span', { class: 'small' }, x.verified
    ? h('strong', { class: 'tag tag--ok' }, 'Verified') : h('strong', { class: 'tag tag--gap' }, 'Not verified'),
  x.source_url ? [' ', h('a', { href: x.source_url, rel: 'noreferrer' }, 'Source')] : ' No source given.');
}

/** A page's one-off message saved before a change of page. */
export function flash(host) {
  const msg = sessionStorage.getItem('ccscap.flash');
  if (!msg) return;
  sessionStorage.removeItem('ccscap.flash');
  const box = h('div', { class: 'success', role: 'status', tabindex: '-1' }, h('p', null, msg));
  host.replaceChildren(box);
  box.focus();
}
