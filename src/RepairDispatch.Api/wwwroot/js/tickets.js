// Tickets: a filtered list with SLA badges, and one ticket with its warranty decision, SLA and event timeline.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, formatTime, enumText, slaBadge, storeInstant, warrantyBox } from './ui.js';
import { photosCard } from './ticket-photos.js';
import { oldPartsCard } from './ticket-old-parts.js';
import { customerLinkCard } from './ticket-link.js';

const statuses = ['New', 'Assigned', 'Accepted', 'EnRoute', 'OnSite', 'AwaitingParts', 'Completed', 'Closed', 'Cancelled'];

export async function render(main, [id]) {
  if (id) return renderTicket(main, id);
  const results = h('section', { 'aria-live': 'polite' });
  const filters = h('form.card.row.filters', { role: 'search' },
    field(t('ticket.status'), 'status', { options: [['', t('all')], ...statuses.map(s => [s, enumText('status', s)])] }),
    field(t('tickets.q'), 'q', { placeholder: 'WO-…' }),
    field(t('ticket.sla'), 'slaBreached', { options: [['', t('all')], ['true', t('sla.breached')], ['false', t('sla.notBreached')]] }),
    field(t('tickets.from'), 'from', { type: 'date' }),
    field(t('tickets.to'), 'to', { type: 'date' }),
    h('button.primary', { type: 'submit' }, t('tickets.filter')));
  const load = async v => {
    const page = await api.get('/api/v1/work-orders', { status: v.status, q: v.q, slaBreached: v.slaBreached, pageSize: 100,
      from: v.from ? storeInstant(v.from, '00:00') : '', to: v.to ? storeInstant(v.to, '23:59') : '' });
    mount(results, ticketTable(page.items));
  };
  onSubmit(filters, load);
  mount(main, h('h1', {}, t('nav.tickets')), filters, results);
  await load({});
}

export function ticketTable(orders) {
  if (orders.length === 0) return h('p', {}, t('tickets.none'));
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, ['ticket.number', 'ticket.type', 'ticket.priority', 'ticket.status', 'ticket.appointment', 'ticket.created', 'ticket.sla']
      .map(k => h('th', {}, t(k))))),
    h('tbody', {}, orders.map(o => h('tr', {},
      h('td', {}, h('a', { href: `#/tickets/${o.id}` }, o.number)), h('td', {}, enumText('type', o.type)),
      h('td', {}, o.priority === 'Urgent' ? h('span.badge.bad', {}, enumText('priority', o.priority)) : enumText('priority', o.priority)),
      h('td', {}, enumText('status', o.status)), h('td', {}, o.appointment ? formatTime(o.appointment.from) : '—'),
      h('td', {}, formatTime(o.createdAt)), h('td', {}, slaBadge(o))))));
}

async function renderTicket(main, id) {
  const [order, events] = await Promise.all([api.get(`/api/v1/work-orders/${id}`), api.get(`/api/v1/work-orders/${id}/events`)]);
  const w = order.warranty;
  mount(main,
    h('p', {}, h('a', { href: '#/tickets' }, `← ${t('nav.tickets')}`)),
    h('section.card', { 'aria-labelledby': 'ticket-title' },
      h('h1', { id: 'ticket-title' }, order.number, ' ', slaBadge(order)),
      h('dl.facts', {},
        fact(t('ticket.status'), enumText('status', order.status)),
        fact(t('ticket.type'), enumText('type', order.type)),
        fact(t('ticket.priority'), enumText('priority', order.priority)),
        fact(t('ticket.fault'), order.faultDescription),
        fact(t('ticket.appointment'), order.appointment ? `${formatTime(order.appointment.from)} – ${formatTime(order.appointment.to)}` : '—'),
        fact(t('sla.assignBy'), formatTime(order.sla.assignBy)),
        fact(t('sla.onSiteBy'), formatTime(order.sla.onSiteBy)),
        fact(t('sla.completeBy'), formatTime(order.sla.completeBy))),
      warrantyBox(w, { boxTestId: 'ticket-warranty' })),
    h('section.card', { 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, t('ticket.timeline')),
      h('ol.timeline', {}, events.items.map(e => h('li', {},
        h('time', { datetime: e.occurredAt }, formatTime(e.occurredAt)), ' ',
        h('strong', {}, e.text), ' ',
        e.fromStatus || e.toStatus ? `${enumText('status', e.fromStatus || '—')} → ${enumText('status', e.toStatus || '—')} ` : '',
        h('span.muted', {}, e.actor), e.reason ? h('p.reason', {}, e.reason) : null)))),
    photosCard(order.id),
    oldPartsCard(order.id),
    customerLinkCard(order),
    transferForm(order),
    cancelForm(order));
}

// Another shop takes the order before anyone is on site; the list of stores is read when the form is opened.
function transferForm(order) {
  if (!['manager', 'admin'].includes(currentSession()?.role) || !['New', 'Assigned', 'Accepted', 'EnRoute'].includes(order.status)) return null;
  const body = h('div');
  const details = h('details', { dataset: { testid: 'ticket-transfer' } }, h('summary', {}, t('ticket.transfer')), body);
  details.addEventListener('toggle', async () => {
    if (!details.open || body.firstChild) return;
    const stores = (await api.get('/api/v1/stores')).items.filter(s => s.kind === 'Store' && s.id !== order.storeId);
    const form = h('form.card.row', {},
      field(t('ticket.transferTo'), 'toStoreId', { options: stores.map(s => [s.id, s.name]) }),
      field(t('ticket.transferReason'), 'reason', { required: true }),
      h('button.primary', { type: 'submit' }, t('ticket.transfer')));
    mount(body, stores.length ? onSubmit(form, async v => {
      await api.post(`/api/v1/work-orders/${order.id}/transfer`, { toStoreId: v.toStoreId, reason: v.reason });
      location.hash = currentSession().me?.storeId ? '#/tickets' : `#/tickets/${order.id}`;
      location.reload();
    }) : h('p.muted', {}, t('loans.noOtherStore')));
  });
  return details;
}

function fact(label, value) { return [h('dt', {}, label), h('dd', {}, value)]; }

function cancelForm(order) {
  if (!['New', 'Assigned', 'Accepted', 'EnRoute'].includes(order.status)) return null;
  // A brand's order is cancelled with a reason code the brand accepts (the API names the codes when it refuses one).
  const brand = order.source === 'Manufacturer';
  const form = h('form.card.row', {}, field(t('ticket.cancelReason'), 'reason', { required: true }),
    brand ? field(t('ticket.reasonCode'), 'reasonCode', { required: true }) : null, h('button.danger', { type: 'submit' }, t('ticket.cancel')));
  return h('details', {}, h('summary', {}, t('ticket.cancel')), onSubmit(form, async v => {
    await api.post(`/api/v1/work-orders/${order.id}/cancel`, brand ? { reason: v.reason, reasonCode: v.reasonCode } : { reason: v.reason });
    location.reload();
  }));
}
