// reports.js: make a report (with an HTML preview before storing, and the
// stored HTML shown after), and the archive with the downloads of every
// stored rendition and its digest as a list (web/common/list.js: sorted,
// filtered by words, audience and the day made, paged, as CSV). The preview and the stored HTML come
// from the server already escaped; they are parsed as a document (no
// script runs) and their <main> is shown here.
import { api, getSession, ApiError } from './api.js';
import { h, $, initPage, showErrors, clearErrors, sentence, fmtDateTime } from './ui.js';
import { createList } from './list.js';

const AUDIENCES = [
  ['consle', 'CONSLE brief', 'Two pages for ministers: traffic light per priority area, decisions required, funding gap, legal headline.',
    (u) => ['coordinator', 'steering'].includes(u.role) && !u.state_code],
  ['steering', 'Steering Committee report', 'Recommendations, coverage and duplicates, changes in the gap analysis, initiatives.',
    (u) => ['coordinator', 'rifc_analyst', 'steering'].includes(u.role) && !u.state_code],
  ['heads_intel', 'Heads of Intelligence and FIUs (TLP:AMBER)', 'Incident statistics from what you may read; small counts suppressed.',
    (u) => ['coordinator', 'rifc_analyst'].includes(u.role) && !u.state_code],
  ['donors', "Donors' workbook", 'Unfunded needs per state, from the coverage of the needs.',
    (u) => u.role === 'coordinator' && !u.state_code],
  ['rcc', 'RCC periodic report of one state', 'One state: status, funding gap, incidents, changes.',
    (u) => (['coordinator', 'rifc_analyst'].includes(u.role) && !u.state_code) || u.role === 'ncpoc'],
];
const TITLE = Object.fromEntries(AUDIENCES.map((a) => [a[0], a[1]]));
const FIELD = { unknown_audience: 'audience', invalid_period: 'to', state_required: 'state',
  unknown_state: 'state', invalid_state_code: 'state', state_not_applicable: 'state' };

let archive = null;

function body(form) {
  const aud = form.querySelector('input[name=audience]:checked');
  const b = { audience: aud ? aud.value : '', from: $('#from').value, to: $('#to').value };
  if (b.audience === 'rcc') b.state = $('#state').value;
  return b;
}

function localErrors(b) {
  const errs = [];
  if (!b.audience) errs.push({ field: 'audience', text: 'Choose the audience of the report' });
  if (!b.from) errs.push({ field: 'from', text: 'Enter the first day of the period' });
  if (!b.to) errs.push({ field: 'to', text: 'Enter the last day of the period' });
  if (b.from && b.to && b.to < b.from) errs.push({ field: 'to', text: 'The period must not end before it starts' });
  return errs;
}

function refused(form, e) {
  const field = FIELD[e.code] || (/^(from|to|state|audience)\b/.exec(e.message || '') || [])[1] || null;
  showErrors(form, $('#errors'), [{ field: field && document.getElementById(field) ? field : null,
    text: sentence(e.message) }]);
}

/* The <main> of a server-rendered report document, as nodes. */
function reportNodes(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const main = doc.querySelector('main');
  return main ? [...main.childNodes].map((n) => document.importNode(n, true)) : [];
}

async function previewHtml(b) {
  const s = await getSession();
  const res = await fetch('/api/v1/reports/preview', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
    body: JSON.stringify(b),
  });
  const text = await res.text();
  if (!res.ok) {
    let err = {};
    try { err = JSON.parse(text).error || {}; } catch { /* not JSON */ }
    throw new ApiError(res.status, err.code || 'http_' + res.status, err.message || 'The preview failed.');
  }
  return text;
}

function showPreview(note, html) {
  $('#preview-note').textContent = note;
  $('#preview-body').replaceChildren(...reportNodes(html));
  $('#preview').hidden = false;
}

function fileLinks(r) {
  return h('ul', { class: 'inline' }, (r.files || []).map((f) => h('li', null,
    h('a', { href: `/api/v1/reports/${r.id}/file?format=${f.format}`, download: '' },
      `${f.format.toUpperCase()} (${Math.ceil(f.size / 1024)} KB)`))));
}

