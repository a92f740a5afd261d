// state-gaps.js: one state's gaps: the summary, the records waiting for
// review, the history chart drawn by the server (with the same numbers as a
// table), and every standard by priority area with its level, minimum and
// status in words.
import { api } from './api.js';
import { h, $, STATUS, initPage, problem } from './ui.js';
import { fmtDay, statusTag, canSubmit, levelText, signInFor, allRecords } from './standards.js';

const code = (new URLSearchParams(location.search).get('code') || '').toUpperCase();

function flash() {
  const msg = sessionStorage.getItem('ccscap.flash');
  if (!msg) return;
  sessionStorage.removeItem('ccscap.flash');
  const box = h('div', { class: 'success', role: 'status', tabindex: '-1' },
    h('h2', null, 'Sent for review'), h('p', null, msg));
  $('#flash').replaceChildren(box);
  box.focus();
}

function stats(t) {
  return h('ul', { class: 'stats', id: 'summary' },
    h('li', null, h('strong', null, `${t.percent_met}%`), 'of standards met'),
    h('li', null, h('strong', null, String(t.met)), t.met === 1 ? 'standard met' : 'standards met'),
    h('li', null, h('strong', null, String(t.unmet)), 'not met'),
    h('li', null, h('strong', null, String(t.no_data)), 'with no data'));
}

function pendingSection(st, items) {
  if (!items.length) return null;
  return h('section', { 'aria-labelledby': 'pending-h', id: 'pending' },
    h('h2', { id: 'pending-h' }, `Waiting for review (${items.length})`),
    h('p', null, `These status records for ${st.name} are not counted until a RIFC analyst validates them.`),
    h('table', { class: 'stack', id: 'pending-table' },
      h('caption', { class: 'vh' }, 'Status records waiting for review'),
      h('thead', null, h('tr', null, ['Standard', 'Level', 'As of', 'Submitted by'].map((t) =>
        h('th', { scope: 'col' }, t)))),
      h('tbody', null, items.map((a) => h('tr', { id: 'pending-' + a.id },
        h('td', null, h('a', { href: '/standard?code=' + encodeURIComponent(a.standard) }, a.standard_title),
          h('br'), h('span', { class: 'secondary small' }, a.standard)),
        h('td', { 'data-label': 'Level' }, levelText(a.scale, a.level)),
        h('td', { 'data-label': 'As of' }, fmtDay(a.as_of)),
        h('td', { 'data-label': 'Submitted by' }, a.author))))));
}

function historySection(st, hist) {
  const src = '/api/v1/gaps/history.svg?state=' + st.code;
  const pts = hist ? hist.points : [];
  const parts = [h('h2', { id: 'history-h' }, 'Progress over time'),
    h('p', null, `The share of standards ${st.name} met on each date its status changed, overall and for each priority area. The last values hold until today.`),
    // Phones get the chart drawn narrow, so its text is not shrunk to a blur.
    h('picture', { class: 'chart' },
      h('source', { media: '(max-width: 40rem)', srcset: src + '&size=small', width: '400', height: '500' }),
      h('img', {
        src, width: '760', height: '440', loading: 'lazy', id: 'history-chart',
        alt: pts.length
          ? `Step chart of the share of standards ${st.name} meets, from ${fmtDay(pts[0].date)} to today: overall and for each of the ${hist.areas.length} priority areas. The same numbers are in the table that follows.`
          : `Empty chart: no status record of ${st.name} has been validated yet.`,
      }))];
  if (hist && pts.length) {
    parts.push(h('details', { class: 'details', id: 'history-details' },
      h('summary', null, 'Show the numbers in the chart as a table'),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'History table' },
        h('table', { id: 'history-table' },
          h('caption', null, `Share of standards ${st.name} met, by date`),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Date'),
            h('th', { scope: 'col', class: 'num' }, 'Overall'),
            hist.areas.map((a) => h('th', { scope: 'col', class: 'num' },
              h('abbr', { title: a.name }, a.code), h('span', { class: 'vh' }, ' ' + a.name))),
            h('th', { scope: 'col', class: 'num' }, 'Standards changed'))),
          h('tbody', null, pts.map((p) => h('tr', null,
            h('th', { scope: 'row' }, fmtDay(p.date)),
            h('td', { class: 'num' }, `${p.summary.percent_met}%`),
            p.areas.map((t) => h('td', { class: 'num' }, `${t.percent_met}%`)),
            h('td', { class: 'num' }, String(p.changed)))))))));
  }
  parts.push(h('p', null, h('a', { href: src + '&format=pdf', download: '' },
    'Download the chart as a PDF'), ' (for reports)'));
  return h('section', { 'aria-labelledby': 'history-h', id: 'history' }, parts);
}

