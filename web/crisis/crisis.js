// crisis.js: one crisis: its facts and escalations, the status and
// severity form, the team roster, the append-only log, tasks and
// situation reports, each with its form while the crisis is open, and the
// way to its post-incident review once closed.
import { api, apiAll } from './api.js';
import { h, $, clearErrors } from './ui.js';
import { startCrisis, loadFailed, refused, options, word, when, SEVERITY } from './crisis-common.js';

const id = new URLSearchParams(location.search).get('id');
let crisis;

async function pages(path) {
  const all = [];
  let cursor = null;
  do {
    const page = await api('GET', path + '?limit=200' + (cursor ? '&cursor=' + cursor : ''));
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

function facts(c) {
  const esc = c.escalations.length ? h('ul', { id: 'escalations' }, c.escalations.map((e) =>
    h('li', null, `Escalated to the ${word('crisis_tiers', e.tier).replace(/^Political/, 'political')} at level ${e.severity}, `
      + `${when(e.escalated_at)}, by ${e.escalated_by}`))) : h('p', null, 'Not escalated: the national team leads.');
  return [h('dl', { class: 'facts' },
    h('dt', null, 'State'), h('dd', null, c.state_name),
    h('dt', null, 'Status'), h('dd', { id: 'crisis-status' }, word('crisis_statuses', c.status)),
    h('dt', null, 'Severity'), h('dd', { id: 'crisis-severity' }, SEVERITY[c.severity]),
    h('dt', null, 'Declared'), h('dd', null, `${when(c.declared_at)} by ${c.declared_by}`),
    h('dt', null, 'Incidents'), h('dd', { id: 'crisis-incidents' }, ...c.incident_ids.flatMap((i, k) =>
      [k ? ', ' : '', h('a', { href: '/incident?id=' + i }, '#' + i)]))),
  h('p', null, c.summary), esc];
}

function logTable(items) {
  if (!items.length) return h('p', { class: 'secondary' }, 'Nothing logged yet.');
  return h('table', { class: 'stack', id: 'log-table' },
    h('thead', null, h('tr', null, ['When', 'Kind', 'Who', 'What', 'To whom', 'Channel', 'Approved by', 'TLP']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, items.map((e) => h('tr', null,
      h('td', null, when(e.occurred_at)), h('td', null, word('crisis_log_kinds', e.kind)),
      h('td', null, e.actor), h('td', null, e.content),
      h('td', null, word('crisis_audiences', e.audience)), h('td', null, word('crisis_channels', e.channel)),
      h('td', null, e.approved_by || ''), h('td', null, 'TLP:' + String(e.tlp).toUpperCase())))));
}

async function render() {
  crisis = await api('GET', '/api/v1/crises/' + encodeURIComponent(id));
  const c = crisis;
  const open = ['declared', 'escalated', 'stabilised'].includes(c.status);
  for (const f of document.querySelectorAll('form.write')) f.hidden = !open;
  document.title = c.title + ' – ccscap';
  $('#title').textContent = c.title;
  $('#facts').replaceChildren(...facts(c));
  $('#new-status').replaceChildren(...options('crisis_statuses').filter((o) => o.value !== 'reviewed'));
  $('#new-status').value = c.status;
  $('#new-severity').replaceChildren(...SEVERITY.map((t, i) => h('option', { value: String(i) }, t)));
  $('#new-severity').value = String(c.severity);
  $('#status-form').hidden = c.status === 'reviewed';
  $('#review-link').replaceChildren(c.review
    ? h('p', { id: 'review-done' }, 'Reviewed: ', h('a', { href: '/lessons?id=' + c.review.lesson_id, id: 'review-lesson' },
      'the lesson learnt'), ` and ${c.review.recommendations.length} recommendations.`)
    : c.status === 'closed' ? h('p', null, h('a', { class: 'button', href: '/crisis-review?id=' + c.id,
      id: 'review-start' }, 'Write the post-incident review')) : '');
  $('#team').replaceChildren(c.team.length ? h('ul', { id: 'team-list' }, c.team.map((m) =>
    h('li', null, h('strong', null, word('crisis_roles', m.role)), ': ', m.name,
      m.email ? ` (${m.email})` : ''))) : h('p', { class: 'secondary' }, 'No one on the team yet.'));
  $('#log').replaceChildren(logTable(await pages(`/api/v1/crises/${c.id}/log`)));
  const tasks = await pages(`/api/v1/crises/${c.id}/tasks`);
  $('#tasks').replaceChildren(tasks.length ? h('ul', { id: 'task-list' }, tasks.map((t) =>
    h('li', null, t.status === 'done' ? h('s', null, t.title) : t.title, ` – ${t.owner_name}`,
      open && t.status === 'open' ? [' ', h('button', { type: 'button', class: 'link-button',
        onclick: async () => {
          await api('PATCH', `/api/v1/crises/${c.id}/tasks/${t.id}`, { status: 'done' });
          await render();
        } }, 'Mark done')] : ''))) : h('p', { class: 'secondary' }, 'No tasks yet.'));
  $('#sitrep-clock').replaceChildren(c.sitrep_overdue
    ? h('p', { class: 'tag tag--gap', id: 'sitrep-overdue' }, `Situation report overdue since ${when(c.next_sitrep_due)}`)
    : c.next_sitrep_due ? h('p', null, `Next situation report due ${when(c.next_sitrep_due)} `
      + `(every ${c.sitrep_hours} hours).`) : '');
  const reps = await pages(`/api/v1/crises/${c.id}/sitreps`);
  $('#sitreps').replaceChildren(reps.length ? h('ol', { id: 'sitrep-list' }, reps.map((r) =>
    h('li', null, h('strong', null, `Report ${r.seq}, ${when(r.created_at)}: `), r.situation,
      h('br'), 'Actions: ', r.actions, h('br'), 'Next: ', r.next_steps)))
    : h('p', { class: 'secondary' }, 'No situation report yet.'));
}

function wire(formSel, errSel, send, fieldOf) {
  const form = $(formSel);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, $(errSel));
    try {
      await send();
      form.reset();
      await render();
    } catch (e) {
      refused(form, $(errSel), e, fieldOf);
    }
  });
}

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startCrisis(gate, 'this crisis');
    if (!user) return;
    await render();
  } catch (e) {
    loadFailed(gate, 'The crisis', e);
    return;
  }
  const people = await apiAll('/api/v1/contacts').catch(() => []);
  const peopleOpts = () => people.map((p) => h('option', { value: String(p.id) },
    `${p.name}${p.state_code ? ' (' + p.state_code + ')' : ''}`));
  $('#contact_id').replaceChildren(...peopleOpts());
  $('#owner_contact_id').replaceChildren(...peopleOpts());
  $('#role').replaceChildren(...options('crisis_roles'));
  $('#kind').replaceChildren(...options('crisis_log_kinds'));
  $('#audience').replaceChildren(...options('crisis_audiences'));
  $('#channel').replaceChildren(...options('crisis_channels'));
  wire('#status-form', '#status-errors', () => api('PATCH', '/api/v1/crises/' + crisis.id, {
    version: crisis.version, status: $('#new-status').value, severity: Number($('#new-severity').value),
  }), { invalid_transition: 'new-status', invalid_severity: 'new-severity' });
  wire('#team-form', '#team-errors', () => api('POST', `/api/v1/crises/${crisis.id}/team`, {
    contact_id: Number($('#contact_id').value), role: $('#role').value,
  }), { already_member: 'contact_id', unknown_contact: 'contact_id', invalid_role: 'role' });
  wire('#log-form', '#log-errors', () => {
    const b = { kind: $('#kind').value, actor: $('#actor').value.trim(), content: $('#log-content').value.trim(),
      audience: $('#audience').value, channel: $('#channel').value, tlp: $('#tlp').value };
    if ($('#approved_by').value.trim()) b.approved_by = $('#approved_by').value.trim();
    return api('POST', `/api/v1/crises/${crisis.id}/log`, b);
  }, { content: 'log-content' });
  wire('#task-form', '#task-errors', () => api('POST', `/api/v1/crises/${crisis.id}/tasks`, {
    title: $('#task-title').value.trim(), owner_contact_id: Number($('#owner_contact_id').value),
  }), { title: 'task-title', unknown_contact: 'owner_contact_id' });
  wire('#sitrep-form', '#sitrep-errors', () => api('POST', `/api/v1/crises/${crisis.id}/sitreps`, {
    situation: $('#situation').value.trim(), actions: $('#actions').value.trim(),
    next_steps: $('#next_steps').value.trim(),
  }), {});
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
