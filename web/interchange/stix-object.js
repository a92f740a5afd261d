// stix-object.js: one stored STIX object (/stix/<STIX id or row id>): its
// properties as a definition list, its references and its relationships
// both ways as links to the objects the reader may read, its marking, the
// ccscap records made from it and a "Download STIX" of the object.
import { api } from './api.js';
import { h, $, fmtDate } from './ui.js';
import { startPage, loadFailed, fillDl, markingBox, loadStates, incidentLink, indicatorLink } from './sharing.js';

const gate = $('#gate');
const ref = decodeURIComponent(location.pathname.replace(/^\/stix\//, ''));

const SKIP = new Set(['type', 'id', 'spec_version', 'object_marking_refs']);
const label = (k) => k.replace(/_refs?$/, '').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A link to another object, or its bare id when the reader has no copy. */
function objLink(l) {
  if (!l) return 'unknown';
  if (l.id === null || l.id === undefined) return h('span', { class: 'mono' }, l.stix_id);
  return [h('a', { href: '/stix/' + encodeURIComponent(l.stix_id) }, l.name || l.stix_id),
    ` (${l.type})`];
}

/** A property value as text or nested lists, bounded. */
function value(v, depth = 0) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object')) return v.join(', ');
    return h('ul', { class: 'plain' }, v.slice(0, 100).map((x) => h('li', null, value(x, depth + 1))));
  }
  if (typeof v === 'object') {
    if (depth > 3) return JSON.stringify(v);
    const dl = h('dl', { class: 'dl nested' });
    fillDl(dl, Object.entries(v).map(([k, x]) => [label(k), value(x, depth + 1)]));
    return dl;
  }
  return String(v);
}

function relList(items, dir) {
  if (!items.length) return null;
  return h('ul', { class: 'plain', id: 'rels-' + dir }, items.map((r) => h('li', null,
    dir === 'outgoing' ? ['This object ', h('strong', null, r.relationship_type), ' '] : null,
    objLink(r.other),
    dir === 'incoming' ? [' ', h('strong', null, r.relationship_type), ' this object'] : null,
    ' ', h('a', { href: '/stix/' + encodeURIComponent(r.stix_id), class: 'small' }, '(the relationship)'))));
}

function download(o) {
  const bundle = { type: 'bundle', id: 'bundle--' + crypto.randomUUID(), objects: [o.object] };
  const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)],
    { type: 'application/stix+json' }));
  const a = $('#download');
  a.href = url;
  a.setAttribute('download', o.stix_id + '.json');
}

async function main() {
  gate.hidden = false;
  const user = await startPage(gate, 'this STIX object');
  if (!user) return;
  let o;
  let names = {};
  try {
    [o, names] = await Promise.all([api('GET', '/api/v1/stix/objects/' + encodeURIComponent(ref)),
      loadStates().then((s) => s.names).catch(() => ({}))]);
  } catch (e) {
    if (e.status === 404) {
      document.title = 'No such STIX object – ccscap';
      $('#title').textContent = 'No such STIX object';
      gate.replaceChildren(h('p', null, 'There is no STIX object with that id that you may read. ',
        h('a', { href: '/stix' }, 'See all STIX objects'), '.'));
      return;
    }
    loadFailed(gate, 'The object', e);
    return;
  }
  document.title = `${o.name || o.stix_id} – STIX ${o.type} – ccscap`;
  $('#title').textContent = o.name || o.stix_id;
  $('#lead').textContent = `A STIX ${o.type}, stored ${fmtDate(o.stored_at)}.`;
  markingBox($('#marking'), o.sharing, names);
  const refs = new Map();
  for (const r of o.refs) {
    if (r.property === 'object_marking_refs') continue;
    if (!refs.has(r.property)) refs.set(r.property, []);
    refs.get(r.property).push(r);
  }
  const rows = [['STIX id', h('span', { class: 'mono' }, o.stix_id)], ['Type', o.type]];
  for (const [k, v] of Object.entries(o.object)) {
    if (SKIP.has(k)) continue;
    if (refs.has(k)) {
      const ls = refs.get(k);
      rows.push([label(k), ls.length === 1 ? objLink(ls[0])
        : h('ul', { class: 'plain' }, ls.map((l) => h('li', null, objLink(l))))]);
    } else rows.push([label(k), value(v)]);
  }
  fillDl($('#props'), rows);
  const out = relList(o.relationships.outgoing, 'outgoing');
  const inc = relList(o.relationships.incoming, 'incoming');
  $('#rels').replaceChildren(...(out || inc ? [
    out ? h('h3', null, 'From this object') : null, out,
    inc ? h('h3', null, 'To this object') : null, inc] : [h('p', null, 'No relationships you may read.')])
    .filter(Boolean));
  const recs = [...o.incidents.map((i) => h('li', null, incidentLink(i.id, i.title), ' (incident)')),
    ...o.indicators.map((v) => h('li', null, indicatorLink(v.id, v.value), ` (${v.type})`))];
  $('#records').replaceChildren(...recs);
  $('#records-s').hidden = !recs.length;
  download(o);
  gate.hidden = true;
  $('#one').hidden = false;
}

main();