function areaSection(area, pendingBy) {
  const t = area.summary;
  const bodies = [];
  for (const sa of area.specific_areas) {
    // one row group per specific area, headed by its name
    const rows = [];
    rows.push(h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: '5' },
      `${sa.code} ${sa.name}`,
      h('span', { class: 'secondary small' }, ` (${sa.summary.met} of ${sa.summary.total} met)`))));
    for (const s of sa.standards) {
      const pend = pendingBy[s.code] || [];
      rows.push(h('tr', { id: 'std-' + s.code, 'data-status': s.status },
        h('td', null, h('a', { href: '/standard?code=' + encodeURIComponent(s.code) }, s.title),
          h('span', { class: 'code secondary small' }, s.code)),
        h('td', { 'data-label': 'Level' }, s.level === null ? 'No data' : s.level_label,
          pend.map((a) => h('span', { class: 'secondary small' },
            h('br'), `Waiting for review: “${a.level_label}”`))),
        h('td', { 'data-label': 'Minimum' }, s.met_label),
        h('td', { 'data-label': 'Status' }, statusTag(s.status)),
        h('td', { 'data-label': 'As of' }, s.as_of ? fmtDay(s.as_of) : '–')));
    }
    bodies.push(h('tbody', null, rows));
  }
  return h('section', { 'aria-labelledby': 'h-' + area.code, id: 'area-' + area.code },
    h('h2', { id: 'h-' + area.code }, `${area.code} ${area.name}`),
    h('p', null, h('strong', null, `${t.met} of ${t.total} standards met (${t.percent_met}%).`),
      ` ${t.unmet} not met, ${t.no_data} with no data.`),
    h('table', { class: 'stack std-table' },
      h('caption', { class: 'vh' }, `Standards of ${area.name}`),
      h('thead', null, h('tr', null, ['Standard', 'Level', 'Minimum to meet it', 'Status', 'As of']
        .map((x) => h('th', { scope: 'col' }, x)))),
      bodies));
}

async function main() {
  let user = null;
  try {
    const s = await initPage();
    user = s && s.user;
  } catch { /* header says so */ }
  if (!/^[A-Z]{2}$/.test(code)) {
    $('#title').textContent = 'State not found';
    $('#body').replaceChildren(problem('This address does not name a state.',
      h('p', null, h('a', { href: '/gaps' }, 'See every state'))));
    return;
  }
  if (!user) {
    $('#title').textContent = 'Minimum standards';
    $('#body').replaceChildren(signInFor('the standards this state meets'));
    return;
  }
  let g;
  let hist = null;
  let pending = [];
  try {
    const q = encodeURIComponent(code);
    [g, hist, pending] = await Promise.all([
      api('GET', '/api/v1/gaps?state=' + q),
      api('GET', '/api/v1/gaps/history?state=' + q).catch(() => null),
      allRecords(`state=${q}&status=pending`).catch(() => []),
    ]);
  } catch (e) {
    $('#title').textContent = e.status === 404 ? 'State not found' : 'Minimum standards';
    $('#body').replaceChildren(problem(e.status === 404
      ? `There is no state with the code “${code}” in the directory.`
      : 'The standards could not be loaded: ' + e.message,
    h('p', null, h('a', { href: '/gaps' }, 'See every state'))));
    return;
  }
  const st = g.state;
  document.title = `${st.name}: minimum standards – ccscap`;
  $('#caption').textContent = `${STATUS[st.status] || 'State'} · Minimum standards`;
  $('#title').textContent = `${st.name}: minimum standards`;
  flash();
  const pendingBy = {};
  for (const a of pending) (pendingBy[a.standard] = pendingBy[a.standard] || []).push(a);
  const latest = g.areas.flatMap((a) => a.specific_areas.flatMap((s) => s.standards))
    .map((s) => s.as_of).filter(Boolean).sort().pop();
  const parts = [
    stats(g.summary),
    h('p', null, `From status records validated by the RIFC, as they stand today (${fmtDay(g.at)}). `,
      latest ? `The latest record is dated ${fmtDay(latest)}. ` : 'No record has been validated yet. ',
      'A standard with no validated record counts as not met.'),
  ];
  if (canSubmit(user, st.code)) {
    parts.push(h('p', null, h('a', { class: 'button', href: '/submit?state=' + st.code, id: 'submit-link' },
      `Submit a status record for ${st.name}`)));
  }
  parts.push(h('ul', { class: 'links' },
    h('li', null, h('a', { href: '/gaps' }, 'Compare with the other states')),
    h('li', null, h('a', { href: '/state?code=' + st.code }, `${st.name}’s contacts`)),
    h('li', null, 'Download these standards: ',
      h('a', { href: `/api/v1/gaps?state=${st.code}&format=csv`, download: '' }, 'CSV'), ' or ',
      h('a', { href: `/api/v1/gaps?state=${st.code}&format=xlsx`, download: '' }, 'Excel (XLSX)'))));
  parts.push(h('nav', { 'aria-labelledby': 'contents-h' },
    h('h2', { id: 'contents-h' }, 'Contents'),
    h('ul', null,
      pending.length ? h('li', null, h('a', { href: '#pending' }, `Waiting for review (${pending.length})`)) : null,
      h('li', null, h('a', { href: '#history' }, 'Progress over time')),
      g.areas.map((a) => h('li', null, h('a', { href: '#area-' + a.code },
        `${a.code} ${a.name}`), ` (${a.summary.percent_met}%)`)))));
  parts.push(pendingSection(st, pending), historySection(st, hist),
    ...g.areas.map((a) => areaSection(a, pendingBy)));
  $('#body').replaceChildren(...parts.filter(Boolean));
  if (location.hash) {
    const el = document.getElementById(location.hash.slice(1));
    if (el) el.scrollIntoView();
  }
}

main();
