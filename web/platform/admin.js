// admin.js: administration for administrators (accounts, passwords,
// one-time codes, API tokens) and coordinators (constituency claims);
// both check the audit trail here and read it on /audit (audit.js).
// The accounts are a list.js list: sorted, filtered, paged, CSV. Each action calls the API, which
// authorises and audits it; secrets the server shows once are shown once.
import { api, apiAll } from './api.js';
import { createList } from './list.js';
import {
  h, $, initPage, fmtDate, showErrors, clearErrors, refusal, problem, sentence, here, USER_ROLE,
} from './ui.js';

const gate = $('#gate');
let me;
let states = [];
let current = null;     // the account open in the panel

function flash(text, ok = true) {
  const box = ok ? h('div', { class: 'success', tabindex: '-1' }, h('p', null, text))
    : problem(text);
  $('#flash').replaceChildren(box);
  box.focus();
}

const stateName = (code) => (states.find((s) => s.code === code) || {}).name || code;

// ---------------------------------------------------------------- accounts

let accountList = null;

/** The accounts (web/common/list.js): sorted, filtered, paged, CSV. */
async function accounts() {
  if (!accountList) {
    accountList = createList({
      endpoint: '/api/v1/users', form: $('#accounts-filters'), errors: $('#accounts-errors'),
      host: $('#accounts-list'), id: 'user-table', caption: 'Accounts',
      noun: ['account', 'accounts'], sort: 'login', order: 'asc', statusId: 'accounts-count',
      rowId: (u) => 'user-' + u.login, empty: 'No account matches these filters.',
      fieldOf: { invalid_date: 'a-from', invalid_query: 'a-q', invalid_role: 'a-role', invalid_status: 'a-status' },
      columns: [
        {
          label: 'Account', sort: 'login',
          cell: (u) => [h('strong', null, u.display_name), h('br'), h('span', { class: 'mono small' }, u.login)],
        },
        {
          label: 'Role', sort: 'role',
          cell: (u) => [USER_ROLE[u.role] || u.role, u.state_code ? `, ${stateName(u.state_code)}` : ''],
        },
        { label: 'One-time code', cell: (u) => (u.totp_enabled ? 'In use' : 'None') },
        {
          label: 'Status', sort: 'status',
          cell: (u) => (u.disabled ? h('span', { class: 'tag tag--gap' }, 'Disabled')
            : h('span', { class: 'tag tag--ok' }, 'Active')),
        },
        { label: 'Made', sort: 'created_at', cls: 'date', cell: (u) => fmtDate(u.created_at) },
        { label: 'Actions', cls: 'actions-cell', cell: userActions },
      ],
    });
  }
  await accountList.load();
}

function userActions(u) {
  const off = !!u.disabled;
  const btn = (text, fn) => {
    const b = h('button', { type: 'button', class: 'button button--secondary small-button' },
      text, h('span', { class: 'vh' }, ` ${u.login}`));
    b.addEventListener('click', () => fn(u, b));
    return b;
  };
  return [btn('Manage', openPanel), ' ',
    u.login === me.login ? null : btn(off ? 'Enable' : 'Disable', toggle), ' ',
    btn('Reset one-time code', resetTotp)];
}

async function toggle(u, b) {
  const verb = u.disabled ? 'enable' : 'disable';
  if (verb === 'disable' && !window.confirm(`Disable ${u.login}? Their sessions end and their API tokens are revoked.`)) return;
  b.disabled = true;
  try {
    await api('POST', `/api/v1/users/${encodeURIComponent(u.login)}/${verb}`);
    await accounts();
    flash(`${u.login} is ${verb}d${verb === 'disable' ? ': sessions ended, API tokens revoked' : ''}.`);
  } catch (e) {
    b.disabled = false;
    flash(sentence(e.message), false);
  }
}

