// triage.js: a state's queue of public reports, with its clock; the queue
// is a web/common/list.js list (filters and sort in the address bar, a
// total, Previous/Next, CSV), the rows linking to each report's page.
import { api } from './api.js';
import { h, $, initPage, here, problem, fmtDateTime } from './ui.js';
import { createList } from './list.js';
import { CATEGORY, triager, triageWords, waited, priorityTag, states } from './triage-common.js';

function options(sel, map, chosen) {
  for (const [k, v] of Object.entries(map)) sel.append(h('option', { value: k }, v));
  sel.value = chosen || '';
}

function clock(c) {
  const row = (t, d) => [h('dt', null, t), h('dd', null, d)];
  $('#clock-list').replaceChildren(
    ...row('Received', String(c.received)),
    ...row('Triaged at least once', String(c.triaged)),
    ...row('Waiting for a first look', String(c.untriaged)),
    ...row('Oldest waiting', c.oldest_untriaged_age_seconds === null ? 'None waiting'
      : `${waited(c.oldest_untriaged_age_seconds)} (received ${fmtDateTime(c.oldest_untriaged_at)})`),
    ...row('Average time to a first look', c.mean_seconds_to_first_triage === null ? 'Nothing triaged yet'
      : waited(c.mean_seconds_to_first_triage)));
}

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see the reports to triage.')));
    return;
  }
  if (!triager(user)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Public reports are read only by the NCPOC and CERT teams of the states they are routed to, and by RIFC analysts.')));
    return;
  }
  const q = new URLSearchParams(location.search);
  const words = await triageWords();
  options($('#f-status'), words.statuses, q.get('status'));
  options($('#f-priority'), words.priorities, q.get('priority'));
  options($('#f-category'), CATEGORY, q.get('category'));
  if (!user.state_code) {
    $('#f-state-field').hidden = false;
    for (const st of await states()) $('#f-state').append(h('option', { value: st.code }, st.name));
  }
  try {
    const stq = q.get('state') ? '?state=' + encodeURIComponent(q.get('state')) : '';
    clock(await api('GET', '/api/v1/public-reports/clock' + stq));
  } catch (e) {
    gate.replaceChildren(problem(`The queue could not be loaded: ${e.message}`));
    return;
  }
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
  const list = createList({
    endpoint: '/api/v1/public-reports', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'queue', caption: 'Public reports in the queue',
    noun: ['report', 'reports'], sort: 'urgency', order: 'asc',
    empty: 'No reports match.',
    fieldOf: { invalid_age: 'f-age', invalid_status: 'f-status', invalid_date: 'from', invalid_query: 'q' },
    columns: [
      { label: 'Reference', sort: 'reference', cell: (r) => h('a', { href: '/triage-report?id=' + r.id }, r.reference) },
      {
        label: 'Priority', sort: 'urgency',
        cell: (r) => [priorityTag(r.priority, words), r.imminent_harm ? ' Imminent harm' : ''],
      },
      { label: 'Category', sort: 'category', cell: (r) => CATEGORY[r.category] || r.category },
      { label: 'Status', sort: 'status', cell: (r) => words.statuses[r.status] || r.status },
      { label: 'Received', sort: 'created_at', cls: 'date', cell: (r) => fmtDateTime(r.created_at) },
      { label: 'Waiting', cell: (r) => waited(r.age_seconds) },
      {
        label: 'Bundled with',
        cell: (r) => (r.bundled_with ? `${r.bundled_with} other report${r.bundled_with === 1 ? '' : 's'}` : '–'),
      },
    ],
  });
  await list.load();
}

main();
