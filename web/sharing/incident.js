// incident.js: one incident as the reader may see it: its TLP marking and
// who it was shared with, its details, a status control for the reporting
// state's team and the RIFC (PATCH with the version read, so a stale edit
// is refused), its indicators with where else each value was seen, related
// incidents and files.
import { api } from './api.js';
import { h, $, fmtDateTime, showErrors, clearErrors, sentence } from './ui.js';
import { tlpLabel } from './tlp.js';
import {
  SEVERITY, STATUS, loadVocab, loadStates, rsitName, indicatorLink, incidentLink, matchesView,
  restrictedNote, startPage, loadFailed, table, fillDl, flash, markingBox,
} from './sharing.js';

const gate = $('#gate');
const id = Number(new URLSearchParams(location.search).get('id'));
let inc;
let vocab;
let names;

const stateName = (c) => (names[c] ? `${names[c]} (${c})` : c);
const list = (a, f = (x) => x) => (a && a.length ? a.map(f).join(', ') : 'None given');

function details() {
  const sec = (k) => {
    const s = vocab.sectors.find((x) => x.key === k);
    return s ? s.name + (s.critical ? ' (critical infrastructure)' : '') : k;
  };
  const crime = (k) => (vocab.crime_links.find((x) => x.key === k) || { name: k }).name;
  fillDl($('#details'), [
    ['Reporting state', stateName(inc.state)],
    ['Reported', `${fmtDateTime(inc.reported_at)} by ${inc.author}`],
    ['Class (RSIT)', rsitName(vocab, inc.rsit_class, inc.rsit_type)],
    ['Severity', h('span', { class: 'sev sev--' + inc.severity }, SEVERITY[inc.severity] || inc.severity)],
    ['Status', h('span', { id: 'status-now' }, STATUS[inc.status] || inc.status)],
    ['Critical infrastructure', inc.critical_infrastructure
      ? h('span', { class: 'tag tag--ci' }, 'Yes: a critical-infrastructure sector is affected') : 'No'],
    ['Sectors', list(inc.sectors, sec)],
    ['Links to other crime', list(inc.crime_links, crime)],
    ['Other states involved', list(inc.states_involved, stateName)],
    ['Happened', inc.occurred_at ? fmtDateTime(inc.occurred_at) : 'Not given'],
    ['Detected', inc.detected_at ? fmtDateTime(inc.detected_at) : 'Not given'],
  ]);
}

function indicators() {
  if (!inc.indicators.length) {
    $('#indicators').replaceChildren(h('p', { class: 'secondary' }, 'No indicators were reported with this incident.'));
    return;
  }
  $('#indicators').replaceChildren(table('indicator-table', [`Indicators (${inc.indicators.length})`],
    ['Value', 'Type', 'Seen elsewhere'],
    inc.indicators.map((i) => h('tr', { 'data-value': i.value },
      h('td', null, indicatorLink(i.id, i.value),
        i.warning ? h('p', { class: 'warnlist' }, `On a warning list: ${i.warning}. Probably not malicious.`) : null),
      h('td', { 'data-label': 'Type' }, i.type),
      h('td', { 'data-label': 'Seen elsewhere', class: 'matches' }, matchesView(i.matches, i.id))))));
}

function related() {
  const items = inc.related || [];
  const more = restrictedNote(inc.related_restricted, ['related incident', 'related incidents'],
    '/rfis?incident=' + inc.id);
  $('#related-section').hidden = !items.length && !more;
  $('#related').replaceChildren(items.length ? table('related-table', ['Related incidents'],
    ['Marking', 'Incident', 'State', 'Status'], items.map((r) => h('tr', null,
      h('td', null, tlpLabel(r.tlp)),
      h('td', { 'data-label': 'Incident' }, incidentLink(r.id, r.title)),
      h('td', { 'data-label': 'State' }, r.state || ''),
      h('td', { 'data-label': 'Status' }, STATUS[r.status] || r.status)))) : '', more || '');
}

