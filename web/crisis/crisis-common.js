// crisis-common.js: what the crisis pages share: starting a page (header,
// sign-in prompt), the crisis words from GET /api/v1/vocabularies, the
// severity scale's names, and a form refusal shown the GOV.UK way (one
// summary linking to the field its message names, the same text beside
// the field).
import { api } from './api.js';
import { h, initPage, here, problem, sentence, refusal, showErrors } from './ui.js';

/** Vocabulary name -> {key: words}, filled by startCrisis. */
export const WORDS = {};

/** The shared 0-4 scale, as the 2025 EU blueprint names its levels. */
export const SEVERITY = ['0 – No significant impact', '1 – Minor', '2 – Significant',
  '3 – Large-scale (escalates to the RCC and the political level)',
  '4 – Cyber crisis (escalates to the RCC and the political level)'];

/** Starts a page; returns the signed-in user or null (prompt in @gate). */
export async function startCrisis(gate, what) {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'),
      ` to see ${what}. Crises are for a state's national team and the RIFC.`)));
    return null;
  }
  const v = await api('GET', '/api/v1/vocabularies');
  for (const name of ['crisis_statuses', 'crisis_roles', 'crisis_log_kinds', 'crisis_audiences',
    'crisis_channels', 'crisis_task_statuses', 'crisis_template_kinds', 'crisis_tiers']) {
    WORDS[name] = {};
    for (const w of v.words[name] || []) WORDS[name][w.key] = w.name;
  }
  return user;
}

/** The words of vocabulary @name for a key, or the key. */
export function word(name, key) {
  return (WORDS[name] && WORDS[name][key]) || key;
}

/** <option>s of vocabulary @name. */
export function options(name) {
  return Object.entries(WORDS[name] || {}).map(([k, w]) => h('option', { value: k }, w));
}

export function loadFailed(gate, what, e) {
  gate.hidden = false;
  gate.replaceChildren(problem(`${what} could not be loaded: ${sentence(e.message)}`));
}

/** Shows the server's refusal @e of @form in @summary, beside its field. */
export function refused(form, summary, e, fieldOf = {}) {
  const r = refusal(e, fieldOf);
  showErrors(form, summary, [{ field: r.field, text: r.text }]);
  const box = summary.firstElementChild;
  if (box) box.focus();
  document.title = document.title.startsWith('Error: ') ? document.title
    : 'Error: ' + document.title;
}

/** "6 Jun 2024, 14:05" from Unix seconds. */
export function when(secs) {
  if (secs === null || secs === undefined) return '';
  return new Date(secs * 1000).toLocaleString('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
    timeZone: 'UTC',
  }) + ' UTC';
}
