// queue.js: a state's queue of records routed to it by its constituency
// claims, with "Mark handled"; records above the reader's clearance are
// only counted ("ask the RIFC").
import { api } from './api.js';
import { h, $, fmtDateTime, showErrors, clearErrors, sentence, USER_ROLE, problem } from './ui.js';
import { tlpLabel } from './tlp.js';
import { loadStates, indicatorLink, incidentLink, startPage, loadFailed, plural } from './sharing.js';
import { createList, isoDate } from './list.js';

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

function cells(q) {
  const btn = q.done_at ? null : h('button', { type: 'button', class: 'button button--secondary small-button' },
    'Mark handled', h('span', { class: 'vh' }, ` ${q.value}`));
  if (btn) btn.addEventListener('click', () => done(q, btn));
  return {
    incident: [q.incident_id ? incidentLink(q.incident_id) : 'None', h('br'),
      h('a', { class: 'small', href: '/rfis?' + (q.value_id ? 'value=' + q.value_id : '') +
        (q.incident_id ? (q.value_id ? '&' : '') + 'incident=' + q.incident_id : '') },
      'Ask about it', h('span', { class: 'vh' }, ` (${q.value})`))],
    handled: btn || h('span', { class: 'tag tag--ok' }, `Handled${q.done_by ? ' by ' + q.done_by : ''}`),
  };
}

function restricted(r) {
  $('#restricted').replaceChildren(r.restricted ? h('p', { class: 'restricted', id: 'queue-restricted' },
    `${plural(r.restricted, 'routed record', 'routed records')} above your clearance — `,
    h('a', { href: '/rfis?about=queue', class: 'ask-link' }, 'ask the RIFC about them'), '.') : '');
}

function when(q) {
  return h('span', { class: 'date' }, fmtDateTime(q.seen_at || q.created_at));
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
  const list = createList({
    endpoint: '/api/v1/queue', form, errors: $('#errors'), host: $('#results'),
    id: 'queue-table', caption: 'Queue', noun: ['record', 'records'],
    sort: 'created_at', order: 'desc', empty: 'The queue is empty.',
    rowId: (q) => 'q-' + q.id,
    columns: [
      { label: 'Marking', sort: null, cell: (q) => tlpLabel(q.tlp) },
      { label: 'Value', sort: 'value', cell: (q) => [q.value_id ? indicatorLink(q.value_id, q.value) : q.value,
        h('br'), h('span', { class: 'secondary small' }, q.type)] },
      { label: 'Reported by', sort: 'seen_at', cell: (q) => [q.reported_by || 'Regional', h('br'),
        h('span', { class: 'secondary small' }, when(q))] },
      { label: 'Why it is here', sort: null, cell: (q) => `Under ${claimText(q)}` },
      { label: 'Incident', sort: null, cell: (q) => cells(q).incident },
      { label: 'Routed', sort: 'created_at', cls: 'date', cell: (q) => isoDate(q.created_at) },
      { label: 'Handled', sort: null, cell: (q) => cells(q).handled },
    ],
    onload: restricted,
  });
  gate.replaceChildren();
  $('#page').hidden = false;
  await list.load();
}

main();
