// coverage.js: the needs x states matrix, each cell the furthest funding
// stage written as a word with a colour band explained by a key; a cell
// opens the initiatives behind it (the first ones come with the matrix,
// "Show more" pages the rest); CSV and XLSX from the API; the needs
// uncovered or unfunded per state.
import { api } from './api.js';
import { h, $ } from './ui.js';
import { startPage, loadFailed, STAGES, STAGE_WORD } from './capacity.js';

let cov;

function legend() {
  return h('div', { class: 'legend' },
    h('p', { class: 'legend-title', id: 'legend-title' }, 'Key: furthest funding stage'),
    h('ul', { 'aria-labelledby': 'legend-title', id: 'stage-legend' }, STAGES.map(([k, w], n) =>
      h('li', null, h('span', { class: `swatch stage stage-${n}` }, w)))),
    h('p', { class: 'hint small' }, 'Darker means further: from no initiative, through initiatives without money, to money pledged, committed, disbursed and the work completed. Every cell also names its stage.'));
}

function item(i) {
  return h('li', null, h('a', { href: '/initiative?id=' + i.id }, i.title),
    ` (${STAGE_WORD[i.stage].toLowerCase()})`);
}

// A cell lists its first initiatives; "Show more" pages the rest from
// /api/v1/coverage/cell after the cursor, appending to the same list.
function moreButton(c, list, status) {
  let cursor = c.next_cursor;
  const btn = h('button', { type: 'button', class: 'button button--secondary', id: 'cell-more' });
  const label = () => {
    btn.textContent = `Show more (${c.count - list.children.length} not shown)`;
  };
  label();
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const q = new URLSearchParams({ need: c.need, state: c.state, cursor, limit: '50' });
      const page = await api('GET', '/api/v1/coverage/cell?' + q);
      const added = page.items.map(item);
      list.append(...added);
      cursor = page.next_cursor;
      status.textContent = `${list.children.length} of ${c.count} initiatives shown.`;
      if (added.length) added[0].querySelector('a').focus();
      if (cursor) label(); else btn.remove();
    } catch (e) {
      status.textContent = 'The next initiatives could not be loaded: ' + e.message;
    }
    btn.disabled = false;
  });
  return btn;
}

function showCell(need, state) {
  const c = cov.cells.find((x) => x.need === need.ref && x.state === state.code);
  const sec = $('#cell');
  $('#cell-h').textContent = `${need.ref} in ${state.name}: ${STAGE_WORD[c.stage].toLowerCase()}`;
  const body = [h('p', { class: 'small' }, need.need)];
  if (c.count) {
    const list = h('ul', { id: 'cell-initiatives' }, c.initiatives.map(item));
    const status = h('p', { class: 'small', id: 'cell-status', role: 'status' },
      `${c.initiatives.length} of ${c.count} initiatives shown.`);
    body.push(list, status);
    if (c.next_cursor) body.push(moreButton(c, list, status));
  } else {
    body.push(h('p', null, 'No initiative covers this need in this state.'));
  }
  $('#cell-body').replaceChildren(...body);
  sec.hidden = false;
  sec.focus();
}

function matrix() {
  const stageNo = Object.fromEntries(STAGES.map(([k], n) => [k, n]));
  const at = {};
  for (const c of cov.cells) at[c.need + '|' + c.state] = c;
  const table = h('table', { class: 'heatmap coverage', id: 'coverage' },
    h('caption', { class: 'vh' }, 'Furthest funding stage by need and state'),
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'sticky' }, 'Need'),
      cov.states.map((s) => h('th', { scope: 'col', class: 'num' }, h('abbr', { title: s.name }, s.code))))),
    h('tbody', null, cov.needs.map((n) => h('tr', { id: 'need-' + n.ref.replace('.', '-') },
      h('th', { scope: 'row', class: 'sticky' }, h('span', { class: 'code' }, n.ref), ' ',
        h('span', { class: 'small need-text' }, n.need.length > 48 ? n.need.slice(0, 48) + '…' : n.need)),
      cov.states.map((s) => {
        const c = at[n.ref + '|' + s.code];
        const k = c ? c.stage : 'uncovered';
        return h('td', { class: `stage stage-${stageNo[k]}`, 'data-stage': k },
          c && c.count
            ? h('button', { type: 'button', class: 'cell-button',
              'aria-label': `${n.ref} in ${s.name}: ${STAGE_WORD[k]}, ${c.count} initiatives`,
              onclick: () => showCell(n, s) }, STAGE_WORD[k], h('span', { class: 'of' }, String(c.count)))
            : h('span', null, STAGE_WORD[k]));
      })))));
  return [h('p', { class: 'hint scroll-hint' }, 'The table is wider than your screen: scroll it sideways to see every state.'),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Coverage matrix' }, table)];
}

function byState() {
  return h('table', { class: 'stack', id: 'by-state-table' },
    h('caption', { class: 'vh' }, 'Needs uncovered or unfunded by state'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Uncovered'),
      h('th', { scope: 'col' }, 'Covered, no money yet'))),
    h('tbody', null, cov.by_state.map((b) => h('tr', null,
      h('th', { scope: 'row' }, (cov.states.find((s) => s.code === b.state) || {}).name || b.state),
      h('td', { 'data-label': 'Uncovered' }, b.uncovered.join(', ') || 'None'),
      h('td', { 'data-label': 'Covered, no money yet' }, b.unfunded.join(', ') || 'None')))));
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the coverage matrix');
  if (!user) return;
  try {
    cov = await api('GET', '/api/v1/coverage');
  } catch (e) {
    loadFailed(gate, 'The coverage matrix', e);
    return;
  }
  $('#legend').replaceChildren(legend());
  $('#downloads').replaceChildren(h('strong', null, 'Download the matrix: '),
    h('a', { href: '/api/v1/coverage?format=csv', download: '' }, 'CSV'), ' (one row a cell) or ',
    h('a', { href: '/api/v1/coverage?format=xlsx', download: '' }, 'Excel workbook (XLSX)'), '.');
  $('#matrix').replaceChildren(...matrix());
  $('#by-state').replaceChildren(byState());
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
