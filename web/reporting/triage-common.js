// triage-common.js: what the two triage pages share: who may triage,
// the words of report statuses, priorities, categories and referral
// targets, and how long a report has waited, in words.
import { api } from './api.js';
import { h, loadVocab } from './ui.js';

/** The portal's categories (core/reporting/report.c), in form order. */
export const CATEGORY = {
  child_exploitation: 'Online child sexual exploitation',
  fraud: 'Fraud and scams',
  ransomware: 'Ransomware and extortion',
  account_takeover: 'Account takeover and hacking',
  harassment: 'Harassment and cyber-bullying',
  identity_theft: 'Identity theft',
  other: 'Other',
};

/** Whether @p u triages public reports (a state's NCPOC or CERT, the RIFC). */
export function triager(u) {
  if (!u) return false;
  if (u.role === 'rifc_analyst') return !u.state_code;
  return ['ncpoc', 'cert'].includes(u.role) && !!u.state_code;
}

/** {statuses, priorities, referrals, rsit}: key -> name maps and RSIT. */
export async function triageWords() {
  const v = await loadVocab();
  const map = (name) => Object.fromEntries((v.words[name] || []).map((w) => [w.key, w.name]));
  return {
    statuses: map('public_report_statuses'),
    priorities: map('public_report_priorities'),
    referrals: map('public_report_referrals'),
    rsit: v.rsit || [],
  };
}

/** "3 days 4 hours", "45 minutes": how long @p secs is. */
export function waited(secs) {
  if (secs === null || secs === undefined) return '';
  const d = Math.floor(secs / 86400);
  const hrs = Math.floor((secs % 86400) / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const p = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (d > 0) return hrs ? `${p(d, 'day')} ${p(hrs, 'hour')}` : p(d, 'day');
  if (hrs > 0) return p(hrs, 'hour');
  return p(m, 'minute');
}

/** A priority as a tag with its word (never colour alone). */
export function priorityTag(key, words) {
  const cls = { urgent: 'tag tag--unmet', high: 'tag tag--min', normal: 'tag tag--pending', low: 'tag tag--nodata' }[key] || 'tag';
  return h('span', { class: cls }, words.priorities[key] || key);
}

/** The states of the directory, for the RIFC's state choice. */
export async function states() {
  const r = await api('GET', '/api/v1/states');
  return (r.items || r).map((s) => ({ code: s.code, name: s.name }));
}
