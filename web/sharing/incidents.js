// incidents.js: the incidents the reader may see, through the shared list
// (list.js): words, dates, reporting state, status, RSIT class, severity
// and sector in the address; sortable columns; pages with a total; CSV
// and STIX downloads of what is shown.
import { h, $, fmtDateTime } from './ui.js';
import { tlpLabel } from './tlp.js';
import { createList } from './list.js';
import {
  SEVERITY, STATUS, loadVocab, loadStates, rsitName, incidentLink, canReport, startPage,
  loadFailed,
} from './sharing.js';

const gate = $('#gate');

function options(sel, pairs) {
  sel.append(...pairs.map(([k, v]) => h('option', { value: k }, v)));
}

async function main() {
  const user = await startPage(gate, 'reported incidents');
  if (!user) return;
  let vocab;
  let st;
  try {
    [vocab, st] = await Promise.all([loadVocab(), loadStates()]);
  } catch (e) {
    loadFailed(gate, 'The incidents', e);
    return;
  }
  const names = st.names;
  options($('#state'), st.items.map((s) => [s.code, s.name]));
  options($('#status'), vocab.statuses.map((s) => [s, STATUS[s] || s]));
  options($('#rsit'), vocab.rsit.map((c) => [c.key, c.name]));
  options($('#severity'), vocab.severities.map((s) => [s, SEVERITY[s] || s]));
  options($('#sector'), vocab.sectors.map((s) => [s.key, s.name + (s.critical ? ' (critical)' : '')]));
  $('#report-link').hidden = !canReport(user);
  const list = createList({
    endpoint: '/api/v1/incidents',
    form: $('#filters'),
    errors: $('#errors'),
    host: $('#results'),
    id: 'incidents',
    statusId: 'count',
    caption: 'Incidents',
    noun: ['incident', 'incidents'],
    sort: 'reported_at',
    order: 'desc',
    empty: 'No incidents you may read match these filters.',
    rowId: (i) => 'incident-' + i.id,
    links: (q) => [{
      text: 'Download STIX',
      href: '/api/v1/export/stix' + (q.get('state') ? '?state=' + encodeURIComponent(q.get('state')) : ''),
    }],
    columns: [
      { label: 'Marking', cell: (i) => tlpLabel(i.tlp) },
      { label: 'State', sort: 'state', cell: (i) => h('abbr', { title: names[i.state] || i.state }, i.state) },
      {
        label: 'Incident', sort: 'title', cell: (i) => [incidentLink(i.id, i.title), h('br'),
          h('span', { class: 'secondary small' }, `#${i.id} · ${rsitName(vocab, i.rsit_class, i.rsit_type)}`)],
      },
      {
        label: 'Severity', sort: 'severity',
        cell: (i) => h('span', { class: 'sev sev--' + i.severity }, SEVERITY[i.severity] || i.severity),
      },
      { label: 'Status', sort: 'status', cell: (i) => STATUS[i.status] || i.status },
      { label: 'Reported', sort: 'reported_at', cls: 'date', cell: (i) => fmtDateTime(i.reported_at) },
      {
        label: 'Critical infrastructure',
        cell: (i) => (i.critical_infrastructure ? h('span', { class: 'tag tag--ci' }, 'Critical infrastructure')
          : h('span', { class: 'secondary' }, 'No')),
      },
    ],
  });
  gate.replaceChildren();
  $('#list').hidden = false;
  await list.load();
}

main();
