// duplicates.js: candidate duplicate initiatives, each pair with the
// reasons it was flagged and, for coordinators, the decision form:
// co-funded, sibling, same work or not a duplicate, with a reason. Same
// work merges the pair, so it also asks which initiative to keep. The
// pairs are a list under the list contract (list.js over cards): words in
// either title, sort and order in the form, "Showing 1–50 of N",
// Previous/Next and Download CSV.
import { api } from './api.js';
import { h, $, showErrors, clearErrors } from './ui.js';
import { createList } from './list.js';
import {
  startPage, loadFailed, loadRefs, period, isCoordinator, capRefusal, flash,
} from './capacity.js';

const DECISIONS = [['not_duplicate', 'Not a duplicate', 'The two are separate pieces of work.'],
  ['co_funded', 'Co-funded', 'The same work with more than one funder: they are linked as co-funded.'],
  ['sibling', 'Sibling', 'Parts of one larger programme: they are linked as siblings.'],
  ['same_work', 'Same work', 'One piece of work recorded twice: the two are merged into the one you keep.']];
let refs;
let user;

function reasonText(r) {
  const names = (codes) => codes.map((c) => refs.stateName[c] || c).join(', ');
  switch (r.code) {
    case 'same_states': return `Same recipient ${r.states.length === 1 ? 'state' : 'states'}: ${names(r.states)}`;
    case 'both_regional': return 'Both are regional';
    case 'overlapping_dates': return 'Their dates overlap';
    case 'same_need': return `Same ${r.needs.length === 1 ? 'need' : 'needs'}: ${r.needs.join(', ')}`;
    case 'same_standard': return `Same ${r.standards.length === 1 ? 'standard' : 'standards'}: ${(r.standards || []).join(', ')}`;
    case 'similar_text': return `Similar title and description (${Math.round(r.similarity * 100)}% of words shared)`;
    case 'different_implementers': return 'Different implementing organisations';
    default: return r.code.replace(/_/g, ' ');
  }
}

function side(x, label) {
  return h('div', { class: 'pair-side' }, h('p', { class: 'secondary small' }, label),
    h('p', null, h('a', { href: '/initiative?id=' + x.id }, x.title)),
    h('p', { class: 'small' }, h('span', { class: 'mono' }, x.iati_identifier), ` · ${period(x.start, x.end)}`));
}

