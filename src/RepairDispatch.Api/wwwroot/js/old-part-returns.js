// Return batches: the checked parts of one manufacturer shipped with a carrier and waybill; the batches on their way,
// with their packing lists and the manufacturer's receipt.
import { api, saveFile } from './api.js';
import { t, locale } from './i18n.js';
import { h, mount, field, onSubmit, formatTime, storeDay, enumText } from './ui.js';

export function returnForm(chosen, refresh) {
  const form = h('form.card', { 'aria-labelledby': 'return-title' },
    h('h2', { id: 'return-title' }, t('oldParts.newReturn')),
    h('p.muted', {}, t('oldParts.newReturnHint')),
    h('div.row', {},
      field(t('oldParts.carrier'), 'carrier', { required: true, maxlength: 100 }),
      field(t('oldParts.waybill'), 'waybill', { required: true, maxlength: 100 })),
    h('button.primary', { type: 'submit' }, t('oldParts.ship')));
  onSubmit(form, async v => {
    const boxes = chosen();
    // The batch is the chosen parts' manufacturer's; choosing two manufacturers is refused by the API naming the part.
    const body = { manufacturerId: boxes[0]?.dataset.manufacturer ?? null, tags: boxes.map(box => box.value), carrier: v.carrier, waybill: v.waybill };
    await api.post('/api/v1/old-parts/returns', body);
    form.reset();
    await refresh();
  });
  return form;
}

export function batchesCard(batches, refresh) {
  const lang = locale() === 'zh-CN' ? 'zh' : 'en';
  const packing = (b, format) => saveFile(`/api/v1/old-parts/returns/${b.id}/packing-list?format=${format}&lang=${lang}`, `packing-list.${format}`);
  const receive = async (b, cell) => {
    try { await api.post(`/api/v1/old-parts/returns/${b.id}/received`, { receivedOn: storeDay() }); await refresh(); }
    catch (error) { mount(cell, h('span.form-error', { role: 'alert' }, error.message)); }
  };
  return [h('h2', { id: 'batches-title' }, t('oldParts.batches')),
    batches.length === 0 ? h('p.muted', {}, t('oldParts.noBatches')) : h('table.grid', {},
      h('thead', {}, h('tr', {}, ['oldParts.waybill', 'desk.brand', 'oldParts.count', 'ticket.status', 'oldParts.shippedAt', '']
        .map(k => h('th', {}, k ? t(k) : '')))),
      h('tbody', {}, batches.map(b => h('tr', {},
        h('td', {}, `${b.carrier} ${b.waybill}`), h('td', {}, b.manufacturerName), h('td', {}, String(b.partCount)),
        h('td', {}, enumText('returnStatus', b.status)), h('td', {}, formatTime(b.shippedAt)),
        h('td.actions', {},
          h('button', { type: 'button', onclick: () => packing(b, 'csv') }, t('oldParts.packingCsv')),
          h('button', { type: 'button', onclick: () => packing(b, 'xlsx') }, t('oldParts.packingXlsx')),
          h('button', { type: 'button', onclick: event => receive(b, event.target.closest('td')) }, t('oldParts.received'))))))),
  ];
}
