// submit.js: the status-record form. Checks what it can before sending
// (GOV.UK error summary, the same message beside each field), uploads each
// chosen file to /api/v1/evidence first with its progress shown, then sends
// the record with the files' SHA-256. Server refusals land on their field.
import { api, ApiError, upload as uploadRaw } from './api.js';
import { h, $, USER_ROLE, initPage, problem, showErrors, clearErrors, fieldFromMessage, sentence, here } from './ui.js';
import { SOURCES, fmtDay, fmtSize, today, validDay, canSubmit, signInFor } from './standards.js';

const form = $('#record');
const errors = $('#errors');
const params = new URLSearchParams(location.search);
const MAX_FILE = 10 * 1024 * 1024;   // the server's evidence_max default
const MAX_FILES = 10;
const TYPES = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', txt: 'text/plain' };
let user = null;
const stds = {};            // code -> {std, area}
const names = {};           // state code -> name
const gapsCache = {};       // state code -> promise of its gaps
let chosen = [];            // [{file, sha, li}] of the current selection

const FIELD_OF = {
  unknown_state: 'state', invalid_state_code: 'state', forbidden: 'state',
  unknown_standard: 'standard', invalid_level: 'level',
  future_date: 'as_of', invalid_date: 'as_of', invalid_url: 'links',
  forbidden_file_type: 'files', evidence_too_large: 'files',
  invalid_file: 'files', unknown_evidence: 'files', unknown_source: 'source',
};

const MSG = {
  date: 'Enter a real date, for example 30 June 2025',
  future: 'The date must be today or in the past',
  link: 'Enter each link as a full web address starting with https:// or http://, one per line',
  type: (n) => `“${n}” must be a PDF, PNG or JPEG image, or plain text`,
  big: (n, s) => `“${n}” is ${fmtSize(s)}: each file must be 10 MB or smaller`,
};

function radio(name) {
  const r = form.querySelector(`input[name="${name}"]:checked`);
  return r ? r.value : '';
}

function values() {
  return {
    state: $('#state').value,
    standard: $('#standard').value,
    level: radio('level'),
    as_of: $('#as_of').value,
    evidence: $('#evidence').value.trim(),
    links: $('#links').value.split('\n').map((l) => l.trim()).filter(Boolean),
    source: $('#source').value,
  };
}

/** The server's rule (core/validate.c), plus a host a browser can parse. */
function validUrl(s) {
  if (s.length > 2048 || s.length <= 10 || !/^https?:\/\/[^\s\x7f]+$/.test(s)) return false;
  try { return new URL(s).hostname !== ''; } catch { return false; }
}

function typeOk(f) {
  const ext = (f.name.split('.').pop() || '').toLowerCase();
  return Object.values(TYPES).includes(f.type) || (!f.type && TYPES[ext] !== undefined);
}

function check(v) {
  const e = [];
  if (!v.state) e.push({ field: 'state', text: 'Choose the state' });
  if (!v.standard) e.push({ field: 'standard', text: 'Choose the standard' });
  else if (v.level === '') e.push({ field: 'level', text: 'Choose the level the state has reached' });
  if (!v.as_of) e.push({ field: 'as_of', text: 'Enter the date of this status' });
  else if (!validDay(v.as_of)) e.push({ field: 'as_of', text: MSG.date });
  else if (v.as_of > today()) e.push({ field: 'as_of', text: MSG.future });
  if (!v.evidence && !v.links.length && !chosen.length) {
    e.push({ field: 'evidence', text: 'Describe the evidence for this level, or give a link or a file' });
  }
  const bad = v.links.findIndex((l) => !validUrl(l));
  if (v.links.length > 20) e.push({ field: 'links', text: 'Give 20 links or fewer' });
  else if (bad >= 0) e.push({ field: 'links', text: `Line ${bad + 1}: ${MSG.link}` });
  if (!v.source) e.push({ field: 'source', text: 'Choose where this information comes from' });
  if (chosen.length > MAX_FILES) e.push({ field: 'files', text: 'Attach 10 files or fewer' });
  for (const c of chosen) {
    if (c.file.size > MAX_FILE) e.push({ field: 'files', text: MSG.big(c.file.name, c.file.size) });
    else if (!typeOk(c.file)) e.push({ field: 'files', text: MSG.type(c.file.name) });
    else if (c.file.size === 0) e.push({ field: 'files', text: `“${c.file.name}” is empty` });
    else if (new TextEncoder().encode(c.file.name).length > 200 || c.file.name.includes('/')) {
      e.push({ field: 'files', text: `Rename “${c.file.name}” to 200 characters or fewer` });
    }
  }
  return e;
}

