// directory.js: search-as-you-type over contacts by words, state, role and
// the last change, in a list.js table (sorted by its headers, paged with a
// total, downloadable as CSV); and the states linking to their pages.
import { api } from './api.js';
import { h, $, ROLE, CATEGORY, initPage, signInPrompt, canEdit } from './ui.js';
import { createList, isoDate } from './list.js';

const names = {};           // state code -> name
let user = null;
let timer = 0;

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

const COLUMNS = [
  {
    label: 'Name', sort: 'name',
    cell: (c) => [h('strong', null, c.name), c.title ? [h('br'), c.title] : null,
      c.organisation ? [h('br'), h('span', { class: 'secondary' }, c.organisation)] : null],
  },
  {
    label: 'Role', sort: 'role',
    cell: (c) => [ROLE[c.role] || c.role,
      c.ncpoc_category ? [h('br'), h('span', { class: 'secondary' }, CATEGORY[c.ncpoc_category])] : null],
  },
  {
    label: 'State', sort: 'state',
    cell: (c) => (c.state ? h('a', { href: '/state?code=' + c.state }, names[c.state] || c.state)
      : h('span', { class: 'secondary' }, 'Regional')),
  },
  { label: 'Contact', cell: contactCells },
  { label: 'Availability', cell: (c) => c.availability || h('span', { class: 'secondary' }, 'Not given') },
  { label: 'Changed', sort: 'updated_at', cls: 'date', cell: (c) => isoDate(c.updated_at) },
  {
    label: 'Action',
    cell: (c) => (canEdit(user, c.state)
      ? h('a', { href: '/contact?id=' + c.id }, 'Change', h('span', { class: 'vh' }, ' ' + c.name)) : null),
  },
];

function later() {
  clearTimeout(timer);
  timer = setTimeout(() => $('#filters').requestSubmit(), 250);
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
  $('#role').append(...Object.entries(ROLE).map(([k, name]) => h('option', { value: k }, name)));
  $('#search').hidden = false;
  const contacts = createList({
    endpoint: '/api/v1/contacts', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'contacts', caption: 'Contacts',
    noun: ['contact', 'contacts'], sort: 'name', order: 'asc', statusId: 'count',
    columns: COLUMNS, empty: 'No contacts match. Check the spelling or clear a filter.',
    fieldOf: { invalid_query: 'q', invalid_date: 'from', invalid_role: 'role', invalid_state_code: 'state' },
  });
  $('#q').addEventListener('input', later);
  sel.addEventListener('change', later);
  $('#role').addEventListener('change', later);
  await contacts.load();
}

main();
