// legal-state.js: one state's page of the legal tracker: its treaty track
// for the Budapest Convention and the Second Additional Protocol (with a
// form for those who may change it), its instruments with their steps,
// dates, sources and section mappings, and the provisions they cover.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, messageField, sentence } from './ui.js';
import {
  startLegal, loadFailed, canWrite, fmtWhen, sourceNote, flash, STEP, TREATY_STEP, KIND,
} from './legal-common.js';

const DATES = [['requested_on', 'Invitation requested'], ['invited_on', 'Invited'],
  ['invitation_expires', 'Invitation expires'], ['signed_on', 'Signed'], ['party_on', 'Ratified or acceded']];

function trackForm(t) {
  const id = (k) => `${t.treaty}-${k}`;
  const errors = h('div');
  const form = h('form', { class: 'track-form', novalidate: true, id: 'track-' + t.treaty }, errors,
    h('div', { class: 'field' }, h('label', { for: id('status') }, 'Step reached'),
      h('select', { id: id('status') }, Object.entries(TREATY_STEP).map(([k, w]) =>
        h('option', { value: k, selected: k === t.status }, w)))),
    DATES.map(([k, w]) => h('div', { class: 'field' }, h('label', { for: id(k) }, w),
      h('p', { class: 'hint', id: id(k) + '-hint' }, k === 'invitation_expires'
        ? 'YYYY-MM-DD. Leave empty for five years after the invitation.' : 'YYYY, YYYY-MM or YYYY-MM-DD'),
      h('input', { id: id(k), type: 'text', class: 'w-mid', value: t[k] || '', 'aria-describedby': id(k) + '-hint' }))),
    h('div', { class: 'field choice' }, h('input', { type: 'checkbox', id: id('poc_designated'), checked: t.poc_designated }),
      h('label', { for: id('poc_designated') }, 'Art. 35 24/7 point of contact designated')),
    h('div', { class: 'field' }, h('label', { for: id('source_url') }, 'Source (web address)'),
      h('input', { id: id('source_url'), type: 'url', value: t.source_url || '' })),
    h('div', { class: 'actions' }, h('button', { class: 'button', type: 'submit' }, `Save the ${t.treaty === 'sap' ? 'Protocol' : 'Convention'} track`)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, errors);
    const body = { status: $('#' + id('status')).value, poc_designated: $('#' + id('poc_designated')).checked };
    for (const [k] of DATES) body[k] = $('#' + id(k)).value.trim() || null;
    body.source_url = $('#' + id('source_url')).value.trim() || null;
    if (body.invitation_expires === t.invitation_expires && body.invited_on !== t.invited_on) body.invitation_expires = null;
    try {
      await api('PATCH', `/api/v1/legal/treaties/${t.state}/${t.treaty}`, body);
      sessionStorage.setItem('ccscap.flash', `Saved the ${t.treaty_name} track.`);
      location.reload();
    } catch (e) {
      const named = messageField(e.message);
      const f = named && document.getElementById(id(named.field)) ? id(named.field) : null;
      showErrors(form, errors, [{ field: f, text: sentence(e.message) }]);
    }
  });
  return form;
}

