// organisation.js: one body, agency or partner: what it is, where it sits,
// its seats (the Steering Committee has five) and, signed in, its contacts.
import { api, apiAll } from './api.js';
import { h, $, KIND, ROLE, CATEGORY, initPage, orgLabel, problem, seatsTable } from './ui.js';

const id = new URLSearchParams(location.search).get('id') || '';

function detail(dt, dd) {
  return dd ? [h('dt', null, dt), h('dd', null, dd)] : null;
}

function contactsTable(list) {
  const th = (t) => h('th', { scope: 'col' }, t);
  return h('table', { class: 'stack' },
    h('caption', { class: 'vh' }, 'Contacts'),
    h('thead', null, h('tr', null, th('Name'), th('Role'), th('Contact'))),
    h('tbody', null, list.map((c) => h('tr', null,
      h('td', null, h('strong', null, c.name), c.title ? [h('br'), c.title] : null),
      h('td', { 'data-label': 'Role' }, ROLE[c.role] || c.role,
        c.ncpoc_category ? [h('br'), CATEGORY[c.ncpoc_category]] : null,
        c.state ? [h('br'), h('a', { href: '/state?code=' + c.state }, c.state)] : null),
      h('td', { 'data-label': 'Contact' },
        c.email ? h('a', { href: 'mailto:' + c.email }, c.email) : null,
        c.email && c.phone ? h('br') : null,
        c.phone || null)))));
}

async function main() {
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  if (!/^[0-9]+$/.test(id)) {
    $('#title').textContent = 'Organisation not found';
    $('#body').replaceChildren(problem('This address does not name an organisation.',
      h('p', null, h('a', { href: '/bodies' }, 'See all bodies'))));
    return;
  }
  let o;
  let all = [];
  let states = [];
  try {
    [o, all, states] = await Promise.all([
      api('GET', '/api/v1/organisations/' + id),
      apiAll('/api/v1/organisations'),
      api('GET', '/api/v1/states').then((r) => r.items)]);
  } catch (e) {
    $('#title').textContent = e.status === 404 ? 'Organisation not found' : 'Organisation';
    $('#body').replaceChildren(problem(e.status === 404
      ? 'There is no such organisation, or you need to sign in to see it.'
      : 'The organisation could not be loaded: ' + e.message,
    h('p', null, h('a', { href: '/bodies' }, 'See all bodies'))));
    return;
  }
  const byId = Object.fromEntries(all.map((x) => [x.id, x]));
  const st = states.find((x) => x.code === o.state);
  const parent = o.parent_id && byId[o.parent_id];
  const kids = all.filter((x) => x.parent_id === o.id);
  $('#caption').textContent = KIND[o.kind] || 'Organisation';
  $('#title').textContent = orgLabel(o);
  document.title = o.name + ' – ccscap';
  const parts = [];
  if (o.description) parts.push(h('p', { class: 'lead' }, o.description));
  parts.push(h('dl', { class: 'dl' },
    detail('Short name', o.acronym),
    detail('Based in', st ? h('a', { href: '/state?code=' + st.code }, st.name) : null),
    detail('Part of', parent ? h('a', { href: '/organisation?id=' + parent.id }, orgLabel(parent)) : null),
    detail('Website', o.website ? h('a', { href: o.website, rel: 'noopener' }, o.website) : null)));
  if (o.seats && o.seats.length) parts.push(h('h2', null, `Seats (${o.seats.length})`), seatsTable(o.seats, 'vh'));
  if (kids.length) {
    parts.push(h('h2', null, 'Parts of this organisation'),
      h('ul', null, kids.map((k) => h('li', null,
        h('a', { href: '/organisation?id=' + k.id }, orgLabel(k))))));
  }
  if (o.contacts) {
    parts.push(h('h2', null, 'Contacts'), o.contacts.length ? contactsTable(o.contacts)
      : h('p', null, 'No contacts are recorded for this organisation.'));
  } else if (!(s && s.user)) {
    parts.push(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(location.pathname + location.search) }, 'Sign in'),
      ' to see the contacts of this organisation.')));
  }
  parts.push(h('p', null, h('a', { href: '/bodies' }, 'All bodies, agencies and partners')));
  $('#body').replaceChildren(...parts);
}

main();
