// advisories.js: the advisory inbox. Recipients see what was sent to their
// state and acknowledge it; senders (the RIFC, national CERTs) see which
// recipient states are past due and by how long; ?id=N shows one advisory
// with its recipients.
import { api } from './api.js';
import { h, $, fmtDateTime, showErrors, clearErrors, sentence, checkboxes, checkedValues, refusal } from './ui.js';
import { tlpLabel } from './tlp.js';
import { createList } from './list.js';
import {
  SEVERITY, loadStates, incidentLink, startPage, loadFailed, table, fillDl, markingBox, fmtDuration, plural,
  parseIndicators,
} from './sharing.js';
import { MARKING_FIELDS, setupMarking, readMarking, checkMarking, addMarking } from './marking-form.js';

const gate = $('#gate');
const params = new URLSearchParams(location.search);
let user;
let names = {};

const sends = (u) => (u.role === 'rifc_analyst' && !u.state_code) || u.role === 'cert';
const acks = (u) => ['ncpoc', 'cert'].includes(u.role) && !!u.state_code;

/** This user's state among an advisory's recipients, or null. */
const mine = (a) => (a.recipient_states || []).find((r) => r.state === user.state_code) || null;

function ackStatus(r) {
  if (r.acked_at) return h('span', { class: 'tag tag--ok' }, `Acknowledged by ${r.acked_by}, ${fmtDateTime(r.acked_at)}`);
  const late = Date.now() / 1000 - r.due_at;
  return late > 0
    ? h('span', { class: 'tag tag--unmet' }, `Not acknowledged: ${fmtDuration(late)} overdue`)
    : h('span', { class: 'tag tag--pending' }, `Acknowledge by ${fmtDateTime(r.due_at)}`);
}

async function ack(a, host, errHost) {
  const btn = host.querySelector('button');
  btn.disabled = true;
  try {
    const upd = await api('POST', `/api/v1/advisories/${a.id}/ack`, {});
    host.replaceChildren(ackStatus(mine(upd)));
  } catch (e) {
    btn.disabled = false;
    showErrors(document.body, errHost, [{ field: null, text: `“${a.title}” could not be acknowledged: ${sentence(e.message)}` }]);
  }
}

/** The acknowledgement cell: the state's status, or the button. */
function ackCell(a, errHost) {
  const r = mine(a);
  const cell = h('div', { class: 'ack' });
  if (!r) return cell;
  if (!r.acked_at && acks(user)) {
    cell.append(ackStatus(r), ' ', h('button', { type: 'button', class: 'button small-button', onclick: () => ack(a, cell, errHost) },
      `Acknowledge for ${user.state_code}`, h('span', { class: 'vh' }, `: ${a.title}`)));
  } else {
    cell.append(ackStatus(r));
  }
  return cell;
}

const TABS = [
  ['inbox', 'Sent to your state', (u) => acks(u)],
  ['overdue', 'Overdue acknowledgements', (u) => sends(u)],
  ['all', 'All advisories', () => true],
  ['send', 'Send an advisory', (u) => sends(u)],
];

const SEND_FIELDS = {
  ...MARKING_FIELDS, invalid_severity: 'severity', recipients_conflict: 'to_states',
  tlp_excludes_recipients: 'tlp', duplicate_state: 'to_states', invalid_action: 'actions-text',
  invalid_indicator: 'indicators', unknown_indicator_type: 'indicators',
  unknown_incident: 'incident_id', incident_id: 'incident_id',
};

