// funding.js: funding totals per priority area, need, state, funder and
// year, one row a key and currency, never converted: a chart drawn by the
// server (GET /api/v1/funding/chart.svg, an <img> in the page's HTML, so
// it shows without scripts; here links switch its grouping and currency)
// and the same figures as tables.
// Then the needs nobody covers with the funders whose stated interests
// match them (optionally for one funder), the funders' interests with a
// form to record one (coordinators; a partner for its own organisation),
// and the exchange rates with their date and source (coordinators add),
// under the list contract (web/common/list.js: sortable headers, a total,
// Previous/Next, Download CSV).
import { api } from './api.js';
import { h, $, showErrors, clearErrors, fmtDateTime } from './ui.js';
import { createList } from './list.js';
import {
  startPage, loadFailed, loadRefs, money, all, isCoordinator, fmtDay, capRefusal, flash,
} from './capacity.js';

let refs;
let areaName = {};
let user;

const DIMS = [['area', 'Priority area'], ['need', 'Need'], ['state', 'State'], ['funder', 'Funder'], ['year', 'Year']];
const STAGE = { pledged: 'Pledged', committed: 'Committed', disbursed: 'Disbursed', spent: 'Spent' };

function tableFor(dim, label, rows, stages, name) {
  const body = [];
  for (const r of rows) {
    for (const [cur, t] of Object.entries(r.totals)) {
      body.push(h('tr', null, h('th', { scope: 'row' }, name(r.key)), h('td', { 'data-label': 'Currency' }, cur),
        stages.map((s) => h('td', { class: 'num', 'data-label': STAGE[s] || s }, t[s] ? money(t[s], cur) : '–'))));
    }
  }
  return h('section', { 'aria-labelledby': 'f-' + dim },
    h('h2', { id: 'f-' + dim }, `By ${label.toLowerCase()}`),
    body.length ? h('table', { class: 'stack', id: 'funding-' + dim },
      h('caption', { class: 'vh' }, `Funding by ${label.toLowerCase()}, per currency`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, label), h('th', { scope: 'col' }, 'Currency'),
        stages.map((s) => h('th', { scope: 'col', class: 'num' }, STAGE[s] || s)))),
      h('tbody', null, body)) : h('p', null, 'Nothing recorded.'));
}

// The chart's grouping links are in the HTML (each opens the chart on its
// own without scripts); here they redraw the image in place, and links for
// one currency are added.
function chartControls(f) {
  const img = $('#funding-chart');
  const now = { by: 'priority_area', dim: 'area', currency: '' };
  const curs = [...new Set(Object.values(f.by).flat().flatMap((r) => Object.keys(r.totals)))].sort();
  const label = () => DIMS.find(([d]) => d === now.dim)[1].toLowerCase();
  const url = (by, cur) => `/api/v1/funding/chart.svg?by=${by}` + (cur ? `&currency=${cur}` : '');
  const curList = h('ul', { class: 'links', id: 'chart-curs', 'aria-label': 'Currency of the chart' },
    ['', ...curs].map((c) => h('li', null, h('a', { href: url(now.by, c), 'data-cur': c, id: 'chart-cur-' + (c || 'all') },
      c ? `${c} only` : 'Every currency'))));
  const draw = () => {
    img.src = url(now.by, now.currency);
    const only = now.currency ? ` in ${now.currency} only` : ', one panel per currency';
    img.alt = `Bar chart of the funding totals by ${label()}${only}. The same figures are in the table “By ${label()}” below.`;
    $('#chart-caption').replaceChildren(`Funding by ${label()}${now.currency ? ' in ' + now.currency : ''}. The same figures are in the table `,
      h('a', { href: '#f-' + now.dim, id: 'chart-table-link' }, `By ${label()}`), ' below.');
    for (const a of $('#chart-dims').querySelectorAll('a')) {
      if (a.dataset.by === now.by) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    }
    for (const a of curList.querySelectorAll('a')) {
      a.href = url(now.by, a.dataset.cur);
      if (a.dataset.cur === now.currency) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    }
  };
  $('#chart-dims').addEventListener('click', (ev) => {
    const a = ev.target.closest('a');
    if (!a) return;
    ev.preventDefault();
    now.by = a.dataset.by;
    now.dim = a.dataset.dim;
    draw();
  });
  curList.addEventListener('click', (ev) => {
    const a = ev.target.closest('a');
    if (!a) return;
    ev.preventDefault();
    now.currency = a.dataset.cur;
    draw();
  });
  if (curs.length > 1) $('#chart-dims').after(curList);
  draw();
}

