// preservation-request.js: one 24/7 preservation request: its clock (the
// acknowledgement that is overdue, the reminder before expiry), the form
// in the T-CY order, the history, the linked Art. 30 requests, and one
// small form per move the signed-in user may make now.
import { api } from './api.js';
import { h, $, initPage, here, problem, fmtDate, fmtDateTime, showErrors, clearErrors, refusal } from './ui.js';
import { reader, presWords, dueTag, states } from './preservation-common.js';

const id = Number(new URLSearchParams(location.search).get('id'));
let words;
let names = {};

function field(label, value) {
  return [h('dt', null, label), h('dd', { class: 'pre' }, value === undefined || value === null || value === '' ? 'Not given' : String(value))];
}

function showForm(r) {
  const ids = (r.identifiers || []).map((i) => `${words.kinds[i.kind] || i.kind}: ${i.value}` +
    (i.seen_at ? `, seen ${i.seen_at}` : '') + (i.timezone ? ` ${i.timezone}` : '')).join('\n');
  $('#form').replaceChildren(
    ...field('Requesting state', names[r.requesting_state] || r.requesting_state),
    ...field('Requesting authority', r.requesting_authority),
    ...field('Requesting 24/7 contact', r.requesting_contact),
    ...field('Requested state', names[r.requested_state] || r.requested_state),
    ...field('Requested 24/7 contact (directory)', r.requested_contact),
    ...field('Legal basis', words.bases[r.legal_basis] || r.legal_basis),
    ...field('Domestic law', r.domestic_basis),
    ...field('Offence', r.offence),
    ...field('Summary of facts', r.facts),
    ...field('Data categories', (r.data_categories || []).map((c) => words.categories[c] || c).join('; ')),
    ...field('Identifiers', ids),
    ...field('Date range', `${r.date_from} to ${r.date_to}`),
    ...field('Link to the offence', r.link_to_offence),
    ...field('Custodian', `${r.custodian} (${r.custodian_location})`),
    ...field('Why preservation is needed', r.preservation_reason),
    ...field('Mutual legal assistance to follow', r.mla_to_follow ? 'Yes' : 'No'),
    ...field('Non-disclosure requested', r.non_disclosure ? 'Yes' : 'No'),
    ...field('Urgency', (words.urgencies[r.urgency] || r.urgency) + (r.emergency_reason ? `: ${r.emergency_reason}` : '')),
    ...field('Days asked for', r.period_days),
    ...(r.mla_reference ? field('MLA request', r.mla_reference) : []),
    ...(r.outcome_reason ? field('Reason given', r.outcome_reason) : []));
}

function showClock(r) {
  const box = $('#clock');
  let msg = null;
  if (r.due === 'ack_overdue') {
    msg = `Acknowledgement overdue: it was due ${fmtDateTime(r.ack_due_at)}.`;
  } else if (r.due === 'expiring') {
    msg = `Expiry reminder: the preservation ends on ${fmtDate(r.expires_at)}. Renew it or file the mutual legal assistance request before then.`;
  } else if (r.due === 'lapsed') {
    msg = `The preservation ended on ${fmtDate(r.expires_at)}.`;
  }
  box.replaceChildren(msg ? h('div', { class: 'notice', role: 'status', id: 'clock-notice' },
    h('p', null, dueTag(r.due, words), ' ', msg)) : '');
}

const NEEDS = {
  preserve: [['expires_on', 'Preserved until (optional: the days asked for)', 'date']],
  renew: [['expires_on', 'Preserved until', 'date']],
  disclose_partly: [['third_state', 'State of the provider found', 'state'], ['provider', 'Provider', 'text'],
    ['provider_location', 'Provider location (optional)', 'text'], ['note', 'What was disclosed (optional)', 'textarea']],
  refuse: [['reason', 'Reason for refusing', 'textarea']],
  withdraw: [['reason', 'Reason (optional)', 'textarea']],
  record_mla: [['mla_reference', 'Reference of the MLA request', 'text']],
};