function fileStatus(c, text, cls, fraction) {
  c.li.className = cls || '';
  const parts = [h('strong', null, c.file.name), ` (${fmtSize(c.file.size)}): `, h('span', null, text)];
  if (fraction !== undefined) {
    parts.push(h('progress', { max: '100', value: String(Math.round(fraction * 100)) },
      `${Math.round(fraction * 100)}%`));
  }
  c.li.replaceChildren(...parts);
}

function listFiles() {
  chosen = [...$('#files').files].map((file) => ({ file, sha: null, li: h('li') }));
  for (const c of chosen) {
    if (c.file.size > MAX_FILE) fileStatus(c, 'too large: the limit is 10 MB', 'failed');
    else if (!typeOk(c.file)) fileStatus(c, 'not a PDF, PNG, JPEG or plain text file', 'failed');
    else fileStatus(c, 'ready to upload');
  }
  $('#file-list').replaceChildren(...chosen.map((c) => c.li));
}

/** Uploads one chosen file to /api/v1/evidence, showing its progress. */
async function upload(c) {
  fileStatus(c, 'uploading, 0%', '', 0);
  const type = c.file.type || TYPES[(c.file.name.split('.').pop() || '').toLowerCase()] || 'application/octet-stream';
  const data = await uploadRaw('/api/v1/evidence', c.file, type,
    (f) => fileStatus(c, `uploading, ${Math.round(f * 100)}%`, '', f));
  if (!data.sha256) throw new ApiError(500, 'internal', 'The server did not return the file’s hash.');
  return data;
}

function serverError(e, v, fileName) {
  const st = names[v.state] || v.state;
  const text = {
    unknown_state: 'Choose a state from the list',
    invalid_state_code: 'Choose a state from the list',
    forbidden: user && user.state_code
      ? `You can submit status records for ${names[user.state_code] || user.state_code} only`
      : `You cannot submit status records for ${st}: ${e.message}`,
    unknown_standard: 'Choose a standard from the list. The framework may have changed: reload the page',
    invalid_level: 'Choose a level on this standard’s scale',
    future_date: MSG.future,
    invalid_date: MSG.date,
    invalid_url: MSG.link,
    forbidden_file_type: MSG.type(fileName || 'The file'),
    evidence_too_large: MSG.big(fileName || 'The file', (chosen.find((c) => c.file.name === fileName) || { file: { size: MAX_FILE + 1 } }).file.size),
    invalid_file: `“${fileName || 'A file'}” could not be attached: ${e.message}`,
    unknown_evidence: 'A file was not uploaded completely. Choose the files again and submit',
    unknown_source: 'Choose a source from the list',
    authentication_required: 'Your session has ended. Sign in again, then submit the record',
    session_expired: 'Your session has ended. Sign in again, then submit the record',
    invalid_session: 'Your session has ended. Sign in again, then submit the record',
    csrf_failed: 'Your session has changed. Reload the page, then submit the record',
  }[e.code] || sentence(e.message);
  let field = FIELD_OF[e.code] || fieldFromMessage(e.message);
  if (e.code === 'invalid_url') {
    const m = /links\[(\d+)\]/.exec(e.message || '');
    if (m) field = 'links';
    showErrors(form, errors, [{ field, text: m ? `Line ${+m[1] + 1}: ${text}` : text }]);
    return;
  }
  if (field && !document.getElementById(field)) field = null;
  showErrors(form, errors, [{ field, text }]);
  if (e.status === 401) {
    errors.firstChild.append(h('p', null, h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in again')));
  }
}

async function submit(ev) {
  ev.preventDefault();
  const v = values();
  const errs = check(v);
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  const btn = $('#send');
  btn.disabled = true;
  $('#progress').textContent = chosen.length ? 'Uploading the files…' : 'Sending the record…';
  let current = null;
  try {
    for (const c of chosen) {
      if (c.sha) continue;
      current = c.file.name;
      try {
        const meta = await upload(c);
        c.sha = meta.sha256;
        fileStatus(c, 'uploaded', 'done');
      } catch (e) {
        fileStatus(c, 'not uploaded', 'failed');
        throw e;
      }
    }
    current = null;
    $('#progress').textContent = 'Sending the record…';
    const body = { state: v.state, standard: v.standard, as_of: v.as_of, level: Number(v.level), source: v.source };
    if (v.evidence) body.evidence = v.evidence;
    if (v.links.length) body.links = v.links;
    if (chosen.length) body.files = chosen.map((c) => ({ sha256: c.sha, filename: c.file.name }));
    const rec = await api('POST', '/api/v1/assessments', body);
    sessionStorage.setItem('ccscap.flash', `Your record for “${rec.standard_title}” ` +
      `(“${rec.level_label}”, as of ${fmtDay(rec.as_of)}) is waiting for review by a RIFC analyst. ` +
      'It counts in the gap analysis once it is validated.');
    location.assign(`/state-gaps?code=${rec.state}#pending`);
  } catch (e) {
    btn.disabled = false;
    $('#progress').textContent = '';
    serverError(e, v, current);
  }
}

function levels() {
  const s = stds[$('#standard').value];
  const box = $('#level-choices');
  box.replaceChildren();
  if (!s) {
    $('#level-hint').textContent = 'Choose a standard first to see its levels.';
    showCurrent();
    return;
  }
  const { std } = s;
  $('#level-hint').textContent = `The standard is met at “${std.scale[std.met_level]}” or above. ${std.description}`;
  box.append(...std.scale.map((label, i) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name: 'level', id: 'level-' + i, value: String(i) }),
    h('label', { for: 'level-' + i }, label,
      i === std.met_level ? h('span', { class: 'tag tag--min level-min' }, 'minimum to meet the standard') : null))));
  showCurrent();
}

