// Front desk: find the caller by phone, their card (appliances, warranty, history), and a new ticket whose
// warranty decision, SLA and duplicate warning show as soon as the appliance is chosen.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, problemBox, formatTime, storeDay, storeInstant, enumText, slaBadge, warrantyBox } from './ui.js';
import { customerForm, applianceForm } from './desk-forms.js';
import { salesImportCard } from './sales-import.js';

export async function render(main, [customerId]) {
  const results = h('section.results', { 'aria-live': 'polite' });
  const search = h('form.card.search', { role: 'search' },
    field(t('desk.phone'), 'phone', { type: 'tel', inputmode: 'tel', autofocus: true, required: true, placeholder: '138 0000 0000' }),
    h('button.primary', { type: 'submit' }, t('desk.find')));
  onSubmit(search, async ({ phone }) => showMatches(results, phone, await api.get('/api/v1/customers', { phone })));
  mount(main, h('h1', {}, t('desk.title')), search, results);
  if (customerId) await showCustomer(results, customerId);
  else {
    main.append(...salesImportCard());
    search.querySelector('input').focus();
  }
}

function showMatches(results, phone, page) {
  if (page.items.length === 1) { location.hash = `#/desk/${page.items[0].id}`; return; }
  const create = customerForm(phone, created => { location.hash = `#/desk/${created.id}`; });
  mount(results, page.items.length === 0
    ? [h('p.notice', {}, t('desk.noCustomer', phone)), create]
    : h('ul.list', {}, page.items.map(c => h('li', {}, h('a', { href: `#/desk/${c.id}` }, `${c.name} · ${c.phones.join(', ')}`)))));
}

async function showCustomer(results, id) {
  const [customer, appliances, history] = await Promise.all([
    api.get(`/api/v1/customers/${id}`),
    api.get(`/api/v1/customers/${id}/appliances`, { pageSize: 200 }),
    api.get('/api/v1/work-orders', { customerId: id, pageSize: 50 }),
  ]);
  const previews = await Promise.all(appliances.items.map(a => api.get(`/api/v1/appliances/${a.id}/intake-preview`).catch(() => null)));
  const card = h('section.card.customer', { 'aria-labelledby': 'customer-name' },
    h('h2', { id: 'customer-name' }, customer.name, customer.tier === 'Vip' ? h('span.badge.vip', {}, 'VIP') : null),
    h('p', {}, `${t('desk.phones')}: ${customer.phones.join(', ')}`),
    h('p', {}, `${t('desk.address')}: ${customer.addresses.map(a => `${a.district} ${a.street}`).join('; ') || '—'}`),
    h('h3', {}, t('desk.appliances')),
    h('table.grid', {}, h('thead', {}, h('tr', {}, ['desk.category', 'desk.brand', 'desk.model', 'desk.purchased', 'desk.warranty', 'desk.sanbao']
      .map(k => h('th', {}, t(k))))),
      h('tbody', {}, appliances.items.map((a, i) => h('tr', {},
        h('td', {}, enumText('category', a.category)), h('td', {}, a.manufacturerName), h('td', {}, a.model),
        h('td', {}, a.purchaseDate || '—'), h('td', {}, warrantyBadge(previews[i]?.warranty, previews[i]?.openWorkOrder)),
        h('td', {}, sanbaoBadge(previews[i]?.entitlement)))))),
    applianceForm(customer.id, () => showCustomer(results, id)),
    h('h3', {}, t('desk.history')),
    historyTable(history.items, appliances.items));
  mount(results, card, newTicketForm(customer, appliances.items, results));
}

function warrantyBadge(warranty, open) {
  if (!warranty) return '—';
  const state = warranty.inWarranty ? h('span.badge.ok', {}, t('warranty.in')) : h('span.badge', {}, t('warranty.out'));
  return [state, ' ', enumText('payer', warranty.payer), open ? h('span.badge.warn', {}, t('desk.openOrder', open.number)) : null];
}

// 三包: what the customer is owed today; the reasons are the badge's title and are listed at intake.
function sanbaoBadge(entitlement) {
  if (!entitlement) return '—';
  const kind = { Return: 'warn', Exchange: 'warn', RepairOnly: 'ok' }[entitlement.entitlement];
  return [h(`span.badge${kind ? '.' + kind : ''}`, { title: entitlement.reasons.join('\n'), 'data-testid': 'sanbao-state' },
    enumText('entitlement', entitlement.entitlement)), entitlement.until ? ` ${t('sanbao.until', entitlement.until)}` : null];
}

