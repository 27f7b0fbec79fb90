// Headquarters' stores side by side for a span of months: orders, SLA compliance per deadline, revenue, stock value.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, formValues, money, storeDay, storeInstant } from './ui.js';

const nextMonth = month => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

export async function render(main) {
  const output = h('section.card', { 'aria-live': 'polite' });
  const month = storeDay().slice(0, 7);
  const form = h('form.card.row.filters', { role: 'search' },
    field(t('finance.from'), 'from', { type: 'month', value: month, required: true }),
    field(t('finance.to'), 'to', { type: 'month', value: month, required: true }),
    h('button.primary', { type: 'submit' }, t('finance.find')));
  const load = async v => {
    const report = await api.get('/api/v1/reports/stores', {
      from: storeInstant(`${v.from}-01`, '00:00'), to: storeInstant(`${nextMonth(v.to)}-01`, '00:00') });
    mount(output, storesTable(report.stores));
  };
  onSubmit(form, load);
  mount(main, h('h1', {}, t('storesReport.title')), form, output, h('p.muted', {}, t('storesReport.slaNote')));
  await load(formValues(form));
}

const percent = d => (d.rate == null ? '—' : `${(d.rate * 100).toFixed(1)}%`);

function storesTable(stores) {
  if (stores.length === 0) return h('p', {}, t('storesReport.none'));
  const columns = ['finance.store', 'storesReport.created', 'storesReport.completed', 'storesReport.open', 'storesReport.assign',
    'storesReport.onSite', 'storesReport.complete', 'finance.revenue', 'storesReport.stockValue'];
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, columns.map(k => h('th', {}, t(k))))),
    h('tbody', {}, stores.map(s => h('tr', { dataset: { testid: `stores-report-${s.storeId}` } },
      h('td', {}, `${s.storeCode} ${s.storeName}`),
      h('td.num', {}, s.orders.created), h('td.num', {}, s.orders.completed), h('td.num', {}, s.orders.open),
      h('td.num', { title: t('storesReport.metMissed', s.slaCompliance.assign.met, s.slaCompliance.assign.missed) }, percent(s.slaCompliance.assign)),
      h('td.num', { title: t('storesReport.metMissed', s.slaCompliance.onSite.met, s.slaCompliance.onSite.missed) }, percent(s.slaCompliance.onSite)),
      h('td.num', { title: t('storesReport.metMissed', s.slaCompliance.complete.met, s.slaCompliance.complete.missed) }, percent(s.slaCompliance.complete)),
      h('td.num', {}, money(s.revenueTotal)),
      h('td.num', {}, s.stockValue == null ? '—' : money(s.stockValue))))));
}
