// subscriptions.js: the signed-in user's subscriptions (topic and value,
// with the e-mail address or webhook of each), following something new and
// stopping. The choices come from the server's vocabularies and states.
import { api } from './api.js';
import { h, $, fmtDate, showErrors, clearErrors, refusal } from './ui.js';
import { loadVocab, loadStates, startPage, loadFailed, plural, IND_TYPES } from './sharing.js';

const gate = $('#gate');
const form = $('#follow');
const errors = $('#errors');
const TOPIC = { state: 'State', sector: 'Sector', rsit: 'Class of incident', indicator_type: 'Type of indicator' };
const FIELD_OF = {
  unknown_topic: 'topic', invalid_state_code: 'value', unknown_state: 'value', already_subscribed: 'value',
  invalid_email: 'email', invalid_url: 'webhook_url', email: 'email', webhook_url: 'webhook_url',
};
let choices = {};

const topicNow = () => form.querySelector('input[name="topic"]:checked').value;
const channelNow = () => form.querySelector('input[name="channel"]:checked').value;
const valueName = (t, v) => (choices[t] || []).find(([k]) => k === v)?.[1] || v;

function fillValues() {
  $('#value').replaceChildren(...choices[topicNow()].map(([k, name]) => h('option', { value: k }, name)));
}

function fillChannel() {
  $('#email-field').hidden = channelNow() !== 'email';
  $('#webhook-field').hidden = channelNow() !== 'webhook';
}

async function stop(s, btn) {
  btn.disabled = true;
  try {
    await api('DELETE', '/api/v1/subscriptions/' + s.id);
    $('#flash').replaceChildren(h('div', { class: 'success' },
      h('p', null, `You no longer follow ${TOPIC[s.topic].toLowerCase()} ${valueName(s.topic, s.value)}.`)));
    await list();
  } catch (e) {
    btn.disabled = false;
    $('#flash').replaceChildren(h('div', { class: 'error-summary', role: 'alert' },
      h('h2', null, 'There is a problem'), h('p', null, e.message)));
  }
}

async function list() {
  const r = await api('GET', '/api/v1/subscriptions');
  $('#count').textContent = r.items.length ? `You follow ${plural(r.items.length, 'subject', 'subjects')}.`
    : 'You follow nothing yet.';
  $('#results').replaceChildren(r.items.length ? h('table', { class: 'stack', id: 'sub-table' },
    h('caption', { class: 'vh' }, 'Your subscriptions'),
    h('thead', null, h('tr', null, ['Follows', 'Told by', 'Since', 'Action']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, r.items.map((s) => {
      const btn = h('button', { type: 'button', class: 'button button--secondary small-button' },
        'Stop following', h('span', { class: 'vh' }, ` ${valueName(s.topic, s.value)}`));
      btn.addEventListener('click', () => stop(s, btn));
      return h('tr', { id: 'sub-' + s.id },
        h('td', null, `${TOPIC[s.topic] || s.topic}: `, h('strong', null, valueName(s.topic, s.value))),
        h('td', { 'data-label': 'Told by' }, ['Inbox', s.email ? `e-mail to ${s.email}` : null,
          s.webhook_url ? `webhook ${s.webhook_url}` : null].filter(Boolean).join(', ')),
        h('td', { 'data-label': 'Since' }, fmtDate(s.created_at)),
        h('td', { 'data-label': 'Action' }, btn));
    }))) : '');
}

async function submit(ev) {
  ev.preventDefault();
  const body = { topic: topicNow(), value: $('#value').value };
  const errs = [];
  if (channelNow() === 'email') {
    body.email = $('#email').value.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) {
      errs.push({ field: 'email', text: 'Enter an e-mail address, like name@example.org' });
    }
  } else if (channelNow() === 'webhook') {
    body.webhook_url = $('#webhook_url').value.trim();
    if (!/^https?:\/\/\S+$/.test(body.webhook_url)) {
      errs.push({ field: 'webhook_url', text: 'Enter the webhook address, starting with https://' });
    }
  }
  if (errs.length) {
    showErrors(form, errors, errs);
    return;
  }
  clearErrors(form, errors);
  $('#send').disabled = true;
  try {
    await api('POST', '/api/v1/subscriptions', body);
    $('#flash').replaceChildren(h('div', { class: 'success' },
      h('p', null, `You now follow ${TOPIC[body.topic].toLowerCase()} ${valueName(body.topic, body.value)}.`)));
    await list();
  } catch (e) {
    showErrors(form, errors, [refusal(e, FIELD_OF)]);
  } finally {
    $('#send').disabled = false;
  }
}

async function main() {
  const user = await startPage(gate, 'your subscriptions');
  if (!user) return;
  try {
    const [v, st] = await Promise.all([loadVocab(), loadStates()]);
    choices = {
      state: st.items.map((s) => [s.code, `${s.name} (${s.code})`]),
      sector: v.sectors.map((s) => [s.key, s.name]),
      rsit: v.rsit.map((c) => [c.key, c.name]),
      indicator_type: IND_TYPES,
    };
    for (const r of form.querySelectorAll('input[name="topic"]')) r.addEventListener('change', fillValues);
    for (const r of form.querySelectorAll('input[name="channel"]')) r.addEventListener('change', fillChannel);
    fillValues();
    fillChannel();
    form.addEventListener('submit', submit);
    gate.replaceChildren();
    $('#page').hidden = false;
    await list();
  } catch (e) {
    $('#page').hidden = true;
    loadFailed(gate, 'Your subscriptions', e);
  }
}

main();
