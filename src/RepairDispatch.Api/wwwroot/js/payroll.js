// Finance's payroll screen (技师工资, docs/payroll.md): a month's pay lines per technician with their reasons, calculated
// by finance or a manager, approved (frozen) by a manager under If-Match — the version of the figures he was shown —
// and the statement as CSV/XLSX. Headquarters picks a store or every store; a store-bound user sees his store only.
import { api, saveFile, currentSession, withQuery } from './api.js';
import { t, locale } from './i18n.js';
import { h, mount, field, onSubmit, formValues, enumText, money, storeDay, currentStore, problemBox } from './ui.js';
import { rulesCard } from './payroll-rules.js';

const approvers = ['manager', 'admin'];

/** The last 24 months of the store's calendar, newest first (yyyy-MM); the console writes them, not the browser's month picker. */
function recentMonths() {
  const [y, m] = storeDay().split('-').map(Number);
  return Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(y, m - 1 - i, 1)).toISOString().slice(0, 7));
}

export const monthText = period => { const [y, m] = period.split('-'); return t('payroll.month', y, m, Number(m)); };

export async function render(main) {
  const headquarters = !currentSession()?.me?.storeId;
  const stores = headquarters ? (await api.get('/api/v1/stores')).items.filter(s => s.kind === 'Store') : [];
  const own = currentStore();
  const names = Object.fromEntries([...stores, ...(own ? [own] : [])].map(s => [s.id, `${s.code} ${s.name}`]));
  const output = h('div', { 'aria-live': 'polite' });
  const form = h('form.card.row.filters', { role: 'search' },
    field(t('payroll.period'), 'period', { options: recentMonths().map(p => [p, monthText(p)]) }),
    headquarters ? field(t('payroll.store'), 'storeId', { options: [['', t('payroll.allStores')], ...stores.map(s => [s.id, names[s.id]])] }) : null,
    h('button.primary', { type: 'submit' }, t('payroll.show')));
  const load = async (query, notice) => {
    const path = `/api/v1/payroll/periods/${query.period}`;
    const scope = { storeId: query.storeId };
    const response = await api.raw(withQuery(path, scope));
    const view = await response.json();
    const again = next => load(query, next);
    mount(output, periodCard(view, { path, scope, etag: response.headers.get('ETag'), names, notice, again }), linesCard(view));
  };
  onSubmit(form, values => load(values));
  mount(main, h('h1', {}, t('payroll.title')), !headquarters && own ? h('p.muted', {}, t('payroll.ownStore', names[own.id])) : null,
    form, output, await rulesCard());
  await load(formValues(form));
}

