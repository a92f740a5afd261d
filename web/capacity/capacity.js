// capacity.js: what the capacity pages share: starting a page, the names
// of states, organisations and needs (read once a page), the IATI code
// words, the coverage stages, money per currency, list paging with the
// API's cursor, and placing the API's refusals beside the field they name.
import { api } from './api.js';
import { h, initPage, here, problem, sentence, showErrors } from './ui.js';

/** IATI ActivityStatus, OrganisationRole and friends, unchanged. */
export const STATUS = { 1: 'Pipeline', 2: 'Implementation', 3: 'Finalisation', 4: 'Closed',
  5: 'Cancelled', 6: 'Suspended' };
export const ORG_ROLE = { 1: 'Funding', 2: 'Accountable', 3: 'Extending', 4: 'Implementing' };
export const KIND = { project: 'Project', programme: 'Programme', training_series: 'Training series' };
export const BUDGET_TYPE = { 1: 'Original', 2: 'Revised' };
export const BUDGET_STATUS = { 1: 'Indicative', 2: 'Committed' };
export const TX_TYPE = { 1: 'Incoming funds', 2: 'Outgoing commitment', 3: 'Disbursement',
  4: 'Expenditure', 5: 'Interest repayment', 6: 'Loan repayment', 7: 'Reimbursement',
  8: 'Purchase of equity', 9: 'Sale of equity', 10: 'Credit guarantee',
  11: 'Incoming commitment', 12: 'Outgoing pledge', 13: 'Incoming pledge' };
export const RESULT_TYPE = { 1: 'Output', 2: 'Outcome', 3: 'Impact', 9: 'Other' };
export const RELATED_TYPE = { 1: 'Parent', 2: 'Child', 3: 'Sibling', 4: 'Co-funded', 5: 'Third party' };

/** Coverage stages, furthest last, with the words a cell shows. */
export const STAGES = [['uncovered', 'Uncovered'], ['pipeline', 'Pipeline'], ['pledged', 'Pledged'],
  ['committed', 'Committed'], ['disbursed', 'Disbursed'], ['completed', 'Completed']];
export const STAGE_WORD = Object.fromEntries(STAGES);

export const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** "6 June 2024" from "2024-06-06" (no time zone shift). */
export function fmtDay(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB',
    { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function period(a, b) {
  if (!a && !b) return 'Dates not given';
  if (a && b) return `${fmtDay(a)} to ${fmtDay(b)}`;
  return a ? `From ${fmtDay(a)}` : `Until ${fmtDay(b)}`;
}

/**
 * Starts a capacity page: the header, and for a visitor who is not signed
 * in a prompt in @gate. Returns the user or null.
 */
export async function startPage(gate, what) {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  // The capacity sub-navigation: this page marked, role-only entries shown to their role.
  for (const a of document.querySelectorAll('.subnav a')) {
    const also = { '/initiatives': ['/initiative', '/initiative-new'], '/trainings': ['/training', '/campaign'] }[a.getAttribute('href')] || [];
    if (a.getAttribute('href') === location.pathname || also.includes(location.pathname)) a.setAttribute('aria-current', 'page');
    const li = a.parentElement;
    if (li.dataset.role && !(user && user.role === li.dataset.role && !user.state_code)) li.remove();
  }
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'),
      ` to see ${what}. The plan's coordination record is for members with an account.`)));
  }
  return user;
}

export function loadFailed(gate, what, e) {
  gate.hidden = false;
  gate.replaceChildren(problem(`${what} could not be loaded: ${sentence(e.message)}`));
}

/** Every page of a capacity list (cursor paging), for small lists. */
export async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api('GET', path + sep + 'limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...r.items);
    cursor = r.next_cursor;
  } while (cursor);
  return items;
}

