// sharing.js: what the information-sharing pages share: the words for
// severities and statuses (from the server's vocabularies) and for
// correlations, one cached load of the state names, links to records, and
// the "seen elsewhere" account of an indicator value (readable sightings,
// a count of those above the reader's clearance, related values).
import { api } from './api.js';
import {
  h, fmtDateTime, initPage, here, problem, sentence, loadVocab, SEVERITY, INCIDENT_STATUS,
} from './ui.js';
import { tlpText, tlpLabel, sharingRows } from './tlp.js';

export { SEVERITY, loadVocab };

/** An incident's status in words ("Investigating"). */
export const STATUS = INCIDENT_STATUS;

export const RELATION = {
  same: 'same value',
  host: 'same host',
  registered_domain: 'same registered domain',
  network: 'same network',
};

/** Indicator types the server reads (core/indicator.c). */
export const IND_TYPES = [
  ['domain', 'Domain name'], ['url', 'URL'], ['ipv4', 'IPv4 address'],
  ['ipv6', 'IPv6 address'], ['cidr', 'Network (CIDR)'], ['email', 'E-mail address'],
  ['md5', 'MD5 hash'], ['sha1', 'SHA-1 hash'], ['sha256', 'SHA-256 hash'],
  ['sha512', 'SHA-512 hash'], ['btc', 'Bitcoin wallet'], ['eth', 'Ethereum wallet'],
  ['phone', 'Phone number'], ['iban', 'IBAN'],
];

/** Who may report: the server's CCS_ACT_SHARE_REPORT, copied. */
export function canReport(user) {
  return !!user && ['coordinator', 'rifc_analyst', 'ncpoc', 'cert'].includes(user.role);
}

let states;

/** {code: name} of every state, once a page. */
export function loadStates() {
  if (!states) {
    states = api('GET', '/api/v1/states').then((r) => {
      const names = {};
      for (const s of r.items) names[s.code] = s.name;
      return { items: r.items, names };
    });
  }
  return states;
}

/** "Fraud: Phishing" from the vocabulary, or the keys. */
export function rsitName(v, cls, type) {
  const c = v && v.rsit.find((x) => x.key === cls);
  const t = c && c.types.find((x) => x.key === type);
  return `${c ? c.name : cls}: ${t ? t.name : type}`;
}

export const incidentLink = (id, text) => h('a', { href: '/incident?id=' + id }, text || `incident #${id}`);
export const indicatorLink = (id, text) => h('a', { href: '/indicator?id=' + id, class: 'mono' }, text);

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "1 sighting in records above your clearance", or null for none; with
 * @ask (a link to the request form, /rfis?...) it offers to ask about them.
 */
export function restrictedNote(n, what = ['sighting', 'sightings'], ask = null) {
  if (!n) return null;
  return h('p', { class: 'restricted' }, plural(n, what[0], what[1]) +
    ' in records above your clearance', ask ? [' — ', h('a', { href: ask, class: 'ask-link' },
    'ask the RIFC about ' + (n === 1 ? 'it' : 'them'))] : null);
}

/** One readable sighting: "Also seen in BB (incident #2, TLP:GREEN)". */
export function sightingText(s) {
  const where = s.state || 'a regional body';
  const parts = [s.incident_id ? incidentLink(s.incident_id) : 'reported without an incident', ', ',
    tlpText(s.tlp)];
  return h('li', null, `Also seen in ${where} (`, ...parts, `) on ${fmtDateTime(s.seen_at)}`);
}

/** A related value: "www.x.com: same registered domain, seen by BB". */
export function relatedItem(r) {
  const seen = r.sightings ? `, ${plural(r.sightings, 'sighting', 'sightings')}` +
    (r.states && r.states.length ? ` by ${r.states.join(', ')}` : '') : '';
  return h('li', null, indicatorLink(r.id, r.value),
    ` (${r.type}): ${RELATION[r.relation] || r.relation}${seen}`,
    r.restricted ? `; ${r.restricted} more above your clearance` : '');
}

