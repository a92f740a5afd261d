// legal.js: the state x provision matrix of the legal tracker: rows
// grouped by family, a column per state, each cell the furthest step as a
// word on a colour band explained by a key ("part" when the sections give
// effect to the provision only in part), the number of provisions in
// force per state, and the CSV from the API.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { createList, isoDate } from './list.js';
import { startLegal, loadFailed, BANDS, FAMILY, STEP } from './legal-common.js';

const SHORT = { drafting: 'Drafting', tabled: 'Tabled', committee: 'Committee', lapsed: 'Lapsed',
  passed: 'Passed', assented: 'Assented', in_force: 'In force', amended: 'Amended', repealed: 'Repealed' };

function legend() {
  return h('div', { class: 'legend' },
    h('p', { class: 'legend-title', id: 'legend-title' }, 'Key: furthest step reached'),
    h('ul', { 'aria-labelledby': 'legend-title', id: 'legal-legend' }, BANDS.map(([n, w]) =>
      h('li', null, h('span', { class: `swatch legal legal-${n < 0 ? 'none' : n}` }, w)))),
    h('p', { class: 'hint small' }, 'Darker means further: from no instrument, through a draft, a bill tabled or in committee, passed and assented, to law in force ("Amended" is in force, amended). Every cell also names its step; "part" marks a provision given effect only in part. Select a state to see the sections behind each cell.'));
}

function matrix(m) {
  const at = {};
  for (const c of m.cells) at[c.state + '|' + c.provision] = c;
  const groups = [];
  for (const r of m.rows) {
    if (!groups.length || groups[groups.length - 1].family !== r.family) groups.push({ family: r.family, rows: [] });
    groups[groups.length - 1].rows.push(r);
  }
  const ncol = m.states.length + 1;
  const table = h('table', { class: 'heatmap legal-matrix', id: 'legal-matrix' },
    h('caption', { class: 'vh' }, 'Furthest step reached by provision and state'),
    h('thead', null,
      h('tr', null, h('th', { scope: 'col', class: 'sticky' }, 'Provision'),
        m.states.map((s) => h('th', { scope: 'col', class: 'num' },
          h('a', { href: '/legal-state?state=' + s.code }, h('abbr', { title: s.name }, s.code))))),
      h('tr', { class: 'totals' }, h('th', { scope: 'row', class: 'sticky small' }, 'Provisions in force'),
        m.states.map((s) => h('td', { class: 'num', 'data-state': s.code }, String(s.in_force))))),
    groups.map((g) => h('tbody', null,
      h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: String(ncol) }, FAMILY[g.family] || g.family)),
      g.rows.map((r) => h('tr', { id: 'row-' + r.ref },
        h('th', { scope: 'row', class: 'sticky' }, h('span', { class: 'code' }, r.number), ' ',
          h('span', { class: 'small need-text' }, r.title.length > 44 ? r.title.slice(0, 44) + '…' : r.title),
          r.verified ? '' : h('span', { class: 'small secondary' }, ' (not verified)')),
        m.states.map((s) => {
          const c = at[s.code + '|' + r.ref];
          if (!c) return h('td', { class: 'legal legal-none', 'data-status': '' }, h('span', { class: 'vh' }, 'None'), '–');
          const names = c.instruments.map((i) => `${i.name} ${i.sections.join(', ')}`).join('; ');
          return h('td', { class: `legal legal-${c.rank}`, 'data-status': c.status, title: names },
            h('a', { href: `/legal-state?state=${s.code}#prov-${r.ref}`,
              'aria-label': `${r.number} ${r.title} in ${s.name}: ${STEP[c.status] || c.status}${c.partial ? ', in part' : ''}; ${names}` },
            SHORT[c.status] || c.status, c.partial ? h('span', { class: 'of' }, 'part') : ''));
        }))))));
  return [h('p', { class: 'hint scroll-hint' }, 'The table is wider than your screen: scroll it sideways to see every state.'),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Legal harmonisation matrix' }, table)];
}

// Every instrument of every state as a list (web/common/list.js).
function instruments() {
  $('#i-status').append(...Object.entries(STEP).map(([k, v]) => h('option', { value: k }, v)));
  return createList({
    endpoint: '/api/v1/legal/instruments', form: $('#inst-filters'), errors: $('#inst-errors'),
    host: $('#instruments'), id: 'instrument-table', caption: 'Legal instruments',
    noun: ['instrument', 'instruments'], sort: 'state', order: 'asc',
    columns: [
      { label: 'State', sort: 'state', cell: (i) => h('a', { href: '/legal-state?state=' + i.state }, i.state_name || i.state) },
      { label: 'Instrument', sort: 'name', cell: (i) => h('a', { href: `/legal-state?state=${i.state}#instrument-${i.id}` }, i.name) },
      { label: 'Kind', sort: 'kind', cell: (i) => i.kind },
      { label: 'Step', sort: 'status', cell: (i) => i.status_name || STEP[i.status] || i.status },
      { label: 'Changed', sort: 'updated_at', cls: 'date', cell: (i) => isoDate(i.updated_at) },
    ],
    empty: 'No instrument matches.',
    fieldOf: {
      invalid_date: 'i-from', invalid_query: 'i-q', invalid_state_code: 'i-state', invalid_status: 'i-status',
      invalid_kind: 'i-kind',
    },
  });
}

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startLegal(gate, 'the legal tracker');
  } catch (e) {
    loadFailed(gate, 'The legal tracker', e);
    return;
  }
  if (!user) return;
  const treaty = new URLSearchParams(location.search).get('treaty') || '';
  let m;
  try {
    m = await api('GET', '/api/v1/legal/matrix' + (treaty ? '?treaty=' + encodeURIComponent(treaty) : ''));
  } catch (e) {
    loadFailed(gate, 'The matrix', e);
    return;
  }
  $('#treaty').value = treaty;
  $('#legend').replaceChildren(legend());
  $('#downloads').replaceChildren(h('strong', null, 'Download the matrix: '),
    h('a', { href: '/api/v1/legal/matrix?format=csv' + (treaty ? '&treaty=' + treaty : ''), download: '' }, 'CSV'),
    ' (one row per provision and state, with the instruments and sections).');
  $('#matrix').replaceChildren(...matrix(m));
  gate.replaceChildren();
  $('#content').hidden = false;
  await instruments().load();
}

main();
