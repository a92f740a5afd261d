// audit.js: the audit trail for administrators and coordinators
// (web/common/list.js): newest first, sortable by number, time, who,
// action and record kind, filtered by who, action (or a prefix ending in
// "."), record kind, words and dates, paged with a total, downloadable
// as CSV; and "Verify the chain", which recomputes every event's hash.
import { api } from './api.js';
import { h, $, initPage, fmtDateTime, problem, sentence, here, USER_ROLE } from './ui.js';
import { createList } from './list.js';

/** Checks the chain and says what it found in @out. */
async function verifyChain(button, out) {
  button.disabled = true;
  out.textContent = 'Checking every event…';
  try {
    const r = await api('GET', '/api/v1/audit/verify');
    out.replaceChildren(r.intact
      ? h('div', { class: 'success' }, h('p', null, `The chain is intact: all ${r.events} events check out.`))
      : problem(`The chain is broken at event ${r.bad_seq}: ${r.reason}. Events from there on cannot be trusted; keep a copy of the database and tell the operators.`));
  } catch (e) {
    out.replaceChildren(problem(sentence(e.message)));
  } finally {
    button.disabled = false;
  }
}

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const me = s && s.user;
  if (!me) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to read the audit trail.')));
    return;
  }
  if (!['admin', 'coordinator'].includes(me.role)) {
    gate.replaceChildren(problem('The audit trail is for administrators and coordinators. ' +
      `Your role is ${USER_ROLE[me.role] || me.role}.`));
    return;
  }
  gate.replaceChildren();
  gate.hidden = true;
  $('#page').hidden = false;
  $('#verify').addEventListener('click', () => verifyChain($('#verify'), $('#verify-result')));
  const list = createList({
    endpoint: '/api/v1/audit', form: $('#audit-filters'), errors: $('#audit-errors'),
    host: $('#audit-list'), id: 'audit-table', caption: 'Audit events',
    noun: ['event', 'events'], sort: 'seq', order: 'desc', statusId: 'audit-count',
    rowId: (e) => 'audit-' + e.seq, empty: 'No event matches these filters.',
    fieldOf: { invalid_date: 'f-from', invalid_query: 'f-q' },
    columns: [
      { label: '#', sort: 'seq', cls: 'num', cell: (e) => String(e.seq) },
      { label: 'When', sort: 'at', cls: 'date', cell: (e) => fmtDateTime(e.at) },
      { label: 'By', sort: 'actor', cell: (e) => e.actor },
      { label: 'Action', sort: 'action', cell: (e) => h('code', null, e.action) },
      { label: 'Record', sort: 'entity', cell: (e) => `${e.entity} ${e.entity_id}` },
    ],
  });
  await list.load();
}

main();
