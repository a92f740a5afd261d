// clusters.js: cross-state clusters for RIFC analysts: values sighted by
// at least N states within D days (GET /api/v1/clusters).
import { api } from './api.js';
import { h, $, fmtDateTime, showErrors, clearErrors, sentence, USER_ROLE, problem } from './ui.js';
import { indicatorLink, startPage, table, plural } from './sharing.js';

const gate = $('#gate');
const form = $('#filters');

function wanted(id, lo, hi, what) {
  const v = $('#' + id).value.trim();
  return /^\d+$/.test(v) && +v >= lo && +v <= hi ? null
    : { field: id, text: `Enter ${what} as a whole number from ${lo} to ${hi}` };
}

async function show(ev) {
  if (ev) ev.preventDefault();
  const errs = [wanted('min_states', 2, 50, 'the number of states'), wanted('days', 1, 3660, 'the number of days')].filter(Boolean);
  if (errs.length) {
    showErrors(form, $('#errors'), errs);
    return;
  }
  clearErrors(form, $('#errors'));
  const ms = $('#min_states').value.trim();
  const d = $('#days').value.trim();
  history.replaceState(null, '', `${location.pathname}?min_states=${ms}&days=${d}`);
  $('#count').textContent = 'Loading…';
  try {
    const r = await api('GET', `/api/v1/clusters?min_states=${ms}&days=${d}&limit=500`);
    const n = r.items.length;
    $('#count').textContent = n ? `${plural(n, 'value', 'values')} seen by ${ms} or more states within ${plural(+d, 'day', 'days')}`
      : `No value was seen by ${ms} or more states within ${plural(+d, 'day', 'days')}.`;
    $('#results').replaceChildren(n ? table('cluster-table', ['Clusters'],
      ['Value', 'Type', 'States', 'Sightings', 'First seen', 'Last seen'], r.items.map((c) => h('tr', null,
        h('td', null, indicatorLink(c.id, c.value)),
        h('td', { 'data-label': 'Type' }, c.type),
        h('td', { 'data-label': 'States', class: 'states' }, h('strong', null, String(c.nstates)), `: ${c.states.join(', ')}`),
        h('td', { 'data-label': 'Sightings' }, String(c.sightings)),
        h('td', { 'data-label': 'First seen' }, fmtDateTime(c.first_seen)),
        h('td', { 'data-label': 'Last seen' }, fmtDateTime(c.last_seen))))) : '');
  } catch (e) {
    $('#count').textContent = '';
    showErrors(form, $('#errors'), [{ field: null, text: sentence(e.message) }]);
  }
}

async function main() {
  const user = await startPage(gate, 'cross-state clusters');
  if (!user) return;
  if (user.role !== 'rifc_analyst' || user.state_code) {
    gate.replaceChildren(problem(`Cross-state clusters are for RIFC analysts; your role is ${USER_ROLE[user.role] || user.role}.`,
      h('p', null, h('a', { href: '/indicators' }, 'Look a value up instead'))));
    return;
  }
  const q = new URLSearchParams(location.search);
  if (q.get('min_states')) $('#min_states').value = q.get('min_states');
  if (q.get('days')) $('#days').value = q.get('days');
  form.addEventListener('submit', show);
  gate.replaceChildren();
  $('#page').hidden = false;
  await show();
}

main();
