// organisations.js: every organisation the reader may see (web/common/
// list.js): sorted by name, kind, acronym, state or the last change,
// filtered by words, kind, state and date, paged with a total and
// downloadable as CSV. The public sees the regional and international
// ones only (the API decides).
import { api } from './api.js';
import { h, $, KIND, initPage, problem } from './ui.js';
import { createList, isoDate } from './list.js';

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  const statesP = api('GET', '/api/v1/states');
  try { await initPage(); } catch { /* the header says so */ }
  const names = {};
  try {
    for (const s of (await statesP).items) {
      names[s.code] = s.name;
      $('#state').append(h('option', { value: s.code }, s.name));
    }
  } catch (e) {
    gate.replaceChildren(problem('The organisations could not be loaded: ' + e.message));
    return;
  }
  $('#kind').append(...Object.entries(KIND).map(([k, v]) => h('option', { value: k }, v)));
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
  const list = createList({
    endpoint: '/api/v1/organisations', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'organisations', caption: 'Organisations',
    noun: ['organisation', 'organisations'], sort: 'name', order: 'asc',
    rowId: (o) => 'org-' + o.id, empty: 'No organisation you may see matches.',
    fieldOf: { invalid_query: 'q', invalid_date: 'from', invalid_kind: 'kind', invalid_state_code: 'state' },
    columns: [
      { label: 'Name', sort: 'name', cell: (o) => h('a', { href: '/organisation?id=' + o.id }, o.name) },
      { label: 'Acronym', sort: 'acronym', cell: (o) => o.acronym || '' },
      { label: 'Kind', sort: 'kind', cell: (o) => KIND[o.kind] || o.kind },
      { label: 'State', sort: 'state', cell: (o) => (o.state ? names[o.state] || o.state : 'Regional') },
      { label: 'Changed', sort: 'updated_at', cls: 'date', cell: (o) => isoDate(o.updated_at) },
    ],
  });
  await list.load();
}

main();
