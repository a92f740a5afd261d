// initiatives.js: the initiatives list, filtered by state, need, partner,
// funder, status and year, paged with the API's cursor and its total.
import { api } from './api.js';
import { h, $, showErrors, clearErrors } from './ui.js';
import {
  startPage, loadFailed, loadRefs, STATUS, ORG_ROLE, period, pager, flash,
} from './capacity.js';

const FILTERS = ['state', 'need', 'partner', 'funder', 'status', 'year'];
const form = $('#filters');
const errors = $('#errors');
let refs;
let stack = []; // cursors of the pages before this one: [{cursor, offset}]
let here = { cursor: null, offset: 0 };
let seq = 0;

function values() {
  return Object.fromEntries(FILTERS.map((f) => [f, $('#' + f).value.trim()]));
}

function fromUrl() {
  const p = new URLSearchParams(location.search);
  for (const f of FILTERS) $('#' + f).value = p.get(f) || '';
}

function stateText(i) {
  if (!i.states.length) return 'No recipient named';
  return i.states.map((s) => (s.state ? refs.stateName[s.state] || s.state : 'Regional') +
    (s.percentage ? ` (${Number(s.percentage)}%)` : '')).join(', ');
}

function card(i) {
  const roles = {};
  for (const o of i.organisations) (roles[o.role] = roles[o.role] || []).push(o.acronym || o.name);
  return h('li', { class: 'card initiative', id: 'initiative-' + i.id },
    h('h3', null, h('a', { href: '/initiative?id=' + i.id }, i.title)),
    h('p', { class: 'secondary small' }, h('strong', null, STATUS[i.status] || i.status_name),
      ` · ${period(i.start, i.end)} · `, h('span', { class: 'mono' }, i.iati_identifier)),
    h('p', { class: 'small' }, h('strong', null, 'States: '), stateText(i)),
    i.needs.length ? h('p', { class: 'small' }, h('strong', null, 'Needs: '), i.needs.join(', ')) : null,
    Object.keys(roles).length ? h('p', { class: 'small' }, Object.entries(roles)
      .map(([r, names]) => `${ORG_ROLE[r] || r}: ${names.join(', ')}`).join(' · ')) : null);
}

async function load() {
  const mine = ++seq;
  const v = values();
  const p = new URLSearchParams();
  for (const [k, x] of Object.entries(v)) if (x) p.set(k, x);
  p.set('limit', '10');
  if (here.cursor) p.set('cursor', here.cursor);
  $('#results').setAttribute('aria-busy', 'true');
  let r;
  try {
    r = await api('GET', '/api/v1/initiatives?' + p);
  } catch (e) {
    if (mine !== seq) return;
    $('#results').removeAttribute('aria-busy');
    const f = FILTERS.find((x) => (e.message || '').startsWith(x));
    showErrors(form, errors, [{ field: f || null, text: e.message }]);
    return;
  }
  if (mine !== seq) return;
  clearErrors(form, errors);
  r.offset = here.offset;
  const go = (dir) => {
    if (dir > 0) {
      stack.push(here);
      here = { cursor: r.next_cursor, offset: here.offset + r.count };
    } else {
      here = stack.pop();
    }
    load().then(() => $('#page-total').focus());
  };
  const nav = pager(r, stack, go);
  nav.querySelector('#page-total').setAttribute('tabindex', '-1');
  $('#results').replaceChildren(
    r.items.length ? h('ul', { class: 'cards', id: 'initiative-list' }, r.items.map(card))
      : h('p', null, 'No initiative matches these filters.'), nav);
  $('#results').removeAttribute('aria-busy');
}

function fill(sel, items) {
  $(sel).append(...items.map(([v, t]) => h('option', { value: v }, t)));
}

async function submit(ev) {
  ev.preventDefault();
  const y = $('#year').value.trim();
  if (y && !/^(19|20)\d\d$/.test(y)) {
    showErrors(form, errors, [{ field: 'year', text: 'Enter a year as four digits, for example 2025' }]);
    return;
  }
  const p = new URLSearchParams();
  for (const [k, x] of Object.entries(values())) if (x) p.set(k, x);
  history.pushState(null, '', '/initiatives' + (p.toString() ? '?' + p : ''));
  stack = [];
  here = { cursor: null, offset: 0 };
  await load();
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the initiatives');
  if (!user) return;
  try {
    refs = await loadRefs();
  } catch (e) {
    loadFailed(gate, 'The initiatives', e);
    return;
  }
  fill('#state', refs.states.map((s) => [s.code, s.name]));
  fill('#need', refs.needs.map((n) => [n.ref, `${n.ref} ${n.need.length > 60 ? n.need.slice(0, 60) + '…' : n.need}`]));
  fill('#partner', refs.orgs.map((o) => [o.id, refs.orgName[o.id]]));
  fill('#funder', refs.orgs.map((o) => [o.id, refs.orgName[o.id]]));
  fill('#status', Object.entries(STATUS));
  fromUrl();
  if (['coordinator', 'partner'].includes(user.role)) $('#new-link').hidden = false;
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  form.addEventListener('submit', submit);
  addEventListener('popstate', () => { fromUrl(); stack = []; here = { cursor: null, offset: 0 }; load(); });
  await load();
}

main();
