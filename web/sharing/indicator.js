// indicator.js: one indicator value as the reader may see it: its
// warning-list note, every readable sighting with its state, time, TLP
// marking and incident, the count of sightings above the reader's
// clearance, and the related values.
import { api } from './api.js';
import { h, $, fmtDateTime } from './ui.js';
import { tlpLabel } from './tlp.js';
import {
  RELATION, indicatorLink, incidentLink, restrictedNote, startPage, loadFailed, table, fillDl, plural,
} from './sharing.js';

const gate = $('#gate');
const id = Number(new URLSearchParams(location.search).get('id'));

function sightings(v) {
  const rows = v.sightings.map((s) => h('tr', null,
    h('td', null, tlpLabel(s.tlp)),
    h('td', { 'data-label': 'State' }, s.state || 'Regional'),
    h('td', { 'data-label': 'Seen' }, fmtDateTime(s.seen_at)),
    h('td', { 'data-label': 'Record' }, s.incident_id ? incidentLink(s.incident_id)
      : 'Reported as an indicator', s.note ? [h('br'), h('span', { class: 'secondary' }, s.note)] : null)));
  $('#sightings').replaceChildren(rows.length
    ? table('sightings-table', [`Sightings you may read (${rows.length})`], ['Marking', 'State', 'Seen', 'Record'], rows)
    : h('p', { class: 'secondary' }, 'No sighting you may read.'),
  restrictedNote(v.sightings_restricted, undefined, '/rfis?value=' + v.id) || '');
}

function related(v) {
  const rows = (v.related || []).map((r) => h('tr', null,
    h('td', null, indicatorLink(r.id, r.value)),
    h('td', { 'data-label': 'Type' }, r.type),
    h('td', { 'data-label': 'Relation' }, RELATION[r.relation] || r.relation),
    h('td', { 'data-label': 'Sightings' }, `${r.sightings}` + (r.states && r.states.length ? ` (${r.states.join(', ')})` : '') +
      (r.restricted ? `; ${r.restricted} above your clearance` : ''))));
  $('#related').replaceChildren(rows.length
    ? table('related-table', ['Related values'], ['Value', 'Type', 'Relation', 'Sightings'], rows)
    : h('p', { class: 'secondary' }, 'No related value you may read.'),
  restrictedNote(v.related_restricted, ['related value', 'related values']) || '');
}

async function main() {
  const user = await startPage(gate, 'this indicator');
  if (!user) return;
  let v;
  try {
    if (!id) throw new Error('no indicator number in the address');
    v = await api('GET', '/api/v1/indicators/' + id);
  } catch (e) {
    if (e.status === 404) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('h2', null, 'No such indicator for you'),
        h('p', null, 'No value with this number has a sighting your clearance lets you read.'),
        h('p', null, h('a', { href: '/indicators' }, 'Look a value up'))));
    } else {
      loadFailed(gate, 'The indicator', e);
    }
    return;
  }
  document.title = `${v.value} – indicator – ccscap`;
  $('#caption').textContent = `Indicator #${v.id} · ${v.type}`;
  $('#title').textContent = v.value;
  $('#warning').replaceChildren(v.warning ? h('p', { class: 'warning' },
    `On a warning list: ${v.warning}. Such values are common and usually not malicious; ` +
    'they are left out of cross-state clusters.') : '');
  fillDl($('#details'), [
    ['Type', v.type],
    ['First seen', fmtDateTime(v.first_seen)],
    ['Last seen', fmtDateTime(v.last_seen)],
    ['Reported by', v.states && v.states.length ? v.states.join(', ') : 'No state you may see'],
    ['Sightings', `${plural(v.sightings_visible, 'sighting', 'sightings')} you may read` +
      (v.sightings_restricted ? `, ${v.sightings_restricted} above your clearance` : '')],
  ]);
  sightings(v);
  related(v);
  gate.replaceChildren();
  $('#ask').replaceChildren(h('a', { href: '/rfis?value=' + v.id },
    'Ask a question about this value'), ' (a request for information)');
  $('#record').hidden = false;
}

main();
