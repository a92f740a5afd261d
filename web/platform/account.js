// account.js: the signed-in user's own account and one-time code (TOTP)
// enrolment: start it, show the secret and otpauth URI as text, confirm.
import { api } from './api.js';
import { h, $, USER_ROLE, initPage, signInPrompt, problem, showErrors, sentence } from './ui.js';

function detail(dt, dd) {
  return [h('dt', null, dt), h('dd', null, dd)];
}

/** "ABCD EFGH ..." is easier to copy by hand than one long run. */
function grouped(secret) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function summary(me) {
  return h('dl', { class: 'dl', id: 'me' },
    detail('Name', me.display_name || me.login),
    detail('Login', me.login),
    detail('Role', USER_ROLE[me.role] || me.role),
    detail('State', me.state_code || 'All states (regional)'),
    detail('One-time codes', me.totp_enabled ? 'On' : 'Off'));
}

function totpOn() {
  return [h('h2', null, 'One-time codes'),
    h('p', null, 'One-time codes are on. Each time you sign in you enter the 6-digit code from your authenticator app.'),
    h('p', { class: 'secondary' }, 'If you lose the device with your authenticator app, ask an administrator to reset your one-time codes.')];
}

function confirmForm(enrol, me) {
  const errs = h('div');
  const form = h('form', { id: 'totp-confirm', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'code' }, 'Code from your authenticator app'),
      h('p', { class: 'hint', id: 'code-hint' }, 'Enter the 6-digit code the app shows now, to check it is set up.'),
      h('input', { type: 'text', id: 'code', class: 'w-code', inputmode: 'numeric',
        autocomplete: 'one-time-code', maxlength: '6', 'aria-describedby': 'code-hint' })),
    h('button', { type: 'submit', class: 'button' }, 'Turn on one-time codes'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const code = $('#code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      showErrors(form, errs, [{ field: 'code', text: 'Enter the 6 digits the app shows' }]);
      return;
    }
    const btn = form.querySelector('button');
    btn.disabled = true;
    try {
      await api('POST', '/api/v1/me/totp/confirm', { code });
      me.totp_enabled = true;
      $('#flash').replaceChildren(h('div', { class: 'success', role: 'status', tabindex: '-1' },
        h('h2', null, 'One-time codes are on'),
        h('p', null, 'From now on, enter a code from your authenticator app each time you sign in.')));
      render(me);
      $('#flash').firstChild.focus();
    } catch (e) {
      btn.disabled = false;
      showErrors(form, errs, [{ field: 'code', text: e.code === 'invalid_totp'
        ? 'The code is wrong. Check that the clock of your device is right and enter the newest code'
        : sentence(e.message) }]);
    }
  });
  return [
    h('h3', null, '1. Add this key to your authenticator app'),
    h('p', null, 'In the app, choose to add an account by entering a setup key, and type this key:'),
    h('p', null, h('span', { class: 'mono secret', id: 'totp-secret' }, grouped(enrol.secret))),
    h('p', null, 'The app may instead accept this setup address:'),
    h('p', { class: 'mono', id: 'totp-uri' }, enrol.otpauth_uri),
    h('p', { class: 'warning' }, 'Keep this key secret. Anyone with it can make your codes.'),
    h('h3', null, '2. Check the code'),
    errs, form,
  ];
}

function totpOff(me) {
  const sec = h('section', { id: 'totp' });
  const btn = h('button', { type: 'button', class: 'button' }, 'Set up one-time codes');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const enrol = await api('POST', '/api/v1/me/totp');
      const head = h('h2', { tabindex: '-1' }, 'Set up one-time codes');
      sec.replaceChildren(head, ...confirmForm(enrol, me));
      head.focus();
    } catch (e) {
      btn.disabled = false;
      $('#errors').replaceChildren(problem('One-time codes could not be set up: ' + e.message));
    }
  });
  sec.append(h('h2', null, 'One-time codes'),
    h('p', null, 'One-time codes protect your account if someone learns your password. You need an authenticator app on your phone or computer.'),
    btn);
  return sec;
}

function render(me) {
  $('#body').replaceChildren(summary(me), ...(me.totp_enabled ? totpOn() : [totpOff(me)]));
}

async function main() {
  $('#flash').tabIndex = -1;
  let s = null;
  try { s = await initPage(); } catch { /* header says so */ }
  if (!s || !s.user) {
    $('#body').replaceChildren(signInPrompt('your account'));
    return;
  }
  try {
    render(await api('GET', '/api/v1/me'));
  } catch (e) {
    $('#body').replaceChildren(problem('Your account could not be loaded: ' + e.message));
  }
}

main();
