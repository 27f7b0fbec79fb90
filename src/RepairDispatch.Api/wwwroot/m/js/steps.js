// Completing a job (resolution, parts, the customer's signature) and asking for parts: forms filled on site, queued
// like every step so they work without network.
import { t } from './texts.js';
import { h, mount, field } from './ui.js';
import { jobs, kv } from './db.js';
import { addStep } from './outbox.js';
import { signaturePad } from './signature.js';

async function partOptions(record) {
  const parts = (await kv.get('parts')) || [];
  const category = record.job.appliance.category;
  const fitting = parts.filter(p => !p.category || p.category === category);
  return [h('option', { value: '' }, t('complete.noPart')), ...fitting.map(p => h('option', { value: p.id }, `${p.name} · ${p.partNumber}`))];
}

function partLine(options, index) {
  const part = h('select', { name: 'partId', 'aria-label': t('complete.part', index + 1) }, options.map(o => o.cloneNode(true)));
  const qty = h('input', { type: 'number', name: 'qty', min: 1, max: 100, value: 1, 'aria-label': t('complete.qty', index + 1) });
  return h('div.part-line', part, qty);
}

function partsPicker(options) {
  const lines = h('div', partLine(options, 0));
  const add = h('button.btn.secondary', { type: 'button' }, t('complete.addPart'));
  add.addEventListener('click', () => lines.append(partLine(options, lines.children.length)));
  return { element: h('div', lines, add), read: () => [...lines.children].map(l => ({ partId: l.querySelector('select').value, qty: Number(l.querySelector('input').value) }))
    .filter(p => p.partId) };
}

export async function renderComplete(main, id) {
  const record = await jobs.get(id);
  if (!record) { location.hash = '#/jobs'; return; }
  const repair = record.job.order.type === 'Repair';
  const level = h('select', { name: 'repairLevel', required: repair },
    h('option', { value: '' }, t('complete.chooseLevel')), ['Minor', 'Major', 'PartReplacement'].map(l => h('option', { value: l }, t(`level.${l}`))));
  const failed = h('input', { name: 'failedPart', maxlength: 200 });
  const main_ = h('input', { type: 'checkbox', name: 'mainPart', id: 'main-part' });
  const minutes = h('input', { type: 'number', name: 'labourMinutes', min: 0, max: 1440, value: 30, required: true });
  const notes = h('textarea', { name: 'notes', rows: 2, maxlength: 2000 });
  const rating = h('select', { name: 'customerRating' }, h('option', { value: '' }, t('complete.noRating')), [5, 4, 3, 2, 1].map(n => h('option', { value: n }, t('complete.stars', n))));
  const parts = partsPicker(await partOptions(record));
  const pad = signaturePad(t('complete.signature'));
  const error = h('p.error', { role: 'alert' });
  const form = h('form.card.editing',
    h('h1', t('complete.title', record.job.order.number)),
    repair ? field(t('complete.level'), level) : null,
    field(t('complete.failedPart'), failed),
    h('div.check', main_, h('label', { for: 'main-part' }, t('complete.mainPart'))),
    h('h2', t('complete.parts')), parts.element,
    field(t('complete.minutes'), minutes), field(t('complete.notes'), notes), field(t('complete.rating'), rating),
    pad.element, error,
    h('button.btn', { type: 'submit' }, t('complete.submit')),
    h('a.btn.secondary', { href: `#/job/${id}` }, t('cancel')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (repair && !level.value) { error.textContent = t('complete.levelRequired'); return; }
    if (pad.isEmpty()) { error.textContent = t('complete.signatureRequired'); return; }
    form.classList.remove('editing');
    await addStep(id, 'complete', {
      repairLevel: level.value || null, failedPart: failed.value.trim() || null, mainPart: main_.checked, parts: parts.read(),
      labourMinutes: Number(minutes.value), notes: notes.value.trim() || null, customerRating: rating.value ? Number(rating.value) : null,
      customerSignature: pad.base64(),
    });
    location.hash = `#/job/${id}`;
  });
  mount(main, form);
}

export async function renderAwaitParts(main, id) {
  const record = await jobs.get(id);
  if (!record) { location.hash = '#/jobs'; return; }
  const parts = partsPicker(await partOptions(record));
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 1000 });
  const error = h('p.error', { role: 'alert' });
  const form = h('form.card.editing', h('h1', t('awaitParts.title', record.job.order.number)), parts.element, field(t('awaitParts.note'), note), error,
    h('button.btn', { type: 'submit' }, t('awaitParts.submit')), h('a.btn.secondary', { href: `#/job/${id}` }, t('cancel')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const wanted = parts.read();
    if (!wanted.length) { error.textContent = t('awaitParts.partRequired'); return; }
    form.classList.remove('editing');
    await addStep(id, 'await-parts', { parts: wanted, note: note.value.trim() || null });
    location.hash = `#/job/${id}`;
  });
  mount(main, form);
}
