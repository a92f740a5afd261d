// initiative.js: one initiative with all its IATI fields: organisations
// with their roles, states with shares, needs and standards, budgets and
// transactions per currency, results, related initiatives and documents.
import { api } from './api.js';
import { h, $, fmtDateTime } from './ui.js';
import {
  startPage, loadFailed, loadRefs, STATUS, ORG_ROLE, KIND, BUDGET_TYPE, BUDGET_STATUS,
  TX_TYPE, RESULT_TYPE, RELATED_TYPE, period, money, fmtDay, flash, fillDl, isCoordinator,
} from './capacity.js';

const id = Number(new URLSearchParams(location.search).get('id'));

const table = (idv, caption, heads, rows) => h('table', { class: 'stack', id: idv },
  h('caption', { class: 'vh' }, caption),
  h('thead', null, h('tr', null, heads.map((t) => h('th', { scope: 'col' }, t)))),
  h('tbody', null, rows.map((r) => h('tr', null, r.map((c, n) => h('td', { 'data-label': heads[n] }, c))))));
const none = (what) => h('p', { class: 'secondary' }, what);

function render(i, refs, user) {
  document.title = `${i.title} – initiative – ccscap`;
  $('#title').textContent = i.title;
  $('#lead').textContent = `${KIND[i.kind] || i.kind}, ${(STATUS[i.status] || i.status_name).toLowerCase()}. ` +
    (i.seeded_public ? 'Entered from public sources, not by the organisations involved.' : '');
  // A merged record stays readable but is superseded: say so first.
  $('#merged').hidden = !i.merged_into;
  if (i.merged_into) {
    $('#merged').replaceChildren(h('p', null, h('strong', null, 'Merged. '),
      'This initiative was the same work as ', h('a', { href: '/initiative?id=' + i.merged_into.id },
        i.merged_into.title), ` (${i.merged_into.iati_identifier}), which replaces it. It no longer counts in `
      + 'coverage, funding totals or possible duplicates, and it cannot be edited.'));
  }
  fillDl($('#details'), [
    ['IATI identifier', h('span', { class: 'mono' }, i.iati_identifier)],
    ['Status', `${STATUS[i.status] || i.status_name} (IATI code ${i.status})`],
    ['Planned', period(i.planned_start, i.planned_end)],
    ['Actual', i.actual_start || i.actual_end ? period(i.actual_start, i.actual_end) : null],
    ['Default currency', i.default_currency],
    ['Reporting organisation', i.reporting_org_id ? refs.orgName[i.reporting_org_id] : null],
    ['Last changed', `${fmtDateTime(i.updated_at)} by ${i.updated_by} (version ${i.version})`],
  ]);
  $('#description').replaceChildren(i.description ? h('p', { class: 'pre' }, i.description) : '');
  $('#orgs').replaceChildren(i.organisations.length ? table('org-table', 'Organisations and roles',
    ['Organisation', 'Role'], i.organisations.map((o) => [
      h('a', { href: '/organisation?id=' + o.id }, o.acronym ? `${o.name} (${o.acronym})` : o.name),
      `${ORG_ROLE[o.role] || o.role_name} (${o.role})`])) : none('No organisation named.'));
  $('#states').replaceChildren(i.states.length ? table('state-table', 'Recipient states and shares',
    ['State', 'Share'], i.states.map((s) => [s.state ? refs.stateName[s.state] || s.state : 'The region as a whole',
      s.percentage ? `${s.percentage}%` : 'Not given'])) : none('No recipient named.'));
  const needText = Object.fromEntries(refs.needs.map((n) => [n.ref, n.need]));
  $('#needs').replaceChildren(
    i.needs.length ? h('ul', null, i.needs.map((n) => h('li', null, h('strong', null, n), ' ', needText[n] || ''))) : none('No need named.'),
    i.standards.length ? h('p', null, 'Standards targeted (lineages): ', i.standards.join(', ')) : null);
  const budgets = i.budgets.length ? table('budget-table', 'Budgets', ['Period', 'Type', 'Amount', 'Value date'],
    i.budgets.map((b) => [period(b.period_start, b.period_end),
      `${BUDGET_TYPE[b.type] || b.type}, ${(BUDGET_STATUS[b.status] || b.status || '').toString().toLowerCase()}`,
      money(b.value || b.amount, b.currency), fmtDay(b.value_date)])) : none('No budget recorded.');
  const tx = i.transactions.length ? table('tx-table', 'Transactions', ['Date', 'Type', 'Amount', 'Need or state'],
    i.transactions.map((t) => [fmtDay(t.date || t.transaction_date), `${TX_TYPE[t.type] || t.type}`,
      money(t.value || t.amount, t.currency), [t.need, t.state].filter(Boolean).join(', ') || 'Whole initiative'])) : none('No transaction recorded.');
  const totals = {};
  for (const t of i.transactions) {
    const k = `${t.currency} ${TX_TYPE[t.type] || t.type}`;
    totals[k] = (totals[k] || 0) + Number(t.amount_minor || 0);
  }
  const sums = Object.entries(totals).map(([k, minor]) => {
    const [cur, ...what] = k.split(' ');
    const dec = (i.transactions.find((t) => t.currency === cur).amount.split('.')[1] || '').length;
    const txt = dec ? (minor / 10 ** dec).toFixed(dec) : String(minor);
    return h('li', null, `${what.join(' ')}: ${money(txt, cur)}`);
  });
  $('#money').replaceChildren(h('h3', null, 'Budgets'), budgets, h('h3', null, 'Transactions'), tx,
    sums.length ? [h('h3', null, 'Transaction totals per currency'), h('ul', { id: 'tx-totals' }, sums)] : null);
  $('#results').replaceChildren(i.results.length ? table('result-table', 'Results', ['Result', 'Type', 'Baseline', 'Target', 'Actual'],
    i.results.map((r) => [r.title, RESULT_TYPE[r.type] || r.type, r.baseline ?? '–', r.target ?? '–', r.actual ?? '–'])) : none('No result recorded.'));
  $('#related').replaceChildren(i.related.length ? h('ul', null, i.related.map((r) => h('li', null,
    `${RELATED_TYPE[r.type] || r.type}: `, r.initiative_id || r.id
      ? h('a', { href: '/initiative?id=' + (r.initiative_id || r.id) }, r.title || r.iati_identifier || `initiative ${r.initiative_id || r.id}`)
      : h('span', { class: 'mono' }, r.iati_identifier || r.ref || '')))) : none('None recorded.'));
  $('#docs').replaceChildren(i.documents.length ? h('ul', null, i.documents.map((d) => h('li', null,
    h('a', { href: d.url, rel: 'noopener' }, d.title || d.url), d.category ? ` (category ${d.category})` : ''))) : none('No document linked.'));
  if (!i.merged_into && (isCoordinator(user) || user.role === 'partner')) {
    $('#edit').href = '/initiative-new?id=' + i.id;
    $('#edit-link').hidden = false;
  }
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'this initiative');
  if (!user) return;
  try {
    const [i, refs] = await Promise.all([api('GET', '/api/v1/initiatives/' + id), loadRefs()]);
    render(i, refs, user);
  } catch (e) {
    if (e.status === 404) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'There is no initiative with this number. ',
        h('a', { href: '/initiatives' }, 'See all initiatives'), '.')));
      return;
    }
    loadFailed(gate, 'The initiative', e);
    return;
  }
  gate.replaceChildren();
  $('#one').hidden = false;
  flash($('#flash'));
}

main();