function files() {
  const f = inc.files || [];
  $('#files-section').hidden = !f.length;
  $('#files').replaceChildren(...f.map((x) => h('li', null,
    h('a', { href: '/api/v1/evidence/' + x.sha256, download: x.filename }, x.filename),
    ` (${x.content_type}, ${Math.max(1, Math.round(x.size / 1024))} KB)`)));
}

/** The reporting state's team and the RIFC may move the status (server rule). */
function mayUpdate(user) {
  return (user.role === 'rifc_analyst' && !user.state_code) ||
    (['ncpoc', 'cert', 'coordinator'].includes(user.role) && user.state_code === inc.state);
}

async function saveStatus(ev) {
  ev.preventDefault();
  const form = $('#status-form');
  const errors = $('#errors');
  const status = $('#status').value;
  clearErrors(form, errors);
  $('#status-done').textContent = '';
  if (status === inc.status) {
    showErrors(form, errors, [{ field: 'status', text: `The status is already “${STATUS[status]}”: choose another` }]);
    return;
  }
  $('#save-status').disabled = true;
  try {
    inc = await api('PATCH', '/api/v1/incidents/' + id, { version: inc.version, status });
    details();
    $('#status-done').textContent = `Status changed to “${STATUS[inc.status] || inc.status}”.`;
  } catch (e) {
    const text = e.code === 'stale_version'
      ? 'Someone changed this incident since you opened it. Reload the page to see their change, then try again.'
      : sentence(e.message);
    showErrors(form, errors, [{ field: 'status', text }]);
    if (e.code === 'stale_version') {
      errors.firstChild.append(h('p', null, h('a', { href: location.pathname + location.search }, 'Reload the incident')));
    }
  } finally {
    $('#save-status').disabled = false;
  }
}

async function main() {
  const user = await startPage(gate, 'this incident');
  if (!user) return;
  if (!id) {
    loadFailed(gate, 'The incident', new Error('no incident number in the address'));
    return;
  }
  let st;
  try {
    [inc, vocab, st] = await Promise.all([api('GET', '/api/v1/incidents/' + id), loadVocab(), loadStates()]);
  } catch (e) {
    if (e.status === 404) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('h2', null, `No incident #${id} for you`),
        h('p', null, 'There is no incident with this number that your clearance lets you read. ' +
          'If you were told about it, ask the RIFC or the reporting state.'),
        h('p', null, h('a', { href: '/incidents' }, 'See the incidents you may read'))));
    } else {
      loadFailed(gate, 'The incident', e);
    }
    return;
  }
  names = st.names;
  document.title = `${inc.title} – incident #${id} – ccscap`;
  $('#caption').textContent = `Incident #${id} · ${stateName(inc.state)}`;
  $('#title').textContent = inc.title;
  $('#description').textContent = inc.description;
  markingBox($('#marking'), inc.sharing, names);
  details();
  indicators();
  related();
  files();
  if (mayUpdate(user)) {
    $('#status').append(...vocab.statuses.map((s) => h('option', { value: s }, STATUS[s] || s)));
    $('#status').value = inc.status;
    $('#status-form').addEventListener('submit', saveStatus);
    $('#status-section').hidden = false;
  }
  flash($('#flash'), 'Incident reported');
  gate.replaceChildren();
  $('#ask').replaceChildren(h('a', { href: '/rfis?incident=' + inc.id },
    'Ask a question about this incident'), ' (a request for information)');
  $('#downloads').replaceChildren(h('a', { class: 'button secondary', id: 'download-stix',
    href: `/api/v1/incidents/${inc.id}/stix`, download: `ccscap-incident-${inc.id}.json` }, 'Download STIX'),
  inc.stix_id ? [' ', h('a', { href: '/stix/' + encodeURIComponent(inc.stix_id) }, 'The STIX object it was imported from')]
    : null);
  $('#record').hidden = false;
}

main();
