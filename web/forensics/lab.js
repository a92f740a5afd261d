// lab.js: one forensic lab: owner, capabilities, devices, capacity, its
// queue (the requests the reader may read, as a list of
// web/common/list.js: sorted, filtered, paged, as CSV), its tools with their licence
// warnings (as words, 90 and 30 days ahead) and its examiners; a state's
// NCPOC or CERT user finds the link to ask it for help.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { createList, isoDate } from './list.js';
import {
  startForensics, loadFailed, fmtDay, DEVICE, URGENCY, STATUS,
} from './forensics-common.js';

const WARN = {
  expired: ['Licence expired', 'tag--unmet'],
  '30_days': ['Expires within 30 days', 'tag--unmet'],
  '90_days': ['Expires within 90 days', 'tag--gap'],
};

function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value)];
}

function toolRow(t) {
  const w = WARN[t.licence_warning];
  return h('tr', { 'data-warning': t.licence_warning || '' },
    h('td', null, t.name),
    h('td', { 'data-label': 'Version' }, t.version || '–'),
    h('td', { 'data-label': 'Licence' }, t.licence_ref || '–'),
    h('td', { 'data-label': 'Expires' }, t.licence_expires ? fmtDay(t.licence_expires) : 'Does not expire',
      w ? [' ', h('strong', { class: 'tag ' + w[1] }, w[0])] : ''));
}

const QUEUE = [
  {
    label: 'Request',
    cell: (q) => [h('a', { href: '/forensic-request?id=' + q.id }, `Request ${q.id}`),
      q.case_ref ? h('span', { class: 'small secondary' }, ' ' + q.case_ref) : ''],
  },
  { label: 'From', sort: 'state', cell: (q) => q.state },
  { label: 'Urgency', sort: 'urgency', cell: (q) => URGENCY[q.urgency] || q.urgency },
  { label: 'Devices', cell: (q) => `${q.volume}: ` + q.device_types.map((d) => DEVICE[d] || d).join(', ') },
  { label: 'Status', sort: 'status', cell: (q) => h('span', { 'data-status': q.status }, STATUS[q.status] || q.status) },
  { label: 'Asked', sort: 'created_at', cls: 'date', cell: (q) => isoDate(q.created_at) },
];

function queue(id) {
  $('#lab-id').value = id;
  $('#f-status').append(...Object.entries(STATUS).map(([k, v]) => h('option', { value: k }, v)));
  return createList({
    endpoint: '/api/v1/forensic-requests', form: $('#queue-filters'), errors: $('#queue-errors'),
    host: $('#queue-results'), id: 'queue', caption: 'Help requests of this lab that you may read',
    noun: ['request', 'requests'], sort: 'created_at', order: 'desc', columns: QUEUE,
    defaults: { lab: String(id) }, empty: 'No request of this lab that you may read matches.',
    fieldOf: { invalid_date: 'from', invalid_query: 'q', invalid_status: 'f-status', invalid_state_code: 'f-state' },
  });
}

async function main() {
  const gate = $('#gate');
  const id = new URLSearchParams(location.search).get('id');
  let user;
  let lab;
  try {
    user = await startForensics(gate, 'the lab');
    if (!user) return;
    lab = await api('GET', '/api/v1/labs/' + encodeURIComponent(id || ''));
  } catch (e) {
    loadFailed(gate, 'The lab', e);
    return;
  }
  document.title = `${lab.name} – ccscap`;
  $('#title').textContent = lab.name;
  $('#facts').replaceChildren(
    ...fact('Owner', lab.org_name + (lab.state ? ` (${lab.state})` : ' (regional body)')),
    ...fact('Capabilities', lab.capabilities.join(', ')),
    ...fact('Devices', lab.device_types.map((d) => DEVICE[d] || d).join(', ')),
    ...fact('Capacity', `${lab.capacity} requests at once; ${lab.queue} in the queue, ` +
      `${lab.waiting} waiting for an answer, ${lab.free} free`));
  if (['ncpoc', 'cert'].includes(user.role) && user.state_code) {
    $('#ask').replaceChildren(h('a', { class: 'button', id: 'ask-help',
      href: '/forensic-request?lab=' + lab.id }, 'Ask this lab for help'));
  }
  $('#tools').replaceChildren(...(lab.tools.length ? lab.tools.map(toolRow)
    : [h('tr', null, h('td', { colspan: '4' }, 'No tool recorded.'))]));
  $('#examiners').replaceChildren(...(lab.examiners.length ? lab.examiners.map((x) => h('tr', null,
    h('td', null, x.name), h('td', { 'data-label': 'Certification' }, x.certification),
    h('td', { 'data-label': 'Skills' }, x.skills.join(', ')),
    h('td', { 'data-label': 'Languages' }, x.languages.join(', '))))
    : [h('tr', null, h('td', { colspan: '4' }, 'No examiner recorded.'))]));
  gate.replaceChildren();
  $('#content').hidden = false;
  try {
    await queue(lab.id).load();
  } catch (e) {
    loadFailed(gate, 'The queue', e);
  }
}

main();
