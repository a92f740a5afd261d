// plan-versions.js: two versions of the plan side by side, items aligned
// by their successor link, with the latest evaluation of the earlier
// one; for the secretariat, deriving a new version from the earlier one.
import { api } from './api.js';
import { h, $, clearErrors } from './ui.js';
import { startPage, loadFailed, flash, all, showRefusal, fmtDay, plural } from './capacity.js';
import { CHANGE_WORD, CRITERION_WORD, PROGRESS_WORD, isSecretariat, markSubnav, loadWords } from './meetings-lib.js';


function itemCell(it, side) {
  if (!it) return h('td', { class: `col-${side} empty` }, side === 'b' ? 'Not carried over' : '');
  return h('td', { class: `col-${side} change-${it.change}`, id: `item-${side}-${it.ref}` },
    h('p', { class: 'small' }, h('strong', null, it.ref), ` · ${CHANGE_WORD[it.change] || it.change}`),
    h('p', null, it.text || ''),
    it.note ? h('p', { class: 'secondary small' }, it.note) : null);
}

function evalCell(e) {
  if (!e) return h('td', null, '');
  const scores = Object.keys(CRITERION_WORD).filter((c) => e.scores && e.scores[c]).map((c) =>
    `${CRITERION_WORD[c]} ${e.scores[c].score === null ? 'not scored' : e.scores[c].score + '/4'}`);
  return h('td', { class: 'eval' },
    h('p', null, h('strong', null, e.progress ? PROGRESS_WORD[e.progress] : 'Not assessed')),
    h('p', { class: 'secondary small' }, `Records suggest: ${PROGRESS_WORD[e.evidence.suggested]}; ` +
      `${plural(e.evidence.initiatives, 'initiative', 'initiatives')}, ` +
      `${plural(e.evidence.recommendations, 'recommendation', 'recommendations')}`),
    scores.length ? h('p', { class: 'small' }, scores.join('; ')) : null,
    e.note ? h('p', { class: 'small' }, e.note) : null);
}

async function compare(aId, bId) {
  const [a, b] = await Promise.all([api('GET', '/api/v1/plan-versions/' + aId),
    bId ? api('GET', '/api/v1/plan-versions/' + bId) : null]);
  const evs = await api('GET', `/api/v1/plan-versions/${aId}/evaluations?limit=200`);
  const last = evs.items.length ? evs.items[evs.items.length - 1] : null;
  const ev = last ? await api('GET', `/api/v1/plan-versions/${aId}/evaluations/${last.id}`) : null;
  const evOf = ev ? Object.fromEntries(ev.items.map((x) => [x.id, x])) : {};
  const succ = b ? Object.fromEntries(b.items.filter((x) => x.predecessor_id).map((x) => [x.predecessor_id, x])) : {};
  const aIds = new Set(a.items.map((x) => x.id));
  const rows = a.items.map((x) => [x, succ[x.id] || null]);
  if (b) rows.push(...b.items.filter((x) => !aIds.has(x.predecessor_id)).map((x) => [null, x]));
  const count = (k) => (b ? b.items.filter((x) => x.change === k).length : 0);
  $('#summary').replaceChildren(h('p', { id: 'compare-summary' }, b
    ? `${a.label}: ${plural(a.items.length, 'item', 'items')}. ${b.label}: ${count('kept')} kept, ${count('changed')} changed, ` +
      `${count('dropped')} dropped, ${count('new')} new.`
    : `${a.label}: ${plural(a.items.length, 'item', 'items')}.`),
  ev ? h('p', null, `Evaluation: ${ev.title}, as of ${fmtDay(ev.as_of)}. ${ev.summary || ''}`) : h('p', null, 'No evaluation of this version yet.'));
  $('#compare').replaceChildren(h('div', { class: 'table-scroll', tabindex: '0' }, h('table', { class: 'side-by-side', id: 'side-by-side' },
    h('caption', null, b ? `${a.label} beside ${b.label}` : a.label),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, a.label), h('th', { scope: 'col' }, 'Evaluation'),
      b ? h('th', { scope: 'col' }, b.label) : null)),
    h('tbody', null, rows.map(([x, y]) => h('tr', null, itemCell(x, 'a'), evalCell(x && evOf[x.id]),
      b ? itemCell(y, 'b') : null))))));
}

async function main() {
  const gate = $('#gate');
  markSubnav();
  const user = await startPage(gate, "the plan's versions");
  if (!user) return;
  try { await loadWords(); } catch (e) { loadFailed(gate, 'The words of this page', e); return; }
  let versions;
  try { versions = await all('/api/v1/plan-versions'); } catch (e) { loadFailed(gate, "The plan's versions", e); return; }
  const opt = (v) => h('option', { value: v.id }, `${v.label}: ${v.title}`);
  $('#a').append(...versions.map(opt));
  $('#b').append(...versions.map(opt));
  const p = new URLSearchParams(location.search);
  const first = versions.find((v) => v.derived_from === null) || versions[0];
  $('#a').value = p.get('a') || String(first.id);
  const child = versions.filter((v) => String(v.derived_from) === $('#a').value).pop();
  $('#b').value = p.get('b') || (child ? String(child.id) : '');
  gate.replaceChildren();
  $('#content').hidden = false;
  flash($('#flash'));
  const run = () => compare($('#a').value, $('#b').value).catch((e) => loadFailed($('#compare'), 'The comparison', e));
  $('#pick').addEventListener('submit', (ev) => {
    ev.preventDefault();
    history.pushState(null, '', `/plan-versions?a=${$('#a').value}${$('#b').value ? '&b=' + $('#b').value : ''}`);
    run();
  });
  if (isSecretariat(user)) {
    $('#derive-section').hidden = false;
    const form = $('#dform');
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form, $('#errors'));
      try {
        const v = await api('POST', '/api/v1/plan-versions', { from: Number($('#a').value),
          label: $('#label').value.trim(), title: $('#vtitle').value.trim() });
        sessionStorage.setItem('ccscap.flash', `“${v.label}” was derived from the earlier version.`);
        location.href = `/plan-versions?a=${$('#a').value}&b=${v.id}`;
      } catch (e) {
        showRefusal(form, $('#errors'), e, { duplicate_label: 'label', missing_field: $('#label').value.trim() ? 'vtitle' : 'label', title: 'vtitle' });
      }
    });
  }
  await run();
}

main();
