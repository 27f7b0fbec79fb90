// Parts stock of one location (the store or a technician's van) on the ledger: on hand, reserved and reorder points,
// the latest movements, and the parts requests to or from it with the step the signed-in role may take.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, formValues, enumText, currentStore, formatTime, storeDay, problemBox } from './ui.js';

export async function render(main) {
  const store = currentStore();
  const technicians = store ? (await api.get('/api/v1/technicians', { storeId: store.id, pageSize: 200 })).items : [];
  const names = Object.fromEntries([[store?.id, t('stock.store')], ...technicians.map(x => [x.id, t('stock.van', x.name)])]);
  const picker = h('form.card.row.filters', { role: 'search' },
    field(t('stock.location'), 'locationId', { options: Object.entries(names) }), h('button.primary', { type: 'submit' }, t('stock.show')));
  const stock = h('section.card', { 'aria-labelledby': 'stock-title' });
  const moves = h('section.card', { 'aria-labelledby': 'moves-title' });
  const requests = h('section.card', { 'aria-labelledby': 'requests-title' });
  const load = async ({ locationId }) => {
    const reload = () => load({ locationId });
    const [items, movements, asked] = await Promise.all([
      api.get('/api/v1/stock', { locationId }),
      api.get('/api/v1/stock/movements', { locationId, pageSize: 20 }),
      api.get('/api/v1/parts-requests', { locationId, pageSize: 50 }),
    ]);
    const parts = Object.fromEntries(items.items.map(i => [i.partId, `${i.partNumber} ${i.partName}`]));
    mount(stock, stockTable(items.items, locationId, reload));
    mount(moves, movesTable(movements.items, parts));
    mount(requests, requestsTable(asked.items, names, reload));
  };
  onSubmit(picker, load);
  mount(main, h('h1', {}, t('stock.title')), picker, stock, moves, requests);
  await load(formValues(picker));
}

const table = (headers, rows) => h('table.grid', {}, h('thead', {}, h('tr', {}, headers.map(k => h('th', {}, k ? t(k) : '')))), h('tbody', {}, rows));
const isManager = () => ['manager', 'admin'].includes(currentSession()?.role);

function stockTable(items, locationId, reload) {
  const rows = items.map(i => h('tr', { dataset: { testid: `stock-${i.partId}` } },
    h('td', {}, i.partNumber), h('td', {}, i.partName), h('td.num', {}, i.onHand), h('td.num', {}, i.reserved),
    h('td', {}, isManager() ? reorderForm(i, locationId, reload) : (i.reorderPoint ?? '—'))));
  return [h('h2', { id: 'stock-title' }, t('stock.onHand')),
    items.length === 0 ? h('p.muted', {}, t('stock.none'))
      : table(['stock.partNumber', 'stock.part', 'stock.qty', 'stock.reserved', 'stock.reorderPoint'], rows)];
}

function reorderForm(item, locationId, reload) {
  const form = h('form.row', { 'aria-label': t('stock.reorderPointOf', item.partName) },
    field(t('stock.reorderPoint'), 'reorderPoint', { value: item.reorderPoint ?? '', inputmode: 'numeric', size: 4 }),
    h('button', { type: 'submit' }, t('save')));
  onSubmit(form, async v => {
    await api.put('/api/v1/stock/reorder-points',
      { locationId, partId: item.partId, reorderPoint: v.reorderPoint === '' ? null : Number(v.reorderPoint), reorderQty: item.reorderQty });
    await reload();
  });
  return form;
}

function movesTable(items, parts) {
  const rows = items.map(m => h('tr', {}, h('td', {}, formatTime(m.at)), h('td', {}, enumText('movementKind', m.kind)),
    h('td', {}, parts[m.partId] || m.partId), h('td.num', {}, m.qty > 0 ? `+${m.qty}` : m.qty), h('td', {}, m.reason || m.reference || '')));
  return [h('h2', { id: 'moves-title' }, t('stock.movements')),
    items.length === 0 ? h('p.muted', {}, t('stock.noMovements')) : table(['stock.at', 'stock.kind', 'stock.part', 'stock.qty', 'stock.note'], rows)];
}

function requestsTable(items, names, reload) {
  const rows = items.map(r => h('tr', { dataset: { testid: `request-${r.id}` } },
    h('td', {}, formatTime(r.requestedAt)), h('td', {}, enumText('partsRequestStatus', r.status)),
    h('td', {}, `${names[r.fromLocationId] || t('stock.elsewhere')} → ${names[r.toLocationId] || t('stock.elsewhere')}`),
    h('td', {}, r.lines.map(l => `${l.partNumber} ${l.partName} × ${l.qty}`).join('; ')),
    h('td', {}, r.expectedOn || '—'), h('td.actions', {}, actions(r, reload))));
  return [h('h2', { id: 'requests-title' }, t('stock.requests')),
    items.length === 0 ? h('p.muted', {}, t('stock.noRequests'))
      : table(['stock.requestedAt', 'ticket.status', 'stock.route', 'stock.lines', 'stock.expectedOn', ''], rows)];
}

function actions(request, reload) {
  const step = (label, path, body) => h('button', { type: 'button', onclick: async event => {
    const cell = event.target.closest('td');
    try { await api.post(`/api/v1/parts-requests/${request.id}/${path}`, body?.()); await reload(); }
    catch (error) { cell.append(problemBox(error)); }
  } }, t(label));
  const role = currentSession()?.role;
  if (request.status === 'Requested' && isManager()) return [step('stock.approve', 'approve'), shipOrReject(request, 'reject', reload)];
  if (request.status === 'Approved' && role !== 'finance') return shipOrReject(request, 'ship', reload);
  if (request.status === 'Shipped' && role !== 'finance') return step('stock.receive', 'receive');
  return [];
}

/** Rejecting needs a reason and shipping an expected day: a small form in the row. */
function shipOrReject(request, action, reload) {
  const input = action === 'ship'
    ? field(t('stock.expectedOn'), 'expectedOn', { type: 'date', value: storeDay(1), required: true })
    : field(t('stock.rejectReason'), 'reason', { required: true, maxlength: 500 });
  const form = h('form.row', { 'aria-label': t(`stock.${action}`) }, input, h('button', { type: 'submit' }, t(`stock.${action}`)));
  onSubmit(form, async v => { await api.post(`/api/v1/parts-requests/${request.id}/${action}`, v); await reload(); });
  return form;
}
