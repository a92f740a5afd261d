// ui.js: small helpers shared by every page: building DOM, the header's
// signed-in box, the plan's words (loaded from the server), dates, the
// client-side copy of the edit rules, and the error summary pattern.
import { api, getSession, signOut } from './api.js';
import { navFor, GROUPS } from './nav.js';

/** h('p', {class: 'x'}, 'text', child...): builds an element safely. */
export function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : String(k));
  }
  return e;
}

export const $ = (sel, root = document) => root.querySelector(sel);

// Parts that only make sense with scripts are hidden in the HTML, so a
// browser without JavaScript shows the page's text and the <noscript> note.
for (const el of document.querySelectorAll('[data-js]')) el.hidden = false;

export function show(el, on = true) { el.hidden = !on; }

// The plan's words, {key: name}, filled in place from
// GET /api/v1/vocabularies by initPage (the server's core/vocab.c and
// core/incident.c are their one copy), so pages read them after it.
export const STATUS = {}; // a state's status: "Member state"
export const STATE_GROUPS = []; // [status, "Member states"], in order
export const ROLE = {}; // contact roles
export const CATEGORY = {}; // NCPOC categories
export const USER_ROLE = {}; // account roles, lower case for sentences
export const KIND = {}; // organisation kinds
export const KIND_GROUP = {}; // organisation kinds as headings
export const SEVERITY = {};
export const INCIDENT_STATUS = {};
export const GCI = {};
export const CMM = {};

const FILL = [
  ['state_statuses', STATUS], ['contact_roles', ROLE], ['ncpoc_categories', CATEGORY],
  ['user_roles', USER_ROLE], ['organisation_kinds', KIND], ['severities', SEVERITY],
  ['statuses', INCIDENT_STATUS], ['gci_pillars', GCI], ['cmm_dimensions', CMM],
];

let vocab;

/** GET /api/v1/vocabularies, once a page; fills the word objects above. */
export function loadVocab() {
  if (!vocab) {
    vocab = api('GET', '/api/v1/vocabularies').then((v) => {
      for (const [name, obj] of FILL) {
        for (const w of v.words[name] || []) obj[w.key] = w.name;
      }
      for (const w of v.words.state_statuses || []) STATE_GROUPS.push([w.key, w.plural || w.name]);
      for (const w of v.words.organisation_kinds || []) KIND_GROUP[w.key] = w.plural || w.name;
      return v;
    });
    vocab.catch(() => { vocab = null; });
  }
  return vocab;
}

/** "6 June 2024" */
export function fmtDate(secs) {
  return new Date(secs * 1000).toLocaleDateString('en-GB',
    { day: 'numeric', month: 'long', year: 'numeric' });
}

/** "6 June 2024 at 14:05 UTC" in the reader's own zone, named. */
export function fmtDateTime(secs) {
  return new Date(secs * 1000).toLocaleString('en-GB', {
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit',
    minute: '2-digit', timeZoneName: 'short',
  });
}

/** Acronyms worth showing beside a name ("RCC"), not long short names. */
export function orgLabel(o) {
  const a = o.acronym || o.member_acronym;
  const n = o.name || o.member;
  return a && !a.includes(' ') && a !== n ? `${n} (${a})` : n;
}

/**
 * The server's edit rule, copied so pages offer only controls that will
 * work: admin, coordinator, NCPOC and CERT users may change contacts, and a
 * user tied to a state only those of that state. The server still checks.
 */
export function canEdit(user, state) {
  if (!user || !['admin', 'coordinator', 'ncpoc', 'cert'].includes(user.role)) {
    return false;
  }
  return !user.state_code || user.state_code === state;
}

/**
 * Only same-site paths, so a crafted ?next= cannot send people away.
 * The URL parser decides, as the browser will when it navigates: it drops
 * tabs and line breaks and reads a backslash as "/", so "/\t/evil.example" is
 * "//evil.example" to it, whatever a pattern on the raw text thought.
 * Control characters and backslashes are refused outright, and the page
 * goes to the parsed path, not to the text it was given.
 */
