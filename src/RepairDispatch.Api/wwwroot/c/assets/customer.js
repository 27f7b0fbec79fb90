// The customer's page: an order's link (/c/{token}) or an appliance's sticker (/c/a/{token}). Chinese first, English on request.
const words = {
  'zh-CN': {
    title: '售后服务', other: 'English', loading: '加载中…', gone: '链接无效或已过期，请联系门店。', order: '工单', status: '状态', appliance: '家电',
    technician: '师傅', window: '上门时间', district: '区域', phone: '联系电话', none: '待安排', timeline: '进度', reschedule: '改约时间',
    newWindow: '选择新的时间段', move: '确认改约', moved: '已改约。', cancel: '取消工单', reason: '取消原因', doCancel: '确认取消', cancelled: '工单已取消。',
    rate: '评价服务', comment: '留言（可选）', send: '提交评价', rated: '感谢您的评价！', yourRating: '您的评价', star: '星',
    report: '家电报修', phoneOnFile: '登记的手机号', getCode: '获取验证码', codeSent: '如手机号与登记一致，验证码已发送，{n} 分钟内有效。',
    code: '短信验证码', fault: '故障描述', submit: '提交报修', created: '报修成功，工单号 {n}，门店将尽快与您联系。',
    open: '该家电已有工单 {n} 正在处理，无需重复报修。', failed: '操作未成功。',
  },
  en: {
    title: 'After-sales service', other: '中文', loading: 'Loading…', gone: 'This link is not valid or has expired; please contact the store.', order: 'Order',
    status: 'Status', appliance: 'Appliance', technician: 'Technician', window: 'Visit', district: 'District', phone: 'Phone', none: 'to be arranged',
    timeline: 'Progress', reschedule: 'Change the visit', newWindow: 'Choose a new window', move: 'Move the visit', moved: 'The visit was moved.',
    cancel: 'Cancel the order', reason: 'Why', doCancel: 'Cancel the order', cancelled: 'The order is cancelled.', rate: 'Rate the service',
    comment: 'Comment (optional)', send: 'Send the rating', rated: 'Thank you for your rating!', yourRating: 'Your rating', star: 'stars',
    report: 'Report a fault', phoneOnFile: 'Phone number on file', getCode: 'Send me a code',
    codeSent: 'If the number is the one on file, a code was sent; it is valid for {n} minutes.', code: 'Code from the SMS', fault: 'What is wrong',
    submit: 'Report the fault', created: 'Reported: order {n}. The store will contact you soon.',
    open: 'Order {n} for this appliance is already being handled; no need to report it again.', failed: 'That did not work.',
  },
};

