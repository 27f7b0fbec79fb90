// The commission rules (提成规则) the payroll screen calculates with: every version, newest first, with its rates per
// job, bonuses and deductions. Headquarters makes the next version from the latest one's amounts (the usual change: new
// amounts from a day on); a new kind of rate is added through POST /payroll/rules itself.
import { api, currentSession } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, enumText, money, storeDay } from './ui.js';

export async function rulesCard() {
  const card = h('details.card.pay-rules', { dataset: { testid: 'pay-rules' } });
  const draw = async () => {
    const versions = (await api.get('/api/v1/payroll/rules')).items.slice().reverse();
    const headquarters = !currentSession()?.me?.storeId;
    mount(card, h('summary', {}, t('payroll.rules', versions.length)),
      versions.length === 0 ? h('p', {}, t('payroll.noRules')) : null,
      headquarters && versions.length ? nextVersionForm(versions[0], draw) : null,
      versions.map(versionView));
  };
  await draw();
  return card;
}

const any = word => word ?? t('payroll.any');
const rateCells = r => [h('td', {}, enumText('type', r.type)), h('td', {}, any(r.category && enumText('category', r.category))),
  h('td', {}, any(r.level && enumText('repairLevel', r.level))), h('td', {}, any(r.payer && enumText('payer', r.payer)))];
const rateHead = () => h('thead', {}, h('tr', {}, ['payroll.type', 'payroll.category', 'payroll.level', 'payroll.payer', 'payroll.rate'].map(k => h('th', {}, t(k)))));

function versionView(v) {
  return h('section', {},
    h('h3', {}, t('payroll.version', v.version, v.validFrom, v.validTo ?? t('payroll.openEnded'))),
    h('table.grid', {}, rateHead(), h('tbody', {}, v.rates.map(r => h('tr', {}, rateCells(r), h('td.num', {}, money(r.amount)))))),
    items(t('payroll.bonuses'), v.bonuses, 1), items(t('payroll.deductions'), v.deductions, -1));
}

function items(title, list, sign) {
  if (list.length === 0) return null;
  return h('p', {}, title, ' ', list.map(i => [h('span.badge', {}, `${enumText('payCode', i.code)} ${money(sign * i.amount)}`), ' ']));
}

/** The latest version's rates, bonuses and deductions with their amounts editable, from a day after it (the 1st of next month by default). */
function nextVersionForm(latest, redraw) {
  const amount = (name, value, label) => h('input', { name, type: 'number', step: '0.01', min: '0', required: true, value: String(value), 'aria-label': label });
  const [y, m] = storeDay().split('-').map(Number);
  const firstOfNextMonth = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const itemFields = (kind, list) => list.map((i, n) => field(enumText('payCode', i.code), `${kind}[${n}].amount`,
    { type: 'number', step: '0.01', min: '0', required: true, value: String(i.amount) }));
  const form = h('form', { dataset: { testid: 'pay-next-version' } },
    field(t('payroll.validFrom'), 'validFrom', { type: 'date', required: true, value: firstOfNextMonth }),
    h('table.grid', {}, rateHead(), h('tbody', {}, latest.rates.map((r, n) => h('tr', {}, rateCells(r),
      h('td.num', {}, amount(`rates[${n}].amount`, r.amount, t('payroll.rateOf', n + 1))))))),
    h('div.row', {}, itemFields('bonuses', latest.bonuses), itemFields('deductions', latest.deductions)),
    h('button.primary', { type: 'submit' }, t('payroll.saveVersion')));
  onSubmit(form, async v => {
    const pick = (kind, list) => list.map((i, n) => ({ code: i.code, amount: Number(v[`${kind}[${n}].amount`]) }));
    await api.post('/api/v1/payroll/rules', {
      validFrom: v.validFrom,
      rates: latest.rates.map((r, n) => ({ type: r.type, category: r.category, level: r.level, payer: r.payer, amount: Number(v[`rates[${n}].amount`]) })),
      bonuses: pick('bonuses', latest.bonuses), deductions: pick('deductions', latest.deductions),
    });
    await redraw();
  });
  return h('details.pay-next', {}, h('summary', {}, t('payroll.nextVersion', latest.version + 1)), form);
}
