// list.js: one way every list page behaves (the list contract,
// docs/internals/LISTS.md): a filter form, a table whose column headers
// sort it, "Showing 51–100 of 1,234", Previous/Next links over the API's
// keyset cursors and a "Download CSV" link. Everything the reader chose
// lives in the address bar (q, from, to, the list's own filters, sort,
// order, cursor), so back, forward, reload and bookmarks show the same
// page. The first row's number ("at") is kept there too: a keyset cursor
// does not know its position, the page that followed it does.
import { api } from './api.js';
import { h, clearErrors, showErrors, refusal } from './ui.js';

const OWN = ['sort', 'order', 'cursor', 'at', 'limit'];

/** 1234 -> "1,234". */
export function grouped(n) {
  return Number(n).toLocaleString('en-GB');
}

/** "YYYY-MM-DD" of unix seconds @secs, or '' (dates in tables). */
export function isoDate(secs) {
  return secs ? new Date(secs * 1000).toISOString().slice(0, 10) : '';
}

/**
 * A list on a page.
 * opts: {
 *   endpoint: '/api/v1/indicators',
 *   form: the filter <form> (its named fields are the list's filters:
 *         q, from, to and the list's selects) or null,
 *   errors: where the form's error summary goes (with form),
 *   host: where the status line, table and pager go,
 *   id: the table's id, caption: its caption text,
 *   noun: ['value', 'values'],
 *   columns: [{ label, sort (API sort name or null), cell(row) -> node or
 *              text, cls ('date' keeps it on one line, 'num') }],
 *   sort, order: the API's default (the header shows it),
 *   links(params): extra links beside "Download CSV", e.g. STIX,
 *   empty: text when nothing matches,
 *   fieldOf: {error code: form field id} for refusals,
 *   statusId: the id of the status line ("count"),
 *   rowId(row): the id of a row's <tr>, or null,
 *   render(items): a node to show instead of the table (cards), or none,
 *   defaults: {filter: value} when the address does not name it (an
 *             empty value in the address then means "any"),
 *   onload(reply): called after each page is shown,
 * }
 * Returns { load(), params() }.
 */
