// recommendation.js: one recommendation with its follow-up trail, and
// for its owner or the secretariat a form that adds a progress report
// (owners report open or in progress; the secretariat also closes).
import { api } from './api.js';
import { h, $, clearErrors, fmtDateTime } from './ui.js';
import { startPage, loadFailed, flash, fmtDay, fillDl, showRefusal } from './capacity.js';
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
  } catch (e) {
    loadFailed(gate, 'The recommendation', e);
  }
}

main();