let lang = localStorage.getItem('rd-customer-lang') || (navigator.language.startsWith('en') ? 'en' : 'zh-CN');
const t = (key, n) => words[lang][key].replace('{n}', n ?? '');
const main = document.getElementById('main');
const [, kind, token] = location.pathname.match(/^\/c\/(a\/)?([A-Za-z0-9_-]+)$/) ?? [];
const base = kind ? `/api/v1/public/appliances/${token}` : `/api/v1/public/orders/${token}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'onclick') node.addEventListener('click', value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter(c => c != null));
  return node;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method, headers: { Accept: 'application/json', 'Accept-Language': lang, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined, referrerPolicy: 'no-referrer',
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const detail = data?.errors ? Object.values(data.errors).flat().join(' ') : data?.detail;
    throw Object.assign(new Error(detail || data?.title || t('failed')), { status: response.status });
  }
  return data;
}

function message(text, ok) { return el('p', { class: `message ${ok ? 'ok' : 'error'}`, role: ok ? 'status' : 'alert' }, text); }

function when(value, zone, withDay = true) {
  const options = { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false, ...(withDay ? { month: 'numeric', day: 'numeric', weekday: 'short' } : {}) };
  return new Intl.DateTimeFormat(lang, options).format(new Date(value));
}
const windowText = (w, zone) => `${when(w.from, zone)} – ${when(w.to, zone, false)}`;

async function showOrder(note) {
  let view;
  try { view = await call('GET', base); } catch { main.replaceChildren(message(t('gone'))); return; }
  const zone = view.timeZone;
  const parts = [
    el('section', {},
      el('h1', {}, `${t('order')} ${view.number}`),
      el('span', { class: 'status', id: 'status' }, view.statusText),
      note ? message(note, true) : null,
      el('dl', {},
        el('dt', {}, t('appliance')), el('dd', {}, view.appliance),
        el('dt', {}, t('technician')), el('dd', { id: 'technician' }, view.technician ?? t('none')),
        el('dt', {}, t('window')), el('dd', { id: 'window' }, view.appointment ? windowText(view.appointment, zone) : t('none')),
        el('dt', {}, t('district')), el('dd', {}, view.district ?? ''),
        el('dt', {}, t('phone')), el('dd', {}, view.phone))),
    el('section', {}, el('h2', {}, t('timeline')),
      el('ol', { class: 'timeline' }, ...view.timeline.map(s => el('li', {}, el('time', {}, when(s.at, zone)), s.text)))),
  ];
  if (view.canReschedule) parts.push(rescheduleForm(view, zone));
  if (view.canRate) parts.push(ratingForm());
  else if (view.satisfaction) parts.push(el('section', {}, el('h2', {}, t('yourRating')), `${'★'.repeat(view.satisfaction)} ${view.satisfaction} ${t('star')}`));
  if (view.canCancel) parts.push(cancelForm());
  main.replaceChildren(...parts);
}

function act(section, button, run) {
  button.addEventListener('click', async () => {
    section.querySelector('.message')?.remove();
    button.disabled = true;
    try { await run(); } catch (e) { section.append(message(e.message)); } finally { button.disabled = false; }
  });
}

function rescheduleForm(view, zone) {
  const select = el('select', { id: 'new-window' }, ...view.offeredWindows.map((w, i) => el('option', { value: i }, windowText(w, zone))));
  const button = el('button', { type: 'button', class: 'primary', id: 'move' }, t('move'));
  const section = el('section', {}, el('h2', {}, t('reschedule')), el('label', { for: 'new-window' }, t('newWindow')), select, button);
  act(section, button, async () => { await call('POST', `${base}/reschedule`, view.offeredWindows[select.value]); await showOrder(t('moved')); });
  return section;
}

function cancelForm() {
  const reason = el('textarea', { id: 'reason', rows: 2, maxlength: 500 });
  const button = el('button', { type: 'button', class: 'danger', id: 'cancel' }, t('doCancel'));
  const section = el('section', {}, el('h2', {}, t('cancel')), el('label', { for: 'reason' }, t('reason')), reason, button);
  act(section, button, async () => { await call('POST', `${base}/cancel`, { reason: reason.value }); await showOrder(t('cancelled')); });
  return section;
}

function ratingForm() {
  let chosen = 0;
  const stars = [1, 2, 3, 4, 5].map(n => el('button', { type: 'button', 'aria-pressed': 'false', 'aria-label': `${n} ${t('star')}`, 'data-stars': n }, '★'));
  stars.forEach(star => star.addEventListener('click', () => {
    chosen = Number(star.dataset.stars);
    stars.forEach(s => s.setAttribute('aria-pressed', String(Number(s.dataset.stars) <= chosen)));
  }));
  const comment = el('textarea', { id: 'comment', rows: 2, maxlength: 1000 });
  const button = el('button', { type: 'button', class: 'primary', id: 'rate' }, t('send'));
  const section = el('section', {}, el('h2', {}, t('rate')), el('div', { class: 'stars' }, ...stars), el('label', { for: 'comment' }, t('comment')), comment, button);
  act(section, button, async () => {
    await call('POST', `${base}/rating`, { satisfaction: chosen || null, comment: comment.value.trim() || undefined });
    await showOrder(t('rated'));
  });
  return section;
}

function showSticker() {
  const phone = el('input', { id: 'phone', type: 'tel', inputmode: 'numeric', autocomplete: 'tel', maxlength: 20 });
  const getCode = el('button', { type: 'button', class: 'primary', id: 'get-code' }, t('getCode'));
  const code = el('input', { id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 });
  const fault = el('textarea', { id: 'fault', rows: 3, maxlength: 2000 });
  const submit = el('button', { type: 'button', class: 'primary', id: 'submit' }, t('submit'));
  const second = el('div', { hidden: true }, el('label', { for: 'code' }, t('code')), code, el('label', { for: 'fault' }, t('fault')), fault, submit);
  const section = el('section', {}, el('h1', {}, t('report')), el('label', { for: 'phone' }, t('phoneOnFile')), phone, getCode, second);
  act(section, getCode, async () => {
    const sent = await call('POST', `${base}/verify`, { phone: phone.value.trim() });
    second.hidden = false;
    section.append(message(t('codeSent', sent.validMinutes), true));
  });
  act(section, submit, async () => {
    const result = await call('POST', `${base}/report`, { code: code.value.trim(), faultDescription: fault.value.trim() });
    main.replaceChildren(el('section', {}, el('h1', {}, t('report')), message(t(result.alreadyOpen ? 'open' : 'created', result.number), true)));
  });
  main.replaceChildren(section);
}

function render() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.getElementById('title').textContent = t('title');
  document.getElementById('lang').textContent = t('other');
  main.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  if (!token) main.replaceChildren(message(t('gone')));
  else if (kind) showSticker();
  else showOrder();
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('rd-customer-lang', lang);
  render();
});
render();