function historyTable(orders, appliances) {
  if (orders.length === 0) return h('p', {}, t('desk.noHistory'));
  const model = Object.fromEntries(appliances.map(a => [a.id, `${enumText('category', a.category)} ${a.model}`]));
  return h('table.grid', {}, h('thead', {}, h('tr', {}, ['ticket.number', 'ticket.appliance', 'ticket.status', 'ticket.created', 'ticket.sla']
    .map(k => h('th', {}, t(k))))),
    h('tbody', {}, orders.map(o => h('tr', {},
      h('td', {}, h('a', { href: `#/tickets/${o.id}` }, o.number)), h('td', {}, model[o.applianceId] || ''),
      h('td', {}, enumText('status', o.status)), h('td', {}, formatTime(o.createdAt)), h('td', {}, slaBadge(o))))));
}

function newTicketForm(customer, appliances, results) {
  const decision = h('div.decision', { 'aria-live': 'polite', id: 'intake-decision' });
  const duplicate = h('label.inline', { hidden: true }, h('input', { type: 'checkbox', name: 'allowDuplicate' }), t('ticket.allowDuplicate'));
  const form = h('form.card', { 'aria-labelledby': 'new-ticket' },
    h('h2', { id: 'new-ticket' }, t('ticket.new')),
    h('div.row', {},
      field(t('ticket.appliance'), 'applianceId', { required: true,
        options: [['', t('ticket.chooseAppliance')], ...appliances.map(a => [a.id, `${enumText('category', a.category)} · ${a.manufacturerName} ${a.model}`])] }),
      field(t('ticket.type'), 'type', { options: ['Repair', 'Installation', 'Maintenance'].map(v => [v, enumText('type', v)]) }),
      field(t('ticket.source'), 'source', { options: ['Phone', 'WalkIn', 'Sales', 'Manufacturer'].map(v => [v, enumText('source', v)]) }),
      field(t('ticket.priority'), 'priority', { options: ['Normal', 'Urgent'].map(v => [v, enumText('priority', v)]) })),
    decision,
    field(t('ticket.fault'), 'faultDescription', { multiline: true, required: true, maxlength: 2000 }),
    h('fieldset.row', {}, h('legend', {}, t('ticket.appointment')),
      field(t('ticket.day'), 'appointment', { type: 'date', min: storeDay() }),
      field(t('ticket.from'), 'appointment.from', { type: 'time', value: '09:00' }),
      field(t('ticket.to'), 'appointment.to', { type: 'time', value: '12:00' })),
    duplicate,
    h('button.primary', { type: 'submit' }, t('ticket.create')));

  let asked = 0;
  const refresh = async () => {
    const { applianceId, priority } = Object.fromEntries(new FormData(form));
    // An answer for an appliance or priority picked before the current one is not shown when it comes in late.
    const mine = ++asked;
    if (!applianceId) { mount(decision); duplicate.hidden = true; return; }
    try {
      const preview = await api.get(`/api/v1/appliances/${applianceId}/intake-preview`, { priority });
      if (mine === asked) showDecision(decision, duplicate, preview);
    } catch (error) { if (mine === asked) mount(decision, problemBox(error)); }
  };
  form.applianceId.addEventListener('change', refresh);
  form.priority.addEventListener('change', refresh);

  onSubmit(form, async v => {
    const body = { type: v.type, source: v.source, customerId: customer.id, applianceId: v.applianceId || null,
      faultDescription: v.faultDescription, priority: v.priority, allowDuplicate: v.allowDuplicate };
    if (v.appointment) body.appointment = { from: storeInstant(v.appointment, v['appointment.from']), to: storeInstant(v.appointment, v['appointment.to']) };
    const order = await api.post('/api/v1/work-orders', body);
    location.hash = `#/tickets/${order.id}`;
  });
  return form;
}

function showDecision(panel, duplicate, preview) {
  mount(panel, warrantyBox(preview.warranty, { stateTestId: 'warranty-state' },
    h('p', {}, `${t('sla.assignBy')} ${formatTime(preview.sla.assignBy)} · ${t('sla.onSiteBy')} ${formatTime(preview.sla.onSiteBy)} · `
      + `${t('sla.completeBy')} ${formatTime(preview.sla.completeBy)}`)),
    h('div.sanbao', {}, h('p', {}, `${t('sanbao.title')}: `, sanbaoBadge(preview.entitlement)),
      h('ul', {}, preview.entitlement.reasons.map(r => h('li', {}, r)))),
    preview.openWorkOrder ? h('p.notice.warn', { role: 'alert' }, t('ticket.duplicateWarning', preview.openWorkOrder.number),
      ' ', h('a', { href: `#/tickets/${preview.openWorkOrder.id}` }, preview.openWorkOrder.number)) : null);
  duplicate.hidden = !preview.openWorkOrder;
}
