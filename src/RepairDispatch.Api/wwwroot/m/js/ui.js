// Small DOM helpers: h('tag.class', {attrs}, ...children) builds an element; text is always set as text, never as HTML.
import { t } from './texts.js';

export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag);
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) { children.unshift(attrs); attrs = null; }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

export function mount(parent, ...children) { parent.replaceChildren(...children.flat(Infinity).filter(Boolean)); }

export function field(label, input) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
  return h('div.field', h('label', { for: id }, label), input);
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString(document.documentElement.lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '';
}

export function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' }) : '';
}

/** What the server said when it refused, in the app's language (the API writes its texts in the caller's language). */
export function problemText(problem) {
  if (!problem) return t('error.unknown');
  const fields = problem.errors ? Object.values(problem.errors).flat() : [];
  return [problem.detail || problem.title, ...fields].filter(Boolean).join(' ') || t('error.unknown');
}

export function money(amount) {
  return typeof amount === 'number' ? `¥${amount.toFixed(2)}` : '';
}
