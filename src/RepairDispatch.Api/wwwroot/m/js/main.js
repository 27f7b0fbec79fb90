// The technician's app: boot, sign-in, hash routes (#/jobs, #/job/{id}, #/job/{id}/complete, #/job/{id}/parts,
// #/old-parts, #/old-parts/{id}, #/me), the network badge, and sending the queue whenever the network is back.
import { t, locale, setLocale } from './texts.js';
import { h, mount, field, problemText } from './ui.js';
import { loadSession, currentSession, signIn } from './net.js';
import { flush, sync, onChange } from './outbox.js';
import { kv } from './db.js';
import * as jobsScreen from './jobs.js';
import * as stepsScreen from './steps.js';
import * as moreScreen from './more.js';

const main = document.getElementById('main');

const routes = [
  [/^#\/job\/([^/]+)\/complete$/, id => stepsScreen.renderComplete(main, id)],
  [/^#\/job\/([^/]+)\/parts$/, id => stepsScreen.renderAwaitParts(main, id)],
  [/^#\/job\/([^/]+)$/, id => jobsScreen.renderJob(main, id)],
  [/^#\/old-parts\/([^/]+)$/, id => moreScreen.renderOldPart(main, id)],
  [/^#\/old-parts$/, () => moreScreen.renderOldParts(main)],
  [/^#\/me$/, () => moreScreen.renderMe(main)],
  [/^#\/jobs$/, () => jobsScreen.renderJobs(main)],
];

function chrome() {
  document.documentElement.lang = locale();
  document.title = t('app.title');
  document.getElementById('title').textContent = t('app.title');
  const lang = document.getElementById('lang');
  lang.textContent = t('lang.other');
  const net = document.getElementById('net');
  net.textContent = navigator.onLine ? t('net.online') : t('net.offline');
  net.classList.toggle('offline', !navigator.onLine);
  const tabs = document.getElementById('tabs');
  tabs.hidden = !currentSession();
  const here = location.hash.split('/')[1];
  mount(tabs, [['jobs', 'tab.jobs'], ['old-parts', 'tab.oldParts'], ['me', 'tab.me']].map(([path, label]) =>
    h('a', { href: `#/${path}`, 'aria-current': here === path || (path === 'jobs' && here === 'job') ? 'page' : undefined }, t(label))));
}

export async function route() {
  chrome();
  if (!currentSession()) return renderSignIn();
  const hash = location.hash || '#/jobs';
  for (const [pattern, render] of routes) {
    const match = pattern.exec(hash);
    if (match) return render(...match.slice(1).map(decodeURIComponent));
  }
  location.hash = '#/jobs';
}

function renderSignIn() {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p.error', { role: 'alert' });
  const form = h('form.card', h('h1', t('signIn.title')), field(t('signIn.username'), username), field(t('signIn.password'), password),
    error, h('button.btn', { type: 'submit' }, t('signIn.submit')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    try {
      await signIn(username.value.trim(), password.value);
      await refreshFromServer();
      location.hash = '#/jobs';
      route();
    } catch (problem) {
      error.textContent = problem?.notTechnician ? t('signIn.notTechnician') : problem?.status === 401 || problem?.status === 400
        ? t('signIn.wrong') : problem?.status ? problemText(problem) : t('signIn.offline');
    }
  });
  mount(main, form);
}

/** Sends what waits first (so the feed shows the technician's own steps), then takes the office's changes. */
export async function refreshFromServer() {
  if (!currentSession()) return;
  try {
    await flush();
    await sync();
    await moreScreen.refreshLists();
    await kv.set('syncedAt', new Date().toISOString());
  } catch { /* offline or signed out: the phone keeps what it has */ }
}

document.getElementById('lang').addEventListener('click', () => { setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN'); route(); });
window.addEventListener('hashchange', route);
window.addEventListener('online', () => { chrome(); refreshFromServer().then(route); });
window.addEventListener('offline', chrome);
let redraw = null;
onChange(() => { clearTimeout(redraw); redraw = setTimeout(() => { if (!document.querySelector('form.editing')) route(); }, 50); });

if ('serviceWorker' in navigator) navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {});

await loadSession();
await route();
if (navigator.onLine) refreshFromServer().then(() => { if (!document.querySelector('form.editing')) route(); });
