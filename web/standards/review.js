// review.js: the RIFC's validation queue: status records waiting for
// review as a list (web/common/list.js: sorted by age, state, standard,
// level; filtered by words, state, standard, age and date; 25 a page with
// a total, Previous/Next and a CSV), each row with its evidence and files
// behind a disclosure. Tick records, then "Validate selected" or "Reject
// selected" with one reason: one request, all or nothing (a refused
// record refuses the batch and the page names every refusal). A record
// the signed-in user submitted shows why they cannot review it instead of
// a checkbox.
import { api, getSession } from './api.js';
import { h, $, initPage, problem, showErrors, clearErrors, sentence } from './ui.js';
import { createList, isoDate } from './list.js';
import { fmtDay, fmtSize, levelText, sourceLabel, canReview, ownRecord, signInFor } from './standards.js';

const PAGE = '25';
const errors = $('#errors');
const names = {};
let user = null;
let list = null;
const shown = new Map();     // id -> record on this page

const OWN = 'You submitted this; another analyst must review it.';

function stateName(code) {
  return names[code] || code;
}

function what(rec) {
  return `${stateName(rec.state)}, “${rec.standard_title}”`;
}

function days(secs) {
  const n = Math.floor((Date.now() / 1000 - secs) / 86400);
  return n <= 0 ? 'today' : n === 1 ? '1 day' : `${n} days`;
}

function picked() {
  return [...document.querySelectorAll('#results input.pick:checked')].map((c) => Number(c.value));
}

function updatePicked() {
  const n = picked().length;
  $('#picked').textContent = n === 0 ? 'No records selected.'
    : `${n} ${n === 1 ? 'record' : 'records'} selected.`;
}

/** Evidence, links and files, loaded when the reader opens them. */
function details(rec) {
  const files = h('dd', null, h('span', { class: 'secondary' }, 'Loading…'));
  const d = h('details', { class: 'evidence' }, h('summary', null, 'Evidence',
    h('span', { class: 'vh' }, ` of the record of ${what(rec)}`)),
  h('dl', { class: 'dl' },
    h('dt', null, 'Evidence'), h('dd', null, rec.evidence
      ? h('span', { class: 'pre' }, rec.evidence) : h('span', { class: 'secondary' }, 'None given')),
    rec.links.length ? [h('dt', null, 'Links'), h('dd', null, h('ul', null, rec.links.map((l) =>
      h('li', null, h('a', { href: l, rel: 'noreferrer', class: 'break' }, l)))))] : null,
    h('dt', null, 'Files'), files,
    h('dt', null, 'Source'), h('dd', null, sourceLabel(rec.source)),
    rec.corrects_id ? [h('dt', null, 'Corrects'), h('dd', null, `Record ${rec.corrects_id}`)] : null,
    rec.reason ? [h('dt', null, 'Reason given'), h('dd', null, rec.reason)] : null));
  let loaded = false;
  d.addEventListener('toggle', async () => {
    if (!d.open || loaded) return;
    loaded = true;
    try {
      const full = await api('GET', '/api/v1/assessments/' + rec.id);
      files.replaceChildren(full.files.length
        ? h('ul', null, full.files.map((f) => h('li', null,
          h('a', { href: '/api/v1/evidence/' + f.sha256, download: f.filename }, f.filename),
          ` (${fmtSize(f.size)})`)))
        : h('span', { class: 'secondary' }, 'None'));
    } catch {
      files.replaceChildren(h('span', { class: 'secondary' }, 'The files could not be listed.'));
    }
  });
  return d;
}

function pickCell(rec) {
  if (rec.status !== 'pending') {
    return h('span', { class: 'secondary', 'data-id': rec.id }, rec.status === 'validated' ? 'Validated' : 'Rejected');
  }
  if (ownRecord(user, rec)) return h('p', { class: 'own', 'data-id': rec.id }, OWN);
  const box = h('input', {
    type: 'checkbox', class: 'pick', value: String(rec.id), id: 'pick-' + rec.id, 'data-id': rec.id,
    'aria-label': `Select the record of ${what(rec)}`,
  });
  box.addEventListener('change', updatePicked);
  return box;
}

const COLUMNS = [
  { label: 'Select', cell: pickCell },
  { label: 'State', sort: 'state', cell: (r) => stateName(r.state) },
  {
    label: 'Standard', sort: 'standard',
    cell: (r) => [h('a', { href: '/standard?code=' + encodeURIComponent(r.standard) }, r.standard),
      ' ', r.standard_title],
  },
  {
    label: 'Level', sort: 'level',
    cell: (r) => [levelText(r.scale, r.level), ' ', r.met
      ? h('strong', { class: 'tag tag--met' }, 'Meets the minimum')
      : [h('strong', { class: 'tag tag--unmet' }, 'Below the minimum'), ` (“${r.scale[r.met_level]}”)`]],
  },
  { label: 'As of', sort: 'as_of', cls: 'date', cell: (r) => fmtDay(r.as_of) },
  {
    label: 'Submitted', sort: 'submitted_at', cls: 'date',
    cell: (r) => [isoDate(r.submitted_at), h('br'), h('span', { class: 'secondary' }, days(r.submitted_at))],
  },
  { label: 'By', cell: (r) => r.author },
  { label: 'Evidence', cell: details },
];

