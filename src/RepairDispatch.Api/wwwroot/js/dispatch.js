// Dispatcher: today's and tomorrow's unassigned orders, candidates with reasons and one-click assign,
// and the day plan (produce, apply) drawn as one timeline per technician.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, problemBox, formatTime, enumText, slaBadge, storeDay, currentStore } from './ui.js';
import { routesTimeline } from './routes.js';

export async function render(main) {
  const board = h('section', { 'aria-labelledby': 'board-title' });
  const candidates = h('section.card', { 'aria-live': 'polite', 'aria-labelledby': 'candidates-title' });
  const plan = h('section.card', { 'aria-labelledby': 'plan-title' });
  mount(main, h('h1', { id: 'board-title' }, t('dispatch.title')), h('div.columns', {}, board, candidates), plan);
  mount(candidates, h('h2', { id: 'candidates-title' }, t('dispatch.candidates')), h('p.muted', {}, t('dispatch.pick')));
  await Promise.all([loadBoard(board, candidates), loadPlan(plan, storeDay(1))]);
}

async function loadBoard(board, candidates) {
  const page = await api.get('/api/v1/work-orders', { status: 'New', pageSize: 200 });
  const today = storeDay(0), tomorrow = storeDay(1);
  const dayOf = o => (o.appointment ? storeDay(0, new Date(o.appointment.from)) : null);
  const groups = [
    [t('dispatch.today'), page.items.filter(o => dayOf(o) === today)],
    [t('dispatch.tomorrow'), page.items.filter(o => dayOf(o) === tomorrow)],
    [t('dispatch.unbooked'), page.items.filter(o => !o.appointment)],
  ];
  const reload = () => loadBoard(board, candidates);
  mount(board, groups.map(([title, orders]) => h('div.card.board-column', {},
    h('h2', {}, title, h('span.badge', {}, orders.length)),
    orders.length === 0 ? h('p.muted', {}, t('dispatch.none')) : orders.map(o => h('button.order-card', {
      type: 'button', 'aria-pressed': 'false', dataset: { number: o.number },
      onclick: event => {
        board.querySelectorAll('.order-card').forEach(b => b.setAttribute('aria-pressed', 'false'));
        event.currentTarget.setAttribute('aria-pressed', 'true');
        showCandidates(candidates, o, reload);
      },
    }, h('strong', {}, o.number), ' ', slaBadge(o), o.priority === 'Urgent' ? [' ', h('span.badge.bad', {}, enumText('priority', 'Urgent'))] : null,
      h('div.muted', {}, `${enumText('type', o.type)} · ${o.address?.district || ''} · ${o.appointment ? formatTime(o.appointment.from) : t('dispatch.unbooked')}`),
      h('div', {}, o.faultDescription))))));
}

async function showCandidates(panel, order, reload) {
  const title = h('h2', { id: 'candidates-title' }, `${t('dispatch.candidates')} · ${order.number}`);
  mount(panel, title, h('p.muted', {}, '…'));
  let result;
  try { result = await api.get('/api/v1/dispatch/candidates', { workOrderId: order.id }); }
  catch (error) { return mount(panel, title, problemBox(error)); }
  const status = h('div', { 'aria-live': 'assertive' });
  const assign = async candidate => {
    const body = candidate.kind === 'InstallerPartner' ? { installerPartnerId: candidate.id } : { technicianId: candidate.id };
    try {
      await api.post(`/api/v1/work-orders/${order.id}/assign`, body);
      mount(panel, title, h('p.notice', { role: 'status' }, t('dispatch.assigned', candidate.name)));
      await reload();
    } catch (error) { mount(status, problemBox(error)); }
  };
  mount(panel, title, status,
    result.candidates.length === 0 ? h('p.muted', {}, t('dispatch.none')) : result.candidates.map(c => h('div.candidate', {},
      h('span.score', { title: t('dispatch.score') }, Math.round(c.score)),
      h('div.who', {}, h('strong', {}, c.name),
        h('div.muted', {}, [c.travelMinutes != null ? t('dispatch.travel', Math.round(c.travelMinutes)) : null,
          c.capacity != null ? t('dispatch.load', c.jobsThatDay ?? 0, c.capacity) : null].filter(Boolean).join(' · ')),
        h('ul', {}, c.reasons.map(r => h('li', {}, r)))),
      h('button.primary', { type: 'button', 'aria-label': t('dispatch.assignTo', c.name), onclick: () => assign(c) }, t('dispatch.assign')))),
    result.excluded.length ? h('details', {}, h('summary', {}, `${t('dispatch.excluded')} (${result.excluded.length})`),
      h('ul', {}, result.excluded.map(x => h('li', {}, h('strong', {}, x.name), `: ${x.reasons.join('; ')}`)))) : null);
}

async function loadPlan(section, day) {
  const store = currentStore();
  const title = h('h2', { id: 'plan-title' }, t('dispatch.plan'));
  const form = h('form.row', {},
    field(t('dispatch.day'), 'date', { type: 'date', value: day, required: true }),
    h('button', { type: 'button', onclick: () => loadPlan(section, form.date.value) }, t('refresh')),
    h('button.primary', { type: 'submit' }, t('dispatch.makePlan')));
  const body = h('div', { 'aria-live': 'polite' });
  let asked = false;
  onSubmit(form, async v => {
    asked = true;
    const created = await api.post('/api/v1/dispatch/plans', { storeId: store.id, date: v.date });
    await showPlan(body, await waitForPlan(created, body), section);
  });
  mount(section, title, form, body);
  try {
    const plans = await api.get('/api/v1/dispatch/plans', { storeId: store.id, date: day });
    const shown = plans.items.find(p => p.status === 'Applied') || plans.items[0];
    if (asked) return; // a plan asked for while this list loaded is the one to show, not this older answer
    if (shown) await showPlan(body, shown, section); else mount(body, h('p.muted', {}, t('dispatch.noPlan')));
  } catch (error) { mount(body, problemBox(error)); }
}

async function waitForPlan(plan, body) {
  for (let i = 0; i < 180 && ['Queued', 'Running'].includes(plan.status); i++) {
    mount(body, h('p', {}, `${t('dispatch.planStatus')}: ${enumText('plan', plan.status)} ${Math.round(plan.progress * 100)}% ${plan.phaseText || ''}`));
    await new Promise(resolve => setTimeout(resolve, 1000));
    plan = await api.get(`/api/v1/dispatch/plans/${plan.id}`);
  }
  return plan;
}

function showPlan(body, plan, section) {
  const apply = plan.status === 'Ready' ? h('button.primary', { type: 'button', onclick: async () => {
    try {
      const result = await api.post(`/api/v1/dispatch/plans/${plan.id}/apply`);
      mount(body, h('p.notice', { role: 'status' }, t('dispatch.applied', result.plan.served ?? 0, result.skipped.length)),
        routesTimeline(result.plan));
    } catch (error) { body.prepend(problemBox(error)); }
  } }, t('dispatch.apply')) : null;
  mount(body,
    h('p', {}, `${t('dispatch.planStatus')}: `, h('strong', {}, enumText('plan', plan.status)),
      plan.travelMinutes != null ? ` · ${t('dispatch.travel', Math.round(plan.travelMinutes))}` : '', plan.error ? ` · ${plan.error}` : ''),
    apply, routesTimeline(plan));
}
