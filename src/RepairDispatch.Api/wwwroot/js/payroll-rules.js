// The commission rules (提成规则) the payroll screen calculates with: every version, newest first, with its rates per
// job, bonuses and deductions. Read-only here: a version is set by headquarters through POST /payroll/rules.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, enumText, money } from './ui.js';

export async function rulesCard() {
  const versions = (await api.get('/api/v1/payroll/rules')).items.slice().reverse();
  const any = word => word ?? t('payroll.any');
  return h('details.card.pay-rules', { dataset: { testid: 'pay-rules' } },
    h('summary', {}, t('payroll.rules', versions.length)),
    versions.length === 0 ? h('p', {}, t('payroll.noRules')) : versions.map(v => h('section', {},
      h('h3', {}, t('payroll.version', v.version, v.validFrom, v.validTo ?? t('payroll.openEnded'))),
      h('table.grid', {},
        h('thead', {}, h('tr', {}, ['payroll.type', 'payroll.category', 'payroll.level', 'payroll.payer', 'payroll.rate'].map(k => h('th', {}, t(k))))),
        h('tbody', {}, v.rates.map(r => h('tr', {},
          h('td', {}, enumText('type', r.type)), h('td', {}, any(r.category && enumText('category', r.category))),
          h('td', {}, any(r.level && enumText('repairLevel', r.level))), h('td', {}, any(r.payer && enumText('payer', r.payer))),
          h('td.num', {}, money(r.amount)))))),
      items(t('payroll.bonuses'), v.bonuses, 1), items(t('payroll.deductions'), v.deductions, -1))));
}

function items(title, list, sign) {
  if (list.length === 0) return null;
  return h('p', {}, title, ' ', list.map(i => [h('span.badge', {}, `${enumText('payCode', i.code)} ${money(sign * i.amount)}`), ' ']));
}