function onload(reply) {
  shown.clear();
  for (const r of reply.items) shown.set(r.id, r);
  for (const el of document.querySelectorAll('#results [data-id]')) {
    el.closest('tr').id = 'record-' + el.dataset.id;
  }
  for (const own of document.querySelectorAll('#results .own')) own.closest('tr').classList.add('own-row');
  const pending = reply.items.some((r) => r.status === 'pending' && !ownRecord(user, r));
  $('#decide').hidden = !pending;
  updatePicked();
}

async function postReview(body) {
  const s = await getSession();
  const res = await fetch('/api/v1/assessments/review', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': s.csrf_token },
    body: JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  return { status: res.status, data };
}

const WHY = {
  own_submission: OWN,
  already_reviewed: 'Someone has already reviewed it.',
  not_found: 'It no longer exists.',
};

function flash(title, text) {
  const box = h('div', { class: 'success', role: 'status', tabindex: '-1' },
    h('h2', null, title), h('p', null, text));
  $('#flash').replaceChildren(box);
  box.focus();
}

async function decide(validate) {
  const form = $('#decide');
  const ids = picked();
  const reason = $('#reason').value.trim();
  clearErrors(form, errors);
  $('#flash').replaceChildren();
  if (ids.length === 0) {
    showErrors(form, errors, [{ field: null, text: 'Tick the records to ' + (validate ? 'validate' : 'reject') + ' first' }]);
    return;
  }
  if (!validate && !reason) {
    showErrors(form, errors, [{ field: 'reason', text: 'Say why you are rejecting the records' }]);
    return;
  }
  const buttons = form.querySelectorAll('button');
  for (const b of buttons) b.disabled = true;
  let r;
  try {
    r = await postReview({ ids, decision: validate ? 'validate' : 'reject', reason: validate ? null : reason });
  } catch {
    r = { status: 0, data: null };
  }
  for (const b of buttons) b.disabled = false;
  if (r.status === 200) {
    const n = r.data.count;
    $('#reason').value = '';
    flash(validate ? `${n} ${n === 1 ? 'record' : 'records'} validated`
      : `${n} ${n === 1 ? 'record' : 'records'} rejected`,
    validate ? 'They now count in the gap analysis.' : 'The submitters can read your reason.');
    await list.load();
    return;
  }
  if (r.status === 409 && r.data && r.data.results) {
    const bad = r.data.results.filter((x) => x.outcome === 'refused');
    const items = bad.map((x) => {
      const rec = shown.get(x.id);
      const label = rec ? what(rec) : `Record ${x.id}`;
      return { field: rec ? 'pick-' + x.id : null, text: `${label}: ${WHY[x.error.code] || sentence(x.error.message)}` };
    });
    showErrors(form, errors, [{ field: null, text: `No record was ${validate ? 'validated' : 'rejected'}: untick ${bad.length === 1 ? 'this record' : 'these records'} and try again` }, ...items]);
    return;
  }
  const e = r.data && r.data.error ? r.data.error : { code: 'network', message: 'The server could not be reached' };
  const text = {
    reason_required: 'Say why you are rejecting the records',
    forbidden: 'Only RIFC analysts and coordinators review status records.',
  }[e.code] || sentence(e.message);
  showErrors(form, errors, [{ field: e.code === 'reason_required' ? 'reason' : null, text }]);
}

async function main() {
  const statesP = api('GET', '/api/v1/states').catch(() => ({ items: [] }));
  const fwP = api('GET', '/api/v1/framework').catch(() => null);
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  user = s && s.user;
  if (!user) {
    $('#gate').replaceChildren(signInFor('the records waiting for review'));
    return;
  }
  if (!canReview(user)) {
    $('#gate').replaceChildren(problem('Only RIFC analysts and coordinators review status records.',
      h('p', null, h('a', { href: '/gaps' }, 'See the gap analysis'))));
    return;
  }
  const states = (await statesP).items;
  for (const x of states) names[x.code] = x.name;
  $('#state').append(...states.map((x) => h('option', { value: x.code }, x.name)));
  const fw = await fwP;
  const codes = [];
  for (const a of (fw && fw.areas) || []) {
    for (const sa of a.specific_areas || []) {
      for (const st of sa.standards || []) codes.push(st);
    }
  }
  $('#standard').append(...codes.map((st) => h('option', { value: st.code }, `${st.code} ${st.title}`)));
  // the queue: pending, oldest first, 25 a page, unless the address says
  const p = new URLSearchParams(location.search);
  if (p.get('state')) p.set('state', p.get('state').toUpperCase());
  for (const [k, v] of [['status', 'pending'], ['sort', 'submitted_at'], ['order', 'asc'], ['limit', PAGE]]) {
    if (!p.get(k)) p.set(k, v);
  }
  history.replaceState(null, '', location.pathname + '?' + p);
  $('#gate').replaceChildren();
  $('#queue').hidden = false;
  list = createList({
    endpoint: '/api/v1/assessments', form: $('#filters'), errors,
    host: $('#results'), id: 'records', caption: 'Status records',
    noun: ['record', 'records'], sort: 'submitted_at', order: 'asc',
    columns: COLUMNS, onload,
    empty: 'No records match: none is waiting for review with these filters.',
    fieldOf: { invalid_state_code: 'state', invalid_date: 'from', invalid_query: 'q' },
  });
  $('#validate-selected').addEventListener('click', () => decide(true));
  $('#reject-selected').addEventListener('click', () => decide(false));
  $('#select-page').addEventListener('click', () => {
    for (const b of document.querySelectorAll('#results input.pick')) b.checked = true;
    updatePicked();
  });
  await list.load();
}

main();
