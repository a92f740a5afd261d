// proposals.js: status updates proposed by completed trainings, campaigns
// and initiatives, for RIFC analysts: accept one (it becomes a status
// record awaiting validation on /review) or dismiss it saying why. The
// cards follow the list contract (web/common/list.js): words, status,
// state, source, date proposed, sort, a total, Previous/Next, CSV.
import { api } from './api.js';
import { h, $, showErrors, clearErrors, fmtDateTime } from './ui.js';
import { createList } from './list.js';
import { startPage, loadFailed, loadRefs, flash, capRefusal } from './capacity.js';

let refs;
const SOURCE = { training: 'training', campaign: 'awareness campaign', initiative: 'initiative',
  legal_instrument: 'national instrument' };
const sourceLink = (s) => h('a', { href: s.kind === 'initiative' ? '/initiative?id=' + s.id
  : s.kind === 'training' ? '/training?id=' + s.id
    : s.kind === 'legal_instrument' ? '/legal-instrument?id=' + s.id : '/trainings' }, s.title);

function decide(p) {
  const errors = h('div');
  const rid = `reason-${p.id}`;
  const form = h('form', { class: 'decide', novalidate: true, method: 'post', action: '/proposals' }, errors,
    h('div', { class: 'field' }, h('label', { for: rid }, 'Reason (needed to dismiss)'),
      h('textarea', { id: rid, rows: '2', maxlength: '2000' })),
    h('div', { class: 'actions' },
      h('button', { class: 'button', type: 'submit', value: 'accept', id: `accept-${p.id}` }, 'Accept and send for validation'), ' ',
      h('button', { class: 'button button--secondary', type: 'submit', value: 'dismiss', id: `dismiss-${p.id}` }, 'Dismiss')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const what = ev.submitter ? ev.submitter.value : 'accept';
    const reason = $('#' + rid).value.trim();
    if (what === 'dismiss' && !reason) {
      showErrors(form, errors, [{ field: rid, text: 'Say why you dismiss this proposal' }]);
      return;
    }
    clearErrors(form, errors);
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      const r = await api('POST', `/api/v1/proposals/${p.id}/${what}`, what === 'dismiss' ? { reason } : undefined);
      sessionStorage.setItem('ccscap.flash', what === 'accept'
        ? `Accepted: “${p.standard_title}” for ${refs.stateName[p.state] || p.state} is now a status record awaiting validation on the review page${r && r.assessment_id ? ` (record ${r.assessment_id})` : ''}.`
        : `Dismissed the proposal for “${p.standard_title}” in ${refs.stateName[p.state] || p.state}.`);
      location.reload();
    } catch (e) {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      showErrors(form, errors, [capRefusal(e, { reason: rid })]);
    }
  });
  return form;
}

function card(p) {
  return h('li', { class: 'card proposal', id: 'proposal-' + p.id },
    h('h2', { class: 'h3' }, `${p.standard_title} in ${refs.stateName[p.state] || p.state}`),
    h('p', null, `Proposed level: “${p.level_label}” (level ${p.level}; the standard is met at level ${p.met_level}).`),
    h('p', { class: 'small' }, `Because the ${SOURCE[p.source.kind] || p.source.kind} `, sourceLink(p.source),
      p.source.kind === 'legal_instrument' ? ' came into force.' : ' was completed.',
      ` Proposed ${fmtDateTime(p.created_at)}.`),
    p.status === 'pending' ? decide(p) : h('p', { class: 'small' }, h('strong', null, p.status === 'accepted' ? 'Accepted' : 'Dismissed'),
      p.decided_by ? ` by ${p.decided_by}` : '', p.decided_at ? `, ${fmtDateTime(p.decided_at)}` : '',
      p.reason ? `: ${p.reason}` : '', p.assessment_id ? [' · ', h('a', { href: '/review' }, `status record ${p.assessment_id}`)] : ''));
}

async function main() {
  const gate = $('#gate');
  const user = await startPage(gate, 'the proposals');
  if (!user) return;
  if (user.role !== 'rifc_analyst' || user.state_code) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null, 'Only RIFC analysts decide the status updates proposed by completed work.')));
    return;
  }
  const qs = new URLSearchParams(location.search);
  // ?source=campaign&source_id=N: what one completed record proposed
  const source = SOURCE[qs.get('source')] ? qs.get('source') : null;
  const sourceId = source && /^\d+$/.test(qs.get('source_id') || '') ? qs.get('source_id') : null;
  try {
    refs = await loadRefs();
  } catch (e) {
    loadFailed(gate, 'The proposals', e);
    return;
  }
  $('#p-state').append(...refs.states.map((s) => h('option', { value: s.code }, s.name)));
  if (source) {
    $('#results').before(h('p', { id: 'source-note' }, `Showing what ${sourceId ? `one ${SOURCE[source]}` : `${SOURCE[source]}s`} proposed. `,
      h('a', { href: '/proposals?status=' + encodeURIComponent(qs.get('status') || 'pending') }, 'Show every proposal')));
  }
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const list = createList({
    endpoint: '/api/v1/proposals', form: $('#filters'), errors: $('#errors'),
    host: $('#results'), id: 'proposal-table', caption: 'Proposed status updates', statusId: 'count',
    noun: ['proposal', 'proposals'], sort: 'created_at', order: 'asc', columns: [],
    // pending unless chosen; an empty order is the sort's usual one
    defaults: { status: 'pending', sort: 'created_at', order: '' },
    empty: 'No proposals here.',
    fieldOf: {
      invalid_query: 'q', invalid_date: 'from', invalid_state_code: 'p-state', invalid_status: 'p-status',
      invalid_source: 'p-source', invalid_sort: 'sort', invalid_order: 'order',
    },
    render: (items) => h('ul', { class: 'cards', id: 'proposal-list' }, items.map(card)),
  });
  await list.load();
}

main();