const ARCHIVE = [
  {
    label: 'Report', sort: 'audience',
    cell: (r) => [h('strong', null, TITLE[r.audience] || r.audience), r.state ? ` (${r.state})` : '',
      r.tlp === 'amber' ? [' ', h('span', { class: 'tlp tlp--amber' }, 'TLP:AMBER')] : null],
  },
  { label: 'Period', sort: 'period_from', cell: (r) => `${r.from} to ${r.to}` },
  { label: 'Made', sort: 'created_at', cell: (r) => `${fmtDateTime(r.created_at)} by ${r.created_by}` },
  {
    label: 'Digest (SHA-256)',
    cell: (r) => h('code', { class: 'digest', title: r.sha256 }, r.sha256.slice(0, 16) + '…'),
  },
  { label: 'Download', cell: fileLinks },
];

async function loadArchive() {
  if (!archive) {
    $('#a-audience').append(...AUDIENCES.map((a) => h('option', { value: a[0] }, a[1])));
    archive = createList({
      endpoint: '/api/v1/reports', form: $('#archive-filters'), errors: $('#archive-errors'),
      host: $('#archive'), id: 'archive-table', caption: 'Stored reports',
      noun: ['report you may read', 'reports you may read'], sort: 'created_at', order: 'desc',
      columns: ARCHIVE, empty: 'No report has been made yet, or none matches the filters.',
      fieldOf: { invalid_date: 'a-from', invalid_query: 'a-q', unknown_audience: 'a-audience' },
    });
  }
  await archive.load();
}

async function main() {
  const gate = $('#gate');
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  const user = s && s.user;
  gate.hidden = false;
  if (!user) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=/reports' }, 'Sign in'), ' to make and read reports.')));
    return;
  }
  const mine = AUDIENCES.filter((a) => a[3](user));
  $('#audience-list').replaceChildren(...mine.map(([v, t, hint], i) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name: 'audience', id: 'aud-' + v, value: v, checked: i === 0 ? '' : null }),
    h('label', { for: 'aud-' + v }, h('strong', null, t), h('br'), hint))));
  if (!mine.length) {
    /* nothing to make: the archive only (the form's fields are gone) */
    $('#make').replaceChildren(h('p', null, 'Your role does not make reports; you can read the archive below.'));
    gate.replaceChildren();
    gate.hidden = true;
    $('#content').hidden = false;
    await loadArchive();
    return;
  }
  try {
    const st = await api('GET', '/api/v1/states');
    const items = Array.isArray(st) ? st : st.items;
    $('#state').replaceChildren(...items.filter((x) => !user.state_code || x.code === user.state_code)
      .map((x) => h('option', { value: x.code }, x.name)));
  } catch { /* the server names the field if it is needed */ }
  const form = $('#make');
  const sync = () => { $('#state-field').hidden = body(form).audience !== 'rcc'; };
  form.addEventListener('change', sync);
  sync();
  $('#preview-btn').addEventListener('click', async () => {
    const b = body(form);
    const errs = localErrors(b);
    if (errs.length) { showErrors(form, $('#errors'), errs); return; }
    clearErrors(form, $('#errors'));
    try {
      showPreview('Not stored yet: this is what the report would say with the data as it is now.', await previewHtml(b));
      $('#preview').scrollIntoView();
    } catch (e) { refused(form, e); }
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = body(form);
    const errs = localErrors(b);
    if (errs.length) { showErrors(form, $('#errors'), errs); return; }
    clearErrors(form, $('#errors'));
    $('#make-btn').disabled = true;
    try {
      const r = await api('POST', '/api/v1/reports', b);
      const res = await fetch(`/api/v1/reports/${r.id}/file?format=html`, { credentials: 'same-origin' });
      showPreview(`Stored as report ${r.id}, SHA-256 ${r.sha256}. This is the stored HTML; the PDF and XLSX are in the archive.`, await res.text());
      $('#flash').replaceChildren(h('div', { class: 'success', role: 'status', id: 'made' },
        h('p', null, `${TITLE[r.audience]} stored (report ${r.id}). `, fileLinks(r))));
      await loadArchive();
    } catch (e) {
      refused(form, e);
    } finally {
      $('#make-btn').disabled = false;
    }
  });
  gate.replaceChildren();
  gate.hidden = true;
  $('#content').hidden = false;
  await loadArchive();
}

main();
