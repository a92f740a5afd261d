// timeline.js: Figure 1's milestones with due dates counted from the
// adoption date, and a five-year roadmap drawn here in HTML and CSS: one
// bar an initiative, each bar also labelled with its dates in words.
// Coordinators set (or correct) the adoption date and update each
// milestone's status, completion date, evidence and links in place.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, fmtDateTime } from './ui.js';
import { startPage, loadFailed, fmtDay, period, STATUS, isCoordinator, capRefusal, flash } from './capacity.js';

const MS_STATUS = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' };

function evidence(m) {
  const links = Array.isArray(m.links) ? m.links : [];
  return [m.evidence ? h('span', { class: 'secondary small ms-note' }, m.evidence) : '',
    links.length ? h('ul', { class: 'small' }, links.map((u) => h('li', null, h('a', { href: u, rel: 'noopener' }, u)))) : ''];
}

// The update form of one milestone, folded under its row.
function milestoneForm(m, reload) {
  const id = (x) => `ms${m.id}-${x}`;
  const errors = h('div');
  const radios = Object.entries(MS_STATUS).map(([k, w]) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name: id('status'), id: id('status-' + k), value: k, checked: m.status === k }),
    h('label', { for: id('status-' + k) }, w)));
  const form = h('form', { class: 'ms-form', novalidate: true, method: 'post', action: '/timeline' }, errors,
    h('div', { class: 'field' }, h('fieldset', { id: id('status') }, h('legend', null, 'Status'), h('div', { class: 'choices' }, radios))),
    h('div', { class: 'field' }, h('label', { for: id('done') }, 'Completed on (optional)'),
      h('p', { class: 'hint', id: id('done-hint') }, 'For a milestone that is done; today if left empty.'),
      h('input', { type: 'date', id: id('done'), class: 'w-date', value: m.completed_on || '', 'aria-describedby': id('done-hint') })),
    h('div', { class: 'field' }, h('label', { for: id('evidence') }, 'Evidence (optional)'),
      h('p', { class: 'hint', id: id('evidence-hint') }, 'What shows it: a decision, a meeting, a report.'),
      h('textarea', { id: id('evidence'), rows: 3, maxlength: 20000, 'aria-describedby': id('evidence-hint') }, m.evidence || '')),
    h('div', { class: 'field' }, h('label', { for: id('links') }, 'Links (optional)'),
      h('p', { class: 'hint', id: id('links-hint') }, 'One web address a line, starting https://'),
      h('textarea', { id: id('links'), rows: 2, 'aria-describedby': id('links-hint') }, (m.links || []).join('\n'))),
    h('button', { class: 'button', type: 'submit', id: id('save') }, `Save “${m.title}”`));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const status = (form.querySelector(`input[name="${id('status')}"]:checked`) || {}).value;
    const done = $('#' + id('done')).value || null;
    const links = $('#' + id('links')).value.split('\n').map((x) => x.trim()).filter(Boolean);
    const errs = [];
    if (!status) errs.push({ field: id('status'), text: 'Choose the status of the milestone' });
    if (done && status !== 'done') errs.push({ field: id('done'), text: 'A completion date is only for a milestone that is done' });
    const bad = links.find((u) => !/^https?:\/\/\S+$/.test(u));
    if (bad) errs.push({ field: id('links'), text: `Write “${bad}” as a web address starting https://` });
    if (errs.length) { showErrors(form, errors, errs); return; }
    clearErrors(form, errors);
    const body = { status, evidence: $('#' + id('evidence')).value.trim() || null, links };
    if (status === 'done') body.completed_on = done;
    try {
      await api('PATCH', '/api/v1/timeline/milestones/' + m.id, body);
      sessionStorage.setItem('ccscap.flash', `“${m.title}” is now ${MS_STATUS[status].toLowerCase()}.`);
      reload();
    } catch (e) {
      showErrors(form, errors, [capRefusal(e, { status: id('status'), invalid_status: id('status'), completed_on: id('done'),
        links: id('links'), invalid_url: id('links'), evidence: id('evidence') })]);
    }
  });
  return h('details', { class: 'ms-edit', id: id('edit') }, h('summary', null, `Update “${m.title}”`), form);
}

function milestones(t, coord, reload) {
  return h('table', { class: 'stack', id: 'milestone-table' },
    h('caption', { class: 'vh' }, 'Milestones of the plan'),
    h('thead', null, h('tr', null, ['Milestone', 'Starts', 'Due', 'Status'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, t.milestones.map((m) => h('tr', { id: 'milestone-' + m.id },
      h('td', null, m.title, evidence(m), coord ? milestoneForm(m, reload) : ''),
      h('td', { 'data-label': 'Starts' }, m.start ? fmtDay(m.start) : `Month ${m.offset_months}`),
      h('td', { 'data-label': 'Due' }, m.ongoing ? 'Ongoing' : m.due ? fmtDay(m.due)
        : `${m.duration_months} ${m.duration_months === 1 ? 'month' : 'months'} after it starts`),
      h('td', { 'data-label': 'Status' }, h('strong', { class: `tag ms-${m.status}` }, MS_STATUS[m.status] || m.status),
        m.completed_on ? ` on ${fmtDay(m.completed_on)}` : '',
        m.updated_by ? h('span', { class: 'secondary small ms-note' }, `Updated ${fmtDateTime(m.updated_at)} by ${m.updated_by}`) : '')))));
}

function adoptionForm(t, reload) {
  const errors = h('div');
  const form = h('form', { class: 'filters', novalidate: true, method: 'post', action: '/timeline' }, errors,
    h('div', { class: 'field' }, h('label', { for: 'adoption' }, t.adoption.date ? 'Correct the adoption date' : 'Adoption date of the plan'),
      h('input', { type: 'date', id: 'adoption', class: 'w-date', value: t.adoption.date || '' })),
    h('div', { class: 'field' }, h('button', { class: 'button', type: 'submit' }, 'Set the date')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const date = $('#adoption').value;
    if (!date) { showErrors(form, errors, [{ field: 'adoption', text: 'Enter the date the plan was adopted' }]); return; }
    clearErrors(form, errors);
    try {
      await api('PUT', '/api/v1/timeline/adoption', { date });
      sessionStorage.setItem('ccscap.flash', `The adoption date is now ${fmtDay(date)}; due dates are counted from it.`);
      reload();
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

async function show(user) {
  const t = await api('GET', '/api/v1/timeline');
  const coord = isCoordinator(user);
  const reload = () => show(user).then(() => flash($('#flash'))).catch((e) => loadFailed($('#gate'), 'The timeline', e));
  $('#milestones').replaceChildren(
    h('p', null, t.adoption.date ? `Adopted on ${fmtDay(t.adoption.date)}.` : 'The adoption date is not set: due dates appear once a coordinator sets it.'),
    coord ? adoptionForm(t, reload) : '',
    milestones(t, coord, reload));
  $('#roadmap').replaceChildren(...roadmap(t));
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the timeline');
  if (!user) return;
  try {
    await show(user);
  } catch (e) {
    loadFailed(gate, 'The timeline', e);
    return;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
}

main();
