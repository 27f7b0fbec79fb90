// Every step the technician takes is written here first, with its own Idempotency-Key and the phone's time
// (occurredAt), then sent in order whenever the network is there. A retried send is answered from the server's
// idempotency store, so a step lands once however often it is sent. Each step names the job version it was taken
// on (If-Match): when the office changed the job meanwhile, the server answers 412 and the step is held as a conflict
// for the technician to see and redo on the fresh job — never sent over the office's change.
import { jobs, queue, kv } from './db.js';
import { call, getJson, problemOf, newKey, Offline } from './net.js';

/** The status each step leads to, to show the job as the technician left it while its steps wait to be sent. */
export const stepLeadsTo = { accept: 'Accepted', depart: 'EnRoute', arrive: 'OnSite', 'await-parts': 'AwaitingParts', complete: 'Completed' };

const listeners = new Set();
export function onChange(listener) { listeners.add(listener); }
function changed() { listeners.forEach(l => l()); }

/** Queues a step; the first waiting step of a job names the version the phone holds, later ones follow the earlier steps' answers. */
export async function addStep(jobId, step, body = {}) {
  const waiting = (await queue.all()).some(i => i.jobId === jobId);
  const record = await jobs.get(jobId);
  await queue.add({
    jobId, kind: 'step', step, key: newKey(), body: { ...body, occurredAt: new Date().toISOString() },
    baseVersion: waiting ? null : record.job.order.version, state: 'waiting',
  });
  changed();
  flush();
}

export async function addPhoto(jobId, file, photoKind) {
  await queue.add({ jobId, kind: 'photo', key: newKey(), photoKind, blob: file, takenAt: new Date().toISOString(), state: 'waiting' });
  changed();
  flush();
}

let flushing = null;
let again = false;
let retry = null;
/**
 * Sends what waits, oldest first; stops at the first network failure. A call while a send is under way (the network
 * came back while a request was still failing) sends again after it; what could not be sent is tried again shortly.
 */
export function flush() {
  if (flushing) { again = true; return flushing; }
  clearTimeout(retry);
  flushing = send().catch(() => false).finally(() => {
    flushing = null;
    changed();
  }).then(sent => {
    if (again) { again = false; return flush(); }
    if (!sent && navigator.onLine) retry = setTimeout(flush, 5000);
    return sent;
  });
  return flushing;
}

async function send() {
  const items = (await queue.all()).sort((a, b) => a.seq - b.seq);
  const held = new Set(items.filter(i => i.state === 'conflict').map(i => i.jobId));
  for (const item of items) {
    if (item.state === 'conflict' || held.has(item.jobId)) continue;
    let response;
    try {
      response = item.kind === 'photo' ? await postPhoto(item) : await postStep(item);
    } catch (e) {
      if (e instanceof Offline) return false;
      throw e;
    }
    if (response.ok) {
      await acknowledge(item, response);
      continue;
    }
    const problem = await problemOf(response);
    // Busy, throttled or failing on the server's side: the same request, same key, goes again later.
    if (response.status >= 500 || response.status === 429 || response.status === 401 || problem.type?.endsWith('request-in-progress')) return false;
    await hold(item, problem);
    held.add(item.jobId);
  }
  return true;
}

async function postStep(item) {
  const record = await jobs.get(item.jobId);
  const version = item.baseVersion ?? record?.ackVersion ?? record?.job.order.version;
  return call('POST', `/api/v1/mobile/jobs/${item.jobId}/${item.step}`, {
    json: item.body, headers: { 'Idempotency-Key': item.key, 'If-Match': `"${version}"` },
  });
}

function postPhoto(item) {
  const form = new FormData();
  form.append('file', item.blob, item.blob.name || 'photo.jpg');
  form.append('kind', item.photoKind);
  form.append('takenAt', item.takenAt);
  return call('POST', `/api/v1/mobile/jobs/${item.jobId}/photos`, { form, headers: { 'Idempotency-Key': item.key } });
}

async function acknowledge(item, response) {
  if (item.kind === 'step') {
    const order = await response.json();
    const record = await jobs.get(item.jobId);
    if (record) await jobs.put({ ...record, job: { ...record.job, order }, ackVersion: order.version });
  }
  await queue.remove(item.seq);
}

/** The server refused the step: the job changed (412), left this technician (404), or the step no longer fits (409, 400). */
async function hold(item, problem) {
  await queue.put({ ...item, state: 'conflict', problem: { status: problem.status, title: problem.title, detail: problem.detail, errors: problem.errors } });
  if (problem.status === 412 || problem.status === 409) {
    const fresh = await getJson(`/api/v1/mobile/jobs/${item.jobId}`).catch(() => null);
    const record = await jobs.get(item.jobId);
    if (fresh && record) await jobs.put({ ...record, job: fresh, ackVersion: fresh.order.version, fresh: true });
  }
}

/**
 * The technician has seen the conflict: the held steps are dropped (he redoes them on the fresh job), photos are kept
 * and sent again if the job is still his; a job taken away is forgotten with everything queued for it.
 */
export async function resolve(jobId) {
  const items = (await queue.all()).filter(i => i.jobId === jobId);
  const gone = items.some(i => i.state === 'conflict' && i.problem?.status === 404);
  for (const item of items) {
    if (gone || item.kind === 'step') await queue.remove(item.seq);
    else await queue.put({ ...item, state: 'waiting', problem: undefined });
  }
  if (gone) await jobs.remove(jobId);
  else {
    const record = await jobs.get(jobId);
    if (record) await jobs.put({ ...record, fresh: false });
  }
  changed();
  flush();
}

/** The jobs in view, from the change feed: a first sync (or an expired token) brings all, later ones only what changed. */
export async function sync() {
  const token = await kv.get('syncToken');
  const response = await call('GET', `/api/v1/mobile/sync${token ? `?since=${encodeURIComponent(token)}` : ''}`);
  if (response.status === 410) { await kv.remove('syncToken'); return sync(); }
  if (!response.ok) throw await problemOf(response);
  const feed = await response.json();
  const waiting = new Set((await queue.all()).map(i => i.jobId));
  const known = await jobs.all();
  if (feed.full) for (const r of known) if (!waiting.has(r.id) && !feed.upserts.some(j => j.order.id === r.id)) await jobs.remove(r.id);
  for (const job of feed.upserts) {
    const record = known.find(r => r.id === job.order.id);
    await jobs.put({ ...(record || {}), id: job.order.id, job });
  }
  // A job taken away while steps for it wait stays until the replay shows the technician what happened.
  for (const id of feed.removed) if (!waiting.has(id)) await jobs.remove(id);
  await kv.set('syncToken', feed.token);
  changed();
}
