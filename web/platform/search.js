// search.js: full-text search over the shared records the reader may
// read; each hit links to its own page and shows its TLP marking.
import { api } from './api.js';
import { h, $, fmtDate, showErrors, clearErrors, sentence } from './ui.js';
import { tlpLabel } from './tlp.js';
import { startPage, plural } from './sharing.js';
import { grouped } from './list.js';

const gate = $('#gate');
const form = $('#search');

const KIND = {
  incident: ['Incident', (id) => '/incident?id=' + id],
  advisory: ['Advisory', (id) => '/advisories?id=' + id],
  lesson: ['Lesson learnt', (id) => '/lessons?id=' + id],
  indicator: ['Indicator value', (id) => '/indicator?id=' + id],
};

function hit(x) {
  const [label, href] = KIND[x.kind] || [x.kind, () => '#'];
  // an indicator value carries the markings of the sightings the reader
  // may read, strictest first
  const marks = x.tlp ? [tlpLabel(x.tlp)] : (x.markings || []).flatMap((t) => [tlpLabel(t), ' ']);
  return h('li', { class: 'hit' },
    h('p', { class: 'hit-title' }, marks, ' ', h('a', { href: href(x.id) }, x.title),
      x.match === 'part' ? h('span', { class: 'secondary small' }, ' (contains your words)') : null),
    h('p', { class: 'secondary small' }, `${label} #${x.id}`, x.created_at ? ` · ${fmtDate(x.created_at)}` : ''),
    x.excerpt ? h('p', { class: 'excerpt' }, x.excerpt) : null);
}

async function run() {
  const q = new URLSearchParams(location.search);
  $('#q').value = q.get('q') || '';
  $('#kind').value = q.get('kind') || '';
  if (!q.get('q')) return;
  $('#count').textContent = 'Searching…';
  try {
    const apiQ = new URLSearchParams(q);
    apiQ.delete('at');
    const r = await api('GET', '/api/v1/search?' + apiQ);
    const at = Math.max(1, Number(q.get('at')) || 1);
    const n = r.items.length;
    $('#count').textContent = n ? `Showing ${grouped(at)}–${grouped(at + n - 1)} of ` +
      `${plural(r.total, 'result', 'results')} you may read, best first`
      : 'Nothing you may read matches. Try other words or all kinds of record.';
    $('#results').replaceChildren(...r.items.map(hit));
    $('#results').start = at;
    // the search shows the first 200 values holding the words; the
    // indicator list pages through all of them
    $('#parts').replaceChildren(r.parts_total > 200 ? h('p', { class: 'notice', id: 'parts-note' },
      `${grouped(r.parts_total)} indicator values contain “${q.get('q')}”; the search shows 200 of them. `,
      h('a', { href: '/indicators?' + new URLSearchParams({ q: q.get('q') }) }, 'See them all in the indicator list'),
      '.') : '');
    const links = [];
    const link = (text, rel, cursor, to) => {
      const p = new URLSearchParams(q);
      p.set('cursor', cursor);
      p.set('at', String(to));
      return h('a', {
        href: '?' + p, rel, class: 'pager-' + rel,
        onclick: (ev) => { ev.preventDefault(); history.pushState(null, '', '?' + p); run(); },
      }, text);
    };
    if (r.prev_cursor) links.push(link('Previous page', 'prev', r.prev_cursor, Math.max(1, at - 50)));
    if (r.next_cursor) links.push(link('Next page', 'next', r.next_cursor, at + n));
    if (r.total) {
      // every result in this order, not only this page
      const c = new URLSearchParams(q);
      for (const k of ['cursor', 'at', 'limit']) c.delete(k);
      c.set('format', 'csv');
      links.push(h('a', { href: '/api/v1/search?' + c, class: 'pager-csv', download: '' },
        `Download CSV (${plural(r.total, 'result', 'results')})`));
    }
    $('#pager').replaceChildren(...links);
  } catch (e) {
    $('#count').textContent = '';
    $('#results').replaceChildren();
    showErrors(form, $('#errors'), [{ field: 'q', text: sentence(e.message) }]);
  }
}

function submit(ev) {
  ev.preventDefault();
  clearErrors(form, $('#errors'));
  const q = $('#q').value.trim();
  if (!q) {
    showErrors(form, $('#errors'), [{ field: 'q', text: 'Enter the words to find' }]);
    return;
  }
  const p = new URLSearchParams({ q });
  if ($('#kind').value) p.set('kind', $('#kind').value);
  history.pushState(null, '', location.pathname + '?' + p);
  run();
}

async function main() {
  const user = await startPage(gate, 'the search');
  if (!user) return;
  form.addEventListener('submit', submit);
  window.addEventListener('popstate', run);
  gate.replaceChildren();
  $('#page').hidden = false;
  await run();
}

main();
