// incidents.js: the incidents the reader may see, filtered by reporting
// state, status, RSIT class, severity and sector; the filters live in the
// address so a filtered list can be bookmarked and shared.
import { api } from './api.js';
import { h, $, fmtDateTime } from './ui.js';
import { tlpLabel } from './tlp.js';
import {
  SEVERITY, STATUS, loadVocab, loadStates, rsitName, incidentLink, canReport, startPage,
  loadFailed, table, plural,
} from './sharing.js';

const FILTERS = ['state', 'status', 'rsit', 'severity', 'sector'];
const gate = $('#gate');
let vocab;
let names;

function options(sel, pairs) {
  sel.append(...pairs.map(([k, v]) => h('option', { value: k }, v)));
}

function row(i) {
  return h('tr', { id: 'incident-' + i.id },
    h('td', { 'data-label': 'Marking' }, tlpLabel(i.tlp)),
    h('td', { 'data-label': 'State' }, h('abbr', { title: names[i.state] || i.state }, i.state)),
    h('td', { 'data-label': 'Incident' }, incidentLink(i.id, i.title), h('br'),
      h('span', { class: 'secondary small' }, `#${i.id} · ${rsitName(vocab, i.rsit_class, i.rsit_type)}`)),
    h('td', { 'data-label': 'Severity' }, h('span', { class: 'sev sev--' + i.severity }, SEVERITY[i.severity] || i.severity)),
    h('td', { 'data-label': 'Status' }, STATUS[i.status] || i.status),
    h('td', { 'data-label': 'Reported' }, fmtDateTime(i.reported_at)),
    h('td', { 'data-label': 'Critical infrastructure' }, i.critical_infrastructure
      ? h('span', { class: 'tag tag--ci' }, 'Critical infrastructure')
      : h('span', { class: 'secondary' }, 'No')));
}

async function show() {
  const q = new URLSearchParams(location.search);
  const p = new URLSearchParams();
  for (const f of FILTERS) {
    const v = q.get(f) || '';
    $('#' + f).value = v;
    if (v) p.set(f, v);
  }
  p.set('limit', '200');
  $('#count').textContent = 'Loading…';
  try {
    const r = await api('GET', '/api/v1/incidents?' + p);
    const n = r.items.length;
    $('#count').textContent = n ? `${plural(n, 'incident', 'incidents')} you may read` +
      (n === 200 ? ' (the newest 200: narrow the filters to see others)' : '')
      : 'No incidents you may read match these filters.';
    $('#results').replaceChildren(n ? table('incidents', ['Incidents'],
      ['Marking', 'State', 'Incident', 'Severity', 'Status', 'Reported', 'Critical infrastructure'],
      r.items.map(row)) : '');
  } catch (e) {
    $('#count').textContent = '';
    loadFailed($('#results'), 'The incidents', e);
  }
}

async function main() {
  const user = await startPage(gate, 'reported incidents');
  if (!user) return;
  let st;
  try {
    [vocab, st] = await Promise.all([loadVocab(), loadStates()]);
  } catch (e) {
    loadFailed(gate, 'The incidents', e);
    return;
  }
  names = st.names;
  options($('#state'), st.items.map((s) => [s.code, s.name]));
  options($('#status'), vocab.statuses.map((s) => [s, STATUS[s] || s]));
  options($('#rsit'), vocab.rsit.map((c) => [c.key, c.name]));
  options($('#severity'), vocab.severities.map((s) => [s, SEVERITY[s] || s]));
  options($('#sector'), vocab.sectors.map((s) => [s.key, s.name + (s.critical ? ' (critical)' : '')]));
  $('#report-link').hidden = !canReport(user);
  $('#filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const f of FILTERS) if ($('#' + f).value) p.set(f, $('#' + f).value);
    history.pushState(null, '', location.pathname + (p.toString() ? '?' + p : ''));
    show();
  });
  window.addEventListener('popstate', show);
  gate.replaceChildren();
  $('#list').hidden = false;
  await show();
}

main();
