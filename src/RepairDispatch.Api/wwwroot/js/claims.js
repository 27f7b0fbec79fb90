// Finance's claims queue: claims by deadline with what blocks them, days left in the store's calendar, and a manager's
// release of an expired claim with a reason.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, enumText, money, storeDay } from './ui.js';

const states = ['NotReady', 'Ready', 'Claimed', 'Expired'];

export async function render(main) {
  const makers = (await api.get('/api/v1/manufacturers', { pageSize: 200 })).items;
  const names = Object.fromEntries(makers.map(m => [m.id, m.name]));
  const list = h('section', { 'aria-live': 'polite' });
  const filters = h('form.card.row.filters', { role: 'search' },
    field(t('claims.state'), 'state', { options: [['', t('all')], ...states.map(s => [s, enumText('claimState', s)])] }),
    field(t('finance.manufacturer'), 'manufacturerId', { options: [['', t('all')], ...makers.map(m => [m.id, m.name])] }),
    h('button.primary', { type: 'submit' }, t('finance.find')));
  const load = async v => {
    const query = { state: v.state, manufacturerId: v.manufacturerId };
    const page = await api.get('/api/v1/claims', query);
    mount(list, claimsTable(page, query, names, () => load(v)));
  };
  onSubmit(filters, load);
  mount(main, h('h1', {}, t('claims.title')), filters, list);
  await load({});
}

function claimsTable(page, query, names, reload) {
  if (page.items.length === 0) return h('p', {}, t('claims.none'));
  const body = h('tbody', {}, page.items.map(c => claimRow(c, names, reload)));
  const more = claimsMore(page, query, names, reload, body);
  return h('div', {},
    h('table.grid', {},
      h('thead', {}, h('tr', {}, ['ticket.number', 'finance.manufacturer', 'claims.state', 'claims.blockers', 'claims.claimBy', 'finance.amount', '']
        .map(k => h('th', {}, k && t(k))))),
      body),
    more);
}

/** The next page's button: its rows join the table, and it gives way to the button of the page after (if any). */
function claimsMore(page, query, names, reload, body) {
  if (!page.nextCursor) return null;
  return h('button', { type: 'button', onclick: async event => {
    const button = event.currentTarget;
    const next = await api.get('/api/v1/claims', { ...query, cursor: page.nextCursor });
    body.append(...next.items.map(c => claimRow(c, names, reload)));
    button.replaceWith(claimsMore(next, query, names, reload, body) || '');
  } }, t('claims.more'));
}

function claimRow(c, names, reload) {
  const cell = h('td');
  if (c.state === 'Expired' && ['manager', 'admin'].includes(currentSession()?.role)) mount(cell, releaseButton(c, cell, reload));
  return h('tr', { dataset: { testid: `claim-${c.number}` } },
    h('td', {}, h('a', { href: `#/tickets/${c.workOrderId}` }, c.number)),
    h('td', {}, names[c.manufacturerId] || '—'),
    h('td', {}, h(`span.badge${badgeClass(c.state)}`, {}, enumText('claimState', c.state)),
      c.releaseReason ? h('div.muted', {}, `${t('claims.released')}: ${c.releaseReason}`) : null),
    h('td', {}, c.blockers.length ? h('ul.blockers', {}, c.blockers.map(b => h('li', {}, b))) : '—'),
    h('td', {}, c.claimBy ? [c.claimBy, h('div', { dataset: { testid: 'countdown' } }, countdown(c))] : '—'),
    h('td.num', {}, money(c.amount)),
    cell);
}

function badgeClass(state) {
  return { Ready: '.ok', NotReady: '.warn', Expired: '.bad' }[state] || '';
}

/** Days from the store's today to the last day to submit: the deadline counts down in the store's calendar. */
function countdown(c) {
  if (c.state === 'Claimed') return '';
  const days = Math.round((Date.parse(c.claimBy) - Date.parse(storeDay())) / 86_400_000);
  if (days > 0) return t('claims.daysLeft', days);
  if (days === 0) return t('claims.lastDay');
  return t('claims.daysLate', -days);
}

function releaseButton(c, cell, reload) {
  return h('button', { type: 'button', onclick: () => {
    const form = h('form.row', {}, field(t('claims.reason'), 'reason', { required: true }), h('button.primary', { type: 'submit' }, t('claims.release')));
    onSubmit(form, async v => { await api.post(`/api/v1/claims/${c.workOrderId}/release`, { reason: v.reason }); await reload(); });
    mount(cell, form);
    form.querySelector('input').focus();
  } }, t('claims.release'));
}