/** The month's state, total and steps: calculate (not once approved), approve after a confirmation, download. */
function periodCard(view, { path, scope, etag, names, notice, again }) {
  const frozen = view.status === 'Approved';
  const message = h('div', { 'aria-live': 'assertive' }, notice ?? null);
  const refused = error => mount(message, problemBox(error));
  const calculate = h('button.primary', { type: 'button', disabled: frozen, title: frozen ? t('payroll.frozenHint') : undefined }, t('payroll.calculate'));
  calculate.addEventListener('click', async () => {
    calculate.disabled = true;
    try { await api.post(withQuery(`${path}/calculate`, scope)); await again(h('p.notice', { role: 'status' }, t('payroll.calculated'))); }
    catch (error) { calculate.disabled = frozen; refused(error); }
  });
  const mayApprove = approvers.includes(currentSession()?.role);
  const confirmBox = h('div.notice.warn', { hidden: true, role: 'group', 'aria-label': t('payroll.approve') });
  const approve = view.status === 'Calculated' && mayApprove
    ? h('button', { type: 'button', onclick: () => { confirmBox.hidden = false; confirmBox.querySelector('button')?.focus(); } }, t('payroll.approve'))
    : null;
  mount(confirmBox, h('p', {}, t('payroll.confirmText', monthText(view.period), money(view.total))),
    h('button.primary', { type: 'button', onclick: async event => {
      event.currentTarget.disabled = true;
      try { await api.post(withQuery(`${path}/approve`, scope), undefined, etag); await again(h('p.notice', { role: 'status' }, t('payroll.approved'))); }
      // 412: the figures changed since they were shown (recalculated meanwhile): the new ones are shown with the refusal.
      catch (error) { if (error.status === 412) await again(problemBox(error)); else { confirmBox.hidden = true; refused(error); } }
    } }, t('payroll.confirm')),
    h('button', { type: 'button', onclick: () => { confirmBox.hidden = true; } }, t('payroll.cancel')));
  const format = locale() === 'zh-CN' ? 'zh' : 'en';
  const download = kind => saveFile(withQuery(`${path}/export`, { format: kind, lang: format, ...scope }), `payroll-${view.period}.${kind}`);
  return h('section.card', { 'aria-labelledby': 'pay-period-title' },
    h('h2', { id: 'pay-period-title' }, monthText(view.period)),
    h('dl.facts', {},
      h('dt', {}, t('payroll.status')), h('dd', {}, h('span', { class: `badge ${frozen ? 'ok' : ''}`, dataset: { testid: 'pay-status' } }, enumText('payStatus', view.status))),
      view.stores.length > 1 ? [h('dt', {}, t('payroll.stores')), h('dd', {}, view.stores.map(s =>
        h('span.pay-store', { dataset: { testid: `pay-store-${s.storeId}` } }, t('payroll.storeStatus', names[s.storeId] ?? s.storeId, enumText('payStatus', s.status)))))] : null,
      h('dt', {}, t('payroll.total')), h('dd', {}, h('strong', { dataset: { testid: 'pay-total' } }, money(view.total)))),
    frozen ? h('p.muted', {}, t('payroll.frozenHint')) : null,
    view.status === 'Calculated' && !mayApprove ? h('p.muted', {}, t('payroll.managerApproves')) : null,
    h('div.actions', {}, calculate, approve,
      h('button', { type: 'button', onclick: () => download('csv').catch(refused) }, t('payroll.csv')),
      h('button', { type: 'button', onclick: () => download('xlsx').catch(refused) }, t('payroll.xlsx'))),
    confirmBox, message);
}

/** Technician by technician: each line's kind, reason and amount (adjustments of an earlier frozen month marked), his subtotal; the total last. */
function linesCard(view) {
  if (view.technicians.length === 0) return h('section.card', {}, h('p', {}, t(view.status === 'Open' ? 'payroll.notCalculated' : 'payroll.noLines')));
  return h('section.card', { 'aria-labelledby': 'pay-lines-title' }, h('h2', { id: 'pay-lines-title' }, t('payroll.lines')),
    h('table.grid.pay-lines', {},
      h('thead', {}, h('tr', {}, ['payroll.kind', 'payroll.reason', 'payroll.amount'].map(k => h('th', {}, t(k))))),
      view.technicians.map(tech => h('tbody', { dataset: { testid: `pay-technician-${tech.technicianId}` } },
        h('tr.pay-technician', {}, h('th', { colspan: 3 }, `${tech.technicianCode} ${tech.technicianName}`)),
        tech.lines.map(line => h('tr', { class: line.adjustsPeriod ? 'pay-line pay-adjustment' : 'pay-line' },
          h('td', {}, enumText('payCode', line.code),
            line.adjustsPeriod ? h('span.badge.warn', { title: t('payroll.adjustsHint') }, t('payroll.adjusts', monthText(line.adjustsPeriod))) : null),
          h('td', {}, line.text), h('td.num', {}, money(line.amount)))),
        h('tr.pay-subtotal', {}, h('th', { colspan: 2 }, t('payroll.subtotal', tech.technicianName)),
          h('th.num', { dataset: { testid: 'pay-subtotal' } }, money(tech.total))))),
      h('tfoot', {}, h('tr', {}, h('th', { colspan: 2 }, t('payroll.sum')), h('th.num', {}, money(view.total))))));
}
