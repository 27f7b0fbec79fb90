// Small DOM helpers, store-time formatting and problem+json display shared by every screen.
import { t, word, locale } from './i18n.js';

/** h('button.primary', {type: 'submit', onclick}, 'Save'): an element with attributes, listeners and children. */
export function h(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** The warranty decision as the front desk reads it: in or out, who pays, claimable, and why; `more` follows it. */
export function warrantyBox(w, { boxTestId, stateTestId } = {}, ...more) {
  return h('div', { class: `decision-box ${w.inWarranty ? 'in' : 'out'}`, dataset: boxTestId && { testid: boxTestId } },
    h('strong', { dataset: stateTestId && { testid: stateTestId } }, w.inWarranty ? t('warranty.in') : t('warranty.out')),
    ` · ${t('warranty.payer')}: ${enumText('payer', w.payer)}`, w.claimable ? ` · ${t('warranty.claimable')}` : '',
    h('p.reason', {}, w.reason), ...more);
}

export function mount(parent, ...children) {
  parent.replaceChildren(...children.flat().filter(Boolean));
  return parent;
}

/** A labelled input; `name` is the API's JSON field name, so a problem's errors[name] lands next to it. */
export function field(label, name, attrs = {}) {
  const id = `f-${name.replace(/[^\w-]/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  const input = attrs.options
    ? h('select', { id, name, required: attrs.required },
        attrs.options.map(([value, text]) => h('option', { value, selected: value === attrs.value }, text)))
    : attrs.multiline
      ? h('textarea', { id, name, rows: 3, required: attrs.required, maxlength: attrs.maxlength }, attrs.value || '')
      : h('input', { id, name, type: 'text', ...withoutOptions(attrs), ...(attrs.type === 'date' ? dateText() : {}) });
  return h('div.field', {}, h('label', { for: id }, label), input, h('span.field-error', { role: 'alert' }));
}

function withoutOptions({ options, multiline, ...rest }) { return rest; }

// A native date input shows the browser's locale (12/02/2026); the station reads yyyy-MM-dd everywhere, so dates are
// typed as that text and the value sent is the same ISO day.
function dateText() {
  return { type: 'text', inputmode: 'numeric', maxlength: 10, pattern: '\\d{4}-\\d{2}-\\d{2}', placeholder: t('date.placeholder'),
    title: t('date.placeholder'), autocomplete: 'off' };
}

export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.type === 'radio') { if (el.checked) values[el.name] = el.value; }
    else values[el.name] = el.value.trim();
  }
  return values;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) general.textContent = '';
}

/**
 * Shows an API error on a form: each `errors` key next to the input of that name (or of its nearest parent
 * field, `appointment.to` → `appointment`), the rest and the detail at the top of the form.
 */
export function showProblem(form, error) {
  clearErrors(form);
  const problem = error?.problem || {};
  const unplaced = [];
  let first = null;
  for (const [key, messages] of Object.entries(problem.errors || {})) {
    const input = inputFor(form, key);
    const text = [].concat(messages).join(' ');
    if (!input) { unplaced.push(`${key}: ${text}`); continue; }
    input.setAttribute('aria-invalid', 'true');
    const slot = input.closest('.field')?.querySelector('.field-error');
    if (slot) slot.textContent = text; else unplaced.push(text);
    first ??= input;
  }
  let general = form.querySelector('.form-error');
  if (!general) { general = h('p.form-error', { role: 'alert' }); form.prepend(general); }
  const summary = problem.errors ? t('error.fields') : (problem.detail || problem.title || error?.message || t('error.unknown'));
  general.textContent = [summary, ...unplaced].join(' ');
  first?.focus();
}

function inputFor(form, key) {
  const names = [key];
  for (let k = key; /[.[]/.test(k);) { k = k.replace(/(\.[^.[]*|\[\d+\])$/, ''); names.push(k); }
  for (const name of names) {
    const match = [...form.elements].find(el => el.name && el.name.toLowerCase() === name.toLowerCase());
    if (match) return match;
  }
  return null;
}

/** Wires a form: Enter submits (native), the button is disabled while the request runs, errors land on the fields. */
export function onSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    try { await action(formValues(form)); }
    catch (error) { showProblem(form, error); }
    finally { if (button) button.disabled = false; }
  });
  return form;
}

/** An error outside a form (a list that failed to load): shown in place, readable. */
export function problemBox(error) {
  const p = error?.problem || {};
  const details = Object.entries(p.errors || {}).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`);
  return h('p.form-error', { role: 'alert' }, [p.detail || p.title || error?.message || t('error.unknown'), ...details].join(' '));
}

// Times are UTC in the API; people read them in the zone of the store they work for (from the API, see app.js).
// Until that store is known the browser's own zone stands in.
let storeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
export function setStoreZone(zone) { if (zone) storeZone = zone; }
/** The signed-in user's store (or the first store for users at headquarters), kept for the tab's life. */
export function currentStore() { return JSON.parse(sessionStorage.getItem('rd.store') || 'null'); }
export function keepStore(store) { sessionStorage.setItem('rd.store', JSON.stringify(store || null)); setStoreZone(store?.timeZone); }
export function zone() { return storeZone; }

/** The wall-clock fields of an instant in the store's zone, each zero-padded, hours 00–23. */
function wallClock(instant) {
  return Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: storeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant).map(p => [p.type, p.value]));
}

/** yyyy-MM-dd HH:mm in the store's zone, whatever the browser's locale: the station's staff read one format. */
export function formatTime(iso) {
  if (!iso) return '—';
  const p = wallClock(new Date(iso));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
/** HH:mm (24 h) in the store's zone. */
export function formatClock(iso) {
  if (!iso) return '—';
  const p = wallClock(new Date(iso));
  return `${p.hour}:${p.minute}`;
}

/** yyyy-MM-dd of an instant in the store's zone (today by default), plus days. */
export function storeDay(days = 0, instant = new Date()) {
  const p = wallClock(instant);
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day + days)).toISOString().slice(0, 10);
}

/** The UTC instant of a wall-clock time (yyyy-MM-dd, HH:mm) in the store's zone. */
export function storeInstant(day, time) {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(guess);
  return new Date(guess).toISOString();
}

function offsetAt(instant) {
  const p = wallClock(new Date(instant));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(instant / 1000) * 1000;
}

export const money = amount => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'CNY' }).format(amount ?? 0);

/** SLA badge: breached, due within the hour, or on time; the deadline that matters follows the status. */
export function slaBadge(order) {
  const sla = order.sla || {};
  if (['Completed', 'Closed', 'Cancelled'].includes(order.status)) return sla.breached ? h('span.badge.bad', {}, t('sla.breached')) : null;
  if (sla.breached) return h('span.badge.bad', {}, t('sla.breached'));
  if (sla.paused) return h('span.badge', {}, t('sla.paused'));
  const next = order.status === 'New' ? sla.assignBy : ['OnSite', 'AwaitingParts'].includes(order.status) ? sla.completeBy : sla.onSiteBy;
  const left = new Date(next).getTime() - Date.now();
  if (left < 3_600_000) return h('span.badge.warn', { title: formatTime(next) }, t('sla.dueSoon'));
  return h('span.badge.ok', { title: formatTime(next) }, t('sla.onTime'));
}

export const enumText = (kind, value) => word(`${kind}.${value}`, value);
