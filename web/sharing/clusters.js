// clusters.js: cross-state clusters for RIFC analysts: values sighted by
// at least N states within D days (GET /api/v1/clusters), as a list
// (web/common/list.js): sorted by states, times, sightings, value or
// type, filtered by words and the last sighting's date, paged with a
// total, downloadable as CSV.
import { h, $, fmtDateTime, USER_ROLE, problem } from './ui.js';
import { indicatorLink, startPage, plural } from './sharing.js';
import { createList } from './list.js';

const gate = $('#gate');

const COLUMNS = [
  { label: 'Value', sort: 'value', cell: (c) => indicatorLink(c.id, c.value) },
  { label: 'Type', sort: 'type', cell: (c) => c.type },
  {
    label: 'States', sort: 'nstates', cls: 'states',
    cell: (c) => [h('strong', null, String(c.nstates)), `: ${c.states.join(', ')}`],
  },
  { label: 'Sightings', sort: 'sightings', cls: 'num', cell: (c) => String(c.sightings) },
  { label: 'First seen', sort: 'first_seen', cls: 'date', cell: (c) => fmtDateTime(c.first_seen) },
  { label: 'Last seen', sort: 'last_seen', cls: 'date', cell: (c) => fmtDateTime(c.last_seen) },
];

async function main() {
  const user = await startPage(gate, 'cross-state clusters');
  if (!user) return;
  if (user.role !== 'rifc_analyst' || user.state_code) {
    gate.replaceChildren(problem(`Cross-state clusters are for RIFC analysts; your role is ${USER_ROLE[user.role] || user.role}.`,
      h('p', null, h('a', { href: '/indicators' }, 'Look a value up instead'))));
    return;
  }
  gate.replaceChildren();
  $('#page').hidden = false;
  const list = createList({
    endpoint: '/api/v1/clusters', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'cluster-table', caption: 'Clusters',
    noun: ['value', 'values'], sort: 'nstates', order: 'desc',
    columns: COLUMNS, statusId: 'count', defaults: { min_states: '2', days: '10' },
    get empty() {
      const p = list.params();
      return `No value was seen by ${p.get('min_states') || 2} or more states within ` +
        `${plural(Number(p.get('days') || 10), 'day', 'days')}.`;
    },
    fieldOf: { invalid_date: 'from', invalid_query: 'q' },
  });
  await list.load();
}

main();
