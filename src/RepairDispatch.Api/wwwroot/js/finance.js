// Finance: settlement runs by period and status, a new run, and the revenue summary of a period.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, enumText, money, storeDay, storeInstant } from './ui.js';
import { renderRun } from './finance-run.js';

const runStatuses = ['Draft', 'Submitted', 'Disputed', 'Approved', 'Paid'];

export async function render(main, [kind, id, storeId]) {
  if (kind === 'runs' && id) return renderRun(main, id, await parties(), storeId);
  const list = h('section', { 'aria-live': 'polite' });
  const revenue = h('section', { 'aria-live': 'polite' });
  const names = await parties();
  const filters = h('form.card.row.filters', { role: 'search' },
    field(t('finance.period'), 'period', { type: 'month', value: storeDay().slice(0, 7) }),
    field(t('finance.status'), 'status', { options: [['', t('all')], ...runStatuses.map(s => [s, enumText('run', s)])] }),
    h('button.primary', { type: 'submit' }, t('finance.find')));
  const load = async v => {
    const page = await api.get('/api/v1/settlements/runs', { period: v.period, status: v.status });
    mount(list, runsTable(page.items, names));
  };
  onSubmit(filters, load);
  mount(main, h('h1', {}, t('finance.title')), filters, list, newRunForm(names), revenueForm(revenue), revenue);
  await load({ period: filters.period.value });
}

/** Manufacturer and installer partner names by id: runs name their party only by id. */
async function parties() {
  const [makers, partners] = await Promise.all([
    api.get('/api/v1/manufacturers', { pageSize: 200 }), api.get('/api/v1/installer-partners', { pageSize: 200 }).catch(() => ({ items: [] }))]);
  return { makers: makers.items, byId: Object.fromEntries([...makers.items, ...partners.items].map(p => [p.id, p.name])) };
}

function runsTable(runs, names) {
  if (runs.length === 0) return h('p', {}, t('finance.none'));
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, ['finance.party', 'finance.period', 'finance.status', 'finance.lines', 'finance.total', ''].map(k => h('th', {}, k && t(k))))),
    h('tbody', {}, runs.map(r => h('tr', {},
      h('td', {}, names.byId[r.manufacturerId || r.installerPartnerId] || '—'), h('td', {}, r.period),
      h('td', {}, enumText('run', r.status)), h('td.num', {}, r.lineCount), h('td.num', {}, money(r.total)),
      h('td', {}, h('a', { href: `#/finance/runs/${r.id}`, 'aria-label': `${t('finance.open')} ${names.byId[r.manufacturerId || r.installerPartnerId] || ''} ${r.period}` }, t('finance.open')))))));
}

function newRunForm(names) {
  const form = h('form.row', {},
    field(t('finance.manufacturer'), 'manufacturerId', { options: names.makers.map(m => [m.id, m.name]) }),
    field(t('finance.period'), 'period', { type: 'month', value: storeDay().slice(0, 7), required: true }),
    h('button.primary', { type: 'submit' }, t('finance.create')));
  onSubmit(form, async v => {
    const run = await api.post('/api/v1/settlements/runs', { manufacturerId: v.manufacturerId, period: v.period });
    location.hash = `#/finance/runs/${run.id}`;
  });
  return h('details.card', {}, h('summary', {}, t('finance.newRun')), form);
}

function revenueForm(output) {
  const month = storeDay().slice(0, 7);
  const form = h('form.row', {},
    field(t('finance.from'), 'from', { type: 'month', value: month, required: true }),
    field(t('finance.to'), 'to', { type: 'month', value: month, required: true }),
    h('button', { type: 'submit' }, t('finance.revenue')));
  onSubmit(form, async v => {
    const [y, m] = v.to.split('-').map(Number);
    const after = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const report = await api.get('/api/v1/reports/revenue', { from: storeInstant(`${v.from}-01`, '00:00'), to: storeInstant(`${after}-01`, '00:00') });
    mount(output, h('table.grid', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('finance.source')), h('th', {}, t('finance.amount')))),
      h('tbody', {}, report.lines.map(l => h('tr', {}, h('td', {}, enumText('revenue', l.source)), h('td.num', {}, money(l.amount)))),
        h('tr', {}, h('th', {}, t('finance.sum')), h('th.num', {}, money(report.total))))));
  });
  return h('section.card', {}, h('h2', {}, t('finance.revenue')), form);
}