function actionForm(r, act) {
  const fid = (k) => `${act}-${k}`;
  const errs = h('div', { id: `${act}-errors` });
  const inputs = (NEEDS[act] || []).map(([k, label, type]) => {
    let el;
    if (type === 'textarea') el = h('textarea', { id: fid(k), rows: '2', maxlength: '2000' });
    else if (type === 'state') {
      el = h('select', { id: fid(k) }, h('option', { value: '' }, 'Choose a state'),
        ...Object.entries(names).filter(([c]) => c !== r.requesting_state && c !== r.requested_state)
          .map(([c, n]) => h('option', { value: c }, n)));
    } else el = h('input', { id: fid(k), type, maxlength: '300' });
    return h('div', { class: 'field' }, h('label', { for: fid(k) }, label), el);
  });
  const form = h('form', { id: `a-${act}`, class: 'card', novalidate: '' }, errs, ...inputs,
    h('button', { class: act === 'withdraw' || act === 'refuse' ? 'button button--secondary' : 'button', type: 'submit', id: `do-${act}` },
      words.actions[act] || act));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = { action: act };
    for (const [k] of NEEDS[act] || []) {
      const v = $('#' + fid(k)).value.trim();
      if (v) b[k] = v;
    }
    clearErrors(form, errs);
    form.querySelector('button').disabled = true;
    try {
      await api('PATCH', `/api/v1/preservation-requests/${id}`, b);
      sessionStorage.setItem('ccscap.flash', `Done: ${words.actions[act] || act}.`);
      location.reload();
    } catch (e) {
      form.querySelector('button').disabled = false;
      const fo = {};
      for (const [k] of NEEDS[act] || []) fo[k] = fid(k);
      Object.assign(fo, { expiry_too_soon: fid('expires_on'), expiry_too_late: fid('expires_on'),
        invalid_expiry: fid('expires_on'), expiry_required: fid('expires_on'),
        reason_required: fid('reason'), third_state_required: fid('third_state'),
        third_state_is_party: fid('third_state'), provider_required: fid('provider'),
        mla_reference_required: fid('mla_reference') });
      showErrors(form, errs, [refusal(e, fo)]);
    }
  });
  return form;
}

async function main() {
  const gate = $('#gate');
  gate.hidden = false;
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to see this request.')));
    return;
  }
  if (!reader(user) || !id) {
    gate.replaceChildren(problem('There is no preservation request here that you may read.'));
    return;
  }
  let r;
  try {
    words = await presWords();
    for (const st of await states()) names[st.code] = st.name;
    r = await api('GET', `/api/v1/preservation-requests/${id}`);
  } catch (e) {
    gate.replaceChildren(problem(e.status === 404 ? 'There is no preservation request here that you may read.'
      : `The request could not be loaded: ${e.message}`));
    return;
  }
  document.title = `Preservation request ${id} – ccscap`;
  $('#title').textContent = `Preservation request ${id}`;
  $('#summary').replaceChildren(`From ${names[r.requesting_state] || r.requesting_state} to ${names[r.requested_state] || r.requested_state}. Status: `,
    h('strong', { id: 'status' }, words.statuses[r.status] || r.status), '. Clock: ', dueTag(r.due, words),
    r.expires_at ? `. Preserved until ${fmtDate(r.expires_at)}` : '', r.reminder_at ? `; reminder from ${fmtDate(r.reminder_at)}` : '', '.');
  $('#pdf').href = `/api/v1/preservation-requests/${id}.pdf`;
  showClock(r);
  showForm(r);
  $('#actions').replaceChildren(...(r.moves.length ? r.moves.map((a) => actionForm(r, a))
    : [h('p', null, 'Nothing for you to do on this request now.')]));
  const links = [];
  if (r.parent_id) links.push(h('p', null, 'Follows ', h('a', { href: '/preservation-request?id=' + r.parent_id }, `request ${r.parent_id}`), ' (Art. 30).'));
  for (const k of r.follow_ons || []) {
    links.push(h('p', null, 'Follow-on request ', h('a', { href: '/preservation-request?id=' + k.id }, `${k.id}`),
      ` to ${names[k.requested_state] || k.requested_state} (${words.statuses[k.status] || k.status}).`));
  }
  $('#links').replaceChildren(...(links.length ? links : [h('p', null, 'None.')]));
  $('#history').replaceChildren(...(r.events || []).map((e) => h('li', null,
    `${fmtDateTime(e.created_at)}: ${words.actions[e.action] || e.action} by ${e.created_by}` +
    ` (${words.statuses[e.from_status] || e.from_status} to ${words.statuses[e.to_status] || e.to_status})` +
    (e.note ? `: ${e.note}` : ''))));
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
