// recommendation.js: one recommendation with its follow-up trail, and
// for its owner or the secretariat a form that adds a progress report
// (owners report open or in progress; the secretariat also closes). The
// secretariat also changes the recommendation itself (text, owner,
// timeframe, due date, need, plan item) with the version it read.
import { api } from './api.js';
import { h, $, clearErrors, showErrors, fmtDateTime } from './ui.js';
import { startPage, loadFailed, loadRefs, flash, fmtDay, fillDl, showRefusal, capRefusal } from './capacity.js';
import { KIND_WORD, STATUS_WORD, TIMEFRAME_WORD, isSecretariat, markSubnav, ownerName, loadWords } from './meetings-lib.js';

const id = new URLSearchParams(location.search).get('id');

function owns(user, r) {
  if (r.owner.kind === 'state') return Boolean(user.state_code) && user.state_code === r.owner.code;
  // the session does not carry the user's organisation: the server checks it
  return user.role === 'partner';
}

function show(r) {
  $('#title').textContent = r.text;
  $('#status-box').replaceChildren(h('p', { class: r.overdue ? 'notice' : 'secondary', id: 'status-line' },
    h('strong', null, STATUS_WORD[r.status] || r.status), r.overdue ? ` · Overdue since ${fmtDay(r.due_date)}` : '',
    r.closed_on ? ` · Closed on ${fmtDay(r.closed_on)}` : ''));
  fillDl($('#details'), [
    ['Owner', ownerName(r.owner)], ['Due', fmtDay(r.due_date)], ['Timeframe', TIMEFRAME_WORD[r.timeframe] || r.timeframe],
    ['Made at', r.meeting_id ? h('a', { href: '/meeting?id=' + r.meeting_id },
      `${r.meeting_title} (${KIND_WORD[r.meeting_kind] || ''}, ${fmtDay(r.meeting_date)})`) : null],
    ['Need of the plan', r.need_ref], ['Plan item', r.plan_item_ref]]);
  $('#trail').replaceChildren(r.progress.length ? h('ol', { class: 'trail', id: 'trail-list' }, r.progress.map((p) => h('li', null,
    h('p', null, h('strong', null, fmtDay(p.reported_on)), ` · ${STATUS_WORD[p.status] || p.status} · by ${p.created_by}`),
    h('p', { class: 'prewrap' }, p.text),
    p.document_url ? h('p', null, h('a', { href: p.document_url, rel: 'noopener' }, 'Document')) : null,
    h('p', { class: 'secondary small' }, `Recorded ${fmtDateTime(p.created_at)}`))))
    : h('p', null, 'No progress reported yet.'));
}

function setupForm(user, r) {
  const form = $('#pform');
  const errors = $('#errors');
  const allowed = isSecretariat(user) ? ['open', 'in_progress', 'closed', 'dropped'] : ['open', 'in_progress'];
  $('#status').replaceChildren(...allowed.map((k) => h('option', { value: k }, STATUS_WORD[k])));
  $('#status').value = r.status === 'open' ? 'in_progress' : r.status;
  $('#form-section').hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors($('#eform'), $('#eerrors'));
    clearErrors(form, errors);
    const body = { text: $('#text').value.trim(), status: $('#status').value };
    if ($('#reported_on').value) body.reported_on = $('#reported_on').value;
    if ($('#document_url').value.trim()) body.document_url = $('#document_url').value.trim();
    try {
      await api('POST', `/api/v1/recommendations/${encodeURIComponent(id)}/progress`, body);
      sessionStorage.setItem('ccscap.flash', 'Your progress report was added.');
      location.reload();
    } catch (e) {
      showRefusal(form, errors, e, { missing_field: 'text', invalid_date: 'reported_on', invalid_url: 'document_url' });
    }
  });
}

// The edit form's element for each field a refusal may name.
const EDIT_FIELD = {
  text: 'e_text', owner: 'e_owner', owner_org: 'e_owner', owner_state: 'e_owner', invalid_owner: 'e_owner',
  timeframe: 'e_timeframe', unknown_timeframe: 'e_timeframe', due_date: 'e_due_date', invalid_date: 'e_due_date',
  due_beyond_timeframe: 'e_due_date', need_ref: 'e_need_ref', unknown_need: 'e_need_ref',
  plan_item_id: 'e_plan_item_id', unknown_plan_item: 'e_plan_item_id',
};

// Words for the field a refusal's message starts with.
const FIELD_WORD = {
  due_date: 'The due date', owner_org: 'The owner', owner_state: 'The owner', need_ref: 'The need',
  plan_item_id: 'The plan item',
};

