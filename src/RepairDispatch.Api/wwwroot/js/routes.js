// A day plan drawn as one lane per technician: each stop a block from service start to end, in store time.
import { t } from './i18n.js';
import { h, formatClock, storeInstant } from './ui.js';

const firstHour = 7, lastHour = 21;

export function routesTimeline(plan) {
  if (!plan.routes?.length) return h('p.muted', {}, t('dispatch.noPlan'));
  const start = new Date(storeInstant(plan.day, `${String(firstHour).padStart(2, '0')}:00`)).getTime();
  const span = (lastHour - firstHour) * 3_600_000;
  const percent = iso => Math.min(100, Math.max(0, ((new Date(iso).getTime() - start) / span) * 100));
  const hours = [];
  for (let hour = firstHour; hour <= lastHour; hour += 2) hours.push(h('span', {}, `${hour}:00`));
  return h('div.routes', { role: 'list', 'aria-label': t('dispatch.routes') },
    h('div.hours', {}, h('span'), h('div.scale', {}, hours)),
    plan.routes.map(route => h('div.route', { role: 'listitem' },
      h('strong', {}, route.technicianName),
      h('div.lane', {}, route.stops.map(stop => {
        const block = h('span.stop', { title: `${stop.number} ${formatClock(stop.serviceStart)}–${formatClock(stop.serviceEnd)}` },
          `${stop.sequence}. ${formatClock(stop.serviceStart)} ${stop.number.slice(-4)}`);
        // Positions are data, set through the CSSOM, which the console's style-src 'self' allows (inline style attributes it would not).
        block.style.left = `${percent(stop.serviceStart)}%`;
        block.style.width = `${Math.max(1.5, percent(stop.serviceEnd) - percent(stop.serviceStart))}%`;
        return block;
      })))),
    plan.unplanned?.length ? h('p.muted', {}, `${t('dispatch.unplanned')}: ${plan.unplanned.map(u => `${u.number} (${u.reason})`).join('; ')}`) : null);
}