let refs;
/** {states: [{code, name}], stateName, orgs: [...], orgName, needs: [...]} */
export function loadRefs() {
  if (!refs) {
    refs = Promise.all([api('GET', '/api/v1/states'), all('/api/v1/organisations'),
      all('/api/v1/needs')]).then(([st, orgs, needs]) => ({
      states: st.items,
      stateName: Object.fromEntries(st.items.map((s) => [s.code, s.name])),
      orgs: orgs.sort((a, b) => a.name.localeCompare(b.name)),
      orgName: Object.fromEntries(orgs.map((o) => [o.id, o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name])),
      needs,
    }));
    refs.catch(() => { refs = null; });
  }
  return refs;
}

/** "USD 1,200.00 pledged; EUR 20,000.00 committed" lines from {CUR: {stage: amount}}. */
export function money(amount, cur) {
  const [i, f] = String(amount).split('.');
  const neg = i.startsWith('-');
  const digits = neg ? i.slice(1) : i;
  return `${cur} ${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${f ? '.' + f : ''}`;
}

/**
 * The pager under a list: "Showing 1 to 50 of 123", next and previous.
 * The API pages forward with a cursor; the pages already seen are kept in
 * ?after= as a stack so "Previous" goes back without a count query.
 */
export function pager(r, cursors, go) {
  const from = r.offset + 1;
  const to = r.offset + r.count;
  const nav = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('p', { id: 'page-total', role: 'status' }, r.total === 0 ? 'Nothing matches.'
      : `Showing ${from} to ${to} of ${r.total}`),
    h('ul', null,
      cursors.length ? h('li', null, h('a', { href: '#', rel: 'prev', id: 'prev',
        onclick: (e) => { e.preventDefault(); go(-1); } }, '← Previous page')) : null,
      r.next_cursor ? h('li', null, h('a', { href: '#', rel: 'next', id: 'next',
        onclick: (e) => { e.preventDefault(); go(1); } }, 'Next page →')) : null));
  return nav;
}

/**
 * The field a capacity refusal names: messages start with the field's path
 * ("planned_end (…) is before …", "states: …", "needs[0]: …",
 * "transactions[2].amount: …"). @fieldOf maps a path's first part or an
 * error code to an element id on the form.
 */
export function capRefusal(e, fieldOf = {}) {
  const m = /^([a-z_]+)(?:\[\d+\])?(?:\.[a-z_]+)?[ :]/.exec(e.message || '');
  const name = fieldOf[e.code] || (m && (fieldOf[m[1]] || m[1]));
  const el = name && document.getElementById(name);
  const field = el && el.closest('.field') && !el.closest('[hidden]') ? name : null;
  return { field, text: sentence(e.message) };
}

export function showRefusal(form, host, e, fieldOf) {
  if (e.status === 401) {
    showErrors(form, host, [{ field: null, text: 'Your session has ended. Sign in again, then resend.' }]);
    return;
  }
  showErrors(form, host, [capRefusal(e, fieldOf)]);
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

export const initiativeLink = (i) => h('a', { href: '/initiative?id=' + i.id }, i.title);

/** Fills a description list from [[term, definition]], skipping empty ones. */
export function fillDl(dl, rows) {
  dl.replaceChildren(...rows.filter((r) => r && r[1] !== null && r[1] !== undefined && r[1] !== '')
    .flatMap(([t, d]) => [h('dt', null, t), h('dd', null, d)]));
}

export const isCoordinator = (u) => Boolean(u && u.role === 'coordinator');

/**
 * The message after a training or campaign (@kind) completes: how many
 * status updates it proposed (the API's proposals_made) with a link to
 * them on the proposals page, where the RIFC decides them.
 */
export function completedNote(kind, rec) {
  const n = rec.proposals_made || 0;
  const href = `/proposals?source=${kind}&source_id=${rec.id}`;
  const box = h('div', { class: 'success', role: 'status', tabindex: '-1', id: 'completed-note' },
    h('p', null, `“${rec.title}” is completed. `, n
      ? [`It proposed ${plural(n, 'status update', 'status updates')} for the standards it targets. The RIFC accepts or dismisses ${n === 1 ? 'it' : 'them'} on `,
        h('a', { href, id: 'proposals-link' }, `the proposals page (${plural(n, 'proposal', 'proposals')})`), '.']
      : 'It proposed no status update: it targets no standard, or the states it covered meet them already.'));
  return box;
}
