// recommendations.js: the overdue recommendations grouped by owner, and
// every recommendation by due date, filtered by owner state, status and
// overdue, paged.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { startPage, loadFailed, loadRefs, pager, fmtDay, plural } from './capacity.js';
import { STATUS_WORD, markSubnav, ownerName, recCard, loadWords } from './meetings-lib.js';

let stack = [];
let here = { cursor: null, offset: 0 };

function query() {
  const p = new URLSearchParams();
  if ($('#f-state').value) p.set('owner_state', $('#f-state').value);
  if ($('#f-status').value) p.set('status', $('#f-status').value);
  if ($('#f-overdue').checked) p.set('overdue', 'true');
  return p;
}

async function overdue() {
  const r = await api('GET', '/api/v1/recommendations/overdue?limit=200');
  if (!r.items.length) {
    $('#overdue').replaceChildren(h('p', { id: 'no-overdue' }, 'Nothing is overdue.'));
    return;
  }
  $('#overdue').replaceChildren(
    h('p', null, `${plural(r.overdue, 'recommendation', 'recommendations')} overdue on ${fmtDay(r.as_of)}, ${plural(r.total, 'owner', 'owners')}.`),
    h('table', { class: 'table', id: 'overdue-table' },
      h('caption', { class: 'vh' }, 'Overdue recommendations by owner'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Owner'), h('th', { scope: 'col' }, 'Overdue'),
        h('th', { scope: 'col' }, 'Oldest due date'), h('th', { scope: 'col' }, 'Recommendations'))),
      h('tbody', null, r.items.map((g) => h('tr', null,
        h('th', { scope: 'row' }, ownerName(g.owner)), h('td', null, String(g.count)), h('td', null, fmtDay(g.oldest_due)),
        h('td', null, h('ul', { class: 'plain' }, g.items.map((x) => h('li', null,
          h('a', { href: '/recommendation?id=' + x.id }, x.text), ` (due ${fmtDay(x.due_date)})`)))))))));
}

async function load() {
  const p = query();
  p.set('limit', '20');
  if (here.cursor) p.set('cursor', here.cursor);
  const r = await api('GET', '/api/v1/recommendations?' + p);
  r.offset = here.offset;
  const go = (dir) => {
    if (dir > 0) { stack.push(here); here = { cursor: r.next_cursor, offset: here.offset + r.count }; } else here = stack.pop();
    load();
  };
  $('#results').replaceChildren(r.items.length ? h('ul', { class: 'cards', id: 'rec-list' }, r.items.map(recCard))
    : h('p', null, 'No recommendation matches.'), pager(r, stack, go));
}

async function main() {
  const gate = $('#gate');
  markSubnav();
  const user = await startPage(gate, 'the recommendations');
  if (!user) return;
  try { await loadWords(); } catch (e) { loadFailed(gate, 'The words of this page', e); return; }
  let refs;
  try { refs = await loadRefs(); } catch (e) { loadFailed(gate, 'The recommendations', e); return; }
  $('#f-state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  $('#f-status').append(...Object.entries(STATUS_WORD).map(([k, v]) => h('option', { value: k }, v)));
  const p = new URLSearchParams(location.search);
  $('#f-state').value = p.get('owner_state') || '';
  $('#f-status').value = p.get('status') || '';
  $('#f-overdue').checked = p.get('overdue') === 'true';
  gate.replaceChildren();
  $('#content').hidden = false;
  $('#filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = query();
    history.pushState(null, '', '/recommendations' + (q.toString() ? '?' + q : ''));
    stack = [];
    here = { cursor: null, offset: 0 };
    load().catch((e) => loadFailed($('#results'), 'The recommendations', e));
  });
  try {
    await Promise.all([overdue(), load()]);
  } catch (e) {
    loadFailed(gate, 'The recommendations', e);
  }
}

main();
