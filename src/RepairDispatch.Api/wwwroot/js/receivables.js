// Finance: a manufacturer's payment recorded against its statements, and what each manufacturer owes aged as bars
// (0–30, 31–60, 61–90, over 90 days since completion) with the median days to cash.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, formValues, money, storeDay } from './ui.js';

const buckets = ['d0_30', 'd31_60', 'd61_90', 'd90plus'];

export async function render(main) {
  const makers = (await api.get('/api/v1/manufacturers', { pageSize: 200 })).items;
  const names = Object.fromEntries(makers.map(m => [m.id, m.name]));
  const chart = h('section', { 'aria-live': 'polite' });
  const filters = h('form.card.row.filters', { role: 'search' },
    field(t('receivables.asOf'), 'asOf', { type: 'date', value: storeDay(), required: true }),
    field(t('finance.manufacturer'), 'manufacturerId', { options: [['', t('all')], ...makers.map(m => [m.id, m.name])] }),
    h('button.primary', { type: 'submit' }, t('finance.find')));
  const load = async v => {
    const report = await api.get('/api/v1/reports/receivables', { asOf: v.asOf, manufacturerId: v.manufacturerId });
    mount(chart, agingChart(report.items, names));
  };
  onSubmit(filters, load);
  mount(main, h('h1', {}, t('receivables.title')), filters, chart, paymentCard(makers, () => load(formValues(filters))));
  await load(formValues(filters));
}

function agingChart(items, names) {
  if (items.length === 0) return h('p', {}, t('receivables.none'));
  const most = Math.max(1, ...items.flatMap(i => buckets.map(b => i.buckets[b])));
  return h('div.aging', { role: 'list', 'aria-label': t('receivables.chart') }, items.map(i => h('div.card', { role: 'listitem', dataset: { testid: `aging-${i.manufacturerId}` } },
    h('h2', {}, names[i.manufacturerId] || i.manufacturerId),
    buckets.map(b => {
      const bar = h('span.bar');
      // Widths are data, set through the CSSOM, which the console's style-src 'self' allows (inline style attributes it would not).
      bar.style.width = `${(i.buckets[b] / most) * 100}%`;
      return h('div.aging-row', { dataset: { testid: b } }, h('span.aging-label', {}, t(`receivables.${b}`)), h('span.bar-track', {}, bar), h('span.num', {}, money(i.buckets[b])));
    }),
    h('p', {}, h('strong', { dataset: { testid: 'total' } }, `${t('receivables.total')}: ${money(i.total)}`), ' · ',
      h('span', { dataset: { testid: 'median' } }, i.daysToCashMedian == null ? t('receivables.noMedian') : t('receivables.median', i.daysToCashMedian))))));
}

function paymentCard(makers, reload) {
  const statements = h('fieldset.row', {}, h('legend', {}, t('receivables.statements')));
  const done = h('p', { role: 'status' });
  const maker = field(t('finance.manufacturer'), 'manufacturerId', { options: [['', '—'], ...makers.map(m => [m.id, m.name])], required: true });
  const form = h('form', {},
    h('div.row', {}, maker,
      field(t('finance.amount'), 'amount', { inputmode: 'decimal', required: true }),
      field(t('receivables.receivedOn'), 'receivedOn', { type: 'date', value: storeDay(), required: true }),
      field(t('receivables.reference'), 'reference', { required: true, maxlength: 100 })),
    statements,
    h('button.primary', { type: 'submit' }, t('receivables.record')));
  let shown = 0;
  const showStatements = async id => {
    // Another manufacturer's statements go at once, and an answer for an earlier pick that comes in late is not shown.
    const asked = ++shown;
    mount(statements, h('legend', {}, t('receivables.statements')));
    const page = id ? await api.get('/api/v1/settlements/statements', { manufacturerId: id }) : { items: [] };
    if (asked !== shown) return;
    mount(statements, h('legend', {}, t('receivables.statements')), page.items.length === 0 ? h('p.muted', {}, t('receivables.noStatements')) : page.items.map(s =>
      h('label', {}, h('input', { type: 'checkbox', name: 'statementIds', value: s.id }), ` ${s.period} · ${t('receivables.due')} ${money(s.due)}`)));
  };
  maker.querySelector('select').addEventListener('change', e => showStatements(e.target.value));
  onSubmit(form, async v => {
    const statementIds = [...form.querySelectorAll('input[name=statementIds]:checked')].map(c => c.value);
    const payment = await api.post('/api/v1/settlements/payments', {
      manufacturerId: v.manufacturerId, amount: Number(v.amount), receivedOn: v.receivedOn, reference: v.reference, statementIds });
    done.textContent = t('receivables.recorded', payment.reference, money(payment.amount));
    await showStatements(v.manufacturerId);
    await reload();
  });
  return h('section.card', {}, h('h2', {}, t('receivables.pay')), form, done);
}
