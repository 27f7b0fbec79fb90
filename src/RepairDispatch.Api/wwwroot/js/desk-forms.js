// The front desk's two small master-data forms: a new customer (the caller was not found) and a new appliance.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, field, onSubmit, enumText } from './ui.js';

export const categories = ['AirConditioner', 'Refrigerator', 'WashingMachine', 'WaterHeater', 'RangeHood', 'GasStove', 'Tv', 'Audio', 'SmallAppliance'];

export function customerForm(phone, onCreated) {
  const form = h('form.card', { 'aria-labelledby': 'new-customer' },
    h('h2', { id: 'new-customer' }, t('customer.new')),
    h('div.row', {},
      field(t('customer.name'), 'name', { required: true, autofocus: true }),
      field(t('desk.phone'), 'phones', { type: 'tel', value: phone, required: true }),
      field(t('customer.tier'), 'tier', { options: [['Standard', t('tier.Standard')], ['Vip', 'VIP']] })),
    h('div.row', {},
      field(t('customer.district'), 'addresses', { required: true }),
      field(t('customer.street'), 'street', { required: true })),
    h('label.inline', {}, h('input', { type: 'checkbox', name: 'callbackConsent', checked: true }), t('customer.consent')),
    h('button.primary', { type: 'submit' }, t('customer.create')));
  return onSubmit(form, async v => onCreated(await api.post('/api/v1/customers', {
    name: v.name, phones: [v.phones], tier: v.tier, callbackConsent: v.callbackConsent,
    addresses: [{ district: v.addresses, street: v.street }],
  })));
}

export function applianceForm(customerId, onAdded) {
  const makers = h('select', { name: 'manufacturerId', required: true, id: 'f-maker' });
  const form = h('form', {},
    h('div.row', {},
      field(t('desk.category'), 'category', { options: categories.map(c => [c, enumText('category', c)]) }),
      h('div.field', {}, h('label', { for: 'f-maker' }, t('desk.brand')), makers, h('span.field-error', { role: 'alert' })),
      field(t('desk.model'), 'model', { required: true }),
      field(t('appliance.serial'), 'serialNumber'),
      field(t('desk.purchased'), 'purchaseDate', { type: 'date' })),
    h('label.inline', {}, h('input', { type: 'checkbox', name: 'boughtHere' }), t('appliance.boughtHere')),
    h('button', { type: 'submit' }, t('appliance.add')));
  const details = h('details', {}, h('summary', {}, t('appliance.new')), form);
  details.addEventListener('toggle', async () => {
    if (!details.open || makers.options.length) return;
    const page = await api.get('/api/v1/manufacturers', { pageSize: 200 });
    makers.append(...page.items.map(m => h('option', { value: m.id }, m.name)));
  }, { once: false });
  onSubmit(form, async v => {
    await api.post(`/api/v1/customers/${customerId}/appliances`, {
      category: v.category, manufacturerId: v.manufacturerId, model: v.model, serialNumber: v.serialNumber || null,
      purchaseDate: v.purchaseDate || null, boughtHere: v.boughtHere,
    });
    onAdded();
  });
  return details;
}
