// Follow-up: today's callback queue with result entry, and complaints (taken by phone, listed by status).
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, problemBox, formatTime, enumText } from './ui.js';

export async function renderCallbacks(main) {
  const queue = await api.get('/api/v1/callbacks', { due: 'today' });
  mount(main, h('h1', {}, t('nav.callbacks')),
    queue.items.length === 0 ? h('p', {}, t('callbacks.none')) : h('div.stack', {}, queue.items.map(callbackCard)));
}

function callbackCard(cb) {
  const form = h('form.row', {},
    field(t('callbacks.outcome'), 'outcome', { options: ['Reached', 'NoAnswer', 'Refused'].map(v => [v, enumText('outcome', v)]) }),
    field(t('callbacks.satisfaction'), 'satisfaction', { options: [['', '—'], ...[5, 4, 3, 2, 1].map(n => [String(n), '★'.repeat(n)])] }),
    field(t('callbacks.comment'), 'comment'),
    h('button.primary', { type: 'submit' }, t('save')));
  const card = h('article.card', {},
    h('h2', {}, `${cb.customerName} · ${cb.phone || ''}`),
    h('p', {}, `${enumText('callbackKind', cb.kind)} · ${t('callbacks.due')} ${cb.dueOn} · ${t('callbacks.attempts')} ${cb.attempts}`,
      cb.workOrderNumber ? [' · ', h('a', { href: `#/tickets/${cb.workOrderId}` }, cb.workOrderNumber)] : ''),
    form);
  onSubmit(form, async v => {
    const done = await api.post(`/api/v1/callbacks/${cb.id}/result`, {
      outcome: v.outcome, satisfaction: v.satisfaction ? Number(v.satisfaction) : null, comment: v.comment || null });
    mount(card, h('h2', {}, cb.customerName), h('p.notice', {}, `${t('callbacks.recorded')}: ${enumText('callbackStatus', done.status)}`));
  });
  return card;
}

export async function renderComplaints(main) {
  const list = h('section', { 'aria-live': 'polite' });
  const form = h('form.card', { 'aria-labelledby': 'new-complaint' },
    h('h2', { id: 'new-complaint' }, t('complaints.new')),
    h('div.row', {},
      field(t('desk.phone'), 'customerId', { type: 'tel', required: true }),
      field(t('complaints.order'), 'workOrderId', { placeholder: 'WO-…' }),
      field(t('complaints.source'), 'source', { options: ['Phone', 'Callback', 'Manufacturer'].map(v => [v, enumText('source', v)]) }),
      field(t('complaints.severity'), 'severity', { options: ['Normal', 'High', 'Low'].map(v => [v, enumText('severity', v)]) })),
    field(t('complaints.description'), 'description', { multiline: true, required: true }),
    h('button.primary', { type: 'submit' }, t('complaints.create')));
  onSubmit(form, async v => {
    const found = await api.get('/api/v1/customers', { phone: v.customerId });
    if (found.items.length !== 1) throw { problem: { errors: { customerId: [t('complaints.noCustomer')] } } };
    let workOrderId = null;
    if (v.workOrderId) {
      const orders = await api.get('/api/v1/work-orders', { customerId: found.items[0].id, q: v.workOrderId, pageSize: 2 });
      if (orders.items.length !== 1) throw { problem: { errors: { workOrderId: [t('complaints.noOrder')] } } };
      workOrderId = orders.items[0].id;
    }
    await api.post('/api/v1/complaints', { source: v.source, severity: v.severity, customerId: found.items[0].id, workOrderId, description: v.description });
    form.reset();
    await loadComplaints(list);
  });
  mount(main, h('h1', {}, t('nav.complaints')), form, list);
  await loadComplaints(list);
}

async function loadComplaints(list) {
  try {
    const page = await api.get('/api/v1/complaints', { pageSize: 50 });
    mount(list, h('table.grid', {},
      h('thead', {}, h('tr', {}, ['complaints.created', 'complaints.severity', 'ticket.status', 'complaints.respondBy', 'complaints.description']
        .map(k => h('th', {}, t(k))))),
      h('tbody', {}, page.items.map(c => h('tr', {},
        h('td', {}, formatTime(c.createdAt)), h('td', {}, enumText('severity', c.severity)), h('td', {}, enumText('complaintStatus', c.status)),
        h('td', {}, formatTime(c.respondBy), c.responseOverdue ? h('span.badge.bad', {}, t('sla.breached')) : null),
        h('td', {}, c.description))))));
  } catch (error) { mount(list, problemBox(error)); }
}
