// The console's only door to the service: the public REST API with the user's bearer token.
// Tokens live in sessionStorage (one tab, gone when it closes); the access token is refreshed a minute before it expires.

import { locale } from './i18n.js';

const storageKey = 'rd.session';
let session = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
let refreshTimer = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export function currentSession() { return session; }
export function onSessionChange(listener) { listeners.add(listener); }

function keep(tokens, me) {
  session = tokens ? { ...session, ...tokens, ...(me ? { me } : {}) } : null;
  if (session) sessionStorage.setItem(storageKey, JSON.stringify(session));
  else sessionStorage.removeItem(storageKey);
  scheduleRefresh();
  listeners.forEach(l => l(session));
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  if (!session?.expiresAt) return;
  const wait = Math.max(5_000, new Date(session.expiresAt).getTime() - Date.now() - 60_000);
  refreshTimer = setTimeout(() => refresh().catch(() => keep(null)), wait);
}

export async function signIn(username, password) {
  const tokens = await send('POST', '/api/v1/auth/token', { username, password }, { anonymous: true });
  session = { ...tokens };
  const me = await send('GET', '/api/v1/me');
  keep(tokens, me);
  return session;
}

let refreshing = null;
export function refresh() {
  // One refresh at a time: refresh tokens rotate, and a used one revokes its whole family.
  refreshing ??= send('POST', '/api/v1/auth/refresh', { refreshToken: session?.refreshToken }, { anonymous: true })
    .then(tokens => keep(tokens))
    .finally(() => { refreshing = null; });
  return refreshing;
}

export async function signOut() {
  const token = session?.refreshToken;
  keep(null);
  if (token) await send('POST', '/api/v1/auth/revoke', { refreshToken: token }, { anonymous: true }).catch(() => {});
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

async function send(method, path, body, { anonymous = false, raw = false, retried = false, ifMatch = null } = {}) {
  // The API writes its texts (reasons, refusals, timeline) in the console's language.
  const headers = { Accept: 'application/json', 'Accept-Language': locale() };
  if (!anonymous && session?.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
  const form = body instanceof FormData; // multipart uploads: the browser writes the boundary
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  // A retried click after a lost answer must not act twice: every write carries its own Idempotency-Key.
  if (method !== 'GET' && !anonymous) headers['Idempotency-Key'] = newKey();
  if (ifMatch) headers['If-Match'] = ifMatch; // a replaced resource names the version it was read at
  const response = await fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
  if (response.status === 401 && !anonymous && !retried && session?.refreshToken) {
    try { await refresh(); } catch { keep(null); throw new ApiError(401, { title: 'Signed out' }); }
    return send(method, path, body, { anonymous, raw, retried: true, ifMatch });
  }
  if (!response.ok) {
    const type = response.headers.get('content-type') || '';
    const problem = type.includes('json') ? await response.json().catch(() => null) : null;
    if (response.status === 401 && !anonymous) keep(null);
    throw new ApiError(response.status, problem || { title: response.statusText });
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  get: (path, query) => send('GET', withQuery(path, query)),
  // no body for the operations that take none (plan apply, run steps); ifMatch where the step names the version it acts on (pay approval)
  post: (path, body, ifMatch) => send('POST', path, body, { ifMatch }),
  raw: path => send('GET', path, undefined, { raw: true }),
  upload: (path, formData) => send('POST', path, formData),
  put: (path, body, ifMatch) => send('PUT', path, body, { ifMatch }),
  patch: (path, body, ifMatch) => send('PATCH', path, body, { ifMatch }),
  del: path => send('DELETE', path),
};

/** A file the API serves (exports need the bearer token): fetched and handed to the browser as a download under the server's name. */
export async function saveFile(path, fallbackName) {
  const response = await api.raw(path);
  const disposition = response.headers.get('content-disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  Object.assign(link, { href: url, download: star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, v);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

scheduleRefresh();
