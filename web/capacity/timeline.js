// timeline.js: Figure 1's milestones with due dates counted from the
// adoption date, and a five-year roadmap drawn here in HTML and CSS: one
// bar an initiative, each bar also labelled with its dates in words.
import { api } from './api.js';
import { h, $, showErrors, clearErrors } from './ui.js';
import { startPage, loadFailed, fmtDay, period, STATUS, isCoordinator, capRefusal } from './capacity.js';

const MS_STATUS = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' };

function milestones(t) {
  return h('table', { class: 'stack', id: 'milestone-table' },
    h('caption', { class: 'vh' }, 'Milestones of the plan'),
    h('thead', null, h('tr', null, ['Milestone', 'Starts', 'Due', 'Status'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, t.milestones.map((m) => h('tr', { id: 'milestone-' + m.id },
      h('td', null, m.title, m.evidence ? h('span', { class: 'secondary small block' }, m.evidence) : ''),
      h('td', { 'data-label': 'Starts' }, m.start ? fmtDay(m.start) : `Month ${m.offset_months}`),
      h('td', { 'data-label': 'Due' }, m.ongoing ? 'Ongoing' : m.due ? fmtDay(m.due)
        : `${m.duration_months} ${m.duration_months === 1 ? 'month' : 'months'} after it starts`),
      h('td', { 'data-label': 'Status' }, h('strong', { class: `tag ms-${m.status}` }, MS_STATUS[m.status] || m.status),
        m.completed_on ? ` on ${fmtDay(m.completed_on)}` : '')))));
}

function adoptionForm() {
  const errors = h('div');
  const form = h('form', { class: 'filters', novalidate: true, method: 'post', action: '/timeline' }, errors,
    h('div', { class: 'field' }, h('label', { for: 'adoption' }, 'Adoption date of the plan'),
      h('input', { type: 'date', id: 'adoption', class: 'w-date' })),
    h('div', { class: 'field' }, h('button', { class: 'button', type: 'submit' }, 'Set the date')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const date = $('#adoption').value;
    if (!date) { showErrors(form, errors, [{ field: 'adoption', text: 'Enter the date the plan was adopted' }]); return; }
    clearErrors(form, errors);
    try {
      await api('PUT', '/api/v1/timeline/adoption', { date });
      location.reload();
    } catch (e) {
      showErrors(form, errors, [capRefusal(e, { date: 'adoption' })]);
    }
  });
  return form;
}

// Positions go through the CSSOM: the CSP forbids style attributes.
function place(el, left, width) {
  el.style.left = left + '%';
  if (width !== undefined) el.style.width = width + '%';
  return el;
}

const toDay = (s) => Date.parse(s + 'T00:00:00Z');

function roadmap(t) {
  const now = new Date();
  let from;
  let to;
  let note;
  if (t.adoption.date) {
    from = toDay(t.adoption.date);
    to = toDay(t.horizon);
    note = `The five years from adoption on ${fmtDay(t.adoption.date)} to ${fmtDay(t.horizon)}.`;
  } else {
    from = Date.UTC(now.getUTCFullYear() - 4, 0, 1);
    to = Date.UTC(now.getUTCFullYear() + 1, 0, 1);
    note = 'The adoption date is not set yet, so the roadmap shows the last five calendar years.';
  }
  const span = to - from;
  const pc = (ms) => Math.max(0, Math.min(100, ((ms - from) / span) * 100));
  const years = [];
  for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) {
    const at = Date.UTC(y, 0, 1);
    if (at >= from && at <= to) years.push([y, pc(at)]);
  }
  const rows = t.initiatives.map((i) => {
    const s = i.start ? toDay(i.start) : from;
    const e = i.end ? toDay(i.end) : to;
    if (e < from || s > to) return null;
    const left = pc(s);
    const width = Math.max(pc(e) - left, 1.5);
    return h('li', { class: 'rm-row' },
      h('a', { class: 'rm-label', href: '/initiative?id=' + i.id }, i.title),
      h('span', { class: 'rm-track' },
        place(h('span', { class: `rm-bar rm-s${i.status}` }), left, width)),
      h('span', { class: 'rm-dates small' }, `${period(i.start, i.end)} · ${STATUS[i.status] || ''}`,
        s < from ? ' (began earlier)' : '', e > to ? ' (runs on later)' : ''));
  }).filter(Boolean);
  return [h('p', null, note),
    h('div', { class: 'roadmap', id: 'roadmap-chart' },
      h('div', { class: 'rm-axis', 'aria-hidden': 'true' }, years.map(([y, p]) =>
        place(h('span', { class: 'rm-year' }, String(y)), p))),
      rows.length ? h('ul', { class: 'rm-rows' }, rows) : h('p', null, 'No initiative falls in these years.'))];
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the timeline');
  if (!user) return;
  let t;
  try {
    t = await api('GET', '/api/v1/timeline');
  } catch (e) {
    loadFailed(gate, 'The timeline', e);
    return;
  }
  $('#milestones').replaceChildren(
    h('p', null, t.adoption.date ? `Adopted on ${fmtDay(t.adoption.date)}.` : 'The adoption date is not set: due dates appear once a coordinator sets it.'),
    isCoordinator(user) && !t.adoption.date ? adoptionForm() : '',
    milestones(t));
  $('#roadmap').replaceChildren(...roadmap(t));
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
