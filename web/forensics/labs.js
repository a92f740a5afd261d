// labs.js: the pooled forensic labs, a page at a time, each with its
// owner, device types, capacity and queue (accepted, scheduled or in
// progress), the requests waiting for an answer and the free places.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { startForensics, loadFailed, moreButton, DEVICE } from './forensics-common.js';

function row(l) {
  return h('tr', null,
    h('td', null, h('a', { href: '/lab?id=' + l.id }, l.name)),
    h('td', { 'data-label': 'Owner' }, l.org_name, l.state ? ` (${l.state})` : ' (regional)'),
    h('td', { 'data-label': 'Devices' }, l.device_types.map((d) => DEVICE[d] || d).join(', ')),
    h('td', { class: 'num', 'data-label': 'Capacity' }, String(l.capacity)),
    h('td', { class: 'num', 'data-label': 'In the queue' }, String(l.queue)),
    h('td', { class: 'num', 'data-label': 'Waiting' }, String(l.waiting)),
    h('td', { class: 'num', 'data-label': 'Free places' }, String(l.free)));
}

async function load(cursor) {
  const p = await api('GET', '/api/v1/labs?limit=50' + (cursor ? '&cursor=' + cursor : ''));
  $('#labs').append(...p.items.map(row));
  $('#labs-total').textContent = `${p.total} lab${p.total === 1 ? '' : 's'} in the pool.`;
  $('#paging').replaceChildren(moreButton(p.next_cursor, load));
}

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startForensics(gate, 'the forensic labs');
  } catch (e) {
    loadFailed(gate, 'The labs', e);
    return;
  }
  if (!user) return;
  try {
    await load(null);
  } catch (e) {
    loadFailed(gate, 'The labs', e);
    return;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
