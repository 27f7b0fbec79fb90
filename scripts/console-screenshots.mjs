// Drives the console on the demo station and saves the three main screens (run by console-screenshots.sh).
const { chromium } = await import(process.argv[2]);
const { BASE, OUT } = process.env;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--lang=zh-CN'] });
const shot = async (page, name) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage: false });

async function signedIn(username, password, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ baseURL: BASE, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.getByRole('button', { name: '退出' }).waitFor();
  return page;
}

async function apiGet(page, path) {
  return page.evaluate(async p => {
    const { accessToken } = JSON.parse(sessionStorage.getItem('rd.session'));
    const response = await fetch(p, { headers: { Authorization: `Bearer ${accessToken}` } });
    return response.json();
  }, path);
}

// Front desk: a caller with an appliance in warranty, the new-ticket form showing its decision and SLA.
{
  const page = await signedIn('demo.frontdesk', process.env.DESK_PASSWORD);
  const customers = (await apiGet(page, '/api/v1/customers?pageSize=60')).items;
  let chosen = null;
  for (const c of customers) {
    const appliances = (await apiGet(page, `/api/v1/customers/${c.id}/appliances`)).items;
    const orders = (await apiGet(page, `/api/v1/work-orders?customerId=${c.id}`)).items;
    if (appliances.length < 2 || orders.length < 1) continue;
    for (const [index, a] of appliances.entries()) {
      const preview = await apiGet(page, `/api/v1/appliances/${a.id}/intake-preview`);
      if (preview.warranty.inWarranty && preview.warranty.claimable && !preview.openWorkOrder) chosen = { customer: c, index: index + 1 };
    }
    if (chosen) break;
  }
  chosen ??= { customer: customers[0], index: 1 };
  await page.getByLabel('电话', { exact: true }).fill(chosen.customer.phones[0]);
  await page.getByLabel('电话', { exact: true }).press('Enter');
  await page.getByRole('heading', { name: chosen.customer.name }).waitFor();
  await page.getByLabel('家电', { exact: true }).selectOption({ index: chosen.index });
  await page.getByTestId('warranty-state').waitFor();
  await page.getByLabel('故障描述').fill('开机后不工作，有异响');
  await page.getByRole('heading', { name: '新建工单' }).scrollIntoViewIfNeeded();
  await shot(page, 'front-desk-new-ticket');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'front-desk-customer-card');
  await page.context().close();

  // The same call on a tablet held upright (iPad Air 820×1180).
  const tablet = await signedIn('demo.frontdesk', process.env.DESK_PASSWORD, { width: 820, height: 1180 });
  await tablet.getByLabel('电话', { exact: true }).fill(chosen.customer.phones[0]);
  await tablet.getByLabel('电话', { exact: true }).press('Enter');
  await tablet.getByRole('heading', { name: chosen.customer.name }).waitFor();
  await tablet.getByLabel('家电', { exact: true }).selectOption({ index: chosen.index });
  await tablet.getByTestId('warranty-state').waitFor();
  await shot(tablet, 'front-desk-tablet');
  await tablet.context().close();
}

// Dispatcher: the board with the first waiting order's candidates.
{
  const page = await signedIn('demo.manager', process.env.MANAGER_PASSWORD);
  await page.locator('.order-card').first().click();
  await page.locator('.candidate, .candidates-empty, section.card p.muted').first().waitFor();
  await page.locator('.candidate').first().waitFor({ timeout: 10_000 }).catch(() => {});
  await shot(page, 'dispatcher-board-candidates');
  await page.getByRole('button', { name: '生成明日排程' }).click();
  await page.getByRole('button', { name: '应用排程' }).click({ timeout: 120_000 });
  await page.locator('.route').first().waitFor();
  await page.getByRole('heading', { name: '明日排程' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await shot(page, 'dispatcher-routes');
  await page.context().close();
}

// Finance: this month's run of the first manufacturer that has charges, opened with its lines.
{
  const page = await signedIn('demo.finance', process.env.FINANCE_PASSWORD);
  const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  const makers = (await apiGet(page, '/api/v1/manufacturers')).items;
  let runId = null;
  for (const maker of makers) {
    const run = await page.evaluate(async ({ manufacturerId, period }) => {
      const { accessToken } = JSON.parse(sessionStorage.getItem('rd.session'));
      const response = await fetch('/api/v1/settlements/runs', { method: 'POST', body: JSON.stringify({ manufacturerId, period }),
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' } });
      return response.json();
    }, { manufacturerId: maker.id, period });
    if (run.lineCount > 0 && !runId) runId = run.id;
  }
  await page.goto(`/#/finance/runs/${runId}`);
  await page.getByTestId('run-status').waitFor();
  await shot(page, 'finance-run-detail');
  await page.goto('/#/finance');
  await page.locator('table.grid').first().waitFor();
  await shot(page, 'finance-runs');
  await page.context().close();
}

await browser.close();
