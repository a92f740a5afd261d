// crises.js: the list of crises the user may see, newest first, a page at
// a time, with the overdue situation reports flagged.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { startCrisis, loadFailed, options, word, when } from './crisis-common.js';

function table(items) {
  if (!items.length) return h('p', { class: 'secondary' }, 'No crisis to show.');
  return h('table', { class: 'stack', id: 'crisis-list' },
    h('caption', { class: 'vh' }, 'Crises'),
    h('thead', null, h('tr', null, ['Crisis', 'State', 'Severity', 'Status', 'Declared',
      'Next situation report'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, items.map((c) => h('tr', { 'data-id': String(c.id) },
      h('td', null, h('a', { href: '/crisis?id=' + c.id }, c.title)),
      h('td', { 'data-label': 'State' }, c.state_name),
      h('td', { 'data-label': 'Severity' }, String(c.severity)),
      h('td', { 'data-label': 'Status' }, word('crisis_statuses', c.status)),
      h('td', { 'data-label': 'Declared' }, when(c.declared_at)),
      h('td', { 'data-label': 'Next situation report' }, c.sitrep_overdue
        ? h('strong', { class: 'tag tag--gap' }, 'Overdue') : when(c.next_sitrep_due))))));
}

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startCrisis(gate, 'crises');
  } catch (e) {
    loadFailed(gate, 'Crises', e);
    return;
  }
  if (!user) return;
  const q = new URLSearchParams(location.search);
  $('#status').append(...options('crisis_statuses'));
  $('#status').value = q.get('status') || '';
  const all = [];
  const load = async (cursor) => {
    const p = new URLSearchParams({ limit: '50' });
    if (q.get('status')) p.set('status', q.get('status'));
    if (cursor) p.set('cursor', cursor);
    const page = await api('GET', '/api/v1/crises?' + p);
    all.push(...page.items);
    $('#list').replaceChildren(h('p', null, `${page.total} crises`), table(all));
    $('#more').replaceChildren(page.next_cursor ? h('button', {
      type: 'button', class: 'button button--secondary',
      onclick: () => load(page.next_cursor),
    }, 'Show more') : '');
  };
  try {
    await load(null);
  } catch (e) {
    loadFailed(gate, 'Crises', e);
    return;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
