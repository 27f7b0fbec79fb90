// The manager's dashboard: weekly trends and comparisons per technician and per store of GET /reports/kpis, drawn as
// SVG by the console itself (no library); every figure's definition one click away (GET /reports/kpis/definitions).
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, formValues, storeDay, currentStore } from './ui.js';

const svgNs = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// The figures a chart can show: [definition's figure, how to read it from a group, how to print it].
const pct = v => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = v => (v == null ? '—' : String(v));
const charts = [
  ['firstTimeFixRate', g => g.firstTimeFixRate, pct, 'kpis.firstTimeFix'],
  ['repeatRepairRate', g => g.repeatRepairRate, pct, 'kpis.repeatRepair'],
  ['onSiteMinutes', g => g.onSiteMinutes.p50, num, 'kpis.onSiteP50'],
  ['slaCompliance', g => g.slaCompliance.complete, pct, 'kpis.slaComplete'],
  ['satisfaction', g => g.satisfaction.average, num, 'kpis.satisfaction'],
  ['complaintRate', g => g.complaintRate, num, 'kpis.complaints'],
];
const columns = [
  ['orders', g => g.orders], ['completed', g => g.completed], ['firstTimeFixRate', g => pct(g.firstTimeFixRate)],
  ['repeatRepairRate', g => pct(g.repeatRepairRate)], ['assignMinutes', g => `${num(g.assignMinutes.p50)} / ${num(g.assignMinutes.p90)}`],
  ['onSiteMinutes', g => `${num(g.onSiteMinutes.p50)} / ${num(g.onSiteMinutes.p90)}`],
  ['completeMinutes', g => `${num(g.completeMinutes.p50)} / ${num(g.completeMinutes.p90)}`],
  ['slaCompliance', g => `${pct(g.slaCompliance.assign)} · ${pct(g.slaCompliance.onSite)} · ${pct(g.slaCompliance.complete)}`],
  ['satisfaction', g => `${num(g.satisfaction.average)} (${g.satisfaction.responses})`], ['complaintRate', g => num(g.complaintRate)],
  ['jobsPerTechnicianDay', g => num(g.jobsPerTechnicianDay)], ['utilisation', g => pct(g.utilisation)],
  ['revenue', g => g.revenue.total.toFixed(2)], ['claimFirstPassRate', g => pct(g.claimFirstPassRate)],
  ['oldPartsOnTimeRate', g => pct(g.oldPartsOnTimeRate)],
];

export async function render(main) {
  const output = h('div', { 'aria-live': 'polite' });
  const form = h('form.card.row.filters', { role: 'search' },
    field(t('kpis.from'), 'from', { type: 'date', value: storeDay(-55), required: true }),
    field(t('kpis.to'), 'to', { type: 'date', value: storeDay(), required: true }),
    h('button.primary', { type: 'submit' }, t('kpis.show')));
  const [definitions, technicians, stores] = await Promise.all([
    api.get('/api/v1/reports/kpis/definitions'), api.get('/api/v1/technicians').catch(() => ({ items: [] })),
    api.get('/api/v1/stores').catch(() => ({ items: [] }))]);
  const defs = Object.fromEntries(definitions.items.map(d => [d.figure, d]));
  const names = Object.fromEntries([...technicians.items.map(x => [x.id, x.name]), ...stores.items.map(x => [x.id, `${x.code} ${x.name}`])]);
  const load = async v => {
    const q = { from: v.from, to: v.to };
    const [weeks, perTechnician, perStore] = await Promise.all(['week', 'technician', 'store']
      .map(groupBy => api.get('/api/v1/reports/kpis', { ...q, groupBy })));
    mount(output,
      [weeks, perTechnician, perStore].every(r => r.complete) ? null : h('p.notice', { role: 'status' }, t('kpis.incomplete')),
      h('section.card', {}, h('h2', {}, t('kpis.trends')),
        h('div.kpi-charts', {}, charts.map(([figure, read, print, label]) =>
          figureCard(defs[figure], t(label), lineChart(weeks.groups, read, print), `kpi-trend-${figure}`)))),
      h('section.card', {}, h('h2', {}, t('kpis.byTechnician')),
        barChart(perTechnician.groups, g => g.firstTimeFixRate, pct, key => names[key] ?? t('kpis.noTechnician'), 'kpi-technicians'),
        table(perTechnician.groups, key => names[key] ?? t('kpis.noTechnician'), defs)),
      h('section.card', {}, h('h2', {}, t('kpis.byStore')),
        barChart(perStore.groups, g => g.firstTimeFixRate, pct, key => names[key] ?? key, 'kpi-stores'),
        table(perStore.groups, key => names[key] ?? key, defs)),
      h('section.card', {}, h('h2', {}, t('kpis.weekly')), table(weeks.groups, key => key, defs)));
  };
  onSubmit(form, load);
  const store = currentStore();
  mount(main, h('h1', {}, t('kpis.title')), store ? h('p.muted', {}, t('kpis.ownStore', `${store.code} ${store.name}`)) : null, form, output);
  await load(formValues(form));
}