function decisionForm(c) {
  const key = `${c.a.id}-${c.b.id}`;
  const errors = h('div');
  const fs = h('fieldset', { id: `d-${key}`, class: 'choices' }, h('legend', null, 'Your decision'),
    DECISIONS.map(([v, t, hint], n) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: `decision-${key}`, id: `d-${key}-${n}`, value: v }),
      h('label', { for: `d-${key}-${n}` }, t, h('span', { class: 'hint small block' }, hint)))));
  const keepFs = h('fieldset', { id: `k-${key}`, class: 'choices', 'aria-describedby': `k-${key}-hint` },
    h('legend', null, 'Which initiative do you keep?'),
    h('p', { class: 'hint', id: `k-${key}-hint` }, 'The other is marked as merged into it. Its states, needs, '
      + 'standards, organisations and documents are added to the one you keep, and its money moves there '
      + 'unless the same amount is already recorded. It stays readable, with a link to the one you keep.'),
    [c.a, c.b].map((x, n) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: `keep-${key}`, id: `k-${key}-${n}`, value: String(x.id) }),
      h('label', { for: `k-${key}-${n}` }, `Keep “${x.title}”`,
        h('span', { class: 'hint small block mono' }, x.iati_identifier)))));
  const keepField = h('div', { class: 'field', hidden: true }, keepFs);
  fs.addEventListener('change', () => {
    const pick = fs.querySelector('input:checked');
    keepField.hidden = !pick || pick.value !== 'same_work';
  });
  const form = h('form', { class: 'decide', novalidate: true, method: 'post', action: '/duplicates' },
    errors,
    h('div', { class: 'field' }, fs),
    keepField,
    h('div', { class: 'field' }, h('label', { for: `r-${key}` }, 'Reason'),
      h('p', { class: 'hint', id: `r-${key}-hint` }, 'Kept with the decision, for the record.'),
      h('textarea', { id: `r-${key}`, rows: '2', maxlength: '2000', 'aria-describedby': `r-${key}-hint` })),
    h('div', { class: 'actions' }, h('button', { class: 'button', type: 'submit' }, 'Record the decision')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const pick = form.querySelector(`input[name="decision-${key}"]:checked`);
    const reason = $(`#r-${key}`).value.trim();
    const errs = [];
    if (!pick) errs.push({ field: `d-${key}`, text: 'Choose a decision' });
    const keep = form.querySelector(`input[name="keep-${key}"]:checked`);
    const merging = pick && pick.value === 'same_work';
    if (merging && !keep) errs.push({ field: `k-${key}`, text: 'Choose which initiative to keep' });
    if (!reason) errs.push({ field: `r-${key}`, text: 'Give the reason for your decision' });
    if (errs.length) {
      showErrors(form, errors, errs);
      return;
    }
    clearErrors(form, errors);
    const btn = form.querySelector('button');
    btn.disabled = true;
    try {
      const body = { a: c.a.id, b: c.b.id, decision: pick.value, reason };
      if (merging) body.keep = Number(keep.value);
      await api('POST', '/api/v1/initiatives/duplicates/decisions', body);
      const word = DECISIONS.find((d) => d[0] === pick.value)[1].toLowerCase();
      const [kept, gone] = merging && body.keep === c.b.id ? [c.b, c.a] : [c.a, c.b];
      sessionStorage.setItem('ccscap.flash', merging
        ? `Merged “${gone.title}” into “${kept.title}”. The pair will not be raised again.`
        : `Decided “${word}” for “${c.a.title}” and “${c.b.title}”. The pair will not be raised again.`);
      location.reload();
    } catch (e) {
      btn.disabled = false;
      showErrors(form, errors, [capRefusal(e, { reason: `r-${key}`, decision: `d-${key}`,
        keep: `k-${key}`, invalid_keep: `k-${key}`, already_merged: `d-${key}` })]);
    }
  });
  // Closed by default so a long list stays short on a phone; opened
  // again when it shows an error.
  return h('details', { class: 'details decide-box', id: `decide-${key}` },
    h('summary', null, 'Decide on this pair'), form);
}

function card(c) {
  return h('li', { class: 'card pair', id: `pair-${c.a.id}-${c.b.id}` },
    h('h2', { class: 'h3' }, `Score ${c.score} of 100`),
    h('div', { class: 'pair-sides' }, side(c.a, 'First initiative'), side(c.b, 'Second initiative')),
    h('h3', { class: 'h4' }, 'Why it was flagged'),
    h('ul', { class: 'reasons' }, c.reasons.map((r) => h('li', null, reasonText(r)))),
    isCoordinator(user) ? decisionForm(c) : h('p', { class: 'secondary small' }, 'A coordinator decides on each pair.'));
}

async function main() {
  const gate = $('#gate');
  user = await startPage(gate, 'the possible duplicates');
  if (!user) return;
  try {
    refs = await loadRefs();
  } catch (e) {
    loadFailed(gate, 'The possible duplicates', e);
    return;
  }
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const list = createList({
    endpoint: '/api/v1/initiatives/duplicates', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'pairs-table', caption: 'Possible duplicate initiatives',
    noun: ['pair waiting for a decision', 'pairs waiting for a decision'], sort: 'score', order: 'desc',
    columns: [], statusId: 'count',
    // the form's sort and order: an empty choice is the API's default
    defaults: { sort: 'score', order: '' },
    empty: 'No pair waiting for a decision has these words in a title.',
    fieldOf: { invalid_query: 'q', invalid_sort: 'sort', invalid_order: 'order' },
    render: (items) => h('ul', { class: 'cards', id: 'pairs' }, items.map(card)),
    onload: (r) => {
      if (!r.total && !list.params().get('q')) {
        $('#count').textContent = 'No possible duplicates are waiting for a decision.';
      }
    },
  });
  await list.load();
}

main();
