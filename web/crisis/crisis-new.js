// crisis-new.js: the declaration form. Incident ids are checked by the
// server (an incident the user may not read is answered as unknown); a
// refusal is shown beside the field it names.
import { api } from './api.js';
import { h, $, clearErrors } from './ui.js';
import { startCrisis, loadFailed, refused, SEVERITY } from './crisis-common.js';

async function main() {
  const gate = $('#gate');
  let user;
  try {
    user = await startCrisis(gate, 'the declaration form');
  } catch (e) {
    loadFailed(gate, 'The form', e);
    return;
  }
  if (!user) return;
  $('#state-field').hidden = !!user.state_code;
  $('#severity-choices').replaceChildren(...SEVERITY.map((t, i) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name: 'severity', id: 'severity-' + i, value: String(i) }),
    h('label', { for: 'severity-' + i }, t))));
  const form = $('#declare-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, $('#errors'));
    const sev = form.querySelector('input[name="severity"]:checked');
    const body = {
      title: $('#title').value.trim(), summary: $('#summary').value.trim(),
      severity: sev ? Number(sev.value) : -1,
      incident_ids: $('#incident_ids').value.split(',').map((x) => x.trim()).filter(Boolean)
        .map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
      sitrep_hours: Number($('#sitrep_hours').value || 6),
    };
    if (!user.state_code) body.state = $('#state').value.trim().toUpperCase();
    try {
      const c = await api('POST', '/api/v1/crises', body);
      location.href = '/crisis?id=' + c.id;
    } catch (e) {
      refused(form, $('#errors'), e, { incidents_required: 'incident_ids',
        unknown_incident: 'incident_ids', invalid_incident: 'incident_ids',
        duplicate_incident: 'incident_ids', invalid_severity: 'severity',
        invalid_sitrep_hours: 'sitrep_hours', unknown_state: 'state' });
    }
  });
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
