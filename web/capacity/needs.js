// needs.js: the needs catalogue: the 21 needs of tables 1-5 with their
// solutions, partner agencies and the standards that show them met, as
// cards under the list contract (web/common/list.js: words, plan table,
// sort, a total, Previous/Next, Download CSV); coordinators edit the
// text and solutions (the API keeps each earlier version), and every
// need shows its history on request.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, fmtDateTime } from './ui.js';
import { createList } from './list.js';
import { startPage, all, isCoordinator, capRefusal, flash } from './capacity.js';

let user;
const refId = (r) => r.replace('.', '-');

function editForm(n) {
  const id = refId(n.ref);
  const errors = h('div');
  const form = h('form', { class: 'need-edit', novalidate: true, method: 'post', action: '/needs' }, errors,
    h('div', { class: 'field' }, h('label', { for: `text-${id}` }, 'Need'),
      h('textarea', { id: `text-${id}`, rows: '3', maxlength: '4000' }, n.need)),
    h('div', { class: 'field' }, h('label', { for: `sol-${id}` }, 'Solutions'),
      h('p', { class: 'hint', id: `sol-${id}-hint` }, 'One a line.'),
      h('textarea', { id: `sol-${id}`, rows: '4', 'aria-describedby': `sol-${id}-hint` }, n.solutions.join('\n'))),
    h('div', { class: 'actions' }, h('button', { class: 'button', type: 'submit' }, `Save ${n.ref}`)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const need = $(`#text-${id}`).value.trim();
    if (!need) {
      showErrors(form, errors, [{ field: `text-${id}`, text: 'Enter the need' }]);
      return;
    }
    clearErrors(form, errors);
    try {
      await api('PATCH', '/api/v1/needs/' + encodeURIComponent(n.ref), { version: n.version, need,
        solutions: $(`#sol-${id}`).value.split('\n').map((x) => x.trim()).filter(Boolean) });
      sessionStorage.setItem('ccscap.flash', `${n.ref} was saved; the earlier version is kept in its history.`);
      location.reload();
    } catch (e) {
      showErrors(form, errors, [e.code === 'stale_version'
        ? { field: null, text: 'Someone changed this need after you opened the page. Reload it and make your change again.' }
        : capRefusal(e, { need: `text-${id}`, solutions: `sol-${id}` })]);
    }
  });
  return h('details', { class: 'details' }, h('summary', null, `Edit ${n.ref}`), form);
}

function history(n) {
  const host = h('div');
  const d = h('details', { class: 'details' }, h('summary', null, `History of ${n.ref} (version ${n.version})`), host);
  d.addEventListener('toggle', async () => {
    if (!d.open || host.childNodes.length) return;
    try {
      const items = await all(`/api/v1/needs/${encodeURIComponent(n.ref)}/history`);
      host.replaceChildren(items.length ? h('ol', { reversed: true }, items.map((v) => h('li', null,
        `Version ${v.version}, ${v.changed_by || 'the framework'}${v.changed_at ? ', ' + fmtDateTime(v.changed_at) : ''}: `,
        h('span', { class: 'secondary' }, v.need)))) : h('p', null, 'Never edited: this is the plan\'s own text.'));
    } catch (e) {
      host.replaceChildren(h('p', null, 'The history could not be loaded: ' + e.message));
    }
  });
  return d;
}

function card(n) {
  return h('li', { class: 'card need', id: 'need-' + refId(n.ref) },
    h('h2', { class: 'h3' }, `${n.ref} (table ${n.plan_table}, ${n.priority_area})`),
    h('p', null, n.need),
    h('h3', { class: 'h4' }, 'Solutions'),
    n.solutions.length ? h('ul', null, n.solutions.map((s) => h('li', null, s))) : h('p', { class: 'secondary' }, 'None listed.'),
    h('p', { class: 'small' }, h('strong', null, 'Partner agencies: '), n.partners.length ? n.partners.join(', ') : 'None listed'),
    h('p', { class: 'small' }, h('strong', null, 'Met when: '), n.standards.length ? n.standards.flatMap((s, i) =>
      [i ? '; ' : '', h('a', { href: '/standard?code=' + encodeURIComponent(s.code) }, s.title)]) : 'no standard linked'),
    h('p', { class: 'small' }, h('a', { href: '/initiatives?need=' + encodeURIComponent(n.ref) },
      `${n.initiatives} ${n.initiatives === 1 ? 'initiative' : 'initiatives'} address this need`),
      n.updated_by ? ` · last edited by ${n.updated_by}, ${fmtDateTime(n.updated_at)}` : ''),
    history(n),
    isCoordinator(user) ? editForm(n) : null);
}

async function main() {
  const gate = $('#gate');
  user = await startPage(gate, 'the needs catalogue');
  if (!user) return;
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const list = createList({
    endpoint: '/api/v1/needs', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'need-table', caption: 'Needs of the plan',
    noun: ['need', 'needs'], sort: 'plan_order', order: 'asc', columns: [],
    // the form's sort and order: an empty choice is the API's default
    defaults: { sort: 'plan_order', order: '' },
    empty: 'No need matches these filters.',
    fieldOf: { invalid_query: 'q', invalid_filter: 'table', invalid_sort: 'sort', invalid_order: 'order' },
    render: (items) => h('ul', { class: 'cards', id: 'need-list' }, items.map(card)),
  });
  await list.load();
}

main();
