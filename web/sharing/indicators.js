// indicators.js: the lookup box (GET /api/v1/indicators/lookup: is a value
// known, how much of it may the reader see, what it correlates with) and
// the list of values with a sighting the reader may read (list.js), each
// with the TLP markings of the sightings the reader may read.
import { api } from './api.js';
import { tlpLabel } from './tlp.js';
import { createList } from './list.js';
import { h, $, fmtDateTime, showErrors, clearErrors, messageField, sentence } from './ui.js';
import {
  IND_TYPES, loadStates, indicatorLink, relatedItem, restrictedNote, startPage, loadFailed, plural,
} from './sharing.js';

const gate = $('#gate');

async function lookup(ev) {
  ev.preventDefault();
  const form = $('#lookup');
  const errors = $('#errors');
  const type = $('#l-type').value;
  const value = $('#l-value').value.trim();
  clearErrors(form, errors);
  if (!value) {
    showErrors(form, errors, [{ field: 'l-value', text: 'Enter the value to look up' }]);
    return;
  }
  const out = $('#lookup-result');
  out.replaceChildren(h('p', { class: 'loading' }, 'Looking it up…'));
  let r;
  try {
    r = await api('GET', `/api/v1/indicators/lookup?type=${encodeURIComponent(type)}&value=${encodeURIComponent(value)}`);
  } catch (e) {
    out.replaceChildren();
    const named = messageField(e.message);
    showErrors(form, errors, [{ field: 'l-value', text: sentence(named && named.field === 'value' ? named.text : e.message) }]);
    return;
  }
  // A value the reader may read comes back whole (with its id); one they
  // may not comes back as {known, sightings_restricted}.
  const visible = r.id !== undefined;
  const parts = [h('h3', null, 'Result for ', h('span', { class: 'mono' }, r.value), ` (${r.type})`)];
  if (r.warning) parts.push(h('p', { class: 'warning' }, `On a warning list: ${r.warning}. Probably not malicious.`));
  parts.push(h('p', { class: 'verdict' }, visible || r.known
    ? ['Known: this value has been reported. ', visible
      ? h('a', { href: '/indicator?id=' + r.id }, `See its ${plural(r.sightings_visible, 'sighting', 'sightings')} you may read`) : '']
    : 'Not reported: no record you may read or that is counted holds this exact value.'));
  const rs = restrictedNote(r.sightings_restricted);
  if (rs) parts.push(rs);
  if (r.related && r.related.length) {
    parts.push(h('p', { class: 'small-h' }, 'Related values'), h('ul', { class: 'plain' }, r.related.map(relatedItem)));
  }
  const rr = restrictedNote(r.related_restricted, ['related value', 'related values']);
  if (rr) parts.push(rr);
  out.replaceChildren(h('div', { class: 'result-box', id: 'lookup-box' }, parts));
}

// The TLP labels of the sightings the reader may read, strictest first.
function markings(v) {
  return (v.markings || []).flatMap((t, i) => (i ? [' ', tlpLabel(t)] : [tlpLabel(t)]));
}

function makeList() {
  return createList({
    endpoint: '/api/v1/indicators',
    form: $('#filters'),
    errors: $('#list-errors'),
    host: $('#results'),
    id: 'indicator-list',
    statusId: 'count',
    caption: 'Indicator values',
    noun: ['value', 'values'],
    sort: 'last_seen',
    order: 'desc',
    empty: 'No values you may read match.',
    rowId: (v) => 'value-' + v.id,
    links: (q) => [{
      text: 'Download STIX',
      href: '/api/v1/export/stix' + (q.get('state') ? '?state=' + encodeURIComponent(q.get('state')) : ''),
    }],
    columns: [
      {
        label: 'Value', sort: 'value', cell: (v) => [indicatorLink(v.id, v.value),
          v.warning ? h('p', { class: 'warnlist' }, `Warning list: ${v.warning}`) : null],
      },
      { label: 'Markings', cell: (v) => h('span', { class: 'markings' }, markings(v)) },
      { label: 'Type', sort: 'type', cell: (v) => v.type },
      { label: 'Reported by', cell: (v) => (v.states || []).join(', ') },
      {
        label: 'Sightings', sort: 'sightings', cls: 'num', cell: (v) => [String(v.sightings),
          v.sightings_restricted ? h('span', { class: 'secondary' }, ` + ${v.sightings_restricted} above your clearance`) : ''],
      },
      { label: 'Last seen', sort: 'last_seen', cls: 'date', cell: (v) => fmtDateTime(v.last_seen) },
    ],
  });
}

async function main() {
  const user = await startPage(gate, 'the indicators');
  if (!user) return;
  let st;
  try {
    st = await loadStates();
  } catch (e) {
    loadFailed(gate, 'The indicators', e);
    return;
  }
  const opts = IND_TYPES.map(([k, label]) => h('option', { value: k }, label));
  $('#l-type').append(...opts);
  $('#f-type').append(...opts.map((o) => o.cloneNode(true)));
  $('#f-state').append(...st.items.map((s) => h('option', { value: s.code }, s.name)));
  $('#lookup').addEventListener('submit', lookup);
  const list = makeList();
  gate.replaceChildren();
  $('#page').hidden = false;
  await list.load();
}

main();