export function safeNext(v, dflt = '/', origin = location.origin) {
  if (typeof v !== 'string' || !v.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(v)) {
    return dflt;
  }
  let u;
  try {
    u = new URL(v, origin);
  } catch {
    return dflt;
  }
  if (u.origin !== new URL(origin).origin || /^\/login\b/.test(u.pathname)) return dflt;
  return u.pathname + u.search + u.hash;
}

export function here() {
  return location.pathname + location.search;
}

/**
 * Lays the main navigation out from the one table in nav.js: the pages
 * @p user's role can use (null: not signed in yet): the first links,
 * the plan areas in GROUPS order, then the other links;
 * those of one plan area gathered in a disclosure menu (a button that
 * opens a list of links; Escape or a click elsewhere closes it), an area
 * with one page as that page's link. The current page is marked with
 * aria-current, and its menu's button too.
 */
function extraNav(user) {
  const ul = document.querySelector('.top nav ul');
  if (!ul) return;
  const here = (e) => location.pathname === e.href || (e.also || []).includes(location.pathname);
  const link = (e) => h('a', { href: e.href, 'aria-current': here(e) ? 'page' : null }, e.text);
  const entries = navFor(user);
  const first = entries.findIndex((e) => e.group);
  const group = (key) => {
    const members = entries.filter((x) => x.group === key);
    if (members.length === 1) return h('li', null, link(members[0]));
    const g = GROUPS.find(([k]) => k === key) || [key, key];
    const id = 'nav-' + g[0];
    const on = members.some(here);
    const btn = h('button', {
      type: 'button', class: 'nav-group-button' + (on ? ' nav-current' : ''),
      'aria-expanded': 'false', 'aria-controls': id,
    }, g[1], on ? h('span', { class: 'vh' }, ' (current section)') : null);
    const menu = h('ul', { id, class: 'nav-menu', hidden: true },
      members.map((m) => h('li', null, link(m))));
    btn.addEventListener('click', () => openMenu(btn, btn.getAttribute('aria-expanded') !== 'true'));
    return h('li', { class: 'nav-group' }, btn, menu);
  };
  // the links before the first plan area, the areas in the plan's
  // order, then the remaining links (Search, Your account)
  const items = first < 0 ? entries.map((e) => h('li', null, link(e))) : [
    ...entries.slice(0, first).map((e) => h('li', null, link(e))),
    ...GROUPS.filter(([k]) => entries.some((e) => e.group === k)).map(([k]) => group(k)),
    ...entries.slice(first).filter((e) => !e.group).map((e) => h('li', null, link(e))),
  ];
  ul.replaceChildren(...items);
  ul.classList.add('nav-grouped');
  menuToggle(ul.closest('nav'));
  menuKeys(ul.closest('nav'));
}

/** Opens (or closes) the menu of button @p btn, closing any other. */
function openMenu(btn, open) {
  for (const b of document.querySelectorAll('.top .nav-group-button')) {
    const on = b === btn && open;
    b.setAttribute('aria-expanded', String(on));
    document.getElementById(b.getAttribute('aria-controls')).hidden = !on;
  }
}

/** Escape closes an open menu (focus back on its button); so does a
 * click or focus outside the navigation. Set up once. */
function menuKeys(nav) {
  if (!nav || nav.dataset.keys) return;
  nav.dataset.keys = '1';
  nav.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    const open = nav.querySelector('.nav-group-button[aria-expanded="true"]');
    if (!open) return;
    openMenu(open, false);
    open.focus();
  });
  document.addEventListener('click', (ev) => {
    if (!nav.contains(ev.target)) openMenu(null, false);
  });
  document.addEventListener('focusin', (ev) => {
    if (!nav.contains(ev.target)) openMenu(null, false);
  });
}

/**
 * On a narrow screen the signed-in navigation (up to two dozen links)
 * would fill the phone's first screen: a "Menu" button folds it away
 * (the CSS shows the button and hides the list only below 40rem, and only
 * once this script runs, so without JavaScript the short static list
 * stays visible). One button, made once.
 */