function treaties(items, user) {
  return [h('table', { class: 'stack', id: 'treaty-table' },
    h('caption', { class: 'vh' }, 'Treaty track'),
    h('thead', null, h('tr', null, ['Treaty', 'Step reached', 'Dates', '24/7 point of contact', 'Source']
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, items.map((t) => h('tr', { id: 'track-row-' + t.treaty },
      h('th', { scope: 'row' }, t.treaty_name),
      h('td', { 'data-label': 'Step reached' }, h('strong', null, t.status_name)),
      h('td', { 'data-label': 'Dates' }, DATES.filter(([k]) => t[k]).map(([k, w]) => `${w} ${fmtWhen(t[k])}`).join('; ') || 'None recorded'),
      h('td', { 'data-label': '24/7 point of contact' }, t.poc_designated ? `Designated${t.poc_on ? ' ' + fmtWhen(t.poc_on) : ''}` : 'Not recorded'),
      h('td', { 'data-label': 'Source' }, t.updated_at ? sourceNote(t) : '–', t.notes ? h('p', { class: 'small' }, t.notes) : ''))))),
  canWrite(user, items[0] && items[0].state)
    ? h('details', { class: 'details edit-tracks' }, h('summary', null, 'Change the treaty track'), items.map(trackForm)) : ''];
}

function instrument(i, user) {
  const steps = Object.keys(STEP).filter((k) => i.dates[k]).map((k) => `${STEP[k]} ${fmtWhen(i.dates[k])}`);
  return h('li', { class: 'card instrument', id: 'instrument-' + i.id },
    h('h3', null, `${i.name}${i.number ? ', ' + i.number : ''}`),
    h('p', null, h('strong', { class: 'tag' }, i.status_name), ` ${KIND[i.kind] || i.kind}`,
      i.year ? ` of ${i.year}` : '', steps.length ? ` · ${steps.join('; ')}` : ''),
    h('p', null, sourceNote(i)),
    i.notes ? h('p', { class: 'small' }, i.notes) : '',
    i.mappings.length ? h('table', { class: 'stack mappings' },
      h('caption', { class: 'small' }, `Sections mapped (${i.mappings.length})`),
      h('thead', null, h('tr', null, ['Section', 'Gives effect to', 'Evidence'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, i.mappings.map((m) => h('tr', null,
        h('th', { scope: 'row' }, m.section, m.heading ? h('span', { class: 'small' }, ` ${m.heading}`) : ''),
        h('td', { 'data-label': 'Gives effect to' }, m.provision_titles.join('; '), m.partial ? ' (in part)' : ''),
        h('td', { 'data-label': 'Evidence' }, m.evidence_url ? h('a', { href: m.evidence_url, rel: 'noreferrer' }, 'Evidence') : '–')))))
      : h('p', { class: 'small secondary' }, 'No section is mapped to a provision yet.'),
    canWrite(user, i.state) ? h('p', null, h('a', { href: '/legal-instrument?id=' + i.id, id: 'edit-' + i.id }, `Change ${i.name}`)) : '');
}

function covered(m) {
  if (!m.cells.length) return h('p', null, 'No instrument of this state is mapped to a provision yet.');
  const byRef = Object.fromEntries(m.rows.map((r) => [r.ref, r]));
  return h('table', { class: 'stack', id: 'covered-table' },
    h('caption', { class: 'vh' }, 'Provisions covered'),
    h('thead', null, h('tr', null, ['Provision', 'Furthest step', 'Instruments and sections'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, m.cells.map((c) => h('tr', { id: 'prov-' + c.provision },
      h('th', { scope: 'row' }, `${byRef[c.provision].number} ${byRef[c.provision].title}`),
      h('td', { 'data-label': 'Furthest step', class: `legal legal-${c.rank}` }, c.status_name, c.partial ? ' (in part)' : ''),
      h('td', { 'data-label': 'Instruments and sections' }, c.instruments.map((i) => `${i.name} ${i.sections.join(', ')}`).join('; '))))));
}

// Every instrument of the state, page after page (never cut at a page).
async function allInstruments(code) {
  const items = [];
  let cursor = null;
  do {
    const p = await api('GET', '/api/v1/legal/instruments?limit=200&sort=name&state=' +
      encodeURIComponent(code) + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...p.items);
    cursor = p.next_cursor;
  } while (cursor);
  return { items, total: items.length };
}

async function main() {
  const gate = $('#gate');
  const code = (new URLSearchParams(location.search).get('state') || '').toUpperCase();
  let user;
  try {
    user = await startLegal(gate, "a state's instruments");
  } catch (e) {
    loadFailed(gate, 'The legal tracker', e);
    return;
  }
  if (!user) return;
  let tr; let list; let m;
  try {
    [tr, list, m] = await Promise.all([
      api('GET', '/api/v1/legal/treaties?state=' + encodeURIComponent(code)),
      allInstruments(code),
      api('GET', '/api/v1/legal/matrix?state=' + encodeURIComponent(code))]);
  } catch (e) {
    loadFailed(gate, "The state's instruments", e);
    return;
  }
  const name = m.states[0] ? m.states[0].name : code;
  document.title = `${name}: legal instruments – ccscap`;
  $('#title').textContent = `${name}: legal instruments and treaty track`;
  $('#treaties').replaceChildren(...treaties(tr.items, user).filter(Boolean));
  $('#add').replaceChildren(canWrite(user, code)
    ? h('a', { class: 'button', href: '/legal-instrument?state=' + code, id: 'add-instrument' }, 'Add an instrument') : '');
  $('#instruments').replaceChildren(list.items.length
    ? h('ul', { class: 'cards', id: 'instrument-list' }, list.items.map((i) => instrument(i, user)))
    : h('p', null, 'No instrument recorded for this state.'),
  list.total > list.count ? h('p', { class: 'small' }, `The first ${list.count} of ${list.total} are shown.`) : '');
  $('#covered').replaceChildren(covered(m));
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  if (location.hash) {
    const t = document.getElementById(location.hash.slice(1));
    if (t) t.scrollIntoView();
  }
}

main();
