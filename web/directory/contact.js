// contact.js: the add and change form for one contact, with the error
// summary pattern. Adds POST the record; changes PATCH only the fields that
// differ, with the loaded version, so a concurrent edit is refused.
import { api, apiAll } from './api.js';
import {
  h, $, ROLE, initPage, signInPrompt, problem, canEdit, showErrors,
  clearErrors, fieldFromMessage, sentence, here,
} from './ui.js';

const form = $('#contact');
const errors = $('#errors');
const params = new URLSearchParams(location.search);
const id = /^[0-9]+$/.test(params.get('id') || '') ? params.get('id') : null;
const TEXT = ['name', 'title', 'email', 'phone', 'availability', 'key_fingerprint'];
let user = null;
let current = null;        // the loaded record when changing one
const names = {};

const FIELD_OF = {
  invalid_name: 'name', invalid_role: 'role', ncpoc_limit_reached: 'role',
  invalid_ncpoc_category: 'ncpoc_category', state_required: 'state',
  unknown_state: 'state', invalid_state_code: 'state', invalid_email: 'email',
  invalid_phone: 'phone', channel_required: 'phone',
  invalid_fingerprint: 'key_fingerprint', unknown_organisation: 'organisation_id',
};

function stateName(c) { return names[c] || c; }

function radio(name) {
  const r = form.querySelector(`input[name="${name}"]:checked`);
  return r ? r.value : '';
}

function setRadio(name, value) {
  for (const r of form.querySelectorAll(`input[name="${name}"]`)) r.checked = r.value === value;
}

function values() {
  const v = {};
  for (const k of TEXT) v[k] = $('#' + k).value.trim();
  v.role = radio('role');
  v.ncpoc_category = v.role === 'ncpoc' ? radio('ncpoc_category') : '';
  v.state = $('#state').value;
  v.organisation_id = $('#organisation_id').value;
  return v;
}

function validEmail(s) {
  return s.length >= 6 && /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]{2,}$/.test(s);
}

function validPhone(s) {
  return s.length >= 5 && s.length <= 32 && /^\+?[0-9 ()-]+$/.test(s) &&
    s.replace(/[^0-9]/g, '').length >= 5;
}

function check(v) {
  const e = [];
  if (!v.name) e.push({ field: 'name', text: 'Enter the full name' });
  if (!v.role) e.push({ field: 'role', text: 'Choose a role' });
  if (v.role === 'ncpoc' && !v.ncpoc_category) {
    e.push({ field: 'ncpoc_category', text: 'Choose the NCPOC category' });
  }
  if (v.role && v.role !== 'steering_member' && !v.state) {
    e.push({ field: 'state', text: `Choose the state of this ${ROLE[v.role]}` });
  }
  if (v.email && !validEmail(v.email)) {
    e.push({ field: 'email', text: 'Enter an e-mail address in the correct format, like name@example.org' });
  }
  if (v.phone && !validPhone(v.phone)) {
    e.push({ field: 'phone', text: 'Enter a phone number using digits, spaces, dashes and brackets, with + only at the start, like +1 876 555 0123' });
  } else if (v.role === 'e_evidence_24x7' && !v.phone && !v.email) {
    e.push({ field: 'phone', text: 'Enter a phone number or an e-mail address: a 24/7 e-evidence contact must be reachable' });
  }
  if (v.key_fingerprint) {
    const hex = v.key_fingerprint.replace(/ /g, '');
    if (!/^[0-9a-fA-F]+$/.test(hex) || (hex.length !== 40 && hex.length !== 64)) {
      e.push({ field: 'key_fingerprint', text: 'Enter the key fingerprint as 40 or 64 characters, 0 to 9 and A to F' });
    }
  }
  if (current && current.organisation_id && !v.organisation_id) {
    e.push({ field: 'organisation_id', text: 'Choose an organisation. The directory cannot yet take a contact out of an organisation: ask a coordinator' });
  }
  return e;
}

/** The request body: all set fields for an add, changed fields for a change. */
function body(v) {
  const b = {};
  const org = v.organisation_id ? Number(v.organisation_id) : null;
  if (!current) {
    for (const k of TEXT) if (v[k]) b[k] = v[k];
    b.role = v.role;
    if (v.ncpoc_category) b.ncpoc_category = v.ncpoc_category;
    if (v.state) b.state = v.state;
    if (org) b.organisation_id = org;
    return b;
  }
  for (const k of TEXT) if (v[k] !== (current[k] || '')) b[k] = v[k] || null;
  if (v.role !== current.role) b.role = v.role;
  if (v.role === 'ncpoc' && v.ncpoc_category !== (current.ncpoc_category || '')) {
    b.ncpoc_category = v.ncpoc_category;
  }
  if (v.state !== (current.state || '')) b.state = v.state || null;
  if (org && org !== current.organisation_id) b.organisation_id = org;
  if (Object.keys(b).length) b.version = current.version;
  return b;
}

