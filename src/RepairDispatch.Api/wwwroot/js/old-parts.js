// Old parts (旧件) at the desk: check-in by scanning or typing the tag (a scanner types the tag and Enter), the parts in
// store, overdue or still with technicians, labels, and a manager's write-off; return batches are in old-part-returns.js.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, problemBox, enumText, currentStore } from './ui.js';
import { returnForm, batchesCard } from './old-part-returns.js';

const views = { inStore: { status: 'InStore' }, overdue: { overdue: true }, withTechnician: { status: 'WithTechnician' }, all: {} };

export async function render(main) {
  const notice = h('p.notice', { 'aria-live': 'polite', hidden: true, dataset: { testid: 'check-in-result' } });
  const checkIn = h('form.card.search', { 'aria-labelledby': 'check-in-title' },
    h('h2', { id: 'check-in-title' }, t('oldParts.checkIn')),
    field(t('oldParts.tag'), 'tag', { required: true, autocomplete: 'off', autofocus: true, placeholder: 'JJ-XXXXXXX' }),
    h('button.primary', { type: 'submit' }, t('oldParts.checkInButton')));
  const list = h('section.card', { 'aria-labelledby': 'parts-title' });
  const batches = h('section.card', { 'aria-labelledby': 'batches-title' });
  const preview = h('section.card.label-preview', { hidden: true, 'aria-live': 'polite' });
  let view = 'inStore';

  const refresh = async () => {
    const storeId = currentStore()?.id;
    const [parts, shipped] = await Promise.all([
      api.get('/api/v1/old-parts', { ...views[view], storeId, pageSize: 200 }),
      api.get('/api/v1/old-parts/returns', { status: 'Shipped', storeId, pageSize: 50 }),
    ]);
    mount(list, partsTable(parts.items, view, v => { view = v; refresh(); }, refresh, preview));
    mount(batches, batchesCard(shipped.items, refresh));
  };

  onSubmit(checkIn, async ({ tag }) => {
    const done = await api.post(`/api/v1/old-parts/${encodeURIComponent(tag)}/check-in`);
    notice.hidden = false;
    notice.textContent = t('oldParts.checkedIn', done.part.tag, done.part.workOrderNumber, done.part.partName);
    if (checkIn.tag.value === tag) checkIn.tag.value = ''; // keep a tag scanned while this one was on its way
    await refresh();
  });
  checkIn.addEventListener('submit', () => checkIn.tag.select()); // the next scan replaces a refused tag

  mount(main, h('h1', {}, t('oldParts.title')), checkIn, notice, list,
    returnForm(() => [...list.querySelectorAll('input.pick:checked')], refresh), batches, preview);
  checkIn.tag.focus();
  try { await refresh(); } catch (error) { mount(list, problemBox(error)); }
}

function partsTable(parts, view, choose, refresh, preview) {
  const manager = ['manager', 'admin'].includes(currentSession()?.role);
  const filter = h('div.row.views', { role: 'group', 'aria-label': t('oldParts.show') },
    Object.keys(views).map(v => h('button', { type: 'button', 'aria-pressed': String(v === view), onclick: () => choose(v) }, t(`oldParts.view.${v}`))));
  const rows = parts.map(p => h('tr', {},
    h('td', {}, p.status === 'InStore'
      ? h('input.pick', { type: 'checkbox', value: p.tag, 'aria-label': t('oldParts.pick', p.tag), dataset: { manufacturer: p.manufacturerId } }) : ''),
    h('td', {}, h('code', {}, p.tag)), h('td', {}, h('a', { href: `#/tickets/${p.workOrderId}` }, p.workOrderNumber)),
    h('td', {}, `${p.partNumber} ${p.partName}`), h('td', {}, p.manufacturerName), h('td', {}, p.technicianName || '—'),
    h('td', {}, enumText('oldPartStatus', p.status)),
    h('td', {}, p.dueOn || '—', p.overdue ? [' ', h('span.badge.bad', {}, t('oldParts.overdue'))] : ''),
    h('td.actions', {},
      h('button', { type: 'button', onclick: () => showLabel(preview, p) }, t('oldParts.label')),
      manager && !['Received', 'Lost', 'Scrapped'].includes(p.status)
        ? h('button', { type: 'button', onclick: event => writeOff(event.target.closest('td'), p, refresh) }, t('oldParts.writeOff')) : null)));
  return [h('h2', { id: 'parts-title' }, t('oldParts.list')), filter,
    parts.length === 0 ? h('p.muted', {}, t('oldParts.none')) : h('table.grid', {},
      h('thead', {}, h('tr', {}, ['', 'oldParts.tag', 'ticket.number', 'oldParts.part', 'desk.brand', 'oldParts.technician', 'ticket.status',
        'oldParts.dueOn', ''].map(k => h('th', {}, k ? t(k) : '')))),
      h('tbody', {}, rows))];
}

/** The label as the printer gets it: the PNG fetched with the token, shown, and offered as a file. */
async function showLabel(panel, part) {
  const response = await api.raw(`/api/v1/old-parts/${part.id}/label`).catch(error => error);
  if (!(response instanceof Response)) { panel.hidden = false; mount(panel, problemBox(response)); return; }
  const url = URL.createObjectURL(await response.blob());
  panel.hidden = false;
  mount(panel, h('h2', {}, t('oldParts.labelOf', part.tag)), h('img', { src: url, alt: t('oldParts.labelOf', part.tag), dataset: { testid: 'label-image' } }),
    h('p', {}, h('a', { href: url, download: `${part.tag}.png` }, t('oldParts.saveLabel'))));
  panel.scrollIntoView({ block: 'nearest' });
}

function writeOff(cell, part, refresh) {
  const form = h('form.row', { 'aria-label': t('oldParts.writeOffOf', part.tag) },
    field(t('oldParts.writeOffAs'), 'status', { options: ['Lost', 'Scrapped'].map(v => [v, enumText('oldPartStatus', v)]) }),
    field(t('oldParts.reason'), 'reason', { required: true, maxlength: 1000 }),
    h('button.primary', { type: 'submit' }, t('oldParts.confirmWriteOff')));
  onSubmit(form, async v => { await api.post(`/api/v1/old-parts/${part.id}/write-off`, v); await refresh(); });
  mount(cell, form);
  form.reason.focus();
}
