// crisis-templates.js: a state's crisis plan or incident-response
// protocol: the current version (or one picked from the history), the
// form that writes the next version from the current one, and the whole
// history, newest first.
import { api } from './api.js';
import { h, $, clearErrors } from './ui.js';
import { startCrisis, loadFailed, refused, options, when } from './crisis-common.js';

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startCrisis(gate, 'crisis plans');
  } catch (e) {
    loadFailed(gate, 'Crisis plans', e);
    return;
  }
  if (!user) return;
  const q = new URLSearchParams(location.search);
  const state = (q.get('state') || user.state_code || 'JM').toUpperCase();
  $('#kind').replaceChildren(...options('crisis_template_kinds'));
  const kind = q.get('kind') || 'crisis_plan';
  const version = q.get('version');
  $('#state').value = state;
  $('#kind').value = kind;
  const base = `/api/v1/crisis-templates/${encodeURIComponent(state)}/${encodeURIComponent(kind)}`;
  let cur = null;
  try {
    cur = await api('GET', version ? `${base}/versions/${encodeURIComponent(version)}` : base);
  } catch (e) {
    if (e.code !== 'not_found') { loadFailed(gate, 'The document', e); return; }
  }
  $('#current').replaceChildren(cur ? h('article', { id: 'template-current' },
    h('h2', null, `${cur.title} (version ${cur.version}${cur.version === cur.current_version ? ', current' : ''})`),
    h('p', { class: 'secondary' }, `By ${cur.author}, ${when(cur.created_at)}${cur.note ? ': ' + cur.note : ''}`),
    h('pre', { class: 'template-body' }, cur.body))
    : h('p', { class: 'secondary', id: 'template-none' }, 'No version yet.'));
  const mine = ['ncpoc', 'cert'].includes(user.role) && user.state_code === state;
  const form = $('#edit-form');
  form.hidden = !mine;
  let latest = 0;
  const hist = [];
  try {
    let cursor = null;
    do {
      const page = await api('GET', `${base}/versions?limit=200${cursor ? '&cursor=' + cursor : ''}`);
      hist.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
  } catch (e) {
    if (e.code !== 'not_found') { loadFailed(gate, 'The history', e); return; }
  }
  latest = hist.length ? hist[0].version : 0;
  if (cur && cur.version === latest) {
    $('#t-title').value = cur.title;
    $('#t-body').value = cur.body;
  }
  $('#history').replaceChildren(hist.length ? h('ol', { id: 'template-history', reversed: '' }, hist.map((v) =>
    h('li', null, h('a', { href: `/crisis-templates?state=${state}&kind=${kind}&version=${v.version}` },
      `Version ${v.version}`), ` – ${v.title}, ${v.author}, ${when(v.created_at)}${v.note ? ': ' + v.note : ''}`)))
    : h('p', { class: 'secondary' }, 'No history yet.'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, $('#errors'));
    try {
      await api('POST', `${base}/versions`, { title: $('#t-title').value.trim(), body: $('#t-body').value,
        note: $('#t-note').value.trim() || null, base_version: latest });
      location.href = `/crisis-templates?state=${state}&kind=${kind}`;
    } catch (e) {
      refused(form, $('#errors'), e, { title: 't-title', body: 't-body', note: 't-note' });
    }
  });
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
