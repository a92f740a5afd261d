// preservation.js: the list of 24/7 preservation requests, overdue first,
// with filters and paging from the URL (the form is a plain GET).
import { api } from './api.js';
import { h, $, initPage, here, problem, fmtDateTime } from './ui.js';
import { reader, presWords, dueTag, states } from './preservation-common.js';

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see the preservation requests.')));
    return;
  }
  if (!reader(user)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Preservation requests are read only by the law-enforcement 24/7 contacts (NCPOC) of the states concerned and by RIFC analysts.')));
    return;
  }
  const q = new URLSearchParams(location.search);
  const words = await presWords();
  for (const [k, v] of Object.entries(words.statuses)) $('#f-status').append(h('option', { value: k }, v));
  $('#f-status').value = q.get('status') || '';
  const names = {};
  for (const st of await states()) {
    names[st.code] = st.name;
    $('#f-state').append(h('option', { value: st.code }, st.name));
  }
  $('#f-state').value = q.get('state') || '';
  $('#f-overdue').checked = q.get('overdue') === 'true';
  $('#new-link').hidden = user.role !== 'ncpoc';
  const params = new URLSearchParams();
  for (const k of ['state', 'status', 'overdue', 'cursor']) if (q.get(k)) params.set(k, q.get(k));
  try {
    const page = await api('GET', '/api/v1/preservation-requests?' + params.toString());
    $('#count').textContent = page.total === 0 ? 'No requests match.'
      : `${page.total} request${page.total === 1 ? '' : 's'}; showing ${page.count}.`;
    $('#rows').replaceChildren(...page.items.map((r) => h('tr', { id: 'row-' + r.id },
      h('td', null, h('a', { href: '/preservation-request?id=' + r.id }, `Request ${r.id}`)),
      h('td', null, dueTag(r.due, words)),
      h('td', null, words.statuses[r.status] || r.status),
      h('td', null, names[r.requesting_state] || r.requesting_state),
      h('td', null, names[r.requested_state] || r.requested_state),
      h('td', null, r.offence),
      h('td', null, r.custodian),
      h('td', null, r.clock_at ? fmtDateTime(r.clock_at) : '–'))));
    if (page.next_cursor) {
      params.set('cursor', page.next_cursor);
      $('#pager').replaceChildren(h('a', { href: '/preservation?' + params.toString(), id: 'next-page' }, 'Next page'));
    }
  } catch (e) {
    gate.replaceChildren(problem(`The requests could not be loaded: ${e.message}`));
    return;
  }
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
}

main();
