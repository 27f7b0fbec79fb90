// The customer's page of this order (issue 19): the desk makes a link to read out or send (the appointment and
// on-the-way messages carry their own), and can revoke every link the order has. A link is shown once: only its hash
// is kept.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, formatTime, problemBox } from './ui.js';

export function customerLinkCard(order) {
  if (!['frontdesk', 'manager', 'admin'].includes(currentSession()?.role)) return null;
  const out = h('div', { 'data-testid': 'customer-link', 'aria-live': 'polite' });
  const act = (label, run) => {
    const button = h('button', { type: 'button' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try { mount(out, ...await run()); } catch (error) { mount(out, problemBox(error)); } finally { button.disabled = false; }
    });
    return button;
  };
  const make = act(t('link.make'), async () => {
    const link = await api.post(`/api/v1/work-orders/${order.id}/customer-link`);
    return [h('p', {}, h('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer' }, link.url)),
      h('p.muted', {}, t('link.expires', formatTime(link.expiresAt)))];
  });
  const revoke = act(t('link.revoke'), async () => {
    const answer = await api.del(`/api/v1/work-orders/${order.id}/customer-link`);
    return [h('p', {}, t('link.revoked', answer.revoked))];
  });
  return h('section.card', { 'aria-labelledby': 'link-title' }, h('h2', { id: 'link-title' }, t('link.title')),
    h('p.muted', {}, t('link.hint')), h('div.actions', {}, make, revoke), out);
}