const tableOf = (n) => `PA${n.plan_table}`;
const orgLabel = (id) => refs.orgName[id] || `Organisation ${id}`;

/** Does interest @i match need @n uncovered in @states (codes)? */
function matches(i, n, states) {
  if (i.need && i.need !== n.ref) return false;
  if (i.area && i.area !== tableOf(n)) return false;
  if (i.state && !states.includes(i.state)) return false;
  return true;
}

function interestText(i) {
  const parts = [];
  if (i.area) parts.push(`${areaName[i.area] || i.area} (${i.area})`);
  if (i.need) parts.push(`need ${i.need}`);
  if (i.state) parts.push(refs.stateName[i.state] || i.state);
  return parts.join(', ');
}

function gapsTable(cov, ints, funder) {
  const where = {};
  for (const st of cov.by_state) for (const ref of st.uncovered) (where[ref] = where[ref] || []).push(st.state);
  const mine = funder ? ints.filter((i) => String(i.org_id) === funder) : ints;
  const rows = refs.needs.filter((n) => where[n.ref]).map((n) => {
    const hits = mine.filter((i) => matches(i, n, where[n.ref]));
    return { n, states: where[n.ref], hits };
  }).filter((r) => !funder || r.hits.length);
  if (!rows.length) {
    return h('p', { id: 'gap-none' }, funder ? `No uncovered need matches the interests of ${orgLabel(funder)}.` : 'Every need is covered in every state.');
  }
  return h('table', { class: 'stack', id: 'gap-table' },
    h('caption', { class: 'vh' }, 'Uncovered needs with the states and the interested funders'),
    h('thead', null, h('tr', null, ['Need', 'Uncovered in', 'Funders interested'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(({ n, states, hits }) => h('tr', { id: 'gap-' + n.ref.replace('.', '-') },
      h('th', { scope: 'row' }, h('strong', null, n.ref), ' ', n.need.length > 90 ? n.need.slice(0, 90) + '…' : n.need),
      h('td', { 'data-label': 'Uncovered in' }, states.length === refs.states.length ? `Every state (${states.length})`
        : `${states.length} ${states.length === 1 ? 'state' : 'states'}: ${states.map((c) => refs.stateName[c] || c).join(', ')}`),
      h('td', { 'data-label': 'Funders interested' }, hits.length
        ? h('ul', { class: 'small' }, hits.map((i) => h('li', null, h('strong', null, orgLabel(i.org_id)), ` (${interestText(i)})`)))
        : 'None has said so')))));
}

const mayWrite = () => isCoordinator(user) || user.role === 'partner';
// The API lets a partner remove only its own organisation's interests
// (403 not_your_organisation otherwise), so only those get the button.
const mayRemove = (i) => isCoordinator(user)
  || (user.role === 'partner' && user.organisation_id != null && String(user.organisation_id) === String(i.org_id));

function interestList(ints, reload) {
  if (!ints.length) return h('p', { id: 'int-none' }, 'No funder has stated an area of interest yet.');
  const by = {};
  for (const i of ints) (by[i.org_id] = by[i.org_id] || []).push(i);
  return h('ul', { class: 'cards', id: 'interest-list' }, Object.entries(by).map(([org, list]) => h('li', { class: 'card' },
    h('h3', null, orgLabel(org)),
    h('ul', null, list.map((i) => h('li', { id: 'interest-' + i.id }, interestText(i), i.note ? ` – ${i.note}` : '',
      h('span', { class: 'secondary small' }, ` (recorded ${fmtDateTime(i.created_at)} by ${i.created_by}) `),
      mayRemove(i) ? h('button', { class: 'button button--secondary', type: 'button', id: 'remove-interest-' + i.id,
        onclick: async (ev) => {
          ev.target.disabled = true;
          try {
            await api('DELETE', `/api/v1/funders/${i.org_id}/interests/${i.id}`);
            sessionStorage.setItem('ccscap.flash', `The interest of ${orgLabel(i.org_id)} in ${interestText(i)} was removed.`);
            reload();
          } catch (e) {
            ev.target.disabled = false;
            ev.target.after(h('p', { class: 'field-error', role: 'alert' }, e.message));
          }
        } }, `Remove this interest of ${orgLabel(i.org_id)}`) : ''))))));
}

function interestForm(reload) {
  const errors = h('div');
  const sel = (id, label, first, opts, hint) => h('div', { class: 'field' }, h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null,
    h('select', { id, 'aria-describedby': hint ? id + '-hint' : null }, h('option', { value: '' }, first),
      opts.map(([v, t]) => h('option', { value: v }, t))));
  const form = h('form', { id: 'int-form', novalidate: true, method: 'post', action: '/funding' }, errors,
    h('h3', null, 'Record an area of interest'),
    sel('int-org', 'Funder', 'Choose an organisation', refs.orgs
      .filter((o) => user.role !== 'partner' || String(o.id) === String(user.organisation_id))
      .map((o) => [o.id, refs.orgName[o.id]]),
    user.role === 'partner' ? 'Your own organisation.' : null),
    h('p', { class: 'hint', id: 'int-scope-hint' }, 'Name a priority area, a need or a state, or several to narrow it.'),
    sel('int-area', 'Priority area (optional)', 'Any priority area', Object.entries(areaName).map(([k, v]) => [k, `${k} ${v}`])),
    sel('int-need', 'Need (optional)', 'Any need', refs.needs.map((n) => [n.ref, `${n.ref} ${n.need.length > 60 ? n.need.slice(0, 60) + '…' : n.need}`])),
    sel('int-state', 'State (optional)', 'Any state', refs.states.map((x) => [x.code, x.name])),
    h('div', { class: 'field' }, h('label', { for: 'int-note' }, 'Note (optional)'),
      h('input', { type: 'text', id: 'int-note', maxlength: 2000 })),
    h('button', { class: 'button', type: 'submit', id: 'int-send' }, 'Record the interest'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const org = $('#int-org').value;
    const body = { area: $('#int-area').value || null, need: $('#int-need').value || null,
      state: $('#int-state').value || null, note: $('#int-note').value.trim() || null };
    const errs = [];
    if (!org) errs.push({ field: 'int-org', text: 'Choose the funder' });
    if (!body.area && !body.need && !body.state) errs.push({ field: 'int-area', text: 'Choose a priority area, a need or a state' });
    if (errs.length) { showErrors(form, errors, errs); return; }
    clearErrors(form, errors);
    try {
      const i = await api('POST', `/api/v1/funders/${org}/interests`, body);
      form.reset();
      sessionStorage.setItem('ccscap.flash', `${orgLabel(i.org_id)} is now recorded as interested in ${interestText(i)}.`);
      reload();
    } catch (e) {
      showErrors(form, errors, [capRefusal(e, { area: 'int-area', unknown_area: 'int-area', need: 'int-need', unknown_need: 'int-need',
        state: 'int-state', unknown_state: 'int-state', missing_field: 'int-area', not_your_organisation: 'int-org', forbidden: 'int-org' })]);
    }
  });
  return form;
}

// Exchange rates: the list contract, the last recorded first. The page's
// address holds this list's sort and cursor (the only list.js list here).
let rateList;

function rates() {
  rateList = rateList || createList({
    endpoint: '/api/v1/funding/rates', form: null, host: $('#rates'), id: 'rate-table',
    caption: 'Recorded exchange rates', noun: ['exchange rate', 'exchange rates'],
    sort: 'created_at', order: 'desc', empty: 'No exchange rate recorded yet.',
    rowId: (x) => 'rate-' + x.id,
    columns: [
      { label: 'Date', sort: 'rate_date', cls: 'date', cell: (x) => fmtDay(x.rate_date) },
      { label: 'Rate', sort: 'from_ccy', cell: (x) => `1 ${x.from} = ${x.rate} ${x.to}` },
      { label: 'Source', cell: (x) => x.source },
      { label: 'Recorded', sort: 'created_at', cell: (x) => `${fmtDateTime(x.created_at)} by ${x.created_by}` },
    ],
  });
  return rateList.load();
}

function rateForm(reload) {
  const errors = h('div');
  const field = (id, label, attrs, hint) => h('div', { class: 'field' }, h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null,
    h('input', { id, type: 'text', autocomplete: 'off', 'aria-describedby': hint ? id + '-hint' : null, ...attrs }));
  const form = h('form', { id: 'rate-form', novalidate: true, method: 'post', action: '/funding' }, errors,
    h('h3', null, 'Record an exchange rate'),
    field('rate-from', 'From currency', { class: 'w-code', maxlength: 3 }, 'ISO 4217, for example CAD'),
    field('rate-to', 'To currency', { class: 'w-code', maxlength: 3 }, 'For example USD'),
    field('rate-value', 'Rate', { class: 'w-mid', inputmode: 'decimal', maxlength: 40 }, 'What one unit of the first currency is worth in the second, for example 0.7412'),
    field('rate-date', 'Date', { type: 'date', class: 'w-date' }),
    field('rate-source', 'Source', { maxlength: 500 }, 'Where the rate comes from, for example “Bank of Canada daily rate”'),
    h('button', { class: 'button', type: 'submit', id: 'rate-send' }, 'Record the rate'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { from: $('#rate-from').value.trim().toUpperCase(), to: $('#rate-to').value.trim().toUpperCase(),
      rate: $('#rate-value').value.trim(), rate_date: $('#rate-date').value, source: $('#rate-source').value.trim() };
    const errs = [];
    if (!/^[A-Z]{3}$/.test(body.from)) errs.push({ field: 'rate-from', text: 'Enter the currency to convert from as three letters, for example CAD' });
    if (!/^[A-Z]{3}$/.test(body.to)) errs.push({ field: 'rate-to', text: 'Enter the currency to convert to as three letters, for example USD' });
    else if (body.to === body.from) errs.push({ field: 'rate-to', text: 'Choose a currency other than the one converted from' });
    if (!/^\d+(\.\d+)?$/.test(body.rate)) errs.push({ field: 'rate-value', text: 'Enter the rate as a number, for example 0.7412' });
    if (!body.rate_date) errs.push({ field: 'rate-date', text: 'Enter the date of the rate' });
    if (!body.source) errs.push({ field: 'rate-source', text: 'Say where the rate comes from' });
    if (errs.length) { showErrors(form, errors, errs); return; }
    clearErrors(form, errors);
    try {
      const x = await api('POST', '/api/v1/funding/rates', body);
      form.reset();
      sessionStorage.setItem('ccscap.flash', `The rate 1 ${x.from} = ${x.rate} ${x.to} of ${fmtDay(x.rate_date)} was recorded.`);
      reload();
    } catch (e) {
      showErrors(form, errors, [capRefusal(e, { from: 'rate-from', to: 'rate-to', unknown_currency: 'rate-from', rate: 'rate-value',
        invalid_rate: 'rate-value', rate_date: 'rate-date', invalid_date: 'rate-date', rate_exists: 'rate-date', source: 'rate-source' })]);
    }
  });
  return form;
}

async function lower(reload) {
  const [cov, ints] = await Promise.all([api('GET', '/api/v1/coverage?summary=1'), all('/api/v1/funders/interests')]);
  const funder = $('#for-funder').value;
  $('#gaps').replaceChildren(gapsTable(cov, ints, funder));
  $('#interests').replaceChildren(interestList(ints, reload));
  await rates();
}

async function main() {
  const gate = $('#gate');
  user = await startPage(gate, 'the funding totals');
  if (!user) return;
  let f;
  let fw;
  try {
    [f, refs, fw] = await Promise.all([api('GET', '/api/v1/funding'), loadRefs(), api('GET', '/api/v1/framework').catch(() => null)]);
  } catch (e) {
    loadFailed(gate, 'The funding totals', e);
    return;
  }
  areaName = Object.fromEntries((fw ? fw.areas : []).map((a) => [a.code, a.name]));
  const names = {
    area: (k) => (areaName[k] ? `${k} ${areaName[k]}` : k),
    need: (k) => k,
    state: (k) => (k === 'regional' ? 'Regional' : k === 'unassigned' ? 'Not assigned' : refs.stateName[k] || k),
    funder: (k) => (k === 'unassigned' ? 'Not assigned' : refs.orgName[k] || `Organisation ${k}`),
    year: (k) => k,
  };
  $('#tables').replaceChildren(...DIMS.map(([d, l]) => tableFor(d, l, f.by[d] || [], f.stages, names[d])));
  chartControls(f);
  $('#for-funder').append(...refs.orgs.map((o) => h('option', { value: o.id }, refs.orgName[o.id])));
  $('#for-funder').value = new URLSearchParams(location.search).get('funder') || '';
  const reload = () => lower(reload).then(() => flash($('#flash'))).catch((e) => loadFailed($('#gaps'), 'The funders', e));
  if (mayWrite()) $('#int-form-host').replaceChildren(interestForm(reload));
  if (isCoordinator(user)) $('#rate-form-host').replaceChildren(rateForm(reload));
  $('#gap-filter').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = $('#for-funder').value;
    history.pushState(null, '', '/funding' + (v ? '?funder=' + v : ''));
    reload();
  });
  try {
    await lower(reload);
  } catch (e) {
    loadFailed(gate, 'The funding page', e);
    return;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
