// funding.js: funding totals per priority area, need, state, funder and
// year, one row a key and currency, never converted. The API draws no
// chart of these totals, so the page shows tables (said in the lead).
import { api } from './api.js';
import { h, $ } from './ui.js';
import { startPage, loadFailed, loadRefs, money } from './capacity.js';

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

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the funding totals');
  if (!user) return;
  let f;
  let refs;
  try {
    [f, refs] = await Promise.all([api('GET', '/api/v1/funding'), loadRefs()]);
  } catch (e) {
    loadFailed(gate, 'The funding totals', e);
    return;
  }
  const names = {
    area: (k) => k,
    need: (k) => k,
    state: (k) => (k === 'regional' ? 'Regional' : k === 'unassigned' ? 'Not assigned' : refs.stateName[k] || k),
    funder: (k) => (k === 'unassigned' ? 'Not assigned' : refs.orgName[k] || `Organisation ${k}`),
    year: (k) => k,
  };
  $('#tables').replaceChildren(...DIMS.map(([d, l]) => tableFor(d, l, f.by[d] || [], f.stages, names[d])));
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
