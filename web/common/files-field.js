// files-field.js: a form's "Files" field: the files chosen, each with its
// size and whether it can be sent (type, the 10 MB limit), uploaded one by
// one to /api/v1/evidence when the form is sent, with a progress bar each;
// the form then refers to them by SHA-256. Errors come back as
// {field: 'files', text} for the GOV.UK error summary.
import { ApiError, upload } from './api.js';
import { h } from './ui.js';

export const MAX_FILE = 10 * 1024 * 1024;   // the server's evidence_max default
export const MAX_FILES = 10;
const TYPES = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', txt: 'text/plain' };

/** "2.5 MB", "800 KB", "12 bytes". */
export function fmtBytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

function typeOf(f) {
  const ext = (f.name.split('.').pop() || '').toLowerCase();
  if (Object.values(TYPES).includes(f.type)) return f.type;
  return !f.type ? TYPES[ext] || null : null;
}

const tooBig = (f) => `“${f.name}” is ${fmtBytes(f.size)}: each file must be 10 MB or smaller`;
const badType = (f) => `“${f.name}” must be a PDF, PNG or JPEG image, or plain text`;

/**
 * The field around file input @input, listing the choice in @list.
 * Returns { check(): [{field, text}], send(progress): [{sha256, filename}],
 * refusal(e): {field, text} or null for an upload error }.
 */
export function filesField(input, list) {
  let chosen = [];

  function status(c, text, cls, fraction) {
    c.li.className = cls || '';
    c.li.replaceChildren(h('strong', null, c.file.name), ` (${fmtBytes(c.file.size)}): `, h('span', null, text),
      fraction === undefined ? null : h('progress', { max: '100', value: String(Math.round(fraction * 100)) },
        `${Math.round(fraction * 100)}%`));
  }

  input.addEventListener('change', () => {
    chosen = [...input.files].map((file) => ({ file, sha: null, li: h('li') }));
    for (const c of chosen) {
      if (c.file.size > MAX_FILE) status(c, 'too large: the limit is 10 MB', 'failed');
      else if (!typeOf(c.file)) status(c, 'not a PDF, PNG, JPEG or plain text file', 'failed');
      else if (c.file.size === 0) status(c, 'empty', 'failed');
      else status(c, 'ready: uploaded when you send');
    }
    list.replaceChildren(...chosen.map((c) => c.li));
  });

  function check() {
    const e = [];
    if (chosen.length > MAX_FILES) e.push({ field: input.id, text: `Attach ${MAX_FILES} files or fewer` });
    for (const c of chosen) {
      if (c.file.size > MAX_FILE) e.push({ field: input.id, text: tooBig(c.file) });
      else if (!typeOf(c.file)) e.push({ field: input.id, text: badType(c.file) });
      else if (c.file.size === 0) e.push({ field: input.id, text: `“${c.file.name}” is empty` });
      else if (new TextEncoder().encode(c.file.name).length > 200) {
        e.push({ field: input.id, text: `Rename “${c.file.name}” to 200 characters or fewer` });
      }
    }
    return e;
  }

  let failed = null;

  async function send() {
    failed = null;
    for (const c of chosen) {
      if (c.sha) continue;
      status(c, 'uploading, 0%', '', 0);
      try {
        const data = await upload('/api/v1/evidence', c.file, typeOf(c.file),
          (f) => status(c, `uploading, ${Math.round(f * 100)}%`, '', f));
        if (!data.sha256) throw new ApiError(500, 'internal', 'The server did not return the file’s hash.');
        c.sha = data.sha256;
        status(c, 'uploaded', 'done');
      } catch (e) {
        failed = c.file;
        status(c, 'not uploaded', 'failed');
        throw e;
      }
    }
    return chosen.map((c) => ({ sha256: c.sha, filename: c.file.name }));
  }

  /** The words for an upload or attachment refusal, or null. */
  function refusal(e) {
    const f = failed || { name: 'A file', size: MAX_FILE + 1 };
    const text = {
      evidence_too_large: tooBig(f),
      body_too_large: tooBig(f),
      forbidden_file_type: badType(f),
      invalid_file: `“${f.name}” could not be attached: ${e.message}`,
      unknown_file: 'A file was not uploaded completely. Choose the files again and send',
    }[e.code];
    return text ? { field: input.id, text } : null;
  }

  return { check, send, refusal, count: () => chosen.length };
}
