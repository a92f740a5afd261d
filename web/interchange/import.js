// import.js: the import page: uploads a STIX 2.1 bundle, MISP event or
// indicator CSV to POST /api/v1/import/{format} with progress, and shows
// the report (counts, and each refused object with its JSON path or line).
import { upload } from './api.js';
import { h, $, showErrors, clearErrors, sentence, here } from './ui.js';
import { startPage, loadStates, canReport, plural } from './sharing.js';

const gate = $('#gate');
const form = $('#import-form');
const errors = $('#errors');
const MAX = 32 * 1024 * 1024;
const TYPES = { stix: 'application/stix+json', misp: 'application/json', csv: 'text/csv' };

/** "objects[3].pattern" as words: "object 4, pattern"; lines stay. */
export function pathWords(path) {
  if (!path) return null;
  const m = /^objects\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (m) return `Object ${Number(m[1]) + 1} in the file` + (m[2] ? `, field ${m[2]}` : '');
  const l = /^line (\d+)/i.exec(path);
  if (l) return `Line ${l[1]}`;
  return `At ${path}`;
}

/** Links to what an import stored: the STIX objects, incidents, indicators. */
function storedLinks(r) {
  const out = [];
  const c = r.counts;
  const objs = (r.stored && r.stored.stix_objects) || [];
  const shown = objs.filter((o) => o.id);
  if (shown.length) {
    out.push(h('h3', null, 'What was stored'),
      h('ul', { id: 'stored-objects', class: 'plain' }, shown.map((o) => h('li', null,
        h('a', { href: '/stix/' + encodeURIComponent(o.stix_id) }, o.name || o.stix_id), ` (${o.type})`))));
    if (r.stored.stix_objects_total > shown.length) {
      out.push(h('p', null, h('a', { href: '/stix?sort=stored&order=desc' },
        `See all ${r.stored.stix_objects_total} objects stored, newest first`)));
    }
  }
  const more = [];
  if (c.incidents) more.push(h('a', { href: '/incidents' }, plural(c.incidents, 'incident', 'incidents')));
  if (c.sightings) more.push(h('a', { href: '/indicators' }, plural(c.sightings, 'sighting', 'sightings') + ' of indicators'));
  if (more.length) out.push(h('p', { id: 'stored-records' }, 'Also stored: ', ...more.flatMap((a, i) => [i ? ', ' : '', a]), '.'));
  return out;
}

function reportView(r, stored) {
  const c = r.counts;
  const rows = [
    ['Objects read', c.objects], ['Sightings stored', c.sightings],
    ['Incidents stored', c.incidents], ['Other STIX objects kept whole', c.passthrough],
    ['Skipped (duplicates, older versions, unsupported)', c.skipped], ['Refused', c.invalid],
  ];
  const box = h('div', { class: stored ? 'success' : 'notice', role: 'status', tabindex: '-1' },
    h('h2', null, r.dry_run ? 'Checked: nothing was stored' : 'Imported'),
    h('dl', { class: 'dl' }, rows.flatMap(([t, d]) => [h('dt', null, t), h('dd', null, String(d))])));
  if (r.errors.length) {
    box.append(h('h3', null, plural(r.errors_total, 'problem', 'problems')),
      h('ul', { id: 'import-errors' }, r.errors.map((e) =>
        h('li', null, e.path ? [pathWords(e.path), ' (', h('code', null, e.path), '): '] : null,
          sentence(e.message)))));
    if (r.errors_total > r.errors.length) box.append(h('p', null, `The first ${r.errors.length} are listed.`));
  }
  if (stored) box.append(...storedLinks(r));
  return box;
}

/**
 * After a refused import, checks the file again without storing anything
 * to list every problem with where it is in the file; true when shown.
 */
async function listProblems(fmt, q, file) {
  q.set('dry_run', '1');
  try {
    const r = await upload(`/api/v1/import/${fmt}?${q}`, file, TYPES[fmt]);
    if (!r.errors || !r.errors.length) return false;
    const box = reportView(r, false);
    box.querySelector('h2').textContent = 'Nothing was stored: the file has problems';
    box.append(h('p', null, 'Correct them and import the file again, or tick “Store the valid objects even if some are refused”.'));
    $('#report').replaceChildren(box);
    showErrors(form, errors, [{ field: null,
      text: `Nothing was imported: ${plural(r.errors_total, 'problem', 'problems')} in the file, listed below` }]);
    return true;
  } catch {
    return false;
  }
}

async function send(ev) {
  ev.preventDefault();
  const file = $('#file').files[0];
  const fmt = $('#format').value;
  if (!file) {
    showErrors(form, errors, [{ field: 'file', text: 'Choose the file to import' }]);
    return;
  }
  if (file.size > MAX) {
    showErrors(form, errors, [{ field: 'file', text: 'The file is larger than 32 MB: import it with ccscap import on the server' }]);
    return;
  }
  clearErrors(form, errors);
  $('#report').replaceChildren();
  const q = new URLSearchParams({ tlp: $('#tlp').value });
  if ($('#state').value) q.set('state', $('#state').value);
  if ($('#dry_run').checked) q.set('dry_run', '1');
  if ($('#partial').checked) q.set('partial', '1');
  const btn = $('#send');
  btn.disabled = true;
  try {
    const r = await upload(`/api/v1/import/${fmt}?${q}`, file, TYPES[fmt],
      (f) => { $('#progress').textContent = `Uploading, ${Math.round(f * 100)}%`; });
    $('#progress').textContent = '';
    const box = reportView(r, !r.dry_run);
    $('#report').replaceChildren(box);
    box.focus();
  } catch (e) {
    $('#progress').textContent = '';
    if (e.code === 'import_failed' && await listProblems(fmt, q, file)) return;
    const text = e.code === 'import_failed'
      ? `${sentence(e.message.replace(/;\s*dry_run=1.*$/, ''))}. Nothing was stored.`
      : sentence(e.message);
    showErrors(form, errors, [{ field: e.code === 'import_too_large' ? 'file' : null, text }]);
    if (e.status === 401) {
      errors.firstChild.append(h('p', null, h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in again')));
    }
  } finally {
    btn.disabled = false;
  }
}

async function main() {
  const user = await startPage(gate, 'the import page');
  if (!user) return;
  if (!canReport(user)) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      'Your role does not report shared records, so it cannot import them.')));
    return;
  }
  const states = (await loadStates()).items;
  const sel = $('#state');
  const own = user.state_code;
  sel.replaceChildren(...(own ? [] : [h('option', { value: '' }, 'None (regional)')]),
    ...states.filter((s) => !own || s.code === own).map((s) => h('option', { value: s.code }, s.name)));
  if (own) sel.value = own;
  form.addEventListener('submit', send);
  gate.replaceChildren();
  $('#page').hidden = false;
}

main();