function serverError(e, v) {
  const st = stateName(v.state);
  const text = {
    ncpoc_limit_reached: `${st} already has two NCPOCs. The plan provides for two NCPOCs per state: remove or change one of them first`,
    invalid_email: 'Enter an e-mail address in the correct format, like name@example.org',
    invalid_phone: 'Enter a phone number using digits, spaces, dashes and brackets, with + only at the start, like +1 876 555 0123',
    channel_required: 'Enter a phone number or an e-mail address: a 24/7 e-evidence contact must be reachable',
    invalid_ncpoc_category: 'Choose the NCPOC category',
    state_required: 'Choose the state',
    unknown_state: 'Choose a state from the list',
    invalid_fingerprint: 'Enter the key fingerprint as 40 or 64 characters, 0 to 9 and A to F',
    version_conflict: 'Someone else changed this contact while you were working on it. Reload the page to see their change, then make yours again',
    forbidden: 'You cannot make this change: ' + e.message,
    authentication_required: 'Your session has ended. Sign in again, then make your change',
    session_expired: 'Your session has ended. Sign in again, then make your change',
    invalid_session: 'Your session has ended. Sign in again, then make your change',
  }[e.code] || sentence(e.message);
  let field = FIELD_OF[e.code] || fieldFromMessage(e.message);
  if (field && !document.getElementById(field)) field = null;
  showErrors(form, errors, [{ field, text }]);
  const box = errors.firstChild;
  if (e.code === 'version_conflict') {
    box.append(h('p', null, h('a', { href: here() }, 'Reload this contact')));
  } else if (e.status === 401) {
    box.append(h('p', null, h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in again')));
  }
}

function back(v) {
  if (v.state) return '/state?code=' + v.state;
  if (v.organisation_id) return '/organisation?id=' + v.organisation_id;
  return '/directory';
}

async function submit(ev) {
  ev.preventDefault();
  const v = values();
  const errs = check(v);
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  const b = body(v);
  if (current && !Object.keys(b).length) {
    location.assign(back(v));
    return;
  }
  const btn = $('#save');
  btn.disabled = true;
  try {
    const c = current
      ? await api('PATCH', '/api/v1/contacts/' + current.id, b)
      : await api('POST', '/api/v1/contacts', b);
    clearErrors(form, errors);
    sessionStorage.setItem('ccscap.flash', current
      ? `The details of ${c.name} were saved.` : `${c.name} was added as ${ROLE[c.role]}.`);
    location.assign(back(v));
  } catch (e) {
    btn.disabled = false;
    serverError(e, v);
  }
}

function reveal() {
  $('#category-reveal').hidden = radio('role') !== 'ncpoc';
}

function fill(c) {
  for (const k of TEXT) $('#' + k).value = c[k] || '';
  setRadio('role', c.role);
  setRadio('ncpoc_category', c.ncpoc_category || '');
  $('#state').value = c.state || '';
  $('#organisation_id').value = c.organisation_id ? String(c.organisation_id) : '';
}

function gate(node) {
  $('#gate').replaceChildren(node);
}

async function main() {
  const statesP = api('GET', '/api/v1/states');
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  user = s && s.user;
  if (!user) {
    $('#title').textContent = id ? 'Change a contact' : 'Add a contact';
    gate(signInPrompt('and change contacts'));
    return;
  }
  let states;
  let orgs;
  try {
    [states, orgs, current] = await Promise.all([statesP,
      apiAll('/api/v1/organisations'),
      id ? api('GET', '/api/v1/contacts/' + id) : null]);
  } catch (e) {
    gate(problem(e.status === 404 ? 'There is no such contact. It may have been removed.'
      : 'The form could not be loaded: ' + e.message,
    h('p', null, h('a', { href: '/directory' }, 'Find a contact'))));
    $('#title').textContent = e.status === 404 ? 'Contact not found' : 'Contact';
    return;
  }
  for (const st of states.items) names[st.code] = st.name;
  const preset = current || {
    role: ROLE[params.get('role')] ? params.get('role') : '',
    state: user.state_code || (names[params.get('state')] ? params.get('state') : ''),
  };
  if (!canEdit(user, current ? current.state : (preset.state || null))) {
    $('#title').textContent = current ? `${current.name}` : 'Add a contact';
    gate(problem(current
      ? 'Your role or state does not allow you to change this contact.'
      : 'Your role or state does not allow you to add contacts here.',
    h('p', null, h('a', { href: current ? back(current) : '/directory' }, 'Go back'))));
    return;
  }
  // A state-scoped user may only choose their own state and no regional role.
  const allowed = user.state_code ? states.items.filter((x) => x.code === user.state_code)
    : states.items;
  $('#state').append(...allowed.map((x) => h('option', { value: x.code }, x.name)));
  if (user.state_code) {
    $('#state').firstElementChild.remove();
    $('#state-hint').textContent = `Your account can add and change contacts of ${stateName(user.state_code)} only.`;
    if (!current || current.role !== 'steering_member') $('#steering-choice').remove();
  }
  $('#organisation_id').append(...orgs.map((o) =>
    h('option', { value: String(o.id) }, o.name)));
  fill(preset);
  reveal();
  const where = stateName(preset.state);
  if (current) {
    $('#caption').textContent = [where, ROLE[current.role]].filter(Boolean).join(' · ');
    $('#title').textContent = `Change the details of ${current.name}`;
  } else {
    $('#caption').textContent = where || 'Regional';
    $('#title').textContent = preset.role ? `Add ${preset.role === 'ncpoc' ? 'an' : 'a'} ${ROLE[preset.role]}`
      : 'Add a contact';
    $('#save').textContent = 'Add contact';
  }
  document.title = $('#title').textContent + ' – ccscap';
  $('#cancel').href = back(preset);
  for (const r of form.querySelectorAll('input[name="role"]')) r.addEventListener('change', reveal);
  form.addEventListener('submit', submit);
  $('#gate').replaceChildren();
  form.hidden = false;
}

main();
