// review.js: the RIFC's validation queue: status records waiting for
// review, oldest first, each with its evidence, links and files; Validate,
// or Reject with a reason the submitter will read. A record the signed-in
// user submitted shows why they cannot review it instead of the buttons.
import { api } from './api.js';
import { h, $, initPage, problem, showErrors, clearErrors, fmtDateTime, sentence } from './ui.js';
import { fmtDay, fmtSize, levelText, sourceLabel, canReview, ownRecord, signInFor } from './standards.js';

const PAGE = 25;
const errors = $('#errors');
const names = {};
let user = null;
let queue = [];             // pending records, oldest first
let shown = 0;
let seq = 0;

const OWN = 'You submitted this; another analyst must review it.';

function detail(dt, dd) {
  return [h('dt', null, dt), h('dd', null, dd)];
}

function updateCount() {
  const n = queue.length;
  const where = $('#state').value ? ` for ${names[$('#state').value]}` : '';
  $('#count').textContent = n === 0 ? `No records are waiting for review${where}.`
    : `${n} ${n === 1 ? 'record is' : 'records are'} waiting for review${where}, oldest first.`;
  $('#more').hidden = shown >= n;
}

function done(rec, li, validated) {
  queue = queue.filter((r) => r.id !== rec.id);
  shown--;
  li.remove();
  const what = `${names[rec.state] || rec.state}, “${rec.standard_title}” at “${rec.level_label}”`;
  const box = h('div', { class: 'success', role: 'status', tabindex: '-1' },
    h('h2', null, validated ? 'Record validated' : 'Record rejected'),
    h('p', null, validated ? `${what} now counts in the gap analysis.`
      : `${what} was rejected. The submitter can read your reason.`));
  $('#flash').replaceChildren(box);
  clearErrors(document.body, errors);
  document.title = document.title.replace(/^Error: /, '');
  updateCount();
  box.focus();
}

function refused(e, rec, li) {
  const text = {
    own_submission: OWN,
    already_reviewed: `Someone has already reviewed this record: ${e.message}. Reload the page to see the queue as it is now.`,
    forbidden: 'Only RIFC analysts and coordinators review status records.',
    reason_required: 'Say why you are rejecting the record',
  }[e.code] || sentence(e.message);
  if (e.code === 'own_submission') {
    li.querySelector('.record-actions').replaceChildren(h('p', { class: 'own' }, OWN));
  }
  const f = li.querySelector('form');
  showErrors(f || li, errors, [{ field: e.code === 'reason_required' && f ? f.querySelector('textarea').id : null, text }]);
}

async function decide(rec, li, validated, reason, btns) {
  for (const b of btns) b.disabled = true;
  try {
    await api('POST', `/api/v1/assessments/${rec.id}/${validated ? 'validate' : 'reject'}`,
      validated ? undefined : { reason });
    done(rec, li, validated);
  } catch (e) {
    for (const b of btns) b.disabled = false;
    refused(e, rec, li);
  }
}

function rejectForm(rec, li, actions) {
  const id = 'reason-' + rec.id;
  const f = h('form', { class: 'reveal', id: 'reject-' + rec.id, novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: id }, 'Why are you rejecting this record?'),
      h('p', { class: 'hint', id: id + '-hint' }, 'The submitter reads this, so say what to correct or add.'),
      h('textarea', { id, name: 'reason', rows: '3', maxlength: '2000', 'aria-describedby': id + '-hint' })),
    h('div', { class: 'actions' },
      h('button', { class: 'button button--warning', type: 'submit' }, 'Reject record',
        h('span', { class: 'vh' }, ' ' + rec.id)),
      h('button', { class: 'button button--secondary', type: 'button' }, 'Cancel')));
  const [yes, no] = f.querySelectorAll('button');
  no.addEventListener('click', () => {
    clearErrors(f, errors);
    f.remove();
    actions.hidden = false;
    actions.querySelector('.button--warning').focus();
  });
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const reason = f.querySelector('textarea').value.trim();
    if (!reason) {
      showErrors(f, errors, [{ field: id, text: 'Say why you are rejecting the record' }]);
      return;
    }
    decide(rec, li, false, reason, [yes, no]);
  });
  return f;
}

