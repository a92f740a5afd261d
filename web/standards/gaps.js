// gaps.js: the regional heat map: states (grouped as the plan groups them)
// by priority area or specific area, each cell the share of standards met
// written as a number, with a five-band background explained by a key; the
// map at an earlier date; the standards no state meets; the ranking.
import { api } from './api.js';
import { h, $, initPage, problem, showErrors, clearErrors, sentence } from './ui.js';
import { GROUPS, BANDS, band, fmtDay, today, validDay, signInFor } from './standards.js';

const form = $('#filters');
const errors = $('#errors');
let seq = 0;

function params() {
  const p = new URLSearchParams(location.search);
  return { at: p.get('at') || '', view: p.get('view') === 'specific' ? 'specific' : 'areas' };
}

function check(v) {
  if (!v.at) return [];
  if (!validDay(v.at)) return [{ field: 'at', text: 'Enter a real date, for example 30 June 2022' }];
  if (v.at > today()) return [{ field: 'at', text: 'The date must be today or in the past' }];
  return [];
}

function legend() {
  return h('div', { class: 'legend' },
    h('p', { class: 'legend-title', id: 'legend-title' }, 'Key: share of standards met'),
    h('ul', { 'aria-labelledby': 'legend-title' }, BANDS.map(([lo, hi], i) =>
      h('li', null, h('span', { class: `swatch heat-${i}` }, `${lo} to ${hi}%`)))),
    h('p', { class: 'hint small' }, 'Darker means more standards met. Every cell also shows its number.'));
}

function cell(t, detail, extra) {
  return h('td', { class: `heat heat-${band(t.percent_met)}${extra || ''}` },
    h('span', { class: 'pc' }, `${t.percent_met}%`),
    detail ? h('span', { class: 'of' }, `${t.met} of ${t.total}`,
      t.no_data ? `, ${t.no_data} no data` : '') : null);
}

function heatTable(m, view) {
  const cols = view === 'areas' ? m.areas : m.specific_areas;
  const key = view === 'areas' ? 'areas' : 'specific_areas';
  const detail = view === 'areas';
  const head = h('tr', null, h('th', { scope: 'col', class: 'sticky' }, 'State'),
    cols.map((c) => h('th', { scope: 'col', class: 'num' },
      h('span', { class: 'code' }, c.code),
      detail ? [h('br'), h('span', { class: 'small' }, c.name)] : h('span', { class: 'vh' }, ' ' + c.name))),
    h('th', { scope: 'col', class: 'num overall' }, 'Overall'));
  const bodies = GROUPS.map(([status, label]) => {
    const rows = m.states.filter((s) => s.status === status);
    if (!rows.length) return null;
    return h('tbody', null,
      h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: String(cols.length + 2) },
        `${label} (${rows.length})`)),
      rows.map((s) => h('tr', { id: 'row-' + s.code },
        h('th', { scope: 'row', class: 'sticky' },
          h('a', { href: '/state-gaps?code=' + s.code }, s.name)),
        s[key].map((t) => cell(t, detail)),
        cell(s.summary, detail, ' overall'))));
  });
  const where = view === 'areas' ? 'priority area' : 'specific area';
  const table = h('table', { class: 'heatmap', id: 'heatmap' },
    h('caption', { class: 'vh' }, `Share of standards met by state and ${where}, as it stood on ${fmtDay(m.at)}`),
    h('thead', null, head), bodies);
  // Wide tables scroll sideways inside a focusable region, not the page.
  const parts = [h('p', { class: 'hint scroll-hint' }, 'The table is wider than your screen: scroll it sideways to see every column.'),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region',
    'aria-labelledby': 'map-h' }, table)];
  if (!detail) {
    parts.push(h('details', { class: 'key' },
      h('summary', null, 'What the column codes mean'),
      m.areas.map((a) => [h('h3', null, `${a.code} ${a.name}`),
        h('ul', { class: 'columns' }, m.specific_areas.filter((s) => s.code.startsWith(a.code + '.'))
          .map((s) => h('li', null, h('strong', null, s.code), ' ', s.name,
            ` (${s.standards} ${s.standards === 1 ? 'standard' : 'standards'})`)))])));
  }
  return parts;
}

function unmetList(u) {
  if (!u.standards.length) return h('p', null, 'Every standard is met by at least one state.');
  return [h('p', null, u.count === 1 ? 'No state meets this standard yet:'
    : `No state meets these ${u.count} standards yet:`),
  h('ul', { id: 'unmet-list' }, u.standards.map((s) => h('li', null,
    h('a', { href: '/standard?code=' + encodeURIComponent(s.code) }, s.title),
    ` (${s.code}). Minimum: “${s.met_label}”.`,
    s.states_without_data ? ` ${s.states_without_data} ${s.states_without_data === 1 ? 'state has' : 'states have'} no data.` : '')))];
}

