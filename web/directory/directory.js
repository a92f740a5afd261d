// directory.js: search-as-you-type over contacts by text, state and role,
// results in a table; and the list of states linking to their pages.
import { api } from './api.js';
import { h, $, ROLE, CATEGORY, initPage, signInPrompt, problem, canEdit, sentence } from './ui.js';

const names = {};           // state code -> name
let user = null;
let timer = 0;
let seq = 0;
let inflight = null;

function telHref(p) {
  return 'tel:' + p.replace(/[^+0-9]/g, '');
}

function contactCells(c) {
  return [
    c.email ? h('a', { href: 'mailto:' + c.email, class: 'break' }, c.email) : null,
    c.email && c.phone ? h('br') : null,
    c.phone ? h('a', { href: telHref(c.phone) }, c.phone) : null,
    !c.email && !c.phone ? h('span', { class: 'secondary' }, 'None given') : null,
  ];
}

function row(c, editCol) {
  return h('tr', null,
    h('td', null, h('strong', null, c.name),
      c.title ? [h('br'), c.title] : null,
      c.organisation ? [h('br'), h('span', { class: 'secondary' }, c.organisation)] : null),
    h('td', { 'data-label': 'Role' }, ROLE[c.role] || c.role,
      c.ncpoc_category ? [h('br'), h('span', { class: 'secondary' }, CATEGORY[c.ncpoc_category])] : null),
    h('td', { 'data-label': 'State' }, c.state
      ? h('a', { href: '/state?code=' + c.state }, names[c.state] || c.state)
      : h('span', { class: 'secondary' }, 'Regional')),
    h('td', { 'data-label': 'Contact' }, contactCells(c)),
    h('td', { 'data-label': 'Availability' }, c.availability || h('span', { class: 'secondary' }, 'Not given')),
    editCol ? h('td', null, canEdit(user, c.state)
      ? h('a', { href: '/contact?id=' + c.id }, 'Change', h('span', { class: 'vh' }, ' ' + c.name))
      : null) : null);
}

function render(items) {
  const n = items.length;
  $('#count').textContent = n === 0
    ? 'No contacts match. Check the spelling or clear a filter.'
    : `${n} ${n === 1 ? 'contact' : 'contacts'} found`;
  if (!n) {
    $('#results').replaceChildren();
    return;
  }
  const editCol = items.some((c) => canEdit(user, c.state));
  const th = (t) => h('th', { scope: 'col' }, t);
  $('#results').replaceChildren(h('table', { class: 'stack', id: 'contacts' },
    h('caption', { class: 'vh' }, 'Contacts'),
    h('thead', null, h('tr', null, th('Name'), th('Role'), th('State'), th('Contact'),
      th('Availability'), editCol ? th(h('span', { class: 'vh' }, 'Action')) : null)),
    h('tbody', null, items.map((c) => row(c, editCol)))));
}

async function search() {
  clearTimeout(timer);
  const params = new URLSearchParams();
  for (const k of ['q', 'state', 'role']) {
    const v = $('#' + k).value.trim();
    if (v) params.set(k, v);
  }
  const qs = params.toString();
  history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const mine = ++seq;
  $('#results').setAttribute('aria-busy', 'true');
  try {
    const res = await api('GET', '/api/v1/contacts' + (qs ? '?' + qs : ''), undefined, inflight.signal);
    if (mine === seq) render(res.items);
  } catch (e) {
    if (e.name === 'AbortError' || mine !== seq) return;
    $('#count').textContent = '';
    $('#results').replaceChildren(problem(e.status === 401
      ? 'Your session has ended. Sign in again to search.'
      : sentence(e.message)));
  } finally {
    if (mine === seq) $('#results').removeAttribute('aria-busy');
  }
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(search, 250);
}

async function main() {
  const states = api('GET', '/api/v1/states');
  let session = null;
  try { session = await initPage(); } catch { /* header says so */ }
  user = session && session.user;
  let list = [];
  try {
    list = (await states).items;
  } catch (e) {
    $('#statelist').replaceChildren(h('li', null, 'The states could not be loaded: ' + e.message));
  }
  for (const s of list) names[s.code] = s.name;
  if (list.length) {
    $('#statelist').replaceChildren(...list.map((s) => h('li', null,
      h('a', { href: '/state?code=' + s.code }, s.name))));
  }
  if (!user) {
    $('#gate').replaceChildren(signInPrompt('and search contact details'));
    return;
  }
  const sel = $('#state');
  sel.append(...list.map((s) => h('option', { value: s.code }, s.name)));
  const p = new URLSearchParams(location.search);
  $('#q').value = p.get('q') || '';
  sel.value = p.get('state') || '';
  $('#role').append(...Object.entries(ROLE).map(([k, name]) => h('option', { value: k }, name)));
  $('#role').value = ROLE[p.get('role')] ? p.get('role') : '';
  $('#search').hidden = false;
  $('#q').addEventListener('input', later);
  sel.addEventListener('change', search);
  $('#role').addEventListener('change', search);
  $('#filters').addEventListener('submit', (ev) => { ev.preventDefault(); search(); });
  search();
}

main();
