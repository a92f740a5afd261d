// api.js: the one place that talks to the ccscap API. Adds the CSRF
// header to writes, turns every error reply into an ApiError carrying the
// server's code and message, and keeps the session for the page.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let session;        // promise of {user, csrf_token} or null
let csrf = null;

async function send(method, path, body, signal) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch(path, {
      method, headers, signal, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server could not be reached. ' +
      'Check your connection and try again.');
  }
  let data = null;
  try { data = await res.json(); } catch { /* empty or not JSON */ }
  if (!res.ok) {
    const err = data && data.error ? data.error : {};
    throw new ApiError(res.status, err.code || 'http_' + res.status,
      err.message || 'The server answered with status ' + res.status + '.');
  }
  return data;
}

/** GET, POST, PATCH or DELETE an API path; retries once after csrf_failed. */
export async function api(method, path, body, signal) {
  try {
    return await send(method, path, body, signal);
  } catch (e) {
    if (e.code !== 'csrf_failed') throw e;
    session = undefined;
    await getSession();
    return send(method, path, body, signal);
  }
}

/**
 * POSTs raw bytes (a File or Blob) to an API path with the CSRF header,
 * reporting upload progress (0..1) to @onProgress (fetch cannot); resolves
 * with the JSON reply, rejects with an ApiError.
 */
export async function upload(path, blob, type, onProgress) {
  const s = await getSession();
  return new Promise((ok, fail) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', type || 'application/octet-stream');
    if (s && s.csrf_token) xhr.setRequestHeader('X-CSRF-Token', s.csrf_token);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        ok(data);
        return;
      }
      const err = data && data.error ? data.error : {};
      fail(new ApiError(xhr.status, err.code || 'http_' + xhr.status,
        err.message || 'The server answered with status ' + xhr.status + '.'));
    });
    xhr.addEventListener('error', () => fail(new ApiError(0, 'network',
      'The server could not be reached. Check your connection and try again.')));
    xhr.send(blob);
  });
}

/** The signed-in session ({user, csrf_token}) or null; one request a page. */
export function getSession() {
  if (session === undefined) {
    session = send('GET', '/api/v1/session').then((s) => {
      csrf = s.csrf_token || null;
      return s;
    }, (e) => {
      if (e.status === 401) return null;
      throw e;
    });
  }
  return session;
}

/** Remembers the session returned by a sign-in. */
export function setSession(s) {
  csrf = s.csrf_token || null;
  session = Promise.resolve(s);
}

export async function signOut() {
  await api('DELETE', '/api/v1/session');
  csrf = null;
  session = Promise.resolve(null);
}

/**
 * Every row of a list that pages (the list contract): GETs @path page by
 * page, 200 rows at a time, following next_cursor; resolves with the rows.
 */
export async function apiAll(path) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api('GET', path + sep + 'limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...r.items);
    cursor = r.next_cursor;
  } while (cursor);
  return items;
}
