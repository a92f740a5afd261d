// triage.js: a state's queue of public reports, with its clock: filters
// and paging from the URL (the form is a plain GET), the rows linking to
// each report's triage page.
import { api } from './api.js';
import { h, $, initPage, here, problem, fmtDateTime } from './ui.js';
import { CATEGORY, triager, triageWords, waited, priorityTag, states } from './triage-common.js';

function options(sel, map, chosen) {
  for (const [k, v] of Object.entries(map)) sel.append(h('option', { value: k }, v));
  sel.value = chosen || '';
}

function clock(c) {
  const row = (t, d) => [h('dt', null, t), h('dd', null, d)];
  $('#clock-list').replaceChildren(
    ...row('Received', String(c.received)),
    ...row('Triaged at least once', String(c.triaged)),
    ...row('Waiting for a first look', String(c.untriaged)),
    ...row('Oldest waiting', c.oldest_untriaged_age_seconds === null ? 'None waiting'
      : `${waited(c.oldest_untriaged_age_seconds)} (received ${fmtDateTime(c.oldest_untriaged_at)})`),
    ...row('Average time to a first look', c.mean_seconds_to_first_triage === null ? 'Nothing triaged yet'
      : waited(c.mean_seconds_to_first_triage)));
}

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see the reports to triage.')));
    return;
  }
  if (!triager(user)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Public reports are read only by the NCPOC and CERT teams of the states they are routed to, and by RIFC analysts.')));
    return;
  }
  const q = new URLSearchParams(location.search);
  const words = await triageWords();
  options($('#f-status'), words.statuses, q.get('status'));
  options($('#f-priority'), words.priorities, q.get('priority'));
  options($('#f-category'), CATEGORY, q.get('category'));
  $('#f-sort').value = q.get('sort') || 'priority';
  $('#f-age').value = q.get('older_than_hours') || '';
  if (!user.state_code) {
    $('#f-state-field').hidden = false;
    for (const st of await states()) $('#f-state').append(h('option', { value: st.code }, st.name));
    $('#f-state').value = q.get('state') || '';
  }
  const params = new URLSearchParams();
  for (const k of ['state', 'status', 'category', 'priority', 'older_than_hours', 'sort', 'cursor']) {
    if (q.get(k)) params.set(k, q.get(k));
  }
  try {
    const stq = q.get('state') ? '?state=' + encodeURIComponent(q.get('state')) : '';
    const [page, c] = await Promise.all([
      api('GET', '/api/v1/public-reports?' + params.toString()),
      api('GET', '/api/v1/public-reports/clock' + stq)]);
    clock(c);
    $('#count').textContent = page.total === 0 ? 'No reports match.'
      : `${page.total} report${page.total === 1 ? '' : 's'}; showing ${page.count}.`;
    $('#rows').replaceChildren(...page.items.map((r) => h('tr', { id: 'row-' + r.id },
      h('td', null, h('a', { href: '/triage-report?id=' + r.id }, r.reference)),
      h('td', null, priorityTag(r.priority, words), r.imminent_harm ? ' Imminent harm' : ''),
      h('td', null, CATEGORY[r.category] || r.category),
      h('td', null, words.statuses[r.status] || r.status),
      h('td', null, fmtDateTime(r.created_at)),
      h('td', null, waited(r.age_seconds)),
      h('td', null, r.bundled_with ? `${r.bundled_with} other report${r.bundled_with === 1 ? '' : 's'}` : '–'))));
    if (page.next_cursor) {
      params.set('cursor', page.next_cursor);
      $('#pager').replaceChildren(h('a', { href: '/triage?' + params.toString(), id: 'next-page' }, 'Next page'));
    }
  } catch (e) {
    gate.replaceChildren(problem(`The queue could not be loaded: ${e.message}`));
    return;
  }
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
}

main();
