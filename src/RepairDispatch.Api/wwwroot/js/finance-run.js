// One settlement run of the chain: its per-store subtotals, its lines (headquarters may pick one store), downloads, and
// the steps its status allows (submit, dispute, adjust, approve, pay) — headquarters' only; a store's finance sees its store's part.
import { api, saveFile, currentSession } from './api.js';
import { t, locale } from './i18n.js';
import { h, mount, field, onSubmit, enumText, money, storeDay } from './ui.js';

export async function renderRun(main, id, names, storeId) {
  const query = storeId ? { storeId } : undefined;
  const [run, lines, whole] = await Promise.all([api.get(`/api/v1/settlements/runs/${id}`, query), api.get(`/api/v1/settlements/runs/${id}/lines`, query),
    storeId ? api.get(`/api/v1/settlements/runs/${id}`) : null]);
  const again = () => renderRun(main, id, names, storeId);
  const party = names.byId[run.manufacturerId || run.installerPartnerId] || '—';
  const headquarters = !currentSession()?.me?.storeId;
  const stores = storeLabels(whole || run);
  if (!headquarters || storeId) return mount(main, runPage(run, party, id, storeId, storesCard(whole || run, id, headquarters, storeId), linesTable(lines.items, false, stores)));
  const table = linesTable(lines.items, ['Submitted', 'Disputed'].includes(run.status), stores);
  mount(main,
    runPage(run, party, id, null, storesCard(run, id, true, null), h('div', {}, table, disputeForm(run, table, again)),
      step(run, 'Draft', 'submit', again), step(run, 'Disputed', 'submit', again),
      step(run, 'Submitted', 'approve', again), step(run, 'Disputed', 'approve', again)),
    adjustmentForm(run, lines.items, again), payForm(run, again));
}

function runPage(run, party, id, storeId, stores, lines, ...steps) {
  return [
    h('p', {}, h('a', { href: '#/finance' }, `← ${t('finance.runs')}`)),
    h('section.card', { 'aria-labelledby': 'run-title' },
      h('h1', { id: 'run-title' }, `${party} · ${run.period}`),
      h('dl.facts', {},
        h('dt', {}, t('finance.status')), h('dd', { dataset: { testid: 'run-status' } }, enumText('run', run.status)),
        h('dt', {}, t('finance.lines')), h('dd', {}, run.lineCount),
        h('dt', {}, t('finance.total')), h('dd', {}, h('strong', { dataset: { testid: 'run-total' } }, money(run.total))),
        run.paidOn ? [h('dt', {}, t('finance.paidOn')), h('dd', {}, `${run.paidOn} · ${run.paidReference}`)] : null),
      h('div.actions', {},
        h('button', { type: 'button', onclick: () => download(id, 'csv', storeId) }, t('finance.csv')),
        h('button', { type: 'button', onclick: () => download(id, 'xlsx', storeId) }, t('finance.xlsx')),
        ...steps)),
    stores,
    h('section.card', {}, lines)];
}

/** Each store's lines and subtotal (the chain's own lines last); headquarters picks a store to see its lines only. */
function storesCard(run, id, headquarters, storeId) {
  const label = storeLabel;
  const rows = run.stores.map(s => h('tr', { dataset: { testid: `store-${s.storeId || 'chain'}` } },
    h('td', {}, headquarters && s.storeId ? h('a', { href: `#/finance/runs/${id}/${s.storeId}` }, label(s)) : label(s)),
    h('td.num', {}, s.lineCount), h('td.num', {}, money(s.total))));
  const filter = headquarters ? field(t('finance.store'), 'storeId', {
    value: storeId || '', options: [['', t('all')], ...run.stores.filter(s => s.storeId).map(s => [s.storeId, label(s)])] }) : null;
  filter?.querySelector('select').addEventListener('change', e => { location.hash = `#/finance/runs/${id}${e.target.value ? `/${e.target.value}` : ''}`; });
  return h('section.card', { 'aria-labelledby': 'stores-title' },
    h('h2', { id: 'stores-title' }, t('finance.byStore')), filter,
    h('table.grid', {},
      h('thead', {}, h('tr', {}, ['finance.store', 'finance.lines', 'finance.subtotal'].map(k => h('th', {}, t(k))))),
      h('tbody', {}, rows, h('tr', {}, h('th', {}, t('finance.sum')), h('th.num', {}, run.lineCount), h('th.num', {}, money(run.total))))));
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

const storeLabel = s => (s.storeId ? `${s.storeCode} ${s.storeName}` : t('finance.chainLines'));
const storeLabels = run => Object.fromEntries(run.stores.map(s => [s.storeId || '', storeLabel(s)]));

function linesTable(lines, selectable, stores) {
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, selectable ? h('th', {}) : null,
      ['finance.store', 'ticket.number', 'finance.kind', 'finance.description', 'finance.amount', 'finance.disputed'].map(k => h('th', {}, t(k))))),
    h('tbody', {}, lines.map(l => h('tr', {},
      selectable ? h('td', {}, h('input', { type: 'checkbox', name: 'lines', value: l.id, 'aria-label': l.workOrderNumber || l.description })) : null,
      h('td', {}, stores[l.storeId || ''] || '—'), h('td', {}, l.workOrderNumber || '—'), h('td', {}, enumText('lineKind', l.kind)), h('td', {}, l.description),
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

function download(id, format, storeId) {
  const store = storeId ? `&storeId=${storeId}` : '';
  return saveFile(`/api/v1/settlements/runs/${id}/export?format=${format}&lang=${exportLanguage()}${store}`, `settlement.${format}`);
}
