// standard.js: one standard across the region: what it asks, its scale with
// the minimum marked, its GCI pillar and CMM dimension, the plan's needs it
// answers, and every state's current level. A state's level is its latest
// validated record on this standard's lineage (latest date, then latest
// record), the same rule as the gap analysis.
import { api } from './api.js';
import { h, $, initPage, problem } from './ui.js';
import { GCI, CMM, GROUPS, fmtDay, statusTag, canSubmit, signInFor, allRecords } from './standards.js';

const code = new URLSearchParams(location.search).get('code') || '';

function find(fw) {
  for (const a of fw.areas) {
    for (const sa of a.specific_areas) {
      const s = sa.standards.find((x) => x.code === code);
      if (s) return { area: a, specific: sa, std: s };
    }
  }
  return null;
}

/** state code -> latest validated record of this lineage. */
function current(records, lineage) {
  const by = {};
  for (const r of records) {
    if (r.lineage_id !== lineage) continue;
    const b = by[r.state];
    if (!b || r.as_of > b.as_of || (r.as_of === b.as_of && r.id > b.id)) by[r.state] = r;
  }
  return by;
}

function detail(dt, dd) {
  return [h('dt', null, dt), h('dd', null, dd)];
}

function scaleList(std) {
  return h('ol', { class: 'scale', id: 'scale' }, std.scale.map((l, i) => h('li', null, l,
    i === std.met_level ? [' ', h('strong', { class: 'tag tag--min level-min' }, 'Minimum to meet the standard')] : null)));
}

function statesTable(std, states, cur, pending) {
  const counts = { met: 0, unmet: 0, no_data: 0 };
  const rows = (list) => list.map((st) => {
    const r = cur[st.code];
    const status = !r ? 'no_data' : r.level >= std.met_level ? 'met' : 'unmet';
    counts[status]++;
    const p = pending[st.code] || 0;
    return h('tr', { id: 'state-' + st.code, 'data-status': status },
      h('th', { scope: 'row' }, h('a', { href: `/state-gaps?code=${st.code}#std-${std.code}` }, st.name)),
      h('td', { 'data-label': 'Level' }, r ? std.scale[r.level] : 'No data',
        p ? [h('br'), h('span', { class: 'secondary small' },
          `${p} ${p === 1 ? 'record' : 'records'} waiting for review`)] : null),
      h('td', { 'data-label': 'Status' }, statusTag(status)),
      h('td', { 'data-label': 'As of' }, r ? fmtDay(r.as_of) : '–'));
  });
  const bodies = GROUPS.map(([status, label]) => {
    const list = states.filter((s) => s.status === status);
    return list.length ? h('tbody', null,
      h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: '4' }, label)),
      rows(list)) : null;
  });
  const table = h('table', { class: 'stack', id: 'states-table' },
    h('caption', { class: 'vh' }, 'Current level of every state'),
    h('thead', null, h('tr', null, ['State', 'Level', 'Status', 'As of'].map((t) =>
      h('th', { scope: 'col' }, t)))), bodies);
  return { table, counts };
}

async function main() {
  let user = null;
  try {
    const s = await initPage();
    user = s && s.user;
  } catch { /* header says so */ }
  if (!user) {
    $('#body').replaceChildren(signInFor('this standard and how states meet it'));
    return;
  }
  let fw;
  let needs;
  let states;
  let validated;
  let pend;
  try {
    const q = encodeURIComponent(code);
    [fw, needs, states, validated, pend] = await Promise.all([
      api('GET', '/api/v1/framework'),
      api('GET', '/api/v1/framework/needs').then((r) => r.items, () => []),
      api('GET', '/api/v1/states').then((r) => r.items),
      allRecords(`standard=${q}&status=validated`),
      allRecords(`standard=${q}&status=pending`),
    ]);
  } catch (e) {
    $('#body').replaceChildren(problem('The standard could not be loaded: ' + e.message));
    return;
  }
  const f = find(fw);
  if (!f) {
    $('#title').textContent = 'Standard not found';
    $('#body').replaceChildren(problem(`There is no standard “${code}” in the current framework.`,
      h('p', null, h('a', { href: '/gaps' }, 'See the gap analysis'))));
    return;
  }
  const { area, specific, std } = f;
  document.title = `${std.title} – ccscap`;
  $('#caption').textContent = `${area.code} ${area.name} · ${specific.code} ${specific.name}`;
  $('#title').textContent = std.title;
  const pending = {};
  for (const r of pend) if (r.lineage_id === std.lineage_id) pending[r.state] = (pending[r.state] || 0) + 1;
  const { table, counts } = statesTable(std, states, current(validated, std.lineage_id), pending);
  const mine = needs.filter((n) => (n.standards || []).includes(std.code));
  const parts = [
    h('p', { class: 'lead' }, std.description),
    h('dl', { class: 'dl' },
      detail('Code', h('span', { class: 'mono' }, std.code)),
      detail('Priority area', `${area.code} ${area.name}`),
      detail('Specific area', `${specific.code} ${specific.name}`),
      detail('GCI pillar', GCI[std.gci_pillar] || std.gci_pillar),
      detail('CMM dimension', CMM[std.cmm_dimension] || std.cmm_dimension),
      detail('Framework', `Version ${fw.version}`)),
    h('h2', null, 'Levels'),
    h('p', null, `A state meets this standard at “${std.scale[std.met_level]}” or above.`),
    scaleList(std),
    h('h2', null, 'Needs of the plan it answers'),
    mine.length ? h('ul', { id: 'needs' }, mine.map((n) => h('li', null,
      h('strong', null, n.ref), ` (table ${n.plan_table}): ${n.need}`)))
      : h('p', null, 'This standard is not linked to a need of the plan.'),
    h('h2', { id: 'states-h' }, 'How the states stand'),
    h('p', { id: 'states-summary' }, h('strong', null,
      `Met by ${counts.met} of ${states.length} states.`),
    ` ${counts.unmet} not met, ${counts.no_data} with no data.`),
    table,
  ];
  if (canSubmit(user, null)) {
    parts.push(h('p', null, h('a', { class: 'button button--secondary', href: '/submit?standard=' + encodeURIComponent(std.code) },
      'Submit a status record for this standard')));
  }
  $('#body').replaceChildren(...parts);
}

main();
