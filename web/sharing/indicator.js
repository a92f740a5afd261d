// indicator.js: one indicator value as the reader may see it: its
// warning-list note, every readable sighting with its state, time, TLP
// marking and incident (a list of its own, web/common/list.js), the count
// of sightings above the reader's clearance, and the related values.
import { api } from './api.js';
import { h, $, fmtDateTime } from './ui.js';
import { tlpLabel } from './tlp.js';
import {
  RELATION, indicatorLink, incidentLink, restrictedNote, startPage, loadFailed, table, fillDl, plural,
} from './sharing.js';
import { createList } from './list.js';

const gate = $('#gate');
const id = Number(new URLSearchParams(location.search).get('id'));

// Every sighting the reader may read, as a list of its own (sorted,
// paged with a total, downloadable), and the count of those above the
// reader's clearance.
function sightings(v) {
  $('#sightings').replaceChildren(h('div', { id: 'sighting-list' }),
    restrictedNote(v.sightings_restricted, undefined, '/rfis?value=' + v.id) || '');
  if (!v.sightings_visible) {
    $('#sighting-list').replaceChildren(h('p', { class: 'secondary' }, 'No sighting you may read.'));
    return null;
  }
  return createList({
    endpoint: `/api/v1/indicators/${v.id}/sightings`, form: null,
    host: $('#sighting-list'), id: 'sightings-table', caption: 'Sightings you may read',
    noun: ['sighting', 'sightings'], sort: 'seen_at', order: 'desc',
    columns: [
      { label: 'Marking', sort: 'tlp', cell: (x) => tlpLabel(x.tlp) },
      { label: 'State', sort: 'state', cell: (x) => x.state || 'Regional' },
      { label: 'Seen', sort: 'seen_at', cls: 'date', cell: (x) => fmtDateTime(x.seen_at) },
      {
        label: 'Record', cell: (x) => [x.incident_id ? incidentLink(x.incident_id) : 'Reported as an indicator',
          x.note ? [h('br'), h('span', { class: 'secondary' }, x.note)] : null],
      },
    ],
  });
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
  const list = sightings(v);
  related(v);
  gate.replaceChildren();
  $('#ask').replaceChildren(h('a', { href: '/rfis?value=' + v.id },
    'Ask a question about this value'), ' (a request for information)');
  $('#record').hidden = false;
  if (list) await list.load();
}

main();
