// The day's sales file of a store without a till integration, uploaded at the desk: each sale goes in on its own, and
// the refused rows come back with their reasons (docs/sales.md).
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, onSubmit } from './ui.js';

export function salesImportCard() {
  const result = h('div', { 'aria-live': 'polite', dataset: { testid: 'sales-import-result' } });
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.xlsx,.csv', id: 'sales-file' });
  const form = h('form.card.row', { 'aria-labelledby': 'sales-import' },
    h('h2', { id: 'sales-import' }, t('sales.import')),
    h('label', { for: 'sales-file' }, t('sales.file'), file),
    h('button', { type: 'submit' }, t('sales.upload')));
  onSubmit(form, async () => {
    const data = new FormData();
    data.append('file', file.files[0]);
    const report = await api.upload('/api/v1/sales-orders/import', data);
    mount(result, h('p', {}, t('sales.report', report.accepted, report.refused.length)),
      report.refused.length ? h('table.grid', {},
        h('thead', {}, h('tr', {}, ['sales.row', 'sales.reason'].map(k => h('th', {}, t(k))))),
        h('tbody', {}, report.refused.map(r => h('tr', {}, h('td.num', {}, String(r.row)), h('td', {}, r.errors.join(' ')))))) : null);
  });
  return [form, result];
}
