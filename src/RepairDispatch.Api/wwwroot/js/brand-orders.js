// Manufacturer orders (厂家派单): the desk imports a brand portal's order file with the brand's saved column mapping and
// sees what each row became; the status export for the brand's portal is downloaded from here too.
import { api, saveFile } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, problemBox } from './ui.js';

export async function render(main) {
  const makers = (await api.get('/api/v1/manufacturers', { pageSize: 200 })).items;
  const report = h('section', { 'aria-live': 'polite' });
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.xlsx,.csv', id: 'brand-order-file' });
  const form = h('form.card.row', {},
    field(t('finance.manufacturer'), 'manufacturerId', { options: makers.map(m => [m.id, m.name]), required: true }),
    h('label', { for: 'brand-order-file' }, t('brandOrders.file'), file),
    h('button.primary', { type: 'submit' }, t('brandOrders.import')),
    h('button', { type: 'button', onclick: () => exportIt() }, t('brandOrders.export')));
  onSubmit(form, async v => {
    const data = new FormData();
    data.append('file', file.files[0]);
    data.append('manufacturerId', v.manufacturerId);
    try { mount(report, reportView(await api.upload('/api/v1/manufacturer-orders/import', data))); }
    catch (error) { mount(report, problemBox(error)); }
  });
  async function exportIt() {
    try { await saveFile(`/api/v1/manufacturer-orders/status-export?manufacturerId=${form.manufacturerId.value}&format=xlsx`, 'status.xlsx'); }
    catch (error) { mount(report, problemBox(error)); }
  }
  mount(main, h('h1', {}, t('brandOrders.title')), form, report);
}

function reportView(r) {
  return h('div.card', { dataset: { testid: 'brand-import-report' } },
    h('p', {}, t('brandOrders.summary', r.created, r.existing, r.refused.length)),
    r.refused.length ? h('table.grid', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('statements.row')), h('th', {}, t('brandOrders.errors')))),
      h('tbody', {}, r.refused.map(x => h('tr', { dataset: { testid: `refused-${x.row}` } },
        h('td', {}, String(x.row)), h('td', {}, x.errors.join('；')))))) : null,
    h('ul', {}, r.orders.map(o => h('li', {}, h('a', { href: `#/tickets/${o.workOrderId}` }, o.externalNumber), ' ',
      o.created ? t('brandOrders.created') : t('brandOrders.existing')))));
}
