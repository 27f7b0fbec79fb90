// One settlement run: its lines, downloads, and the steps its status allows (submit, dispute, adjust, approve, pay).
import { api, saveFile } from './api.js';
import { t, locale } from './i18n.js';
import { h, mount, field, onSubmit, enumText, money, storeDay } from './ui.js';

export async function renderRun(main, id, names) {
  const [run, lines] = await Promise.all([api.get(`/api/v1/settlements/runs/${id}`), api.get(`/api/v1/settlements/runs/${id}/lines`)]);
  const again = () => renderRun(main, id, names);
  const party = names.byId[run.manufacturerId || run.installerPartnerId] || '—';
  const table = linesTable(lines.items, ['Submitted', 'Disputed'].includes(run.status));
  mount(main,
    h('p', {}, h('a', { href: '#/finance' }, `← ${t('finance.runs')}`)),
    h('section.card', { 'aria-labelledby': 'run-title' },
      h('h1', { id: 'run-title' }, `${party} · ${run.period}`),
      h('dl.facts', {},
        h('dt', {}, t('finance.status')), h('dd', { dataset: { testid: 'run-status' } }, enumText('run', run.status)),
        h('dt', {}, t('finance.lines')), h('dd', {}, run.lineCount),
        h('dt', {}, t('finance.total')), h('dd', {}, h('strong', {}, money(run.total))),
        run.paidOn ? [h('dt', {}, t('finance.paidOn')), h('dd', {}, `${run.paidOn} · ${run.paidReference}`)] : null),
      h('div.actions', {},
        h('button', { type: 'button', onclick: () => download(id, 'csv') }, t('finance.csv')),
        h('button', { type: 'button', onclick: () => download(id, 'xlsx') }, t('finance.xlsx')),
        step(run, 'Draft', 'submit', again), step(run, 'Disputed', 'submit', again),
        step(run, 'Submitted', 'approve', again), step(run, 'Disputed', 'approve', again))),
    h('section.card', {}, table, disputeForm(run, table, again)),
    adjustmentForm(run, lines.items, again), payForm(run, again));
}

function step(run, from, action, again) {
  if (run.status !== from) return null;
  return h('button.primary', { type: 'button', onclick: async event => {
    const button = event.currentTarget;
    button.disabled = true;
    try { await api.post(`/api/v1/settlements/runs/${run.id}/${action}`); await again(); }
    catch (error) { button.disabled = false; button.after(h('span.form-error', { role: 'alert' }, error.message)); }
  } }, t(`finance.${action}`));
}

function linesTable(lines, selectable) {
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, selectable ? h('th', {}) : null,
      ['ticket.number', 'finance.kind', 'finance.description', 'finance.amount', 'finance.disputed'].map(k => h('th', {}, t(k))))),
    h('tbody', {}, lines.map(l => h('tr', {},
      selectable ? h('td', {}, h('input', { type: 'checkbox', name: 'lines', value: l.id, 'aria-label': l.workOrderNumber || l.description })) : null,
      h('td', {}, l.workOrderNumber || '—'), h('td', {}, enumText('lineKind', l.kind)), h('td', {}, l.description),
      h('td.num', {}, money(l.amount)), h('td', {}, l.disputed ? h('span.badge.warn', { title: l.disputeReason || '' }, l.disputeReason || t('finance.disputed')) : '')))));
}

function disputeForm(run, table, again) {
  if (!['Submitted', 'Disputed'].includes(run.status)) return null;
  const form = h('form.row', {}, field(t('finance.reason'), 'reason', { required: true }),
    h('input', { type: 'hidden', name: 'lines' }), h('button', { type: 'submit' }, t('finance.dispute')));
  return onSubmit(form, async v => {
    const lines = [...table.querySelectorAll('input[name=lines]:checked')].map(c => c.value);
    await api.post(`/api/v1/settlements/runs/${run.id}/dispute`, { lines, reason: v.reason });
    await again();
  });
}

function adjustmentForm(run, lines, again) {
  if (!['Draft', 'Disputed'].includes(run.status)) return null;
  const form = h('form.row', {},
    field(t('finance.adjustLine'), 'lineId', { options: [['', t('finance.noLine')],
      ...lines.filter(l => l.kind !== 'Adjustment').map(l => [l.id, `${l.workOrderNumber || ''} ${l.description} ${money(l.amount)}`])] }),
    field(t('finance.amount'), 'amount', { type: 'number', step: '0.01', required: true }),
    field(t('finance.description'), 'description', { required: true }),
    h('button', { type: 'submit' }, t('finance.adjust')));
  onSubmit(form, async v => {
    await api.post(`/api/v1/settlements/runs/${run.id}/adjustments`, { lineId: v.lineId || null, amount: Number(v.amount), description: v.description });
    await again();
  });
  return h('section.card', {}, h('h2', {}, t('finance.adjust')), form);
}

function payForm(run, again) {
  if (run.status !== 'Approved') return null;
  const form = h('form.row', {},
    field(t('finance.paidOn'), 'paidOn', { type: 'date', value: storeDay(), required: true }),
    field(t('finance.reference'), 'reference', { required: true }),
    h('button.primary', { type: 'submit' }, t('finance.pay')));
  onSubmit(form, async v => { await api.post(`/api/v1/settlements/runs/${run.id}/pay`, v); await again(); });
  return h('section.card', {}, h('h2', {}, t('finance.pay')), form);
}

const exportLanguage = () => (locale() === 'zh-CN' ? 'zh' : 'en');

function download(id, format) {
  return saveFile(`/api/v1/settlements/runs/${id}/export?format=${format}&lang=${exportLanguage()}`, `settlement.${format}`);
}
