// forensic-request.js: ask a lab for help (?lab=ID: the form, for a
// state's NCPOC or CERT user) or see one request (?id=ID: its facts, and
// a form for the next step: the server decides whose step it is and says
// so beside the field).
import { api } from './api.js';
import { h, $, checkboxes, checkedValues, clearErrors, showErrors } from './ui.js';
import {
  startForensics, loadFailed, formRefused, fmtDay, DEVICE, URGENCY, STATUS,
} from './forensics-common.js';

const NEXT = {
  requested: ['accepted', 'declined', 'withdrawn'],
  accepted: ['scheduled', 'declined', 'withdrawn'],
  scheduled: ['in_progress', 'scheduled', 'withdrawn'],
  in_progress: ['closed'],
};

function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value)];
}

async function newForm(user, labId) {
  const lab = await api('GET', '/api/v1/labs/' + encodeURIComponent(labId));
  $('#title').textContent = 'Ask a lab for help';
  $('#lab-name').textContent = `To ${lab.name} (${lab.org_name}).`;
  $('#state').value = user.state_code || '';
  checkboxes($('#devices'), 'device', lab.device_types.map((d) => [d, DEVICE[d] || d]));
  $('#urgency').replaceChildren(...Object.entries(URGENCY).map(([k, v]) => h('option', { value: k }, v)));
  const form = $('#new-request');
  form.hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errors = [];
    const devs = checkedValues(form, 'device');
    if (!devs.length) errors.push({ field: 'device_types', text: 'Select at least one device type' });
    if (!$('#legal_basis').value.trim()) errors.push({ field: 'legal_basis', text: 'Enter the legal basis' });
    const inc = $('#incident_id').value.trim();
    if (!inc && !$('#case_ref').value.trim()) errors.push({ field: 'case_ref', text: 'Enter the case reference or an incident number' });
    if (errors.length) { showErrors(form, $('#summary'), errors); return; }
    clearErrors(form, $('#summary'));
    try {
      const r = await api('POST', '/api/v1/forensic-requests', {
        lab_id: lab.id, state: $('#state').value, device_types: devs,
        volume: Number($('#volume').value || 0), urgency: $('#urgency').value,
        legal_basis: $('#legal_basis').value, incident_id: inc ? Number(inc) : null,
        case_ref: $('#case_ref').value.trim() || null,
      });
      location.href = '/forensic-request?id=' + r.id;
    } catch (e) {
      formRefused(form, $('#summary'), e, { unknown_incident: 'incident_id', case_required: 'case_ref',
        invalid_device_type: 'device_types' });
    }
  });
}

function show(q) {
  $('#title').textContent = `Help request ${q.id}`;
  $('#facts').replaceChildren(
    ...fact('Lab', h('a', { href: '/lab?id=' + q.lab_id }, q.lab_name)),
    ...fact('From', q.state),
    ...fact('Status', h('strong', { id: 'status', 'data-status': q.status }, STATUS[q.status] || q.status)),
    ...fact('Urgency', URGENCY[q.urgency] || q.urgency),
    ...fact('Devices', `${q.volume}: ` + q.device_types.map((d) => DEVICE[d] || d).join(', ')),
    ...fact('Legal basis', q.legal_basis),
    ...fact('Incident or case', q.incident_id ? h('a', { href: '/incident?id=' + q.incident_id }, `Incident ${q.incident_id}`) : (q.case_ref || '–')),
    ...(q.scheduled_for ? fact('Scheduled for', fmtDay(q.scheduled_for)) : []),
    ...(q.report ? fact('Report', q.report) : []),
    ...(q.reason ? fact('Reason', q.reason) : []));
  const next = NEXT[q.status] || [];
  const form = $('#move');
  form.hidden = next.length === 0;
  $('#to').replaceChildren(...next.map((s) => h('option', { value: s }, STATUS[s] || s)));
}

async function viewRequest(id) {
  let q = await api('GET', '/api/v1/forensic-requests/' + encodeURIComponent(id));
  show(q);
  $('#view').hidden = false;
  const form = $('#move');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, $('#summary'));
    try {
      q = await api('POST', `/api/v1/forensic-requests/${q.id}/moves`, {
        to: $('#to').value, scheduled_for: $('#scheduled_for').value || null,
        report: $('#report').value.trim() || null, reason: $('#reason').value.trim() || null,
      });
      show(q);
      $('#summary').replaceChildren(h('div', { class: 'success', role: 'status' },
        h('p', null, `The request is now: ${STATUS[q.status] || q.status}.`)));
    } catch (e) {
      formRefused(form, $('#summary'), e, { scheduled_for_required: 'scheduled_for',
        report_required: 'report', reason_required: 'reason', invalid_transition: 'to', forbidden: 'to' });
    }
  });
}

async function main() {
  const gate = $('#gate');
  const q = new URLSearchParams(location.search);
  try {
    const user = await startForensics(gate, 'help requests');
    if (!user) return;
    if (q.get('lab')) await newForm(user, q.get('lab'));
    else await viewRequest(q.get('id') || '');
  } catch (e) {
    loadFailed(gate, 'The request', e);
    return;
  }
  gate.replaceChildren();
}

main();
