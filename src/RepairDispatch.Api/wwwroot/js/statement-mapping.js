// A manufacturer's statement mapping: which of their header texts holds each of our fields. Written once per layout,
// from the file's first rows that the preview shows; replacing it names the version it was read at (If-Match).
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit } from './ui.js';

const fields = ['workOrderNumber', 'manufacturerOrderNumber', 'serialNumber', 'completedOn', 'claimedAmount', 'approvedAmount',
  'deduction', 'deductionReason', 'status'];

export function mappingCard(makerId) {
  const body = h('div');
  const card = h('details.card', { dataset: { testid: 'statement-mapping' } }, h('summary', {}, t('mapping.title')), body);
  card.addEventListener('toggle', () => { if (card.open) load(body, makerId()); });
  return card;
}

async function load(body, makerId) {
  let current = null;
  try { current = await api.get(`/api/v1/manufacturers/${makerId}/statement-mapping`); }
  catch (error) { if (error.status !== 404) throw error; }
  const form = h('form', {},
    h('p.muted', {}, t('mapping.hint')),
    h('div.row', {}, fields.map(f => field(t(`mapping.${f}`), f, { value: current?.columns?.[f] || '', required: f === 'approvedAmount', maxlength: 100 }))),
    field(t('mapping.rejectedWords'), 'rejectedWords', { value: (current?.rejectedWords || []).join('，') }),
    h('button.primary', { type: 'submit' }, t('mapping.save')),
    h('span.notice', { 'aria-live': 'polite' }));
  onSubmit(form, async v => {
    const columns = Object.fromEntries(fields.map(f => [f, v[f]?.trim() || null]));
    const rejectedWords = (v.rejectedWords || '').split(/[,，、\s]+/).filter(Boolean);
    const saved = await api.put(`/api/v1/manufacturers/${makerId}/statement-mapping`, {
      sheet: current?.sheet ?? null, headerRow: current?.headerRow ?? null, columns,
      rejectedWords: rejectedWords.length ? rejectedWords : null, reasons: current?.reasons ?? null,
    }, current ? `"${current.version}"` : null);
    current = saved;
    form.querySelector('.notice').textContent = t('mapping.saved');
  });
  mount(body, form);
}