/** The secret, shown once, with what to do with it. */
function secretBox(title, lines) {
  return h('div', { class: 'notice secret', id: 'secret-box', tabindex: '-1' }, h('h4', null, title),
    ...lines.map(([k, v]) => h('p', null, `${k}: `, h('code', { class: 'mono' }, v))),
    h('p', { class: 'small' }, 'Shown only now: give it to the person by a separate, safe channel. Reloading the page hides it.'));
}

async function resetTotp(u, b) {
  if (!window.confirm(`Give ${u.login} a new one-time code secret? Their authenticator app stops working until they add the new one.`)) return;
  b.disabled = true;
  try {
    const r = await api('POST', `/api/v1/users/${encodeURIComponent(u.login)}/totp`);
    await accounts();
    await openPanel(u);
    const box = secretBox(`New one-time code secret for ${u.login}`,
      [['Secret', r.secret], ['Authenticator link', r.otpauth_uri]]);
    $('#user-secret').replaceChildren(box);
    box.focus();
  } catch (e) {
    flash(sentence(e.message), false);
  } finally {
    b.disabled = false;
  }
}

async function tokens(u) {
  const path = `/api/v1/users/${encodeURIComponent(u.login)}/tokens`;
  const r = { items: await apiAll(path) };
  $('#tokens').replaceChildren(r.items.length ? h('p', null, `${r.items.length} API token${r.items.length === 1 ? '' : 's'} · `,
    h('a', { href: path + '?format=csv', download: '', class: 'download-csv' }, 'Download CSV')) : '',
  r.items.length ? h('table', { class: 'stack', id: 'token-table' },
    h('caption', { class: 'vh' }, `API tokens of ${u.login}`),
    h('thead', null, h('tr', null, ['Name', 'Created', 'Expires', 'Status', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, r.items.map((t) => {
      let act = null;
      if (t.active) {
        act = h('button', { type: 'button', class: 'button button--secondary small-button' }, 'Revoke',
          h('span', { class: 'vh' }, ` ${t.name}`));
        act.addEventListener('click', async () => {
          act.disabled = true;
          try {
            await api('POST', `/api/v1/tokens/${t.id}/revoke`);
            await tokens(u);
          } catch (e) {
            act.disabled = false;
            $('#token-errors').replaceChildren(problem(sentence(e.message)));
          }
        });
      }
      return h('tr', { id: 'token-' + t.id }, h('td', null, t.name),
        h('td', { 'data-label': 'Created' }, fmtDate(t.created_at)),
        h('td', { 'data-label': 'Expires' }, t.expires_at ? fmtDate(t.expires_at) : 'Never'),
        h('td', { 'data-label': 'Status' }, t.active ? 'Active' : t.revoked ? 'Revoked' : 'Expired'),
        h('td', null, act));
    }))) : h('p', { class: 'secondary' }, 'No API tokens.'));
}

async function openPanel(u) {
  current = u;
  $('#user-panel-h').textContent = `${u.display_name} (${u.login})`;
  $('#user-secret').replaceChildren();
  clearErrors($('#pw-form'), $('#pw-errors'));
  clearErrors($('#token-form'), $('#token-errors'));
  $('#user-panel').hidden = false;
  await tokens(u);
  $('#user-panel').focus();
}

async function setPassword(ev) {
  ev.preventDefault();
  const form = $('#pw-form');
  const pw = $('#new-password').value;
  if (pw.length < 12) {
    showErrors(form, $('#pw-errors'), [{ field: 'new-password', text: 'Enter a password of at least 12 characters' }]);
    return;
  }
  try {
    await api('POST', `/api/v1/users/${encodeURIComponent(current.login)}/password`, { password: pw });
    clearErrors(form, $('#pw-errors'));
    $('#new-password').value = '';
    flash(`The password of ${current.login} is set.`);
  } catch (e) {
    showErrors(form, $('#pw-errors'), [refusal(e, { weak_password: 'new-password', password: 'new-password' })]);
  }
}

async function createToken(ev) {
  ev.preventDefault();
  const form = $('#token-form');
  const name = $('#token-name').value.trim();
  const days = $('#token-days').value.trim();
  const errs = [];
  if (!name) errs.push({ field: 'token-name', text: 'Enter what the token is for' });
  if (!/^\d{1,4}$/.test(days)) errs.push({ field: 'token-days', text: 'Enter the number of days, 0 for no expiry' });
  if (errs.length) {
    showErrors(form, $('#token-errors'), errs);
    return;
  }
  try {
    const r = await api('POST', `/api/v1/users/${encodeURIComponent(current.login)}/tokens`,
      { name, ttl_days: Number(days) });
    clearErrors(form, $('#token-errors'));
    $('#token-name').value = '';
    await tokens(current);
    const box = secretBox(`New API token “${name}” for ${current.login}`, [['Token', r.token]]);
    $('#user-secret').replaceChildren(box);
    box.focus();
  } catch (e) {
    showErrors(form, $('#token-errors'), [refusal(e, { invalid_name: 'token-name', invalid_ttl: 'token-days' })]);
  }
}

async function createUser(ev) {
  ev.preventDefault();
  const form = $('#user-form');
  const body = {
    login: $('#u-login').value.trim(), display_name: $('#u-name').value.trim(),
    role: $('#u-role').value, password: $('#u-password').value,
  };
  if ($('#u-state').value) body.state = $('#u-state').value;
  const errs = [];
  if (!/^[a-z0-9._-]{3,64}$/.test(body.login)) errs.push({ field: 'u-login', text: 'Enter a login of 3 to 64 lower-case letters, digits, “.”, “_” or “-”' });
  if (!body.display_name) errs.push({ field: 'u-name', text: 'Enter the person’s full name' });
  if (body.password.length < 12) errs.push({ field: 'u-password', text: 'Enter a password of at least 12 characters' });
  if (errs.length) {
    showErrors(form, $('#user-errors'), errs);
    return;
  }
  $('#user-send').disabled = true;
  try {
    const r = await api('POST', '/api/v1/users', body);
    clearErrors(form, $('#user-errors'));
    form.reset();
    await accounts();
    flash(`The account ${r.login} is created.`);
    if (r.totp_secret) {
      $('#flash').append(secretBox(`One-time code secret for ${r.login}`, [['Secret', r.totp_secret]]));
    }
  } catch (e) {
    showErrors(form, $('#user-errors'), [refusal(e, {
      invalid_login: 'u-login', duplicate_login: 'u-login', invalid_name: 'u-name', invalid_role: 'u-role',
      state_required: 'u-state', weak_password: 'u-password', login: 'u-login', display_name: 'u-name',
      password: 'u-password', state: 'u-state',
    })]);
  } finally {
    $('#user-send').disabled = false;
  }
}

// ------------------------------------------------------------------ claims

async function claims() {
  const r = await api('GET', '/api/v1/constituencies?status=pending');
  if (!r.items.length) {
    $('#claims-list').replaceChildren(h('p', null, 'No claim is waiting for a decision.'));
    return;
  }
  $('#claims-list').replaceChildren(h('ul', { class: 'cards', id: 'claim-list' }, r.items.map((c) => {
    const reason = h('input', { type: 'text', id: 'reason-' + c.id, class: 'w-mid', maxlength: '2000' });
    const decide = (verb) => async (ev) => {
      ev.target.disabled = true;
      try {
        const body = reason.value.trim() ? { reason: reason.value.trim() } : (verb === 'reject' ? null : undefined);
        if (body === null) {
          ev.target.disabled = false;
          showErrors(li.querySelector('form'), li.querySelector('.claim-errors'),
            [{ field: 'reason-' + c.id, text: 'Say why the claim is rejected' }]);
          return;
        }
        await api('POST', `/api/v1/constituencies/${c.id}/${verb}`, body || {});
        flash(`The claim of ${stateName(c.state)} to ${c.value} is ${verb === 'approve' ? 'approved' : 'rejected'}.`);
        await claims();
      } catch (e) {
        ev.target.disabled = false;
        flash(sentence(e.message), false);
      }
    };
    const li = h('li', { class: 'card', id: 'claim-' + c.id },
      h('h3', null, `${stateName(c.state)}: `, h('span', { class: 'mono' }, c.value)),
      h('p', { class: 'secondary small' }, `${c.kind}, claimed by ${c.claimed_by} on ${fmtDate(c.created_at)}`),
      h('div', { class: 'claim-errors' }),
      h('form', { novalidate: true, onsubmit: (ev) => ev.preventDefault() },
        h('div', { class: 'field' }, h('label', { for: 'reason-' + c.id }, 'Reason (needed to reject)'), reason),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button', onclick: decide('approve') }, 'Approve',
            h('span', { class: 'vh' }, ` ${c.value}`)), ' ',
          h('button', { type: 'button', class: 'button button--secondary', onclick: decide('reject') }, 'Reject',
            h('span', { class: 'vh' }, ` ${c.value}`)))));
    return li;
  })));
}

