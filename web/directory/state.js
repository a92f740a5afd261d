// state.js: one state: its NCPOCs and their categories, 24/7 e-evidence
// and CERT duty contacts, and its bodies. Change, add and remove controls
// appear only for users the server would allow (ui.js canEdit).
import { api, apiAll } from './api.js';
import {
  h, $, STATUS, ROLE, CATEGORY, USER_ROLE, initPage, signInPrompt, problem,
  canEdit, fmtDateTime, orgLabel, sentence,
} from './ui.js';

const code = (new URLSearchParams(location.search).get('code') || '').toUpperCase();
let user = null;
let editable = false;

const SECTIONS = [
  ['ncpoc', 'National Cyber Points of Contact (NCPOCs)', 'Add an NCPOC'],
  ['e_evidence_24x7', '24/7 e-evidence contacts', 'Add a 24/7 e-evidence contact'],
  ['cert_duty', 'CERT duty contacts', 'Add a CERT duty contact'],
  ['steering_member', 'Steering Committee members', null],
];

const INTRO = {
  e_evidence_24x7: 'Who to call at any hour to preserve and share electronic evidence.',
  cert_duty: 'The national CERT or CSIRT officer on duty for incidents.',
};

function flash() {
  const msg = sessionStorage.getItem('ccscap.flash');
  if (!msg) return;
  sessionStorage.removeItem('ccscap.flash');
  $('#flash').replaceChildren(h('div', { class: 'success', role: 'status' },
    h('h2', null, 'Done'), h('p', null, msg)));
}

function detail(dt, dd) {
  return dd === null || dd === undefined || dd === '' ? null
    : [h('dt', null, dt), h('dd', null, dd)];
}

async function remove(c, card, btn) {
  const box = h('div', { class: 'confirm' },
    h('p', null, `Remove ${c.name} from the directory?`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button button--warning' }, 'Yes, remove'),
      h('button', { type: 'button', class: 'button button--secondary' }, 'Cancel')));
  const [yes, no] = box.querySelectorAll('button');
  no.addEventListener('click', () => { box.remove(); btn.hidden = false; btn.focus(); });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await api('DELETE', '/api/v1/contacts/' + c.id);
      sessionStorage.setItem('ccscap.flash', `${c.name} was removed from the directory.`);
      await load();
      $('#flash').focus();
    } catch (e) {
      yes.disabled = false;
      box.prepend(problem(e.code === 'forbidden'
        ? 'You cannot remove this contact: ' + e.message + '.' : sentence(e.message)));
    }
  });
  btn.hidden = true;
  card.append(box);
  yes.focus();
}

function card(c) {
  const li = h('li', { class: 'card', id: 'contact-' + c.id });
  li.append(h('h3', null, c.name),
    h('dl', { class: 'dl' },
      detail('NCPOC category', c.role === 'ncpoc' ? CATEGORY[c.ncpoc_category] || 'Not given' : null),
      detail('Job title', c.title),
      detail('Organisation', c.organisation
        ? h('a', { href: '/organisation?id=' + c.organisation_id }, c.organisation) : null),
      detail('E-mail', c.email ? h('a', { href: 'mailto:' + c.email }, c.email) : 'Not given'),
      detail('Phone', c.phone ? h('a', { href: 'tel:' + c.phone.replace(/[^+0-9]/g, '') }, c.phone) : 'Not given'),
      detail('Availability', c.availability),
      detail('OpenPGP key', c.key_fingerprint ? h('span', { class: 'mono' }, c.key_fingerprint) : null),
      detail('Last changed', fmtDateTime(c.updated_at))));
  if (editable) {
    const btn = h('button', { type: 'button', class: 'button button--secondary' },
      'Remove', h('span', { class: 'vh' }, ' ' + c.name));
    btn.addEventListener('click', () => remove(c, li, btn));
    li.append(h('div', { class: 'actions' },
      h('a', { class: 'button button--secondary', href: '/contact?id=' + c.id },
        'Change', h('span', { class: 'vh' }, ' ' + c.name)), btn));
  }
  return li;
}