export function createList(opts) {
  const status = h('p', {
    class: 'list-status', role: 'status', 'aria-live': 'polite', id: opts.statusId || null,
  });
  const body = h('div', { class: 'list-body' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of ' + opts.caption });
  const downloads = h('p', { class: 'list-downloads' });
  opts.host.replaceChildren(status, downloads, body, pager);
  let seq = 0;

  function params() {
    const p = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(opts.defaults || {})) {
      if (!p.has(k)) p.set(k, v);
    }
    return p;
  }

  function filterNames() {
    return opts.form ? [...opts.form.elements].map((e) => e.name).filter(Boolean) : [];
  }

  // The API query of the page: filters, sort, order, cursor, limit.
  function apiQuery(p, extra) {
    const q = new URLSearchParams();
    for (const [k, v] of p) {
      if (k !== 'at' && v !== '') q.append(k, v);
    }
    for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
    return q;
  }

  function go(p, replace) {
    const url = location.pathname + (p.toString() ? '?' + p : '');
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    load();
  }

  function fillForm(p) {
    if (!opts.form) return;
    for (const name of filterNames()) {
      const el = opts.form.elements[name];
      if (el && 'value' in el) el.value = p.get(name) || '';
    }
  }

  function sortHead(col, p) {
    const cur = p.get('sort') || opts.sort;
    const order = p.get('order') || (cur === opts.sort ? opts.order : 'asc');
    const attrs = { scope: 'col', class: col.cls || null };
    if (!col.sort) return h('th', attrs, col.label);
    const on = cur === col.sort;
    attrs['aria-sort'] = on ? (order === 'desc' ? 'descending' : 'ascending') : 'none';
    const np = params();
    for (const k of ['cursor', 'at']) np.delete(k);
    np.set('sort', col.sort);
    np.set('order', on && order === 'asc' ? 'desc' : 'asc');
    const a = h('a', {
      href: '?' + np, class: 'sort-link',
      onclick: (ev) => { ev.preventDefault(); go(np); },
    }, col.label, h('span', { class: 'vh' }, on
      ? (order === 'desc' ? ', sorted newest or highest first' : ', sorted A to Z or oldest first')
      : ', sort by this column'));
    return h('th', attrs, a);
  }

  function pageLink(text, rel, cursor, at) {
    const np = params();
    np.set('cursor', cursor);
    np.set('at', String(at));
    return h('a', {
      href: '?' + np, rel, class: 'pager-' + rel,
      onclick: (ev) => { ev.preventDefault(); go(np); },
    }, text);
  }

  function csvLink(p) {
    const q = apiQuery(p, { format: 'csv' });
    for (const k of ['cursor', 'limit']) q.delete(k);
    const links = [h('a', { href: opts.endpoint + '?' + q, download: '', class: 'download-csv' },
      'Download CSV')];
    for (const l of (opts.links ? opts.links(q) : [])) {
      links.push(' · ', h('a', { href: l.href, download: '' }, l.text));
    }
    downloads.replaceChildren(...links);
  }

  // The host is aria-busy while a page loads: assistive technology waits
  // for the new rows, and so can a test.
  async function load() {
    const mine = ++seq;
    opts.host.setAttribute('aria-busy', 'true');
    try {
      await show(mine);
    } finally {
      if (mine === seq) opts.host.setAttribute('aria-busy', 'false');
    }
  }

  async function show(mine) {
    const p = params();
    fillForm(p);
    if (opts.form && opts.errors) clearErrors(opts.form, opts.errors);
    status.textContent = 'Loading…';
    let r;
    try {
      r = await api('GET', opts.endpoint + '?' + apiQuery(p));
    } catch (e) {
      if (mine !== seq) return;
      status.textContent = '';
      body.replaceChildren();
      pager.replaceChildren();
      if (e.code === 'invalid_cursor') {
        const first = params();
        for (const k of ['cursor', 'at']) first.delete(k);
        body.replaceChildren(h('div', { class: 'notice' }, h('p', null,
          'This page of the list is out of date or was not made for these filters. ',
          h('a', { href: '?' + first, onclick: (ev) => { ev.preventDefault(); go(first); } },
            'Go to the first page'))));
        return;
      }
      const why = refusal(e, opts.fieldOf || {});
      if (opts.form && opts.errors) {
        showErrors(opts.form, opts.errors, [{ field: why.field, text: why.text }]);
      } else {
        body.replaceChildren(h('div', { class: 'error-summary', role: 'alert' },
          h('h2', null, 'There is a problem'), h('p', null, why.text)));
      }
      return;
    }
    if (mine !== seq) return;
    render(p, r);
    if (opts.onload) opts.onload(r);
  }

  function render(p, r) {
    const n = r.items.length;
    const at = Math.max(1, Number(p.get('at')) || 1);
    const noun = opts.noun || ['item', 'items'];
    csvLink(p);
    if (!n) {
      status.textContent = r.total
        ? `No more ${noun[1]} here; ${grouped(r.total)} in all.`
        : (opts.empty || `No ${noun[1]} you may read match.`);
    } else {
      status.textContent = `Showing ${grouped(at)}–${grouped(at + n - 1)} of ` +
        `${grouped(r.total)} ${r.total === 1 ? noun[0] : noun[1]}`;
    }
    if (opts.render) {
      body.replaceChildren(n ? opts.render(r.items) : '');
    } else body.replaceChildren(n ? h('table', { class: 'stack list-table', id: opts.id },
      h('caption', { class: 'vh' }, opts.caption),
      h('thead', null, h('tr', null, opts.columns.map((c) => sortHead(c, p)))),
      h('tbody', null, r.items.map((row) => h('tr', { id: opts.rowId ? opts.rowId(row) : null }, opts.columns.map((c, i) => h('td', {
        class: c.cls || null, 'data-label': i ? c.label : null,
      }, c.cell(row))))))) : '');
    const links = [];
    if (r.prev_cursor) {
      links.push(pageLink('Previous page', 'prev', r.prev_cursor, Math.max(1, at - Number(
        p.get('limit') || 50))));
    }
    if (r.next_cursor) links.push(pageLink('Next page', 'next', r.next_cursor, at + n));
    pager.replaceChildren(...links);
  }

  if (opts.form) {
    opts.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const np = new URLSearchParams();
      const cur = params();
      for (const k of OWN) {
        if (k !== 'cursor' && k !== 'at' && cur.get(k)) np.set(k, cur.get(k));
      }
      for (const name of filterNames()) {
        const el = opts.form.elements[name];
        const dflt = opts.defaults && name in opts.defaults;
        if (el && 'value' in el && (dflt || el.value.trim() !== '')) np.set(name, el.value.trim());
      }
      go(np);
    });
  }
  window.addEventListener('popstate', load);
  return { load, params };
}