/** What the reader may know of a value elsewhere (an incident's Matches). */
export function matchesView(m, valueId) {
  const out = [];
  if (m.sightings && m.sightings.length) out.push(h('ul', { class: 'plain' }, m.sightings.map(sightingText)));
  if (m.sightings_total > (m.sightings || []).length) {
    // the newest are shown here; the value's page lists every one
    out.push(h('p', { class: 'small' }, `The newest ${m.sightings.length} of ${m.sightings_total}: `,
      valueId ? h('a', { href: '/indicator?id=' + valueId }, 'see every sighting') : 'see the value’s page'));
  }
  const r = restrictedNote(m.restricted, undefined, valueId ? '/rfis?value=' + valueId : null);
  if (r) out.push(r);
  if (m.related && m.related.length) {
    out.push(h('p', { class: 'small-h' }, 'Related values'),
      h('ul', { class: 'plain' }, m.related.map(relatedItem)));
  }
  const rr = restrictedNote(m.related_restricted, ['related value', 'related values']);
  if (rr) out.push(rr);
  if (!out.length) out.push(h('span', { class: 'secondary' }, 'Not seen elsewhere'));
  return out;
}

/**
 * Starts a sharing page: fills the header, and for a visitor who is not
 * signed in puts a sign-in prompt in @gate. Returns the user or null.
 */
export async function startPage(gate, what) {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'),
      ` to see ${what}. Shared records are for officials with an account.`)));
  }
  return user;
}

/** A failed load, in the page's gate. */
export function loadFailed(gate, what, e) {
  gate.hidden = false;
  gate.replaceChildren(problem(`${what} could not be loaded: ${sentence(e.message)}`));
}

/** A table with a hidden-or-shown caption and column headings. */
export function table(id, caption, heads, rows) {
  return h('table', { class: 'stack', id },
    h('caption', { class: caption[1] ? null : 'vh' }, caption[0]),
    h('thead', null, h('tr', null, heads.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows));
}

/** Fills a description list from [[term, definition]], skipping nulls. */
export function fillDl(dl, rows) {
  dl.replaceChildren(...rows.filter((r) => r && r[1] !== null && r[1] !== undefined)
    .flatMap(([t, d]) => [h('dt', null, t), h('dd', null, d)]));
}

/** A one-off success message saved before a page change, shown once. */
export function flash(host, heading) {
  const msg = sessionStorage.getItem('ccscap.flash');
  if (!msg) return;
  sessionStorage.removeItem('ccscap.flash');
  const box = h('div', { class: 'success', role: 'status', tabindex: '-1' },
    h('h2', null, heading), h('p', null, msg));
  host.replaceChildren(box);
  box.focus();
}

/** The record's big TLP label and who it was shared with, in @host. */
export function markingBox(host, sharing, names) {
  const dl = h('dl', { class: 'dl' });
  fillDl(dl, sharingRows(sharing, names));
  host.replaceChildren(h('p', { class: 'marking-label' }, tlpLabel(sharing.tlp, true)), dl);
}

/** "2 days 3 hours", "5 hours", "40 minutes" for a span in seconds. */
export function fmtDuration(secs) {
  const d = Math.floor(secs / 86400);
  const hr = Math.floor((secs % 86400) / 3600);
  const m = Math.floor((secs % 3600) / 60);
  if (d) return plural(d, 'day', 'days') + (hr ? ' ' + plural(hr, 'hour', 'hours') : '');
  if (hr) return plural(hr, 'hour', 'hours');
  return plural(Math.max(m, 1), 'minute', 'minutes');
}

/**
 * The indicators box: one "type value" a line, blank lines skipped.
 * Returns {items: [{type, value}], lines: [line number of each item], bad}.
 */
export function parseIndicators(text) {
  const items = [];
  const lines = [];
  let bad = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\S+)\s+(\S.*)$/.exec(line);
    if (!m) {
      if (!bad) bad = { line: i + 1, text: `Line ${i + 1}: give the type, a space, then the value, for example “domain evil-login[.]com”` };
      return;
    }
    items.push({ type: m[1].toLowerCase(), value: m[2].trim() });
    lines.push(i + 1);
  });
  return { items, lines, bad };
}
