// campaigns.js: the awareness campaigns under the list contract
// (web/common/list.js): a table sorted by its headers (start, end,
// title, status, state, last change), filtered by words, start date,
// state, audience, status and year, paged with a total and
// Previous/Next, downloadable as CSV; each links to its page.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { createList, isoDate } from './list.js';
import { startPage, loadFailed, loadRefs, flash, isCoordinator } from './capacity.js';

const STATUS_WORD = { planned: 'Planned', completed: 'Completed', cancelled: 'Cancelled' };

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the awareness campaigns');
  if (!user) return;
  let refs;
  const aud = {};
  try {
    const [r, v] = await Promise.all([loadRefs(), api('GET', '/api/v1/vocabularies')]);
    refs = r;
    for (const w of v.words.campaign_audiences || []) aud[w.key] = w.name;
  } catch (e) {
    loadFailed(gate, 'The awareness campaigns', e);
    return;
  }
  $('#state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#audience').append(...Object.entries(aud).map(([k, n]) => h('option', { value: k }, n)));
  if (isCoordinator(user) || user.role === 'partner') $('#new-campaign').hidden = false;
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const list = createList({
    endpoint: '/api/v1/campaigns', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'campaign-list', caption: 'Awareness campaigns',
    noun: ['campaign', 'campaigns'], sort: 'start', order: 'asc',
    empty: 'No awareness campaign matches these filters.',
    rowId: (c) => 'campaign-' + c.id,
    fieldOf: {
      invalid_query: 'q', invalid_date: 'from', invalid_year: 'year', invalid_state_code: 'state',
      invalid_status: 'c-status', unknown_audience: 'audience',
    },
    columns: [
      { label: 'Title', sort: 'title', cell: (c) => h('a', { href: '/campaign?id=' + c.id }, c.title) },
      { label: 'State', sort: 'state', cell: (c) => refs.stateName[c.state] || c.state },
      { label: 'Status', sort: 'status', cell: (c) => STATUS_WORD[c.status] || c.status },
      { label: 'Starts', sort: 'start', cls: 'date', cell: (c) => c.start },
      { label: 'Ends', sort: 'end', cls: 'date', cell: (c) => c.end },
      { label: 'For', cell: (c) => c.audiences.map((a) => aud[a] || a).join(', ') },
      { label: 'Reach', cls: 'num', cell: (c) => (c.reach === null || c.reach === undefined ? '' : String(c.reach)) },
      { label: 'Changed', sort: 'updated_at', cls: 'date', cell: (c) => isoDate(c.updated_at) },
    ],
  });
  await list.load();
}

main();
