// trainings.js: the training calendar under the list contract
// (web/common/list.js): cards by start date, filtered by words, start
// date, state, audience, status and year, sorted by the form, paged with
// a total and Previous/Next, downloadable as CSV. The awareness
// campaigns have their own list (campaigns.js).
import { api } from './api.js';
import { h, $ } from './ui.js';
import { createList } from './list.js';
import { startPage, loadFailed, loadRefs, period, flash, isCoordinator } from './capacity.js';

let refs;
const aud = {};
const STATUS_WORD = { planned: 'Planned', completed: 'Completed', cancelled: 'Cancelled' };

function card(t) {
  return h('li', { class: 'card training', id: 'training-' + t.id },
    h('h3', null, h('a', { href: '/training?id=' + t.id }, t.title)),
    h('p', { class: 'secondary small' }, h('strong', null, STATUS_WORD[t.status] || t.status),
      ` · ${period(t.start, t.end)}`, t.place ? ` · ${t.place}` : '', t.online ? ' · online' : ''),
    t.audiences.length ? h('p', { class: 'small' }, h('strong', null, 'For: '), t.audiences.map((a) => aud[a] || a).join(', ')) : null,
    t.states && t.states.length ? h('p', { class: 'small' }, h('strong', null, 'States: '),
      t.states.map((s) => refs.stateName[s] || s).join(', ')) : null);
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the training calendar');
  if (!user) return;
  try {
    const [r, v] = await Promise.all([loadRefs(), api('GET', '/api/v1/vocabularies')]);
    refs = r;
    for (const w of v.words.training_audiences || []) aud[w.key] = w.name;
  } catch (e) {
    loadFailed(gate, 'The training calendar', e);
    return;
  }
  $('#state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#audience').append(...Object.entries(aud).map(([k, n]) => h('option', { value: k }, n)));
  if (isCoordinator(user) || user.role === 'partner') {
    $('#new-link').hidden = false;
    $('#new-campaign').hidden = false;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const list = createList({
    endpoint: '/api/v1/trainings', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'training-table', caption: 'Trainings',
    noun: ['training', 'trainings'], sort: 'start', order: 'asc', columns: [],
    // the form's sort and order: an empty choice is the API's default
    defaults: { sort: 'start', order: '' },
    empty: 'No training matches these filters.',
    fieldOf: {
      invalid_query: 'q', invalid_date: 'from', invalid_year: 'year', invalid_state_code: 'state',
      invalid_status: 't-status', unknown_audience: 'audience', invalid_sort: 'sort', invalid_order: 'order',
    },
    render: (items) => h('ul', { class: 'cards', id: 'training-list' }, items.map(card)),
  });
  await list.load();
}

main();
