// Boot, sign-in, role-aware navigation and hash routing (#/desk, #/tickets, #/old-parts, #/dispatch, #/finance, #/claims, #/receivables, #/stores, #/stores-report, #/kpis, #/payroll, #/stock, ...).
import { api, currentSession, onSessionChange, signIn, signOut } from './api.js';
import { t, setLocale, locale } from './i18n.js';
import { h, mount, field, onSubmit, problemBox, currentStore, keepStore } from './ui.js';
import * as desk from './desk.js';
import * as tickets from './tickets.js';
import * as followUp from './followup.js';
import * as dispatch from './dispatch.js';
import * as finance from './finance.js';
import * as oldParts from './old-parts.js';
import * as claims from './claims.js';
import * as statements from './statements.js';
import * as brandOrders from './brand-orders.js';
import * as receivables from './receivables.js';
import * as stores from './stores.js';
import * as stock from './stock.js';
import * as storesReport from './stores-report.js';
import * as kpis from './kpis.js';
import * as payroll from './payroll.js';

const screens = [
  { path: 'desk', label: 'nav.desk', roles: ['frontdesk', 'manager', 'admin'], render: desk.render },
  { path: 'tickets', label: 'nav.tickets', roles: ['frontdesk', 'manager', 'admin', 'finance'], render: tickets.render },
  { path: 'callbacks', label: 'nav.callbacks', roles: ['frontdesk', 'manager', 'admin'], render: followUp.renderCallbacks },
  { path: 'complaints', label: 'nav.complaints', roles: ['frontdesk', 'manager', 'admin'], render: followUp.renderComplaints },
  { path: 'brand-orders', label: 'nav.brandOrders', roles: ['frontdesk', 'manager', 'admin'], render: brandOrders.render },
  { path: 'old-parts', label: 'nav.oldParts', roles: ['frontdesk', 'manager', 'admin'], render: oldParts.render },
  { path: 'dispatch', label: 'nav.dispatch', roles: ['manager', 'admin'], render: dispatch.render },
  { path: 'finance', label: 'nav.finance', roles: ['finance', 'admin'], render: finance.render },
  { path: 'claims', label: 'nav.claims', roles: ['finance', 'manager', 'admin'], render: claims.render },
  { path: 'statements', label: 'nav.statements', roles: ['finance', 'manager', 'admin'], render: statements.render },
  { path: 'receivables', label: 'nav.receivables', roles: ['finance', 'manager', 'admin'], render: receivables.render },
  { path: 'stores', label: 'nav.stores', roles: ['manager', 'admin'], render: stores.render },
  { path: 'stock', label: 'nav.stock', roles: ['frontdesk', 'manager', 'admin'], render: stock.render },
  { path: 'stores-report', label: 'nav.storesReport', roles: ['finance', 'manager', 'admin'], render: storesReport.render },
  { path: 'kpis', label: 'nav.kpis', roles: ['finance', 'manager', 'admin'], render: kpis.render },
  { path: 'payroll', label: 'nav.payroll', roles: ['finance', 'manager', 'admin'], render: payroll.render },
];

const main = document.getElementById('main');

const homeOf = { frontdesk: 'desk', manager: 'dispatch', finance: 'finance', admin: 'desk' };

function allowed(role) { return screens.filter(s => s.roles.includes(role)); }
function home(role) { return homeOf[role] || allowed(role)[0]?.path || ''; }

function renderChrome() {
  const session = currentSession();
  document.documentElement.lang = locale();
  document.getElementById('brand').textContent = t('app.title');
  document.title = t('app.title');
  const lang = document.getElementById('lang');
  lang.textContent = locale() === 'zh-CN' ? 'English' : '中文';
  const out = document.getElementById('signout');
  out.textContent = t('signOut');
  out.hidden = !session;
  document.getElementById('who').textContent = session ? `${session.me?.username} · ${t(`role.${session.role}`)}` : '';
  const current = location.hash.split('/')[1];
  mount(document.getElementById('nav'), session ? allowed(session.role).map(s =>
    h('a', { href: `#/${s.path}`, 'aria-current': s.path === current ? 'page' : undefined }, t(s.label))) : []);
}

function renderSignIn() {
  const form = h('form.card.narrow', { 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, t('signIn.title')),
    field(t('signIn.username'), 'username', { autocomplete: 'username', required: true, autofocus: true }),
    field(t('signIn.password'), 'password', { type: 'password', autocomplete: 'current-password', required: true }),
    h('button.primary', { type: 'submit' }, t('signIn.submit')));
  onSubmit(form, async ({ username, password }) => {
    await signIn(username, password);
    await loadStoreZone();
    location.hash = `#/${home(currentSession().role)}`;
    route();
  });
  mount(main, form);
  form.querySelector('input').focus();
}

async function loadStoreZone() {
  const me = currentSession()?.me;
  try {
    const store = me?.storeId ? await api.get(`/api/v1/stores/${me.storeId}`) : (await api.get('/api/v1/stores')).items[0];
    keepStore(store);
  } catch { /* the browser's zone stays until a store is known */ }
}

async function route() {
  renderChrome();
  const session = currentSession();
  if (!session) return renderSignIn();
  const [, path = '', ...rest] = location.hash.split('/');
  const screen = allowed(session.role).find(s => s.path === path);
  if (!screen) { location.hash = `#/${home(session.role)}`; return; }
  try { await screen.render(main, rest.map(decodeURIComponent)); }
  catch (error) { mount(main, problemBox(error)); }
}

document.getElementById('lang').addEventListener('click', () => { setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN'); route(); });
document.getElementById('signout').addEventListener('click', async () => { await signOut(); location.hash = ''; route(); });
window.addEventListener('hashchange', route);
onSessionChange(s => { if (!s) route(); });
if (currentSession()) keepStore(currentStore());
route();