// ------------------------------------------------------------------- audit

async function verify() {
  const b = $('#verify');
  b.disabled = true;
  $('#verify-result').textContent = 'Checking every event…';
  try {
    const r = await api('GET', '/api/v1/audit/verify');
    $('#verify-result').replaceChildren(r.intact
      ? h('div', { class: 'success' }, h('p', null, `The chain is intact: all ${r.events} events check out.`))
      : problem(`The chain is broken at event ${r.bad_seq}: ${r.reason}. Events from there on cannot be trusted; keep a copy of the database and tell the operators.`));
  } catch (e) {
    $('#verify-result').replaceChildren(problem(sentence(e.message)));
  } finally {
    b.disabled = false;
  }
}

async function main() {
  let s = null;
  try { s = await initPage(); } catch { /* the header says so */ }
  me = s && s.user;
  if (!me) {
    gate.replaceChildren(h('div', { class: 'notice' }, h('p', null,
      h('a', { href: '/login?next=' + encodeURIComponent(here()) }, 'Sign in'), ' to administer ccscap.')));
    return;
  }
  const admin = me.role === 'admin';
  const coord = me.role === 'coordinator';
  if (!admin && !coord) {
    gate.replaceChildren(problem('Administration is for administrators and coordinators. ' +
      `Your role is ${USER_ROLE[me.role] || me.role}.`));
    return;
  }
  try {
    states = (await api('GET', '/api/v1/states')).items;
    const links = [];
    if (admin) {
      $('#u-role').replaceChildren(...Object.entries(USER_ROLE).map(([k, v]) => h('option', { value: k }, v)));
      $('#u-state').replaceChildren(h('option', { value: '' }, 'None (regional)'),
        ...states.map((st) => h('option', { value: st.code }, st.name)));
      $('#user-form').addEventListener('submit', createUser);
      $('#pw-form').addEventListener('submit', setPassword);
      $('#token-form').addEventListener('submit', createToken);
      $('#a-role').append(...Object.entries(USER_ROLE).map(([k, v]) => h('option', { value: k }, v)));
      $('#a-state').append(...states.map((st) => h('option', { value: st.code }, st.name)));
      $('#accounts').hidden = false;
      links.push(['#accounts', 'Accounts']);
      await accounts();
    }
    if (coord) {
      $('#claims').hidden = false;
      links.push(['#claims', 'Constituency claims']);
      await claims();
    }
    $('#audit').hidden = false;
    links.push(['#audit', 'Audit trail']);
    $('#sections').replaceChildren(...links.map(([href, t]) => h('li', null, h('a', { href }, t))));
    $('#verify').addEventListener('click', verify);
    gate.replaceChildren();
    $('#page').hidden = false;
  } catch (e) {
    gate.replaceChildren(problem(`The administration page could not be loaded: ${sentence(e.message)}`));
  }
}

main();