function contactsSection(st, role, title, addText) {
  const list = st.contacts.filter((c) => c.role === role);
  if (role === 'steering_member' && !list.length) return null;
  const parts = [h('h2', { id: 'h-' + role }, title)];
  if (role === 'ncpoc') {
    parts.push(h('p', null, `The plan provides for two NCPOCs per state. ${st.name} has ${st.ncpoc_count} of 2. `,
      st.ncpoc_gap ? h('span', { class: 'tag tag--gap' }, `Gap: ${2 - st.ncpoc_count} missing`)
        : h('span', { class: 'tag tag--ok' }, 'Complete')));
  } else if (INTRO[role]) {
    parts.push(h('p', { class: 'secondary' }, INTRO[role]));
  }
  parts.push(list.length ? h('ul', { class: 'cards' }, list.map(card))
    : h('p', null, `No ${ROLE[role]} is recorded for ${st.name}.`));
  if (editable && addText) {
    if (role === 'ncpoc' && !st.ncpoc_gap) {
      // At two the plan allows no more: the control stays in its place,
      // disabled, with the reason beside it (not a form that fails).
      parts.push(h('p', { class: 'secondary', id: 'ncpoc-full' },
        `${st.name} already has two NCPOCs. To name a different one, change or remove one first.`),
      h('p', null, h('button', {
        type: 'button', class: 'button button--secondary', id: 'add-ncpoc', disabled: true,
        'aria-describedby': 'ncpoc-full',
      }, addText)));
    } else {
      parts.push(h('p', null, h('a', {
        class: 'button button--secondary',
        href: `/contact?state=${st.code}&role=${role}`,
        id: role === 'ncpoc' ? 'add-ncpoc' : null,
      }, addText)));
    }
  }
  return h('section', { 'aria-labelledby': 'h-' + role, id: 's-' + role }, parts);
}

function orgList(st, orgs) {
  return h('section', { 'aria-labelledby': 'h-orgs' },
    h('h2', { id: 'h-orgs' }, `Bodies based in ${st.name}`),
    orgs.length
      ? h('ul', null, orgs.map((o) => h('li', null,
        h('a', { href: '/organisation?id=' + o.id }, orgLabel(o)))))
      : h('p', null, `No national bodies or regional agencies are recorded for ${st.name}.`));
}

async function load() {
  let st;
  try {
    st = await api('GET', '/api/v1/states/' + encodeURIComponent(code));
  } catch (e) {
    $('#title').textContent = e.status === 404 ? 'State not found' : 'State';
    $('#body').replaceChildren(problem(e.status === 404
      ? `There is no state with the code “${code}” in the directory.`
      : 'The state could not be loaded: ' + e.message,
    h('p', null, h('a', { href: '/' }, 'See all states'))));
    return;
  }
  $('#caption').textContent = STATUS[st.status] || 'State';
  $('#title').textContent = st.name;
  document.title = st.name + ' – ccscap';
  flash();
  const parts = [h('dl', { class: 'dl' }, detail('Internet country code', st.cctld))];
  if (!st.contacts) {
    let orgs = [];
    try {
      orgs = await apiAll('/api/v1/organisations?state=' + st.code);
    } catch { /* the list is optional here */ }
    parts.push(signInPrompt(`the NCPOCs, 24/7 e-evidence and CERT duty contacts of ${st.name}`),
      orgList(st, orgs));
  } else {
    editable = canEdit(user, st.code);
    if (!editable) {
      parts.push(h('p', { class: 'notice' }, user.state_code && user.state_code !== st.code
        ? `You can read these contacts. Only users for ${st.name}, coordinators and administrators can change them.`
        : `You can read these contacts. Your role (${USER_ROLE[user.role] || user.role}) cannot change them.`));
    }
    for (const [role, title, add] of SECTIONS) parts.push(contactsSection(st, role, title, add));
    parts.push(orgList(st, st.organisations));
  }
  $('#body').replaceChildren(...parts.filter(Boolean));
}

async function main() {
  $('#flash').tabIndex = -1;
  try {
    const s = await initPage();
    user = s && s.user;
  } catch { /* header says so */ }
  if (!/^[A-Z]{2}$/.test(code)) {
    $('#title').textContent = 'State not found';
    $('#body').replaceChildren(problem('This address does not name a state.',
      h('p', null, h('a', { href: '/' }, 'See all states'))));
    return;
  }
  await load();
}

main();