function menuToggle(nav) {
  if (!nav || document.getElementById('menu-toggle')) return;
  if (!nav.id) nav.id = 'main-nav';
  const top = document.querySelector('.top');
  const b = h('button', {
    type: 'button', id: 'menu-toggle', class: 'menu-toggle',
    'aria-controls': nav.id, 'aria-expanded': 'false',
  }, 'Menu');
  b.addEventListener('click', () => {
    const open = b.getAttribute('aria-expanded') !== 'true';
    b.setAttribute('aria-expanded', String(open));
    top.classList.toggle('menu-open', open);
  });
  nav.parentElement.insertBefore(b, nav);
  top.classList.add('js-menu');
}

/**
 * Shows the number of unread inbox entries beside the header's Inbox link
 * (nothing when the count cannot be read: the inbox page still can).
 */
export async function refreshInboxCount() {
  const el = document.getElementById('inbox-count');
  if (!el) return;
  try {
    // the list's total counts every unread entry the reader may read
    const r = await api('GET', '/api/v1/inbox?unread=1&limit=1');
    el.textContent = r.total ? ` (${r.total.toLocaleString('en-GB')} unread)` : '';
  } catch {
    el.textContent = '';
  }
}

/** Fills the header's user box; returns the session (or null). */
export async function initPage() {
  const box = $('#who');
  let s = null;
  extraNav(null);
  // The words are needed by every page; without them a page shows keys.
  const words = loadVocab().catch(() => null);
  try {
    s = await getSession();
    await words;
  } catch (e) {
    box.replaceChildren(h('span', null, 'Cannot check sign-in'));
    throw e;
  }
  extraNav(s && s.user);
  if (s && s.user) {
    const u = s.user;
    const btn = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try { await signOut(); } catch { /* signed out anyway below */ }
      location.href = '/';
    });
    box.replaceChildren(
      h('span', { class: 'who-name' }, 'Signed in as ',
        h('a', { href: '/account' }, u.display_name || u.login),
        ` (${USER_ROLE[u.role] || u.role}${u.state_code ? ', ' + u.state_code : ''})`),
      ' ', h('a', { href: '/inbox', id: 'inbox-link' }, 'Inbox',
        h('span', { id: 'inbox-count' })),
      ' ', btn);
    refreshInboxCount();
  } else if (location.pathname !== '/login') {
    box.replaceChildren(h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'));
  }
  return s;
}

/** A short paragraph telling an anonymous visitor to sign in. */
export function signInPrompt(what) {
  return h('div', { class: 'notice' },
    h('p', null, h('a', { href: '/login?next=' + encodeURIComponent(here()) },
      'Sign in'), ` to see ${what}. Contact details are only for officials with an account.`));
}

/** A banner for a failed load or action. */
export function problem(text, extra) {
  return h('div', { class: 'error-summary', role: 'alert' },
    h('h2', null, 'There is a problem'), h('p', null, text), extra || null);
}

/** "field 'x' is ..." in a server message names the field. */
export function fieldFromMessage(msg) {
  const m = /field '([a-z_]+)'/.exec(msg || '');
  return m ? m[1] : null;
}

/**
 * The field a server message names, for messages such as "field 'title'
 * is too short", "indicators[2]: not a domain" or "occurred_at must be
 * ...": {field, index (or null), text (the message without the name)}.
 */
export function messageField(msg) {
  msg = msg || '';
  let m = /field '([a-z_]+)'/.exec(msg);
  if (m) return { field: m[1], index: null, text: msg };
  m = /^([a-z_]+)(?:\[(\d+)\])?: (.+)$/.exec(msg);
  if (m) return { field: m[1], index: m[2] === undefined ? null : Number(m[2]), text: m[3] };
  m = /^([a-z_]+) (?:must|is|are) /.exec(msg);
  return m ? { field: m[1], index: null, text: msg } : null;
}

