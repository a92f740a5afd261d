// home.js: the public list of states by status and the governance bodies;
// for signed-in users, NCPOC coverage and the list of gaps.
import { api, apiAll } from './api.js';
import { h, $, STATUS, STATE_GROUPS, initPage, orgLabel, problem } from './ui.js';

function stateLink(s) {
  return h('a', { href: '/state?code=' + encodeURIComponent(s.code) }, s.name);
}

/** Only gaps are flagged: a full list of "2 NCPOCs" would hide them. */
function ncpocTag(s) {
  return s.ncpoc_gap ? h('span', { class: 'tag tag--gap' }, `${s.ncpoc_count} of 2 NCPOCs`) : null;
}

function renderStates(states, signedIn) {
  const out = [];
  for (const [status, title] of STATE_GROUPS) {
    const list = states.filter((s) => s.status === status);
    if (!list.length) continue;
    out.push(h('h3', null, `${title} (${list.length})`),
      h('ul', { class: 'columns', 'data-status': status },
        list.map((s) => h('li', null, stateLink(s),
          signedIn && s.ncpoc_gap ? [' ', ncpocTag(s)] : null))));
  }
  $('#states').replaceChildren(...out);
}

function renderCoverage(states) {
  const full = states.filter((s) => !s.ncpoc_gap).length;
  const gaps = states.filter((s) => s.ncpoc_gap);
  const ncpocs = states.reduce((n, s) => n + s.ncpoc_count, 0);
  const ev = states.filter((s) => s.e_evidence_count > 0).length;
  const cert = states.filter((s) => s.cert_duty_count > 0).length;
  const stat = (n, text) => h('li', null, h('strong', null, n), text);
  const parts = [h('ul', { class: 'stats' },
    stat(`${full} of ${states.length}`, 'states have two NCPOCs'),
    stat(ncpocs, 'NCPOCs listed in all'),
    stat(`${ev} of ${states.length}`, 'states have a 24/7 e-evidence contact'),
    stat(`${cert} of ${states.length}`, 'states have a CERT duty contact'))];
  if (!gaps.length) {
    parts.push(h('p', null, 'Every state has two NCPOCs.'));
  } else {
    parts.push(h('table', { class: 'stack', id: 'gaps' },
      h('caption', null, `States with fewer than two NCPOCs (${gaps.length})`),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'NCPOCs'),
        h('th', { scope: 'col' }, '24/7 e-evidence contacts'),
        h('th', { scope: 'col' }, 'CERT duty contacts'))),
      h('tbody', null, gaps.map((s) => h('tr', null,
        h('td', null, stateLink(s), h('br'),
          h('span', { class: 'secondary small' }, STATUS[s.status])),
        h('td', { 'data-label': 'NCPOCs' }, `${s.ncpoc_count} of 2`),
        h('td', { 'data-label': '24/7 e-evidence contacts' }, s.e_evidence_count),
        h('td', { 'data-label': 'CERT duty contacts' }, s.cert_duty_count))))));
  }
  $('#coverage-body').replaceChildren(...parts);
  $('#coverage').hidden = false;
}

function renderBodies(orgs) {
  $('#bodies').replaceChildren(h('ul', null, orgs.map((o) => h('li', null,
    h('a', { href: '/organisation?id=' + o.id }, orgLabel(o)),
    o.description ? h('br') : null,
    o.description ? h('span', { class: 'secondary' }, o.description) : null))));
}

async function main() {
  const states = api('GET', '/api/v1/states');
  const bodies = apiAll('/api/v1/organisations?kind=governance_body');
  let session = null;
  try { session = await initPage(); } catch { /* shown in the header */ }
  const signedIn = !!(session && session.user);
  if (!signedIn) {
    $('#intro').replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Officials with an account can ', h('a', { href: '/login' }, 'sign in'),
      ' to see contact details and which states still need NCPOCs.')));
  }
  try {
    const st = (await states).items;
    renderStates(st, signedIn);
    if (signedIn) renderCoverage(st);
  } catch (e) {
    $('#states').replaceChildren(problem('The states could not be loaded: ' + e.message));
  }
  try {
    renderBodies(await bodies);
  } catch (e) {
    $('#bodies').replaceChildren(problem('The bodies could not be loaded: ' + e.message));
  }
}

main();