/** A figure's name with its definition one click away (a disclosure), then its chart. */
function figureCard(def, title, chart, testid) {
  return h('figure.kpi-chart', { dataset: { testid } }, h('figcaption', {}, definition(def, title)), chart);
}

function definition(def, title) {
  return h('details.kpi-definition', {}, h('summary', { title: t('kpis.whatIsThis') }, title ?? def.name), h('p', {}, def.definition));
}

/** Weeks along x, the figure up y (0 at the bottom); a point and its value per week that has one. */
function lineChart(groups, read, print) {
  const w = 320, hgt = 140, pad = 28;
  const points = groups.map((g, i) => ({ key: g.key, value: read(g), i })).filter(p => p.value != null);
  const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, role: 'img', class: 'kpi-svg' });
  svg.append(s('line', { x1: pad, y1: hgt - pad, x2: w - 6, y2: hgt - pad, class: 'axis' }));
  if (points.length === 0) { svg.append(s('text', { x: w / 2, y: hgt / 2, 'text-anchor': 'middle' }, t('kpis.noData'))); return svg; }
  const max = Math.max(...points.map(p => p.value)) || 1;
  const x = i => pad + (groups.length === 1 ? (w - pad - 6) / 2 : (i * (w - pad - 6)) / (groups.length - 1));
  const y = v => hgt - pad - (v / max) * (hgt - 2 * pad);
  svg.append(s('polyline', { points: points.map(p => `${x(p.i)},${y(p.value)}`).join(' '), class: 'line' }));
  for (const p of points) {
    svg.append(s('circle', { cx: x(p.i), cy: y(p.value), r: 3, class: 'dot' }, s('title', {}, `${p.key}: ${print(p.value)}`)));
  }
  svg.append(s('text', { x: pad, y: hgt - 8, class: 'tick' }, groups[0].key));
  if (groups.length > 1) svg.append(s('text', { x: w - 6, y: hgt - 8, 'text-anchor': 'end', class: 'tick' }, groups[groups.length - 1].key));
  svg.append(s('text', { x: 2, y: pad - 10, class: 'tick' }, print(max)));
  svg.setAttribute('aria-label', points.map(p => `${p.key} ${print(p.value)}`).join('; '));
  return svg;
}

/** One horizontal bar per group (technician or store): the first-time-fix rate. */
function barChart(groups, read, print, label, testid) {
  const rowH = 22, w = 420, left = 150;
  const svg = s('svg', { viewBox: `0 0 ${w} ${Math.max(1, groups.length) * rowH + 4}`, role: 'img', class: 'kpi-svg bars', 'data-testid': testid });
  groups.forEach((g, i) => {
    const v = read(g);
    svg.append(s('text', { x: left - 6, y: i * rowH + 15, 'text-anchor': 'end', class: 'tick' }, label(g.key)));
    svg.append(s('rect', { x: left, y: i * rowH + 4, width: Math.max(1, (v ?? 0) * (w - left - 50)), height: rowH - 8, class: 'bar' },
      s('title', {}, `${label(g.key)}: ${print(v)}`)));
    svg.append(s('text', { x: left + (v ?? 0) * (w - left - 50) + 4, y: i * rowH + 15, class: 'tick' }, print(v)));
  });
  return h('figure.kpi-chart', {}, h('figcaption', {}, t('kpis.firstTimeFix')), svg);
}

function table(groups, label, defs) {
  if (groups.length === 0) return h('p', {}, t('kpis.noData'));
  return h('div.scroll', {}, h('table.grid.kpi-table', {},
    h('thead', {}, h('tr', {}, h('th', {}, ''), columns.map(([figure]) => h('th', {}, definition(defs[figure]))))),
    h('tbody', {}, groups.map(g => h('tr', {}, h('th', {}, label(g.key)), columns.map(([, read]) => h('td.num', {}, read(g))))))));
}
