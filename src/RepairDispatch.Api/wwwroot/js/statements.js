// Finance's statements (结算单): upload a manufacturer's file with a preview first, then its reconciliation with an
// outcome filter and the totals to the fen, and accepting it (once).
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, money, formatTime, problemBox } from './ui.js';
import { mappingCard } from './statement-mapping.js';

const outcomes = ['Matched', 'AmountDiffers', 'Rejected', 'Duplicate', 'UnknownToUs', 'MissingOnTheirSide'];
const totalKeys = { Matched: 'matched', AmountDiffers: 'amountDiffers', Rejected: 'rejected', Duplicate: 'duplicate',
  UnknownToUs: 'unknownToUs', MissingOnTheirSide: 'missingOnTheirSide' };

export async function render(main, [statementId] = []) {
  if (statementId) return renderReconciliation(main, statementId);
  const makers = (await api.get('/api/v1/manufacturers', { pageSize: 200 })).items;
  const result = h('section', { 'aria-live': 'polite' });
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.xlsx,.csv', id: 'statement-file' });
  const form = h('form.card.row', {},
    field(t('finance.manufacturer'), 'manufacturerId', { options: makers.map(m => [m.id, m.name]), required: true }),
    field(t('finance.period'), 'period', { required: true, pattern: '\\d{4}-\\d{2}', placeholder: t('statements.periodHint') }),
    h('label', { for: 'statement-file' }, t('statements.file'), file),
    h('button', { type: 'submit', name: 'preview' }, t('statements.preview')),
    h('button.primary', { type: 'button', onclick: () => importIt() }, t('statements.import')));
  const formData = v => {
    const data = new FormData();
    data.append('file', file.files[0]);
    data.append('manufacturerId', v.manufacturerId);
    if (v.period) data.append('period', v.period);
    return data;
  };
  const values = () => Object.fromEntries(new FormData(form).entries());
  onSubmit(form, async v => mount(result, previewView(await api.upload('/api/v1/settlements/statements/preview', formData(v)))));
  async function importIt() {
    if (!form.reportValidity()) return;
    try {
      const imported = await api.upload('/api/v1/settlements/statements', formData(values()));
      location.hash = `#/statements/${imported.id}`;
    } catch (error) { mount(result, problemBox(error)); }
  }
  mount(main, h('h1', {}, t('statements.title')), form, mappingCard(() => form.manufacturerId.value), result);
}

function previewView(p) {
  return h('div.card', { dataset: { testid: 'statement-preview' } },
    h('p', {}, t('statements.previewOf', p.lineCount, p.headerRow ?? '—', p.problemCount)),
    p.problems.length ? h('ul.blockers', {}, p.problems.map(x => h('li', {}, x.problem))) : null,
    p.topRows?.length ? h('div', { dataset: { testid: 'statement-top-rows' } }, h('p', {}, t('mapping.topRows')),
      h('table.grid', {}, h('tbody', {}, p.topRows.map(r => h('tr', {}, r.map(c => h('td', {}, c))))))) : null,
    h('table.grid', {},
      h('thead', {}, h('tr', {}, ['statements.row', 'ticket.number', 'statements.theirs', 'statements.reason', 'finance.status'].map(k => h('th', {}, t(k))))),
      h('tbody', {}, p.rows.map(r => h('tr', {},
        h('td', {}, String(r.row)), h('td', {}, r.workOrderNumber || r.serialNumber || '—'), h('td.num', {}, money(r.approvedAmount)),
        h('td', {}, r.deductionReason || ''), h('td', {}, t(`statements.status.${r.status}`)))))));
}

async function renderReconciliation(main, id, outcome = '') {
  const r = await api.get(`/api/v1/settlements/statements/${id}/reconciliation`, { outcome, pageSize: 200 });
  const filter = h('form.card.row.filters', { role: 'search' },
    field(t('statements.outcome'), 'outcome', { options: [['', t('all')], ...outcomes.map(o => [o, t(`statements.outcome.${o}`)])] }),
    h('button.primary', { type: 'submit' }, t('finance.find')));
  filter.querySelector('select').value = outcome;
  onSubmit(filter, v => renderReconciliation(main, id, v.outcome));
  const accepted = r.status === 'Accepted';
  const accept = accepted ? null : h('button.primary', { type: 'button', onclick: async event => {
    event.currentTarget.disabled = true;
    try { await api.post(`/api/v1/settlements/statements/${id}/accept`); await renderReconciliation(main, id, outcome); }
    catch (error) { main.append(problemBox(error)); }
  } }, t('statements.accept'));
  mount(main,
    h('h1', {}, `${t('statements.title')} ${r.period}`),
    h('p', { dataset: { testid: 'statement-status' } }, accepted ? t('statements.accepted', formatTime(r.acceptedAt), r.acceptedBy) : t('statements.imported'), ' ', accept),
    totalsView(r),
    filter,
    itemsView(r.items, accepted));
}

function totalsView(r) {
  const i = r.identity;
  return h('div.card', {},
    h('table.grid', { dataset: { testid: 'statement-totals' } },
      h('thead', {}, h('tr', {}, ['statements.outcome', 'statements.count', 'statements.ours', 'statements.theirs'].map(k => h('th', {}, t(k))))),
      h('tbody', {}, outcomes.map(o => {
        const x = r.totals[totalKeys[o]];
        return h('tr', {}, h('td', {}, t(`statements.outcome.${o}`)), h('td.num', {}, String(x.count)), h('td.num', {}, money(x.ours)), h('td.num', {}, money(x.theirs)));
      }))),
    h('p', { dataset: { testid: 'statement-identity' } }, i.holds
      ? t('statements.identityHolds', money(i.ourClaimed))
      : t('statements.identityMisses', money(i.unexplained))));
}

function itemsView(items, accepted) {
  if (items.length === 0) return h('p', {}, t('statements.none'));
  return h('table.grid', {},
    h('thead', {}, h('tr', {}, ['statements.row', 'ticket.number', 'statements.outcome', 'statements.ours', 'statements.theirs', 'statements.delta', 'statements.reason']
      .map(k => h('th', {}, t(k))))),
    h('tbody', {}, items.map(x => h('tr', { dataset: { testid: `item-${x.workOrderNumber || x.theirRef}` } },
      h('td', {}, x.row == null ? '—' : String(x.row)),
      h('td', {}, x.workOrderNumber || x.theirRef || '—'),
      h('td', {}, t(`statements.outcome.${x.outcome}`)),
      h('td.num', {}, x.ourAmount == null ? '—' : money(x.ourAmount)),
      h('td.num', {}, x.theirAmount == null ? '—' : money(x.theirAmount)),
      h('td.num', {}, money(x.delta)),
      h('td', {}, x.reason || '', accepted && x.outcome === 'Rejected' && x.workOrderId ? resubmitForm(x) : null)))));
}

// A rejection whose cause was fixed (a photo taken again, a serial corrected) goes into the next run; the API refuses
// the reasons that cannot be fixed (late, duplicate) and a second resubmission, and the refusal shows at the note.
function resubmitForm(item) {
  const form = h('form.row.resubmit', {},
    field(t('statements.resubmitNote'), 'note', { required: true, maxlength: 500 }),
    h('button', { type: 'submit' }, t('statements.resubmit')));
  return onSubmit(form, async v => {
    await api.post(`/api/v1/claims/${item.workOrderId}/resubmit`, { note: v.note });
    form.replaceWith(h('p.notice', {}, t('statements.resubmitted')));
  });
}
