// The chain: headquarters edits a store's kind, service districts and language (If-Match); a manager lends a technician
// of the store to another store for some days and ends a loan.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, enumText, storeDay } from './ui.js';

const splitDistricts = text => (text || '').split(/[,，、\s]+/).filter(Boolean);

export async function render(main) {
  const stores = (await api.get('/api/v1/stores')).items;
  const admin = currentSession().role === 'admin';
  const loans = h('section.card', { 'aria-labelledby': 'loans-title' });
  mount(main, h('h1', {}, t('nav.stores')),
    h('section.card', { 'aria-labelledby': 'stores-title' },
      h('h2', { id: 'stores-title' }, t('stores.list')),
      h('table.grid', {},
        h('thead', {}, h('tr', {}, ['stores.name', 'stores.kind', 'stores.districts', 'stores.language', ''].map(k => h('th', {}, k ? t(k) : '')))),
        h('tbody', {}, stores.map(s => h('tr', { dataset: { testid: `store-${s.code}` } },
          h('td', {}, `${s.name}（${s.code}）`), h('td', {}, enumText('storeKind', s.kind)),
          h('td', {}, s.districts.join('、') || '—'), h('td', {}, enumText('language', s.language)),
          h('td', {}, admin ? editStore(s) : '')))))),
    loans);
  await renderLoans(loans, stores);
}

function editStore(store) {
  const form = h('form.row', {},
    field(t('stores.kind'), 'kind', { options: ['Store', 'Warehouse'].map(k => [k, enumText('storeKind', k)]), value: store.kind }),
    field(t('stores.districts'), 'districts', { value: store.districts.join('，') }),
    field(t('stores.language'), 'language', { options: ['zh-CN', 'en'].map(l => [l, enumText('language', l)]), value: store.language }),
    h('button.primary', { type: 'submit' }, t('save')));
  onSubmit(form, async v => {
    const current = await api.raw(`/api/v1/stores/${store.id}`);
    await api.patch(`/api/v1/stores/${store.id}`, { kind: v.kind, districts: splitDistricts(v.districts), language: v.language },
      current.headers.get('ETag'));
    location.reload();
  });
  return h('details', {}, h('summary', {}, t('stores.edit')), form);
}

async function renderLoans(card, stores) {
  const technicians = (await api.get('/api/v1/technicians', { pageSize: 200 })).items;
  const list = h('div', { 'aria-live': 'polite' });
  const pick = h('form.row', {},
    field(t('loans.technician'), 'technicianId', { options: technicians.map(x => [x.id, `${x.name}（${x.code}）`]) }));
  let shown = 0;
  const show = async () => {
    const technicianId = pick.querySelector('select').value;
    if (!technicianId) return mount(list, h('p.muted', {}, t('loans.noTechnicians')));
    // The previous technician's form goes at once: filled in while this one's loans load, it would lend the wrong technician,
    // and an answer for an earlier pick that comes in late is not shown.
    const asked = ++shown;
    mount(list, h('p.muted', {}, t('loans.loading')));
    const technician = technicians.find(x => x.id === technicianId);
    const borrowers = stores.filter(s => s.kind === 'Store' && s.id !== technician.storeId);
    const loans = (await api.get(`/api/v1/technicians/${technicianId}/loans`)).items;
    if (asked !== shown) return;
    mount(list, loanTable(technicianId, loans, stores, show),
      borrowers.length ? newLoan(technicianId, borrowers, show) : h('p.muted', {}, t('loans.noOtherStore')));
  };
  pick.addEventListener('change', show);
  mount(card, h('h2', { id: 'loans-title' }, t('loans.title')), pick, list);
  await show();
}

function loanTable(technicianId, loans, stores, refresh) {
  if (loans.length === 0) return h('p.muted', {}, t('loans.none'));
  const name = id => stores.find(s => s.id === id)?.name ?? id;
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, ['loans.to', 'loans.from', 'loans.until', 'loans.state', ''].map(k => h('th', {}, k ? t(k) : '')))),
    h('tbody', {}, loans.map(l => h('tr', {},
      h('td', {}, name(l.toStoreId)), h('td', {}, l.from), h('td', {}, l.to), h('td', {}, enumText('loanState', l.state)),
      h('td', {}, l.state === 'Active' && l.to >= storeDay() ? endButton(technicianId, l.id, refresh) : '')))));
}

function endButton(technicianId, loanId, refresh) {
  const button = h('button', { type: 'button' }, t('loans.end'));
  button.addEventListener('click', async () => { await api.post(`/api/v1/technicians/${technicianId}/loans/${loanId}/end`); await refresh(); });
  return button;
}

function newLoan(technicianId, borrowers, refresh) {
  const form = h('form.row', {},
    field(t('loans.to'), 'toStoreId', { options: borrowers.map(s => [s.id, s.name]) }),
    field(t('loans.from'), 'from', { type: 'date', required: true, value: storeDay(1) }),
    field(t('loans.until'), 'to', { type: 'date', required: true, value: storeDay(1) }),
    h('button.primary', { type: 'submit' }, t('loans.lend')));
  onSubmit(form, async v => {
    await api.post(`/api/v1/technicians/${technicianId}/loans`, { toStoreId: v.toStoreId, from: v.from, to: v.to });
    await refresh();
  });
  return form;
}
