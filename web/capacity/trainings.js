// trainings.js: the training calendar (by date, filtered by state, status
// and year, paged) and the awareness campaigns under it, each linked to
// its page (campaign.js).
import { api } from './api.js';
import { h, $ } from './ui.js';
import { startPage, loadFailed, loadRefs, period, pager, flash, isCoordinator } from './capacity.js';

const form = $('#filters');
let refs;
let aud = {};
let stack = [];
let here = { cursor: null, offset: 0 };
const STATUS_WORD = { planned: 'Planned', completed: 'Completed', cancelled: 'Cancelled' };

function query() {
  const p = new URLSearchParams();
  for (const [id, k] of [['state', 'state'], ['t-status', 'status'], ['year', 'year']]) {
    if ($('#' + id).value.trim()) p.set(k, $('#' + id).value.trim());
  }
  return p;
}

function card(t) {
  return h('li', { class: 'card training', id: 'training-' + t.id },
    h('h3', null, h('a', { href: '/training?id=' + t.id }, t.title)),
    h('p', { class: 'secondary small' }, h('strong', null, STATUS_WORD[t.status] || t.status),
      ` · ${period(t.start, t.end)}`, t.place ? ` · ${t.place}` : '', t.online ? ' · online' : ''),
    t.audiences.length ? h('p', { class: 'small' }, h('strong', null, 'For: '), t.audiences.map((a) => aud[a] || a).join(', ')) : null,
    t.states && t.states.length ? h('p', { class: 'small' }, h('strong', null, 'States: '),
      t.states.map((s) => refs.stateName[s] || s).join(', ')) : null);
}

async function load() {
  const p = query();
  p.set('limit', '20');
  if (here.cursor) p.set('cursor', here.cursor);
  const r = await api('GET', '/api/v1/trainings?' + p);
  r.offset = here.offset;
  const go = (dir) => {
    if (dir > 0) { stack.push(here); here = { cursor: r.next_cursor, offset: here.offset + r.count }; } else here = stack.pop();
    load();
  };
  $('#results').replaceChildren(r.items.length ? h('ul', { class: 'cards', id: 'training-list' }, r.items.map(card))
    : h('p', null, 'No training matches.'), pager(r, stack, go));
}

// The campaigns page on their own (a cursor stack like the trainings').
let cstack = [];
let chere = { cursor: null, offset: 0 };

async function campaigns() {
  const r = await api('GET', '/api/v1/campaigns?limit=20' + (chere.cursor ? '&cursor=' + encodeURIComponent(chere.cursor) : ''));
  r.offset = chere.offset;
  const go = (dir) => {
    if (dir > 0) {
      cstack.push(chere);
      chere = { cursor: r.next_cursor, offset: chere.offset + r.count };
    } else {
      chere = cstack.pop();
    }
    campaigns().catch((e) => loadFailed($('#campaigns'), 'The campaigns', e));
  };
  const nav = pager(r, cstack, go);
  for (const a of nav.querySelectorAll('a')) a.id = 'camp-' + a.id;
  nav.querySelector('#page-total').id = 'camp-total';
  nav.setAttribute('aria-label', 'Pages of campaigns');
  $('#campaigns').replaceChildren(r.items.length ? [
    h('ul', { class: 'cards', id: 'campaign-list' }, r.items.map((c) => h('li', { class: 'card', id: 'campaign-' + c.id },
      h('h3', null, h('a', { href: '/campaign?id=' + c.id }, c.title)),
      h('p', { class: 'secondary small' }, h('strong', null, STATUS_WORD[c.status] || c.status),
        ` · ${period(c.start, c.end)} · ${refs.stateName[c.state] || c.state || 'Regional'}`),
      c.reach !== null && c.reach !== undefined ? h('p', { class: 'small' }, `Reach: ${c.reach}`) : null))), nav]
    : h('p', null, 'No awareness campaign recorded yet.'));
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
  const p = new URLSearchParams(location.search);
  $('#state').value = p.get('state') || '';
  $('#t-status').value = p.get('status') || '';
  $('#year').value = p.get('year') || '';
  if (isCoordinator(user) || user.role === 'partner') {
    $('#new-link').hidden = false;
    $('#new-campaign').hidden = false;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = query();
    history.pushState(null, '', '/trainings' + (q.toString() ? '?' + q : ''));
    stack = [];
    here = { cursor: null, offset: 0 };
    load().catch((e) => loadFailed($('#results'), 'The trainings', e));
  });
  try {
    await load();
    await campaigns();
  } catch (e) {
    loadFailed(gate, 'The training calendar', e);
  }
}

main();
