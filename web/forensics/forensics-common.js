// forensics-common.js: what the forensics pages share: starting a page
// (header, sign-in prompt, the domain's words from the server's
// vocabularies), dates with their zone, a failed load, and a form's
// refusal placed beside the field its message names (GOV.UK pattern).
import { api } from './api.js';
import { h, initPage, here, problem, sentence, refusal, showErrors } from './ui.js';

export const DEVICE = {};
export const URGENCY = {};
export const STATUS = {};
export const COPY = {};
export const EVKIND = {};

/** Starts a page; the signed-in user, or null (a prompt in @gate). */
export async function startForensics(gate, what) {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'),
      ` to see ${what}. Forensic labs and evidence are for members with an account.`)));
    return null;
  }
  const v = await api('GET', '/api/v1/vocabularies');
  for (const [name, obj] of [['forensic_devices', DEVICE], ['forensic_urgencies', URGENCY],
    ['forensic_statuses', STATUS], ['evidence_copies', COPY], ['evidence_kinds', EVKIND]]) {
    for (const w of v.words[name] || []) obj[w.key] = w.name;
  }
  return user;
}

export function loadFailed(gate, what, e) {
  gate.hidden = false;
  gate.replaceChildren(problem(`${what} could not be loaded: ${sentence(e.message)}`));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** "21 November 2026, 15:00 UTC" from unix seconds. */
export function fmtWhen(secs) {
  const d = new Date(secs * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** "6 June 2024" from YYYY-MM-DD. */
export function fmtDay(s) {
  if (!s) return '';
  const [y, m, d] = s.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** Shows refusal @e of a form's write beside its field and in a summary. */
export function formRefused(form, summary, e, fieldOf = {}) {
  const r = refusal(e, fieldOf);
  showErrors(form, summary, [{ field: r.field, text: r.text }]);
}

/** A "More" button that loads the next page of @load into @list. */
export function moreButton(next, load) {
  if (!next) return '';
  const b = h('button', { type: 'button', class: 'button button--secondary', id: 'more' }, 'Show more');
  b.addEventListener('click', () => { b.remove(); load(next); });
  return b;
}
