// His unreturned old parts (each tag shown as a QR for the desk's scanner), his month's earnings when the service
// has them, what waits to be sent, the language and signing out. Lists are kept on the phone for offline use.
import { t } from './texts.js';
import { h, mount, money } from './ui.js';
import { kv, queue, jobs } from './db.js';
import { getJson, signOut, currentSession } from './net.js';
import { flush } from './outbox.js';
import { qrCanvas } from './qr.js';

function month() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** The parts catalogue (for completing offline), the old parts and this month's earnings (absent until the service has them). */
export async function refreshLists() {
  const parts = await getJson('/api/v1/parts?pageSize=100');
  if (parts) await kv.set('parts', parts.items);
  const old = await getJson('/api/v1/mobile/old-parts');
  if (old) await kv.set('oldParts', old.items);
  const earnings = await getJson(`/api/v1/mobile/earnings?period=${month()}`).catch(() => null);
  if (earnings) await kv.set('earnings', earnings); else await kv.remove('earnings');
}

export async function renderOldParts(main) {
  const parts = (await kv.get('oldParts')) || [];
  mount(main, h('h1', t('oldParts.title')),
    parts.length ? parts.map(p => h('a.card', { href: `#/old-parts/${p.id}`, 'data-testid': 'old-part' },
      h('div.row', h('strong', p.tag), p.overdue ? h('span.pill.pending', t('oldParts.overdue')) : null),
      h('div', p.partName, ' × ', p.quantity),
      h('div.muted', t('oldParts.of', p.workOrderNumber), p.dueOn ? ` · ${t('oldParts.due', p.dueOn)}` : ''))) : h('p.muted', t('oldParts.none')));
}

export async function renderOldPart(main, id) {
  const part = ((await kv.get('oldParts')) || []).find(p => p.id === id);
  if (!part) { location.hash = '#/old-parts'; return; }
  mount(main, h('a.link', { href: '#/old-parts' }, t('back')),
    h('section.card', h('h1', part.tag), h('p', t('oldParts.show')),
      qrCanvas(part.tag, t('oldParts.qr', part.tag)),
      h('dl', h('dt', t('oldParts.part')), h('dd', part.partName, ' · ', part.partNumber),
        h('dt', t('oldParts.order')), h('dd', part.workOrderNumber),
        part.dueOn ? [h('dt', t('oldParts.dueOn')), h('dd', part.dueOn)] : null)));
}

export async function renderMe(main) {
  const [earnings, items, records] = await Promise.all([kv.get('earnings'), queue.all(), jobs.all()]);
  const waiting = items.filter(i => i.state === 'waiting');
  const send = h('button.btn', { type: 'button', disabled: !waiting.length }, t('queue.sendNow'));
  send.addEventListener('click', () => flush());
  const out = h('button.btn.danger', { type: 'button' }, t('signOut'));
  out.addEventListener('click', async () => {
    // Signing out with steps not yet sent would lose them: the technician is asked first.
    if (items.length && !confirm(t('signOut.pending'))) return;
    await signOut();
    await Promise.all([queue.clear(), jobs.clear(), kv.remove('syncToken'), kv.remove('syncedAt'), kv.remove('parts'), kv.remove('oldParts'), kv.remove('earnings')]);
    location.hash = '#/jobs';
    location.reload();
  });
  mount(main, h('h1', t('me.title')),
    h('section.card', h('p', t('me.signedInAs', currentSession()?.username || '')), h('p.muted', t('me.jobsHeld', records.length))),
    earnings ? earningsCard(earnings) : null,
    h('section.card', h('h2', t('queue.title')), h('p', waiting.length ? t('queue.waiting', waiting.length) : t('queue.empty')),
      h('ul.plain', waiting.map(i => h('li', i.kind === 'photo' ? t(`photoKind.${i.photoKind}`) : t(`step.${i.step}`)))), send),
    out);
}

function earningsCard(e) {
  const lines = e.lines || [];
  return h('section.card', { 'data-testid': 'earnings' }, h('h2', t('earnings.title', e.period || month())),
    h('p', h('strong', money(e.total))),
    lines.length ? h('ul.plain', lines.map(l => h('li.row', h('span', l.text || l.code), h('span', money(l.amount))))) : null);
}
