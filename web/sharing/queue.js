// queue.js: a state's queue of records routed to it by its constituency
// claims, with "Mark handled"; records above the reader's clearance are
// only counted ("ask the RIFC").
import { api } from './api.js';
import { h, $, fmtDateTime, showErrors, clearErrors, sentence, USER_ROLE, problem } from './ui.js';
import { tlpLabel } from './tlp.js';
import { loadStates, indicatorLink, incidentLink, startPage, loadFailed, table, plural } from './sharing.js';

const gate = $('#gate');
const form = $('#filters');
let names = {};

const CLAIM = { cctld: 'ccTLD', domain: 'domain', cidr: 'network', asn: 'AS number' };

function claimText(q) {
  return `${q.claim_kind === 'cctld' ? '.' + q.claim_value : q.claim_value} (${CLAIM[q.claim_kind] || q.claim_kind})`;
}

async function done(q, btn) {
  btn.disabled = true;
  clearErrors(form, $('#errors'));
  try {
    await api('POST', `/api/v1/queue/${q.id}/done`, {});
    btn.replaceWith(h('span', { class: 'tag tag--ok' }, 'Handled'));
    $('#count').textContent = `Marked “${q.value}” handled.`;
  } catch (e) {
    btn.disabled = false;
    showErrors(form, $('#errors'), [{ field: null, text: `“${q.value}” could not be marked handled: ${sentence(e.message)}` }]);
  }
}

function row(q) {
  const btn = q.done_at ? null : h('button', { type: 'button', class: 'button button--secondary small-button' },
    'Mark handled', h('span', { class: 'vh' }, ` ${q.value}`));
  if (btn) btn.addEventListener('click', () => done(q, btn));
  return h('tr', { id: 'q-' + q.id },
    h('td', null, tlpLabel(q.tlp)),
    h('td', { 'data-label': 'Value' }, q.value_id ? indicatorLink(q.value_id, q.value) : q.value,
      h('br'), h('span', { class: 'secondary small' }, q.type)),
    h('td', { 'data-label': 'Reported by' }, q.reported_by || 'Regional', h('br'),
      h('span', { class: 'secondary small' }, fmtDateTime(q.seen_at || q.created_at))),
    h('td', { 'data-label': 'Why it is here' }, `Under ${claimText(q)}`),
    h('td', { 'data-label': 'Incident' }, q.incident_id ? incidentLink(q.incident_id) : 'None', h('br'),
      h('a', { class: 'small', href: '/rfis?' + (q.value_id ? 'value=' + q.value_id : '') +
        (q.incident_id ? (q.value_id ? '&' : '') + 'incident=' + q.incident_id : '') },
      'Ask about it', h('span', { class: 'vh' }, ` (${q.value})`))),
    h('td', { 'data-label': 'Handled' }, btn || h('span', { class: 'tag tag--ok' },
      `Handled${q.done_by ? ' by ' + q.done_by : ''}`)));
}

async function show(ev) {
  if (ev) ev.preventDefault();
  const p = new URLSearchParams();
  const st = $('#state').value;
  if (st) p.set('state', st);
  if ($('#all').checked) p.set('all', '1');
  $('#count').textContent = 'Loading…';
  try {
    const r = await api('GET', '/api/v1/queue?' + p);
    const n = r.items.length;
    $('#count').textContent = n ? `${plural(n, 'record', 'records')} in the queue${st ? ' of ' + (names[st] || st) : ''}`
      : 'The queue is empty.';
    $('#restricted').replaceChildren(r.restricted ? h('p', { class: 'restricted', id: 'queue-restricted' },
      `${plural(r.restricted, 'routed record', 'routed records')} above your clearance — `,
      h('a', { href: '/rfis?about=queue', class: 'ask-link' }, 'ask the RIFC about them'), '.') : '');
    $('#results').replaceChildren(n ? table('queue-table', ['Queue'],
      ['Marking', 'Value', 'Reported by', 'Why it is here', 'Incident', 'Handled'], r.items.map(row)) : '');
  } catch (e) {
    $('#count').textContent = '';
    loadFailed($('#results'), 'The queue', e);
  }
}

async function main() {
  const user = await startPage(gate, 'your state’s queue');
  if (!user) return;
  const regional = ['rifc_analyst', 'coordinator'].includes(user.role) && !user.state_code;
  if (!regional && !(['ncpoc', 'cert', 'rifc_analyst', 'coordinator'].includes(user.role) && user.state_code)) {
    gate.replaceChildren(problem(`State queues are for NCPOC and CERT users, and the RIFC; your role is ${USER_ROLE[user.role] || user.role}.`));
    return;
  }
  try {
    names = (await loadStates()).names;
  } catch (e) {
    loadFailed(gate, 'The queue', e);
    return;
  }
  if (regional) {
    $('#state-field').hidden = false;
    $('#state').append(h('option', { value: '' }, 'All states'),
      ...Object.entries(names).map(([c, n]) => h('option', { value: c }, n)));
    $('#state').value = new URLSearchParams(location.search).get('state') || '';
  } else {
    $('#caption').textContent = names[user.state_code] || user.state_code;
  }
  form.addEventListener('submit', show);
  gate.replaceChildren();
  $('#page').hidden = false;
  await show();
}

main();
