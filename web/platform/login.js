// login.js: sign-in in two steps: login and password, then, when the
// server answers totp_required, the 6-digit one-time code on its own.
import { api, setSession } from './api.js';
import { h, $, initPage, safeNext, showErrors, clearErrors, sentence, USER_ROLE } from './ui.js';

const form = $('#signin');
const errors = $('#errors');
// Without ?next= a user lands on the start page of their role.
const next = safeNext(new URLSearchParams(location.search).get('next'), '/start');
// The server's page (POST /login without scripts) may come back at the
// one-time code step, with the password to type again.
let step = $('#step2').hidden ? 1 : 2;

function toStep2() {
  step = 2;
  $('#step1').hidden = true;
  $('#step2').hidden = false;
  $('#restart').hidden = false;
  $('#title').textContent = 'Enter your one-time code';
  document.title = 'Enter your one-time code – ccscap';
  $('#code').value = '';
  $('#code').focus();
}

function check() {
  const errs = [];
  if (!$('#step1').hidden) {
    if (!$('#login').value.trim()) errs.push({ field: 'login', text: 'Enter your login' });
    if (!$('#password').value) errs.push({ field: 'password', text: 'Enter your password' });
  }
  if (step === 2 && !/^[0-9]{6}$/.test($('#code').value.trim())) {
    errs.push({ field: 'code', text: 'Enter the 6-digit code from your authenticator app' });
  }
  return errs;
}

async function submit(ev) {
  ev.preventDefault();
  const errs = check();
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  const body = { login: $('#login').value.trim(), password: $('#password').value };
  if (step === 2) body.totp = $('#code').value.trim();
  const btn = $('#submit');
  btn.disabled = true;
  try {
    const s = await api('POST', '/api/v1/session', body);
    setSession(s);
    $('#password').value = '';
    location.assign(next);
  } catch (e) {
    btn.disabled = false;
    if (e.code === 'totp_required') {
      clearErrors(form, errors);
      toStep2();
      return;
    }
    if (e.code === 'invalid_credentials' && step === 2) {
      // The server does not say which of password and code was wrong
      // (so the password cannot be confirmed without the code): start
      // again from the password.
      step = 1;
      $('#step1').hidden = false;
      $('#step2').hidden = true;
      $('#restart').hidden = true;
      $('#title').textContent = 'Sign in';
      document.title = 'Sign in – ccscap';
      $('#password').value = '';
      showErrors(form, errors, [{ field: 'password', text: 'The password or the one-time code is wrong. Enter your password, then the next code' }]);
      return;
    }
    const map = {
      invalid_credentials: { field: 'password', text: 'The login or password is wrong' },
      too_many_attempts: { field: null, text: 'There have been too many failed sign-ins. Try again later' },
    };
    showErrors(form, errors, [map[e.code] || { field: null, text: sentence(e.message) }]);
    if (e.code === 'invalid_credentials') $('#password').value = '';
  }
}

async function main() {
  let s = null;
  try { s = await initPage(); } catch { /* offer the form anyway */ }
  if (s && s.user) {
    const box = $('#already');
    box.replaceChildren(h('p', null, 'You are signed in as ',
      h('strong', null, s.user.display_name || s.user.login),
      ` (${USER_ROLE[s.user.role] || s.user.role}).`),
    h('p', null, h('a', { href: next }, 'Continue'), ' or use the sign-out link at the top of the page.'));
    box.hidden = false;
    form.hidden = true;
    return;
  }
  form.hidden = false;
  form.addEventListener('submit', submit);
}

main();
