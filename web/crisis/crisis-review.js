// crisis-review.js: the post-incident review form of a closed crisis:
// the lesson (what happened, what worked, what to change, its TLP) and
// recommendations with one due date and timeframe. A refusal of any part
// stores nothing and is shown beside its field.
import { api } from './api.js';
import { $, clearErrors } from './ui.js';
import { startCrisis, loadFailed, refused } from './crisis-common.js';

const id = new URLSearchParams(location.search).get('id');

async function main() {
  const gate = $('#gate');
  let c;
  try {
    const user = await startCrisis(gate, 'the review form');
    if (!user) return;
    c = await api('GET', '/api/v1/crises/' + encodeURIComponent(id));
  } catch (e) {
    loadFailed(gate, 'The crisis', e);
    return;
  }
  $('#title').value = 'Lessons of ' + c.title;
  document.title = 'Review of ' + c.title + ' – ccscap';
  $('#page-title').textContent = 'Post-incident review: ' + c.title;
  const form = $('#review-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, $('#errors'));
    const recs = $('#rec-text').value.split('\n').map((x) => x.trim()).filter(Boolean)
      .map((text) => ({ text, due_date: $('#rec-due').value.trim(), timeframe: $('#rec-timeframe').value }));
    try {
      await api('POST', `/api/v1/crises/${c.id}/review`, {
        title: $('#title').value.trim(), what_happened: $('#what_happened').value.trim(),
        what_worked: $('#what_worked').value.trim(), what_to_change: $('#what_to_change').value.trim(),
        tlp: $('#tlp').value, recommendations: recs,
      });
      location.href = '/crisis?id=' + c.id;
    } catch (e) {
      refused(form, $('#errors'), e, { invalid_due_date: 'rec-due', due_date: 'rec-due',
        recommendations: 'rec-text', invalid_timeframe: 'rec-timeframe' });
    }
  });
  gate.replaceChildren();
  $('#content').hidden = false;
}

main();
