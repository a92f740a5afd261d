// triage-clusters.js: the clusters of public reports that name the same
// suspect (web/common/list.js): largest first, sortable by size, dates,
// kind and value, filtered by words and the latest report's date, paged
// with a total and downloadable as CSV. Each cluster links its reports.
import { h, $, initPage, here, fmtDateTime } from './ui.js';
import { createList } from './list.js';
import { triager, states } from './triage-common.js';

const KIND = { url: 'URL', email: 'E-mail address', phone: 'Phone number', wallet: 'Wallet' };

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see the clusters of public reports.')));
    return;
  }
  if (!triager(user)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Public reports are read only by the NCPOC and CERT teams of the states they are routed to, and by RIFC analysts.')));
    return;
  }
  if (!user.state_code) {
    $('#f-state-field').hidden = false;
    for (const st of await states()) $('#f-state').append(h('option', { value: st.code }, st.name));
  }
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
  const list = createList({
    endpoint: '/api/v1/public-reports/clusters', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'clusters', caption: 'Clusters of public reports',
    noun: ['cluster', 'clusters'], sort: 'size', order: 'desc',
    rowId: (c) => 'cluster-' + c.id,
    empty: 'No two reports you may triage name the same suspect.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q' },
    columns: [
      { label: 'Kind', sort: 'kind', cell: (c) => KIND[c.kind] || c.kind },
      { label: 'Value', sort: 'value', cell: (c) => h('span', { class: 'mono' }, c.value) },
      { label: 'Reports', sort: 'size', cls: 'num', cell: (c) => String(c.size) },
      {
        label: 'Which',
        cell: (c) => c.reports.flatMap((r, i) => [i ? ', ' : '',
          h('a', { href: '/triage-report?id=' + r.id }, r.reference)]),
      },
      { label: 'First received', sort: 'first_at', cls: 'date', cell: (c) => fmtDateTime(c.first_at) },
      { label: 'Latest received', sort: 'latest_at', cls: 'date', cell: (c) => fmtDateTime(c.latest_at) },
    ],
  });
  await list.load();
}

main();