export function sentence(s) {
  s = String(s || '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The seats of a body such as the Steering Committee, as a table. */
export function seatsTable(seats, captionClass) {
  return h('table', { class: 'stack seats' },
    h('caption', { class: captionClass }, `Seats (${seats.length})`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Seat'),
      h('th', { scope: 'col' }, 'Held by'))),
    h('tbody', null, seats.map((s) => h('tr', null,
      h('td', null, s.seat),
      h('td', { 'data-label': 'Held by' }, s.member_id
        ? h('a', { href: '/organisation?id=' + s.member_id }, orgLabel(s))
        : h('span', { class: 'secondary' }, 'Not yet named'),
      s.note ? [h('br'), h('span', { class: 'secondary small' }, s.note)] : null)))));
}

/** One checkbox a choice in @host: items [[value, label, extra node]]. */
export function checkboxes(host, name, items) {
  host.replaceChildren(...items.map(([value, label, extra], i) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', name, id: `${name}-${i}`, value }),
    h('label', { for: `${name}-${i}` }, label, extra || null))));
}

/** The values of the ticked checkboxes called @name in @form. */
export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

/**
 * Where a server refusal belongs: the field its code maps to in @fieldOf,
 * else the one its message names, if that field is on show; and the text.
 */
export function refusal(e, fieldOf = {}) {
  const named = messageField(e.message);
  let field = fieldOf[e.code] || (named && (fieldOf[named.field] || named.field));
  const el = field && document.getElementById(field);
  if (!el || !el.closest('form .field') || el.closest('[hidden]')) field = null;
  const text = named && named.index !== null ? named.text : e.message;
  return { field, text: sentence(text), named };
}

/** Removes every error shown by showErrors. */
export function clearErrors(form, summaryHost) {
  summaryHost.replaceChildren();
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const g of form.querySelectorAll('.field--error')) g.classList.remove('field--error');
  for (const i of form.querySelectorAll('[aria-invalid]')) {
    i.removeAttribute('aria-invalid');
    const d = (i.getAttribute('aria-describedby') || '').split(' ')
      .filter((x) => x && !x.endsWith('-error'));
    if (d.length) i.setAttribute('aria-describedby', d.join(' '));
    else i.removeAttribute('aria-describedby');
  }
}

/**
 * GOV.UK-style errors: one summary at the top linking to each field in
 * error, and the same message beside the field. errors: [{field, text}];
 * field is the id of an input, or of a fieldset for radios, or null.
 */
export function showErrors(form, summaryHost, errors) {
  clearErrors(form, summaryHost);
  const items = [];
  for (const err of errors) {
    const target = err.field ? document.getElementById(err.field) : null;
    if (target && target.closest('details')) target.closest('details').open = true;
    if (target) {
      const group = target.closest('.field');
      const id = err.field + '-error';
      if (!document.getElementById(id)) {
        const p = h('p', { class: 'field-error', id },
          h('span', { class: 'vh' }, 'Error: '), err.text);
        // The group's own hint or label, not one of a nested group.
        const own = [...group.querySelectorAll('.hint, label, legend')]
          .filter((x) => x.closest('.field') === group);
        const anchor = own.filter((x) => x.matches('.hint')).pop() || own[0];
        anchor.after(p);
        group.classList.add('field--error');
        const input = target.matches('fieldset')
          ? target.querySelector('input') : target;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby',
          ((input.getAttribute('aria-describedby') || '') + ' ' + id).trim());
      }
      const focusId = target.matches('fieldset')
        ? (target.querySelector('input:checked') || target.querySelector('input')).id
        : err.field;
      items.push(h('li', null, h('a', {
        href: '#' + focusId,
        onclick: (ev) => {
          ev.preventDefault();
          const f = document.getElementById(focusId);
          (f.closest('.field') || f).scrollIntoView();
          f.focus();
        },
      }, err.text)));
    } else {
      items.push(h('li', null, err.text));
    }
  }
  const box = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert',
    'aria-labelledby': 'error-summary-title' },
  h('h2', { id: 'error-summary-title' }, 'There is a problem'),
  h('ul', null, items));
  summaryHost.replaceChildren(box);
  box.focus();
  document.title = 'Error: ' + document.title.replace(/^Error: /, '');
}
