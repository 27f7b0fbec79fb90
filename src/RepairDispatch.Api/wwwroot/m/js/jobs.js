// The day's jobs and one job on site: who, where (with a link that opens the phone's map app), what appliance and what
// was done to it before, the steps the status allows, photos, and any step the office's change stopped.
import { t } from './texts.js';
import { h, mount, time, clock, problemText } from './ui.js';
import { jobs, queue, kv } from './db.js';
import { addStep, addPhoto, resolve, stepLeadsTo } from './outbox.js';

/** The job as the technician left it: the server's status moved on by his steps still waiting to be sent. */
export function shownStatus(record, items) {
  let status = record.job.order.status;
  // A held step stops the ones after it: the job is as the server has it until the technician redoes them.
  if (items.some(i => i.jobId === record.id && i.state === 'conflict')) return status;
  for (const i of items) if (i.jobId === record.id && i.kind === 'step' && i.state === 'waiting') status = stepLeadsTo[i.step];
  return status;
}

/** The phone's calendar day of an instant (the phone is in the store's zone). */
function dayOf(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function order(a, b) {
  const key = r => [r.job.order.appointment?.from || '9999', r.job.order.route?.sequence ?? 1e9, r.job.order.createdAt];
  const [x, y] = [key(a), key(b)];
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || (x[2] < y[2] ? -1 : 1);
}

export async function renderJobs(main) {
  const [records, items, syncedAt] = await Promise.all([jobs.all(), queue.all(), kv.get('syncedAt')]);
  const waiting = items.filter(i => i.state === 'waiting').length;
  const open = records.filter(r => !['Completed', 'Closed', 'Cancelled'].includes(shownStatus(r, items)) || items.some(i => i.jobId === r.id)).sort(order);
  // Today's: booked today, or not booked yet (the office may send him any day); later days below.
  const today = dayOf(new Date().toISOString());
  const later = open.filter(r => r.job.order.appointment && dayOf(r.job.order.appointment.from) > today);
  const list = open.filter(r => !later.includes(r));
  const done = records.filter(r => !open.includes(r)).sort(order);
  mount(main,
    h('h1', t('jobs.title')),
    syncedAt ? h('p.muted', { 'data-testid': 'synced' }, t('jobs.synced', time(syncedAt))) : null,
    conflicts(records, items),
    waiting ? h('p.card.note', { 'data-testid': 'waiting' }, t('queue.waiting', waiting)) : null,
    list.length ? list.map(r => jobCard(r, items)) : h('p.muted', t('jobs.none')),
    later.length ? [h('h2', t('jobs.later')), later.map(r => jobCard(r, items))] : null,
    done.length ? [h('h2', t('jobs.done')), done.map(r => jobCard(r, items))] : null);
}

function jobCard(record, items) {
  const { order, customer, appliance } = record.job;
  const pending = items.some(i => i.jobId === record.id && i.state === 'waiting');
  return h('a.card', { href: `#/job/${record.id}`, 'data-testid': 'job-card' },
    h('div.row', h('strong', order.number), h('span.pill', t(`status.${shownStatus(record, items)}`))),
    h('div', customer.name, ' · ', order.address?.district || ''),
    h('div.muted', order.appointment ? `${time(order.appointment.from)}–${clock(order.appointment.to)}` : t('jobs.noAppointment'),
      ' · ', appliance.brand, ' ', t(`category.${appliance.category}`)),
    pending ? h('span.pill.pending', t('queue.pendingHere')) : null);
}

/** Steps the server refused on replay, per job, with what the office changed and a way to go on from the fresh job. */
function conflicts(records, items, onlyJob) {
  const held = items.filter(i => i.state === 'conflict' && (!onlyJob || i.jobId === onlyJob));
  const byJob = [...new Set(held.map(i => i.jobId))];
  return byJob.map(jobId => {
    const record = records.find(r => r.id === jobId);
    const first = held.find(i => i.jobId === jobId);
    const dropped = items.filter(i => i.jobId === jobId && i.kind === 'step');
    const gone = first.problem?.status === 404;
    const why = gone ? t('conflict.gone') : first.problem?.status === 412 ? t('conflict.changed') : t('conflict.refused');
    return h('section.card.warn', { role: 'alert', 'data-testid': 'conflict' },
      h('h2', t('conflict.title', record?.job.order.number || '')),
      h('p', why),
      first.problem?.status !== 412 && !gone ? h('p.muted', problemText(first.problem)) : null,
      h('p', t('conflict.notSent')),
      h('ul.plain', dropped.map(i => h('li', t(`step.${i.step}`), ' · ', time(i.body.occurredAt)))),
      record && !gone ? h('p', t('conflict.nowStatus', t(`status.${record.job.order.status}`))) : null,
      h('button.btn', { type: 'button', onclick: async () => { await resolve(jobId); location.hash = gone ? '#/jobs' : `#/job/${jobId}`; } },
        gone ? t('conflict.ok') : t('conflict.redo')));
  });
}

export async function renderJob(main, id) {
  const [record, items, records] = await Promise.all([jobs.get(id), queue.all(), jobs.all()]);
  if (!record) return mount(main, conflicts(records, items, id), h('p.muted', t('job.missing')), h('a.btn.secondary', { href: '#/jobs' }, t('back')));
  const { order, customer, appliance, previousVisits } = record.job;
  const status = shownStatus(record, items);
  const held = items.some(i => i.jobId === id && i.state === 'conflict');
  const photos = items.filter(i => i.jobId === id && i.kind === 'photo');
  mount(main,
    h('a.link', { href: '#/jobs' }, t('back')),
    h('h1', order.number, ' ', h('span.pill', { 'data-testid': 'status' }, t(`status.${status}`))),
    conflicts(records, items, id),
    h('section.card',
      h('dl',
        h('dt', t('job.customer')), h('dd', customer.name),
        customer.phone ? [h('dt', t('job.phone')), h('dd', h('a', { href: `tel:${customer.phone}` }, customer.phone))] : null,
        h('dt', t('job.address')), h('dd', [order.address?.district, order.address?.street].filter(Boolean).join(' ')),
        h('dt', t('job.appointment')), h('dd', order.appointment ? `${time(order.appointment.from)}–${clock(order.appointment.to)}` : t('jobs.noAppointment')),
        h('dt', t('job.fault')), h('dd', order.faultDescription),
        h('dt', t('job.warranty')), h('dd', order.warranty.reason)),
      order.address ? h('a.btn.secondary', { href: mapLink(order.address), 'data-testid': 'navigate' }, t('job.navigate')) : null),
    h('section.card',
      h('h2', t('job.appliance')),
      h('dl',
        h('dt', t('job.brand')), h('dd', appliance.brand, ' ', t(`category.${appliance.category}`)),
        h('dt', t('job.model')), h('dd', appliance.model),
        appliance.serialNumber ? [h('dt', t('job.serial')), h('dd', appliance.serialNumber)] : null,
        appliance.purchaseDate ? [h('dt', t('job.purchased')), h('dd', appliance.purchaseDate)] : null)),
    held ? null : actions(record, status),
    ['OnSite'].includes(status) && !held ? photoCapture(id) : null,
    photos.length ? h('section.card', h('h2', t('photo.waiting', photos.length)),
      h('div.photos', photos.map(p => h('img', { src: URL.createObjectURL(p.blob), alt: t(`photoKind.${p.photoKind}`) })))) : null,
    h('section.card', h('h2', t('job.history')),
      previousVisits.length ? h('ul.plain', previousVisits.map(v => h('li', h('div', v.number, ' · ', time(v.completedAt)),
        h('div.muted', v.fault, v.failedPart ? ` → ${v.failedPart}` : '', v.notes ? `（${v.notes}）` : '')))) : h('p.muted', t('job.noHistory'))));
}

/**
 * A geo: URI (RFC 5870): Android hands it to the installed map app (高德, 百度, Tencent maps all take it) and opens the
 * place; with coordinates it points there, otherwise the map app searches the written address.
 */
export function mapLink(address) {
  const text = [address.district, address.street].filter(Boolean).join(' ');
  return address.lat != null && address.lon != null
    ? `geo:${address.lat},${address.lon}?q=${address.lat},${address.lon}(${encodeURIComponent(text)})`
    : `geo:0,0?q=${encodeURIComponent(text)}`;
}

function actions(record, status) {
  const id = record.id;
  const step = (name, label, body) => h('button.btn', { type: 'button', onclick: async () => addStep(id, name, typeof body === 'function' ? await body() : body) }, label);
  const buttons = {
    Assigned: [step('accept', t('step.accept'), {})],
    Accepted: [step('depart', t('step.depart'), {})],
    AwaitingParts: [step('depart', t('step.departAgain'), {})],
    EnRoute: [arriveButton(record)],
    OnSite: [h('a.btn', { href: `#/job/${id}/complete` }, t('step.complete')), h('a.btn.secondary', { href: `#/job/${id}/parts` }, t('step.await-parts'))],
  }[status];
  return buttons ? h('section.actions', buttons) : null;
}

/** Arrival carries where the phone is; without a fix, the job's own coordinates stand in. */
function arriveButton(record) {
  const error = h('p.error', { role: 'alert' });
  const button = h('button.btn', { type: 'button' }, t('step.arrive'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const place = await new Promise(done => {
      if (!navigator.geolocation) return done(null);
      navigator.geolocation.getCurrentPosition(p => done({ lat: p.coords.latitude, lon: p.coords.longitude }), () => done(null),
        { enableHighAccuracy: true, timeout: 8000, maximumAge: 120000 });
    });
    const address = record.job.order.address;
    const at = place ?? (address?.lat != null ? { lat: address.lat, lon: address.lon } : null);
    if (!at) { error.textContent = t('step.noLocation'); button.disabled = false; return; }
    await addStep(record.id, 'arrive', at);
  });
  return h('div', button, error);
}

const photoKinds = ['SiteBefore', 'Nameplate', 'FailedPart', 'SiteAfter', 'Invoice', 'InstallationCard'];
// The job is drawn again whenever the outbox changes (a photo queued, a step sent): the kind chosen stays chosen, or the
// next photo would be filed as the first kind.
const chosenKind = new Map();

function photoCapture(jobId) {
  const kind = h('select', { name: 'photoKind' }, photoKinds.map(k => h('option', { value: k }, t(`photoKind.${k}`))));
  kind.value = chosenKind.get(jobId) ?? photoKinds[0];
  kind.addEventListener('change', () => chosenKind.set(jobId, kind.value));
  // The camera opens from a button-like label: the file input itself (and the browser's own words on it) stays hidden.
  const input = h('input.hidden-input', { type: 'file', accept: 'image/*', capture: 'environment', name: 'photo' });
  input.id = 'photo-file';
  kind.id = 'photo-kind';
  input.addEventListener('change', async () => {
    for (const file of input.files) await addPhoto(jobId, file, kind.value);
    input.value = '';
  });
  return h('section.card', h('h2', t('photo.title')),
    h('label', { for: 'photo-kind' }, t('photo.kind')), kind,
    input, h('label.btn', { for: 'photo-file' }, t('photo.take')));
}
