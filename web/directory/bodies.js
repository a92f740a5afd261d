// bodies.js: governance bodies (with the Steering Committee's seats),
// regional agencies, partners; each links to its organisation page.
import { api, apiAll } from './api.js';
import { h, $, KIND, KIND_GROUP, initPage, orgLabel, problem, seatsTable } from './ui.js';

function item(o, seats) {
  return h('li', { id: 'org-' + o.id },
    h('h3', null, h('a', { href: '/organisation?id=' + o.id }, orgLabel(o))),
    o.description ? h('p', null, o.description) : null,
    seats && seats.length ? seatsTable(seats) : null);
}

async function main() {
  const orgsP = apiAll('/api/v1/organisations');
  try { await initPage(); } catch { /* header says so */ }
  let orgs;
  try {
    orgs = await orgsP;
  } catch (e) {
    $('#body').replaceChildren(problem('The bodies could not be loaded: ' + e.message));
    return;
  }
  // Bodies with seats (the Steering Committee) show them here as well.
  const seated = orgs.filter((o) => o.kind === 'governance_body' && /steering/i.test(o.name));
  const seats = {};
  await Promise.all(seated.map(async (o) => {
    try { seats[o.id] = (await api('GET', '/api/v1/organisations/' + o.id)).seats; } catch { /* page still useful */ }
  }));
  const out = [];
  // Kinds in the server's order (public ones first), then any it lacks.
  const kinds = [...new Set([...Object.keys(KIND), ...orgs.map((o) => o.kind)])];
  for (const kind of kinds) {
    const list = orgs.filter((o) => o.kind === kind);
    if (!list.length) continue;
    out.push(h('section', { 'aria-labelledby': 'h-' + kind },
      h('h2', { id: 'h-' + kind }, `${KIND_GROUP[kind] || kind} (${list.length})`),
      h('ul', { class: 'cards plain' }, list.map((o) => item(o, seats[o.id])))));
  }
  $('#body').replaceChildren(...out);
}

main();