/** The incident field's number, '' when empty, null when not a number. */
function incidentNumber() {
  const v = $('#incident_id').value.trim().replace(/^#/, '');
  if (!v) return '';
  return /^[1-9]\d{0,17}$/.test(v) ? v : null;
}

let previewSeq = 0;

/** Shows the title of the incident typed or chosen, or that there is none. */
async function previewIncident() {
  const n = incidentNumber();
  const mine = ++previewSeq;
  const out = $('#incident-preview');
  if (n === '' || n === null) {
    out.textContent = n === null ? 'Give the incident’s number, for example 12.' : '';
    return;
  }
  try {
    const inc = await api('GET', '/api/v1/incidents/' + n);
    if (mine !== previewSeq) return;
    out.replaceChildren('Incident #' + inc.id + ': ', h('strong', null, inc.title), ' ', tlpLabel(inc.tlp));
  } catch (e) {
    if (mine !== previewSeq) return;
    out.textContent = e.status === 404 ? `There is no incident #${n} that you may read.` : sentence(e.message);
  }
}

/** Offers the incidents the author may read, newest first, to choose from. */
async function incidentOptions() {
  try {
    const r = await api('GET', '/api/v1/incidents?limit=50');
    $('#incident-options').replaceChildren(...r.items.map((i) => h('option', { value: String(i.id) },
      `#${i.id} ${i.title}`)));
  } catch { /* the number can still be typed */ }
}

/** The send form: read, check, post; on success, the new advisory. */
async function send(ev) {
  const form = $('#send-form');
  ev.preventDefault();
  const m = readMarking(form);
  const ind = parseIndicators($('#indicators').value);
  const to = checkedValues(form, 'to_states');
  const all = $('#to_all').checked;
  const errs = [];
  if (!$('#a-title').value.trim()) errs.push({ field: 'a-title', text: 'Give the advisory a title' });
  if (!$('#summary-text').value.trim()) errs.push({ field: 'summary-text', text: 'Say what the advisory is about' });
  if (!$('#severity').value) errs.push({ field: 'severity', text: 'Choose the severity' });
  if (!all && !to.length) errs.push({ field: 'to_states', text: 'Choose the recipient states, or every state' });
  const inc = incidentNumber();
  if (inc === null) errs.push({ field: 'incident_id', text: 'Give the incident’s number only, for example 12' });
  errs.push(...checkMarking(m));
  if (ind.bad) errs.push({ field: 'indicators', text: ind.bad.text });
  if (errs.length) {
    showErrors(form, $('#errors'), errs);
    return;
  }
  clearErrors(form, $('#errors'));
  const body = addMarking({
    title: $('#a-title').value.trim(), summary: $('#summary-text').value.trim(),
    severity: $('#severity').value,
    actions: $('#actions-text').value.split('\n').map((x) => x.trim()).filter(Boolean),
  }, m);
  if (inc) body.incident_id = Number(inc);
  if (all) body.to_all = true;
  else body.to_states = to;
  if (ind.items.length) body.indicators = ind.items;
  $('#send').disabled = true;
  try {
    const a = await api('POST', '/api/v1/advisories', body);
    location.assign('/advisories?id=' + a.id);
  } catch (e) {
    $('#send').disabled = false;
    let { field, text, named } = refusal(e, SEND_FIELDS);
    if (field === 'indicators' && named && named.index !== null) {
      const it = ind.items[named.index];
      text = `Line ${ind.lines[named.index]}${it ? ` (“${it.type} ${it.value}”)` : ''}: ${named.text}`;
    }
    showErrors(form, $('#errors'), [{ field, text }]);
  }
}

async function showSend(states) {
  $('#count').textContent = '';
  checkboxes($('#to-choices'), 'to_states', states.map((s) => [s.code, `${s.name} (${s.code})`]));
  // Most severe first: the deadline hint reads from critical down.
  $('#severity').append(...Object.entries(SEVERITY).reverse().map(([k, name]) =>
    h('option', { value: k }, name)));
  setupMarking(states, user.state_code, { shareStates: false });
  $('#incident_id').addEventListener('change', previewIncident);
  if (params.get('incident')) {
    $('#incident_id').value = params.get('incident');
    previewIncident();
  }
  incidentOptions();
  $('#to_all').addEventListener('change', () => { $('#to-choices').hidden = $('#to_all').checked; });
  $('#send-form').addEventListener('submit', send);
  $('#send-form').hidden = false;
}

async function showList(tab) {
  $('#count').textContent = 'Loading…';
  if (tab === 'overdue') {
    const r = await api('GET', '/api/v1/advisories/overdue');
    $('#count').textContent = r.items.length
      ? `${plural(r.items.length, 'recipient state has', 'recipient states have')} not acknowledged in time`
      : 'Every recipient state has acknowledged your advisories in time.';
    $('#results').replaceChildren(r.items.length ? table('overdue-table', ['Overdue acknowledgements'],
      ['Marking', 'Advisory', 'State', 'Due', 'Overdue by'], r.items.map((o) => h('tr', { 'data-state': o.state },
        h('td', null, tlpLabel(o.tlp)),
        h('td', { 'data-label': 'Advisory' }, h('a', { href: '/advisories?id=' + o.advisory_id }, o.title)),
        h('td', { 'data-label': 'State' }, names[o.state] ? `${names[o.state]} (${o.state})` : o.state),
        h('td', { 'data-label': 'Due' }, fmtDateTime(o.due_at)),
        h('td', { 'data-label': 'Overdue by' }, h('strong', null, fmtDuration(o.overdue_seconds)))))) : '');
    return;
  }
  // the shared list (list.js): pages, total, sort, CSV; the tab's own
  // filter is a default in the address
  $('#count').textContent = '';
  $('#adv-filter').hidden = false;
  await createList({
    endpoint: '/api/v1/advisories',
    form: $('#adv-filter'),
    errors: $('#errors'),
    fieldOf: { invalid_date: 'f-from', invalid_query: 'f-q' },
    host: $('#results'),
    id: 'advisory-table',
    caption: 'Advisories',
    noun: ['advisory', 'advisories'],
    sort: 'created_at',
    order: 'desc',
    defaults: tab === 'inbox' ? { state: user.state_code } : {},
    empty: 'No advisories.',
    rowId: (a) => 'adv-' + a.id,
    columns: [
      { label: 'Marking', cell: (a) => tlpLabel(a.tlp) },
      {
        label: 'Advisory', sort: 'title', cell: (a) => [h('a', { href: '/advisories?id=' + a.id }, a.title), h('br'),
          h('span', { class: 'secondary small' }, `From ${a.sender_state || 'the RIFC'}`)],
      },
      { label: 'Sent', sort: 'created_at', cls: 'date', cell: (a) => fmtDateTime(a.created_at) },
      {
        label: 'Severity',
        cell: (a) => h('span', { class: 'sev sev--' + a.severity }, SEVERITY[a.severity] || a.severity),
      },
      { label: 'Your state', cell: (a) => ackCell(a, $('#errors')) },
    ],
  }).load();
}

async function showOne(id) {
  const a = await api('GET', '/api/v1/advisories/' + id);
  document.title = `${a.title} – advisory – ccscap`;
  $('#title').textContent = a.title;
  $('#lead').textContent = `Advisory #${a.id} from ${a.sender_state ? names[a.sender_state] || a.sender_state : 'the RIFC'}.`;
  markingBox($('#marking'), a.sharing, names);
  fillDl($('#details'), [
    ['Sent', `${fmtDateTime(a.created_at)} by ${a.author}`],
    ['Severity', h('span', { class: 'sev sev--' + a.severity }, SEVERITY[a.severity] || a.severity)],
    ['Time to acknowledge', plural(a.ack_hours, 'hour', 'hours')],
    a.incident_id ? ['Incident', incidentLink(a.incident_id)] : null,
    mine(a) ? ['Your state', ackCell(a, $('#one-errors'))] : null,
  ]);
  $('#summary').textContent = a.summary;
  $('#actions-section').hidden = !(a.actions && a.actions.length);
  $('#actions').replaceChildren(...(a.actions || []).map((x) => h('li', null, x)));
  $('#recipient-list').replaceChildren(table('recipient-table', ['Recipient states'], ['State', 'Acknowledgement'],
    (a.recipient_states || []).map((r) => h('tr', { 'data-state': r.state },
      h('td', null, names[r.state] ? `${names[r.state]} (${r.state})` : r.state),
      h('td', { 'data-label': 'Acknowledgement' }, ackStatus(r))))));
  gate.replaceChildren();
  $('#one').hidden = false;
}

async function main() {
  user = await startPage(gate, 'advisories');
  if (!user) return;
  try {
    names = (await loadStates()).names;
    if (params.get('id')) {
      await showOne(Number(params.get('id')));
      return;
    }
    const tabs = TABS.filter(([, , may]) => may(user));
    const want = params.get('tab') || (params.get('incident') ? 'send' : null);
    const tab = tabs.find(([k]) => k === want) ? want : tabs[0][0];
    $('#tabs').replaceChildren(...tabs.map(([k, label]) => h('li', null,
      h('a', { href: '?tab=' + k, 'aria-current': k === tab ? 'page' : null }, label))));
    gate.replaceChildren();
    $('#page').hidden = false;
    if (tab === 'send') await showSend((await loadStates()).items);
    else await showList(tab);
  } catch (e) {
    if (e.status === 404 && params.get('id')) {
      gate.replaceChildren(h('div', { class: 'notice' }, h('h2', null, 'No such advisory for you'),
        h('p', null, 'There is no advisory with this number that your clearance lets you read.')));
      return;
    }
    $('#page').hidden = true;
    if (e.status === 404 && e.code === 'not_found') {
      gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'Advisories are not available on this server yet.')));
      return;
    }
    loadFailed(gate, 'The advisories', e);
  }
}

main();
