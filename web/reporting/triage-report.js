// triage-report.js: one public report for its triagers: what the
// reporter wrote (text nodes only: nothing they typed is ever markup),
// and the forms that classify, update, refer, convert and close it.
// Errors follow the GOV.UK pattern: a summary linking to each field.
import { api } from './api.js';
import { h, $, initPage, here, problem, fmtDateTime, showErrors, clearErrors, refusal } from './ui.js';
import { CATEGORY, triager, triageWords, priorityTag, states } from './triage-common.js';

const id = Number(new URLSearchParams(location.search).get('id'));
let words;

const LABEL = { narrative: 'What happened', what: 'What happened', when: 'When', first_contact: 'First contact',
  money: 'Money lost', suspect: 'Suspect', victim_type: 'Victim' };

/** A value of the body as text: lists one per line, objects as key: value. */
function text(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).join('\n');
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${text(x)}`).join('\n');
  return String(v);
}

function showBody(rep) {
  const dl = $('#report-body');
  const rows = [];
  for (const [k, v] of Object.entries(rep.body || {})) {
    rows.push(h('dt', null, LABEL[k] || k), h('dd', { class: 'pre' }, text(v)));
  }
  for (const a of rep.additions || []) {
    rows.push(h('dt', null, `Added ${fmtDateTime(a.created_at)}`), h('dd', { class: 'pre' }, a.text));
  }
  if (rep.contact) rows.push(h('dt', null, 'Contact'), h('dd', { class: 'pre' }, text(rep.contact)));
  dl.replaceChildren(...rows);
}

async function act(form, errors, method, path, body, fieldOf, flash) {
  clearErrors(form, errors);
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  try {
    const r = await api(method, path, body);
    sessionStorage.setItem('ccscap.flash', flash(r));
    location.reload();
  } catch (e) {
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    showErrors(form, errors, [refusal(e, fieldOf)]);
  }
}

function wire(rep, stateList) {
  const t = rep.triage || {};
  for (const c of words.rsit) {
    const g = h('optgroup', { label: c.name || c.key });
    for (const ty of c.types || []) g.append(h('option', { value: `${c.key}:${ty.key}` }, ty.name || ty.key));
    $('#c-rsit').append(g);
  }
  $('#c-rsit').value = t.rsit || '';
  for (const [k, v] of Object.entries(words.priorities)) $('#c-priority').append(h('option', { value: k }, v));
  $('#c-priority').value = t.priority || 'normal';
  $('#c-harm').checked = !!t.imminent_harm;
  $('#classify').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const rsit = $('#c-rsit').value;
    if (!rsit) {
      showErrors($('#classify'), $('#classify-errors'), [{ field: 'c-rsit', text: 'Choose the type of incident' }]);
      return;
    }
    act($('#classify'), $('#classify-errors'), 'PATCH', `/api/v1/public-reports/${id}`,
      { rsit, priority: $('#c-priority').value, imminent_harm: $('#c-harm').checked },
      { invalid_rsit: 'c-rsit', invalid_priority: 'c-priority', priority_below_floor: 'c-priority' },
      () => 'Classification saved.');
  });
  $('#update').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = $('#u-body').value.trim();
    if (!body) {
      showErrors($('#update'), $('#update-errors'), [{ field: 'u-body', text: 'Write the update' }]);
      return;
    }
    act($('#update'), $('#update-errors'), 'POST', `/api/v1/public-reports/${id}/updates`,
      { body, for_reporter: $('#u-rep').checked }, { body: 'u-body' }, () => 'Update added.');
  });
  for (const [k, v] of Object.entries(words.referrals)) $('#r-target').append(h('option', { value: k }, v));
  for (const st of stateList) $('#r-state').append(h('option', { value: st.code }, st.name));
  $('#r-target').addEventListener('change', () => { $('#r-state-field').hidden = $('#r-target').value !== 'another_state'; });
  $('#refer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const target = $('#r-target').value;
    if (!target) {
      showErrors($('#refer'), $('#refer-errors'), [{ field: 'r-target', text: 'Choose where to refer the report' }]);
      return;
    }
    const body = { target };
    if (target === 'another_state') body.state = $('#r-state').value;
    if ($('#r-note').value.trim()) body.note = $('#r-note').value.trim();
    act($('#refer'), $('#refer-errors'), 'POST', `/api/v1/public-reports/${id}/referrals`, body,
      { invalid_referral: 'r-target', state_required: 'r-state', already_routed: 'r-state', unknown_state: 'r-state', invalid_state_code: 'r-state', invalid_transition: 'r-target' },
      () => 'Report referred.');
  });
  $('#convert').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = { tlp: $('#v-tlp').value };
    if ($('#v-title').value.trim()) body.title = $('#v-title').value.trim();
    act($('#convert'), $('#convert-errors'), 'POST', `/api/v1/public-reports/${id}/convert`, body,
      { title: 'v-title', invalid_tlp: 'v-tlp' }, (r) => `Incident ${r.incident.id} opened from this report.`);
  });
  $('#close').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const reason = $('#x-reason').value.trim();
    if (!reason) {
      showErrors($('#close'), $('#close-errors'), [{ field: 'x-reason', text: 'Say why the report is closed' }]);
      return;
    }
    act($('#close'), $('#close-errors'), 'POST', `/api/v1/public-reports/${id}/close`, { reason },
      { reason: 'x-reason' }, () => 'Report closed.');
  });
  // Forms of moves the workflow does not allow now are not offered.
  const moves = rep.moves || [];
  const why = (form, text) => form.after(h('p', { class: 'small' }, text));
  const st = words.statuses[rep.status] || rep.status;
  $('#refer').hidden = !moves.includes('referred');
  if ($('#refer').hidden) why($('#refer'), rep.status === 'submitted' ? 'Classify the report before you refer it.' : `A report that is “${st}” is not referred.`);
  $('#convert').hidden = !moves.includes('investigating') || !t.rsit;
  if ($('#convert').hidden && !t.incident_id) why($('#convert'), rep.status === 'submitted' ? 'Classify the report before you convert it.' : `A report that is “${st}” is not converted.`);
  $('#close').hidden = !moves.includes('closed');
  if ($('#close').hidden) why($('#close'), 'The report is closed.');
  $('#classify').hidden = !(rep.status === 'submitted' || moves.includes(rep.status));
  if ($('#classify').hidden) why($('#classify'), t.incident_id ? 'The report is an incident now: its classification is the incident’s.' : `A report that is “${st}” is not classified again.`);
}

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to triage this report.')));
    return;
  }
  if (!triager(user) || !id) {
    gate.replaceChildren(problem('There is no public report here that you may read.'));
    return;
  }
  let rep, cluster, stateList;
  try {
    words = await triageWords();
    [rep, cluster, stateList] = await Promise.all([api('GET', `/api/v1/public-reports/${id}`),
      api('GET', `/api/v1/public-reports/${id}/cluster`), states()]);
  } catch (e) {
    gate.replaceChildren(problem(e.status === 404 ? 'There is no public report here that you may read.'
      : `The report could not be loaded: ${e.message}`));
    return;
  }
  document.title = `${rep.reference} – ccscap`;
  $('#title').textContent = `Public report ${rep.reference}`;
  const t = rep.triage || {};
  $('#summary').replaceChildren(`${CATEGORY[rep.category] || rep.category}, from ${rep.state}, received ${fmtDateTime(rep.created_at)}. Status: `,
    h('strong', { id: 'status' }, words.statuses[rep.status] || rep.status), '. Priority: ', priorityTag(t.priority, words),
    t.rsit ? `. RSIT: ${t.rsit}` : '', '.');
  showBody(rep);
  $('#cluster').replaceChildren(cluster.report_ids.length === 0 ? h('p', null, 'No other report you may read names the same URL, e-mail address, phone number or wallet.')
    : h('ul', null, cluster.keys.filter((k) => k.reports.length > 1).map((k) => h('li', null, `${k.kind} ${k.value}: `,
      ...k.reports.filter((r) => r.id !== id).map((r, i) => [i ? ', ' : '', h('a', { href: '/triage-report?id=' + r.id }, r.reference)])))));
  $('#updates').replaceChildren(...(rep.updates || []).map((u) => h('li', { class: 'card' },
    h('p', { class: 'small' }, `${u.for_reporter ? 'For the reporter' : 'Note for the teams'}, by ${u.created_by}, ${fmtDateTime(u.created_at)}`),
    h('p', { class: 'pre' }, u.body))));
  $('#referrals').replaceChildren(...(rep.referrals || []).map((r) => h('li', null,
    `${words.referrals[r.target] || r.target}${r.to_state ? ' (' + r.to_state + ')' : ''}, by ${r.created_by}, ${fmtDateTime(r.created_at)}${r.note ? ': ' + r.note : ''}`)));
  if (t.incident_id) {
    $('#incident-link').replaceChildren('Opened as ', h('a', { href: '/incident?id=' + t.incident_id, id: 'incident-link-a' }, `incident ${t.incident_id}`), '.');
  }
  wire(rep, stateList);
  const msg = sessionStorage.getItem('ccscap.flash');
  if (msg) {
    sessionStorage.removeItem('ccscap.flash');
    $('#flash').replaceChildren(h('div', { class: 'notice', role: 'status' }, h('p', null, msg)));
  }
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
}

main();
