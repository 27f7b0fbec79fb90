// The app's door to the service: the technician's bearer token (kept in IndexedDB so the queue can be sent after the
// app was closed), one refresh at a time (refresh tokens rotate), and the caller's language for the texts the API writes.
import { kv } from './db.js';
import { locale } from './texts.js';

let session = null;
let refreshing = null;

export class Offline extends Error {}

export async function loadSession() { session = (await kv.get('session')) || null; return session; }
export function currentSession() { return session; }

async function keep(next) {
  session = next;
  if (next) await kv.set('session', next); else await kv.remove('session');
}

export async function signIn(username, password) {
  const response = await call('POST', '/api/v1/auth/token', { json: { username, password }, anonymous: true });
  if (!response.ok) throw await problemOf(response);
  const tokens = await response.json();
  if (tokens.role !== 'technician') throw { status: 403, notTechnician: true };
  await keep({ ...tokens, username });
  return tokens;
}

export async function signOut() {
  const token = session?.refreshToken;
  await keep(null);
  if (token) await call('POST', '/api/v1/auth/revoke', { json: { refreshToken: token }, anonymous: true }).catch(() => {});
}

function refresh() {
  refreshing ??= (async () => {
    const response = await call('POST', '/api/v1/auth/refresh', { json: { refreshToken: session?.refreshToken }, anonymous: true });
    if (!response.ok) { await keep(null); throw await problemOf(response); }
    await keep({ ...session, ...(await response.json()) });
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** One request; a network failure is an Offline error, an expired access token is refreshed once. */
export async function call(method, path, { json, form, headers = {}, anonymous = false, retried = false } = {}) {
  const all = { Accept: 'application/json', 'Accept-Language': locale(), ...headers };
  if (!anonymous && session?.accessToken) all.Authorization = `Bearer ${session.accessToken}`;
  if (json !== undefined) all['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers: all, body: json !== undefined ? JSON.stringify(json) : form });
  } catch {
    throw new Offline();
  }
  if (response.status === 401 && !anonymous && !retried && session?.refreshToken) {
    await refresh();
    return call(method, path, { json, form, headers, anonymous: false, retried: true });
  }
  return response;
}

export async function problemOf(response) {
  const type = response.headers.get('content-type') || '';
  const problem = type.includes('json') ? await response.json().catch(() => ({})) : {};
  return { status: response.status, ...problem };
}

/** A GET answered as JSON, or null for 404 (a route not there yet, a job no longer ours). */
export async function getJson(path) {
  const response = await call('GET', path);
  if (response.status === 404) return null;
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}