/** "Jamaica's current level: ..." once a state and a standard are chosen. */
async function showCurrent() {
  const state = $('#state').value;
  const code = $('#standard').value;
  const out = $('#current');
  out.textContent = '';
  if (!state || !code) return;
  if (!gapsCache[state]) gapsCache[state] = api('GET', '/api/v1/gaps?state=' + state).catch(() => null);
  const g = await gapsCache[state];
  if (!g || $('#state').value !== state || $('#standard').value !== code) return;
  const s = g.areas.flatMap((a) => a.specific_areas.flatMap((x) => x.standards)).find((x) => x.code === code);
  if (!s) return;
  out.textContent = s.level === null
    ? `${names[state]} has no validated record on this standard yet.`
    : `${names[state]}’s current level: “${s.level_label}” (${fmtDay(s.as_of)}): ${s.status === 'met' ? 'met' : 'not met'}.`;
}

function gate(node) {
  $('#gate').replaceChildren(node);
}

async function main() {
  const statesP = api('GET', '/api/v1/states').catch(() => null);
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  user = s && s.user;
  if (!user) {
    gate(signInFor('the form for status records'));
    return;
  }
  if (!canSubmit(user, null)) {
    gate(problem(`Your role (${USER_ROLE[user.role] || user.role}) cannot submit status records. ` +
      'NCPOC and CERT users submit them for their own state; RIFC analysts and coordinators for any state.',
    h('p', null, h('a', { href: '/gaps' }, 'See the gap analysis'))));
    return;
  }
  let fw;
  let states;
  try {
    [fw, states] = await Promise.all([api('GET', '/api/v1/framework'), statesP]);
    if (!states) throw new Error('the states could not be loaded');
  } catch (e) {
    gate(problem('The form could not be loaded: ' + sentence(e.message)));
    return;
  }
  for (const st of states.items) names[st.code] = st.name;
  // A state-scoped user (NCPOC, CERT) submits for their own state only.
  const allowed = user.state_code ? states.items.filter((x) => x.code === user.state_code) : states.items;
  const sel = $('#state');
  sel.append(...allowed.map((x) => h('option', { value: x.code }, x.name)));
  if (user.state_code) {
    sel.firstElementChild.remove();
    $('#state-hint').textContent = `Your account submits status records for ${names[user.state_code]} only.`;
  }
  const want = (params.get('state') || '').toUpperCase();
  if (allowed.some((x) => x.code === want)) sel.value = want;
  const ss = $('#standard');
  for (const a of fw.areas) {
    ss.append(h('optgroup', { label: `${a.code} ${a.name}` },
      a.specific_areas.flatMap((sa) => sa.standards.map((std) => {
        stds[std.code] = { std, area: a };
        return h('option', { value: std.code }, std.title);
      }))));
  }
  if (stds[params.get('standard')]) ss.value = params.get('standard');
  $('#source').append(...SOURCES.map(([k, label]) => h('option', { value: k }, label)));
  if (user.role === 'ncpoc' || user.role === 'cert') $('#source').value = 'ncpoc_feedback';
  $('#as_of').max = today();
  $('#as_of').value = today();
  if (sel.value) $('#caption').textContent = names[sel.value];
  levels();
  sel.addEventListener('change', () => {
    $('#caption').textContent = names[sel.value] || 'Minimum standards';
    showCurrent();
  });
  ss.addEventListener('change', levels);
  $('#files').addEventListener('change', listFiles);
  form.addEventListener('submit', submit);
  $('#cancel').href = sel.value ? '/state-gaps?code=' + sel.value : '/gaps';
  $('#gate').replaceChildren();
  form.hidden = false;
}

main();