function change(n) {
  if (n > 0) return h('span', { class: 'change up' }, h('span', { 'aria-hidden': 'true' }, '▲ '), `Up ${n} ${n === 1 ? 'point' : 'points'}`);
  if (n < 0) return h('span', { class: 'change down' }, h('span', { 'aria-hidden': 'true' }, '▼ '), `Down ${-n} ${n === -1 ? 'point' : 'points'}`);
  return h('span', { class: 'change same' }, 'No change');
}

function rankTable(r) {
  return h('table', { class: 'stack', id: 'ranking-table' },
    h('caption', { class: 'vh' }, `States ranked by standards met on ${fmtDay(r.at)}`),
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, 'Rank'),
      h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col', class: 'num' }, 'Standards met'),
      h('th', { scope: 'col' }, `Change since ${fmtDay(r.since)}`))),
    h('tbody', null, r.states.map((s) => h('tr', null,
      h('td', { class: 'num' }, String(s.rank)),
      h('td', null, h('a', { href: '/state-gaps?code=' + s.code }, s.name)),
      h('td', { class: 'num', 'data-label': 'Standards met' }, `${s.percent_met}%`),
      h('td', { 'data-label': `Change since ${fmtDay(r.since)}` }, change(s.change_points),
        h('span', { class: 'secondary small' }, ` (was ${s.percent_met_since}%)`))))));
}

function downloads(v) {
  const q = v.at ? '&at=' + v.at : '';
  return [h('strong', null, 'Download the matrix: '),
    h('a', { href: '/api/v1/gaps/matrix?format=csv' + q, download: '' }, 'CSV'), ' (for any spreadsheet) or ',
    h('a', { href: '/api/v1/gaps/matrix?format=xlsx' + q, download: '' }, 'Excel workbook (XLSX)'), '.'];
}

async function load(v) {
  const mine = ++seq;
  const q = v.at ? '?at=' + v.at : '';
  $('#map').setAttribute('aria-busy', 'true');
  let m;
  let u;
  let r;
  try {
    [m, u, r] = await Promise.all([api('GET', '/api/v1/gaps/matrix' + q),
      api('GET', '/api/v1/gaps/unmet' + q), api('GET', '/api/v1/gaps/ranking' + q)]);
  } catch (e) {
    if (mine !== seq) return;
    $('#map').removeAttribute('aria-busy');
    if (e.code === 'invalid_date' || e.code === 'future_date') {
      showErrors(form, errors, [{ field: 'at', text: e.code === 'future_date'
        ? 'The date must be today or in the past' : 'Enter a real date, for example 30 June 2022' }]);
    } else {
      errors.replaceChildren(problem(e.status === 401
        ? 'Your session has ended. Sign in again to see the map.'
        : 'The gap analysis could not be loaded: ' + sentence(e.message)));
    }
    return;
  }
  if (mine !== seq) return;
  clearErrors(form, errors);
  const nstd = m.specific_areas.reduce((n, s) => n + s.standards, 0);
  $('#map-intro').textContent = `As it stood on ${fmtDay(m.at)}${v.at ? '' : ' (today)'}: ` +
    `${m.states.length} states, ${nstd} standards in ${m.areas.length} priority areas ` +
    `(framework version ${m.version}). Select a state to see its standards one by one.`;
  $('#legend').replaceChildren(legend());
  $('#map').replaceChildren(...heatTable(m, v.view));
  $('#map').removeAttribute('aria-busy');
  $('#downloads').replaceChildren(...downloads(v));
  $('#unmet').replaceChildren(...[unmetList(u)].flat());
  $('#ranking').replaceChildren(rankTable(r));
}

async function submit(ev) {
  ev.preventDefault();
  const v = { at: $('#at').value, view: $('#view').value === 'specific' ? 'specific' : 'areas' };
  const errs = check(v);
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  const p = new URLSearchParams();
  if (v.at) p.set('at', v.at);
  if (v.view !== 'areas') p.set('view', v.view);
  const qs = p.toString();
  history.pushState(null, '', location.pathname + (qs ? '?' + qs : ''));
  await load(v);
}

async function main() {
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  if (!s || !s.user) {
    $('#gate').replaceChildren(signInFor('the gap analysis'));
    return;
  }
  $('#gate').replaceChildren();
  $('#content').hidden = false;
  $('#at').max = today();
  const v = params();
  $('#at').value = v.at;
  $('#view').value = v.view;
  form.addEventListener('submit', submit);
  addEventListener('popstate', () => {
    const w = params();
    $('#at').value = w.at;
    $('#view').value = w.view;
    load(w);
  });
  const errs = check(v);
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  await load(v);
}

main();
