// repeat.js: a repeatable group of fields ("Add a budget", "Remove
// budget 2"), after the GOV.UK "add another" pattern and written here.
// Each row is a fieldset whose legend names it and its position; every
// input has its own label. A row's ids never change (a counter numbers
// them), so an error placed beside a field stays there; the legends and
// buttons are renumbered when a row goes. Adding a row moves the focus to
// its first field, removing one to the next row or the add button, and a
// polite status line says what happened.
import { h } from './ui.js';

/**
 * A repeater in @host (a fieldset.field with a legend and hint).
 * spec: {id, noun, fields: [{key, label, kind: 'text'|'date'|'select',
 * options: [[value, text]], hint, cls, inputmode, maxlength, dflt}],
 * keep: [keys]}: members of a row's starting values the form does not show
 * (keep) are handed back unchanged by values().
 * Returns {add(values), values(), fieldId(i, key), addId, count()}.
 */
export function repeater(host, spec) {
  const rows = h('div', { class: 'repeat-rows', id: spec.id + '-rows' });
  const status = h('p', { class: 'vh', role: 'status' });
  const cap = spec.noun.charAt(0).toUpperCase() + spec.noun.slice(1);
  const addId = spec.id + '-add';
  let next = 1;

  const live = () => [...rows.children];
  function renumber() {
    live().forEach((row, i) => {
      row.querySelector('legend').textContent = `${cap} ${i + 1}`;
      row.querySelector('.repeat-remove').textContent = `Remove ${spec.noun} ${i + 1}`;
    });
  }

  function input(f, id, v) {
    const desc = f.hint ? id + '-hint' : null;
    if (f.kind === 'select') {
      const sel = h('select', { id, name: id, 'aria-describedby': desc },
        f.options.map(([val, text]) => h('option', { value: val }, text)));
      sel.value = v === undefined || v === null ? (f.dflt ?? f.options[0][0]) : String(v);
      return sel;
    }
    return h('input', { type: f.kind === 'date' ? 'date' : 'text', id, name: id, class: f.cls || null,
      inputmode: f.inputmode || null, maxlength: f.maxlength || null, autocomplete: 'off',
      'aria-describedby': desc, value: v === undefined || v === null ? (f.dflt ?? '') : String(v) });
  }

  function add(values = {}, focus = false) {
    const n = next++;
    const row = h('fieldset', { class: 'repeat-row', id: `${spec.id}${n}`, 'data-n': String(n) },
      h('legend', { class: 'h4' }, cap),
      h('div', { class: 'repeat-fields' }, spec.fields.map((f) => {
        const id = `${spec.id}${n}-${f.key}`;
        return h('div', { class: 'field' }, h('label', { for: id }, f.label),
          f.hint ? h('p', { class: 'hint', id: id + '-hint' }, f.hint) : null, input(f, id, values[f.key]));
      })),
      h('button', { class: 'button button--secondary repeat-remove', type: 'button', id: `${spec.id}${n}-remove`,
        onclick: () => {
          const after = row.nextElementSibling;
          row.remove();
          renumber();
          status.textContent = `${cap} removed. ${live().length} left.`;
          (after ? after.querySelector('input, select') : document.getElementById(addId)).focus();
        } }, 'Remove'));
    row.kept = Object.fromEntries((spec.keep || []).filter((k) => values[k] !== undefined && values[k] !== null)
      .map((k) => [k, values[k]]));
    rows.append(row);
    renumber();
    if (focus) {
      row.querySelector('input, select').focus();
      status.textContent = `${cap} ${live().length} added.`;
    }
  }

  host.append(rows, h('button', { class: 'button button--secondary', type: 'button', id: addId,
    onclick: () => add({}, true) }, `Add ${/^[aeiou]/.test(spec.noun) ? 'an' : 'a'} ${spec.noun}`), status);

  return {
    addId,
    add: (v) => add(v, false),
    count: () => live().length,
    /** [{key: trimmed text, kept members}] in the order shown. */
    values: () => live().map((row) => ({ ...row.kept, ...Object.fromEntries(spec.fields.map((f) => {
      const el = row.querySelector(`#${spec.id}${row.dataset.n}-${f.key}`);
      return [f.key, el.value.trim()];
    })) })),
    /** The id of field @key of the @i-th row shown (its first field if none). */
    fieldId: (i, key) => {
      const row = live()[i];
      if (!row) return addId;
      const k = spec.fields.some((f) => f.key === key) ? key : spec.fields[0].key;
      return `${spec.id}${row.dataset.n}-${k}`;
    },
  };
}