/** The newest plan version's items, for the plan item choice. */
async function planItems() {
  const vs = await api('GET', '/api/v1/plan-versions?limit=1&sort=created_at&order=desc');
  const last = vs.items[0];
  return last ? (await api('GET', '/api/v1/plan-versions/' + last.id)).items : [];
}

async function setupEdit(r) {
  const form = $('#eform');
  const errors = $('#eerrors');
  const [refs, items] = await Promise.all([loadRefs(), planItems()]);
  $('#e_owner').append(
    h('optgroup', { label: 'States' }, refs.states.map((s) => h('option', { value: 'state:' + s.code }, s.name))),
    h('optgroup', { label: 'Organisations' }, refs.orgs.map((o) => h('option', { value: 'org:' + o.id }, refs.orgName[o.id]))));
  $('#e_timeframe').append(...Object.entries(TIMEFRAME_WORD).map(([k, v]) => h('option', { value: k }, v)));
  $('#e_need_ref').append(...refs.needs.map((n) => h('option', { value: n.ref }, `${n.ref}: ${n.need.slice(0, 80)}`)));
  const shown = items.map((i) => h('option', { value: String(i.id) }, `${i.ref}: ${(i.text || '').slice(0, 80)}`));
  if (r.plan_item_id && !items.some((i) => i.id === r.plan_item_id)) {
    shown.unshift(h('option', { value: String(r.plan_item_id) }, `${r.plan_item_ref} (an earlier version of the plan)`));
  }
  $('#e_plan_item_id').append(...shown);
  $('#e_text').value = r.text;
  $('#e_owner').value = r.owner.kind === 'state' ? 'state:' + r.owner.code : 'org:' + r.owner.id;
  $('#e_timeframe').value = r.timeframe;
  $('#e_due_date').value = r.due_date;
  $('#e_need_ref').value = r.need_ref || '';
  $('#e_plan_item_id').value = r.plan_item_id ? String(r.plan_item_id) : '';
  $('#edit-section').hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors($('#pform'), $('#errors'));
    const errs = [];
    if (!$('#e_text').value.trim()) errs.push({ field: 'e_text', text: 'Enter the recommendation' });
    if (!$('#e_due_date').value) errs.push({ field: 'e_due_date', text: 'Enter the due date, for example 2026-06-30' });
    if (errs.length) {
      showErrors(form, errors, errs);
      return;
    }
    clearErrors(form, errors);
    const [kind, key] = $('#e_owner').value.split(':');
    const body = {
      version: r.version, text: $('#e_text').value.trim(), due_date: $('#e_due_date').value,
      timeframe: $('#e_timeframe').value, need_ref: $('#e_need_ref').value || null,
      plan_item_id: $('#e_plan_item_id').value ? Number($('#e_plan_item_id').value) : null,
      owner_org: kind === 'org' ? Number(key) : null, owner_state: kind === 'state' ? key : null,
    };
    $('#esend').disabled = true;
    try {
      await api('PATCH', '/api/v1/recommendations/' + encodeURIComponent(id), body);
      sessionStorage.setItem('ccscap.flash', 'Your changes to the recommendation were saved.');
      location.reload();
    } catch (e) {
      $('#esend').disabled = false;
      if (e.code === 'stale_version') {
        showErrors(form, errors, [{ field: null, text: 'Someone changed this recommendation after you opened it. '
          + 'Reload the page to see their changes, then make yours again.' }]);
        return;
      }
      if (e.status === 401) {
        showRefusal(form, errors, e, EDIT_FIELD);
        return;
      }
      const { field, text } = capRefusal(e, EDIT_FIELD);
      showErrors(form, errors, [{ field, text: text.replace(/^[A-Z][a-z]*(_[a-z]+)+/, (w) => FIELD_WORD[w.toLowerCase()] || w) }]);
    }
  });
}

async function main() {
  const gate = $('#gate');
  markSubnav();
  const user = await startPage(gate, 'the recommendation');
  if (!user) return;
  try { await loadWords(); } catch (e) { loadFailed(gate, 'The words of this page', e); return; }
  try {
    const r = await api('GET', '/api/v1/recommendations/' + encodeURIComponent(id));
    show(r);
    gate.replaceChildren();
    $('#one').hidden = false;
    flash($('#flash'));
    const open = r.status === 'open' || r.status === 'in_progress';
    if (open && (isSecretariat(user) || (['ncpoc', 'cert', 'partner'].includes(user.role) && owns(user, r)))) setupForm(user, r);
    if (open && isSecretariat(user)) await setupEdit(r);
  } catch (e) {
    loadFailed(gate, 'The recommendation', e);
  }
}

main();