function card(rec) {
  const li = h('li', { class: 'card record', id: 'record-' + rec.id });
  const files = h('dd', { class: 'files-dd' }, h('span', { class: 'secondary' }, 'Loading…'));
  li.append(h('h3', null, `${names[rec.state] || rec.state}: ${rec.standard_title}`),
    h('dl', { class: 'dl' },
      detail('Standard', h('a', { href: '/standard?code=' + encodeURIComponent(rec.standard) }, rec.standard)),
      detail('Level', [levelText(rec.scale, rec.level), ' ', rec.met
        ? h('strong', { class: 'tag tag--met' }, 'Meets the minimum')
        : h('strong', { class: 'tag tag--unmet' }, `Below the minimum (“${rec.scale[rec.met_level]}”)`)]),
      detail('As of', fmtDay(rec.as_of)),
      detail('Source', sourceLabel(rec.source)),
      detail('Evidence', rec.evidence ? h('span', { class: 'pre' }, rec.evidence) : h('span', { class: 'secondary' }, 'None given')),
      rec.links.length ? detail('Links', h('ul', null, rec.links.map((l) =>
        h('li', null, h('a', { href: l, rel: 'noreferrer', class: 'break' }, l))))) : null,
      h('dt', null, 'Files'), files,
      detail('Submitted by', `${rec.author}, ${fmtDateTime(rec.submitted_at)}`),
      rec.corrects_id ? detail('Corrects', `Record ${rec.corrects_id}`) : null));
  const box = h('div', { class: 'record-actions' });
  if (ownRecord(user, rec)) {
    box.append(h('p', { class: 'own' }, OWN));
  } else {
    const actions = h('div', { class: 'actions' },
      h('button', { class: 'button', type: 'button' }, 'Validate',
        h('span', { class: 'vh' }, ` the record of ${names[rec.state] || rec.state} for ${rec.standard_title}`)),
      h('button', { class: 'button button--warning', type: 'button' }, 'Reject',
        h('span', { class: 'vh' }, ` the record of ${names[rec.state] || rec.state} for ${rec.standard_title}`)));
    const [ok, no] = actions.querySelectorAll('button');
    ok.addEventListener('click', () => decide(rec, li, true, null, [ok, no]));
    no.addEventListener('click', () => {
      actions.hidden = true;
      const f = rejectForm(rec, li, actions);
      box.append(f);
      f.querySelector('textarea').focus();
    });
    box.append(actions);
  }
  li.append(box);
  return { li, files };
}

/** Fills each card's files from the full record, a few requests at a time. */
async function loadFiles(items) {
  const work = [...items];
  const one = async () => {
    for (let it = work.shift(); it; it = work.shift()) {
      try {
        const full = await api('GET', '/api/v1/assessments/' + it.rec.id);
        it.files.replaceChildren(full.files.length
          ? h('ul', null, full.files.map((f) => h('li', null,
            h('a', { href: '/api/v1/evidence/' + f.sha256, download: f.filename }, f.filename),
            ` (${fmtSize(f.size)})`)))
          : h('span', { class: 'secondary' }, 'None'));
      } catch {
        it.files.replaceChildren(h('span', { class: 'secondary' }, 'The files could not be listed.'));
      }
    }
  };
  await Promise.all([one(), one(), one(), one()]);
}

function showMore() {
  const next = queue.slice(shown, shown + PAGE);
  const cards = next.map((rec) => ({ rec, ...card(rec) }));
  $('#records').append(...cards.map((c) => c.li));
  shown += next.length;
  updateCount();
  loadFiles(cards);
  return cards;
}

async function load() {
  const mine = ++seq;
  const st = $('#state').value;
  $('#records').replaceChildren();
  $('#count').textContent = 'Loading…';
  let list;
  try {
    list = await api('GET', '/api/v1/assessments?status=pending&limit=1000' + (st ? '&state=' + st : ''));
  } catch (e) {
    if (mine !== seq) return;
    $('#count').textContent = '';
    errors.replaceChildren(problem('The queue could not be loaded: ' + sentence(e.message)));
    return;
  }
  if (mine !== seq) return;
  queue = list.items.slice().sort((a, b) => a.submitted_at - b.submitted_at || a.id - b.id);
  shown = 0;
  showMore();
}

async function main() {
  const statesP = api('GET', '/api/v1/states').catch(() => ({ items: [] }));
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  user = s && s.user;
  if (!user) {
    $('#gate').replaceChildren(signInFor('the records waiting for review'));
    return;
  }
  if (!canReview(user)) {
    $('#gate').replaceChildren(problem('Only RIFC analysts and coordinators review status records.',
      h('p', null, h('a', { href: '/gaps' }, 'See the gap analysis'))));
    return;
  }
  const states = (await statesP).items;
  for (const x of states) names[x.code] = x.name;
  $('#state').append(...states.map((x) => h('option', { value: x.code }, x.name)));
  const want = (new URLSearchParams(location.search).get('state') || '').toUpperCase();
  if (names[want]) $('#state').value = want;
  $('#gate').replaceChildren();
  $('#queue').hidden = false;
  const filter = () => {
    const v = $('#state').value;
    history.replaceState(null, '', location.pathname + (v ? '?state=' + v : ''));
    $('#flash').replaceChildren();
    load();
  };
  $('#filters').addEventListener('submit', (ev) => { ev.preventDefault(); filter(); });
  $('#state').addEventListener('change', filter);
  $('#more').addEventListener('click', () => {
    const cards = showMore();
    if (cards.length) cards[0].li.querySelector('h3').setAttribute('tabindex', '-1');
    if (cards.length) cards[0].li.querySelector('h3').focus();
  });
  await load();
}

main();
