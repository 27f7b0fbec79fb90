// The old parts (旧件) a ticket's repair replaced, with their tag, status and return day; shown only when there are any.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, enumText } from './ui.js';

export function oldPartsCard(orderId) {
  const card = h('section.card', { 'aria-labelledby': 'old-parts-title', hidden: true, 'data-testid': 'ticket-old-parts' });
  api.get('/api/v1/old-parts', { workOrderId: orderId }).then(parts => {
    if (parts.items.length === 0) return;
    card.hidden = false;
    mount(card, h('h2', { id: 'old-parts-title' }, t('oldParts.list')),
      h('table.grid', {},
        h('thead', {}, h('tr', {}, ['oldParts.tag', 'oldParts.part', 'ticket.status', 'oldParts.dueOn'].map(k => h('th', {}, t(k))))),
        h('tbody', {}, parts.items.map(p => h('tr', {},
          h('td', {}, h('code', {}, p.tag)), h('td', {}, `${p.partNumber} ${p.partName}`),
          h('td', {}, enumText('oldPartStatus', p.status)),
          h('td', {}, p.dueOn || '—', p.overdue ? [' ', h('span.badge.bad', {}, t('oldParts.overdue'))] : ''))))));
  });
  return card;
}
