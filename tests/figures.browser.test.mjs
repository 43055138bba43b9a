// Browser tests of the figures: the dashboard at phone and desktop size in both languages
// (headline figures equal to the API's, the SVG trend, the breakdown, the CSV export with its
// byte-order mark), the printable monthly report, the public page (no number under five),
// the cases behind a number (as many as the number, Back returns to the same period; none
// offered to a reader who may not list cases), and the history import with its progress bar
// and a refused line named by its number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, newPhone, screenshot } from './browser.mjs';
import { startApp, DEMO_PASSWORD } from './harness.mjs';

let app;
let browser;
let truth;

before(async () => {
  app = await startApp();
  browser = await launchChromium();
  const admin = (await app.login('admin')).cookie;
  const history = (await app.get('/api/dev/reference-history?cases=300')).json;
  truth = history.truth;
  for (let i = 0; i < history.lines.length; i += 150) {
    const res = await app.post('/api/admin/import', { first_line: i + 1, lines: history.lines.slice(i, i + 150) }, { cookie: admin });
    assert.equal(res.status, 200, res.text);
  }
});

after(async () => {
  // The app first: closing the browser throws if a page logged an unexpected console error.
  await app?.stop();
  await browser?.close();
});

async function signIn(page, username) {
  await page.goto(`${app.base}/staff`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function apiFigures(query) {
  const cookie = (await app.login('coordinator')).cookie;
  return (await app.get(`/api/staff/figures?${query}`, { cookie })).json;
}

test('the dashboard shows the API\'s figures, a trend chart and a breakdown, in both languages', async () => {
  const page = await newPhone(browser);
  await signIn(page, 'coordinator');
  await page.getByRole('link', { name: 'Figures' }).click();
  await page.getByRole('heading', { name: 'Figures', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Last two years' }).click();
  const from = await page.locator('.period-shown').textContent();
  const [start, end] = from.split(' – ');
  const expected = await apiFigures(`from=${start}&to=${end}&by=category`);
  const filedCard = page.locator('.figure-card', { hasText: 'Filed' }).first();
  await filedCard.locator('.figure-value').filter({ hasText: String(expected.table.total.counts.filed) }).waitFor();
  assert.ok(expected.table.total.counts.filed >= truth.cases - 5, 'most of the history lies in the last two years');
  const rate = expected.table.total.success_rate;
  const percent = (Math.round((rate.numerator * 10000) / rate.denominator) / 100).toFixed(2);
  await page.locator('.figure-card', { hasText: 'Success rate' }).getByText(`${percent}%`).waitFor();
  assert.ok(await page.locator('.trend-chart rect').count() > 10, 'the trend has bars');
  const rows = await page.locator('#breakdown-title ~ .table-scroll tbody tr').count();
  assert.equal(rows, expected.table.rows.length + 1, 'a row per category and the total');
  await screenshot(page, 'figures-dashboard-phone-en');

  // The CSV export: UTF-8 with a byte-order mark, a header of figure names.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'accord-csv-')), 'figures.csv');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  const text = bytes.toString('utf8').slice(1);
  assert.match(text.split('\r\n')[0], /^Category,Filed,Accepted,Concluded,Resolved/);
  assert.ok(text.includes(`Total,${expected.table.total.counts.filed},`), 'the total row');

  // Another breakdown, then Chinese.
  await page.getByLabel('Break down by').selectOption('channel');
  await page.locator('#breakdown-title ~ .table-scroll').getByText('Walk-in').waitFor();
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByRole('heading', { name: '统计数据', level: 1 }).waitFor();
  await page.getByText('调解成功率').first().waitFor();
  await screenshot(page, 'figures-dashboard-phone-zh');
  await page.context().close();
});

test('the dashboard at desktop size, and the monthly report prints on A4', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, 'coordinator');
  await page.goto(`${app.base}/staff/figures`);
  await page.getByRole('heading', { name: 'Headline figures' }).waitFor();
  await page.getByRole('heading', { name: 'Community', exact: true }).waitFor();
  await screenshot(page, 'figures-dashboard-desktop-en');
  const month = truth.to.slice(0, 7);
  await page.goto(`${app.base}/staff/figures/report?month=${month}`);
  await page.getByRole('heading', { name: 'Monthly report on dispute resolution' }).waitFor();
  await page.getByRole('heading', { name: 'Category', exact: true }).waitFor();
  await screenshot(page, 'figures-report-en');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'a PDF was printed');
  writeFileSync(join(new URL('./artifacts/', import.meta.url).pathname, 'figures-report.pdf'), pdf);
  await context.close();
});

test('a number of the dashboard opens the cases behind it, as many as it counts, and Back returns to it', async () => {
  const page = await newPhone(browser);
  await signIn(page, 'coordinator');
  await page.getByRole('link', { name: 'Figures' }).click();
  await page.getByRole('button', { name: 'Last two years' }).click();
  const shown = await page.locator('.period-shown').textContent();
  const [start, end] = shown.split(' – ');
  const expected = await apiFigures(`from=${start}&to=${end}&by=category`);
  // The breakdown's biggest row: its "Filed" number leads to its cases.
  const row = [...expected.table.rows].sort((a, b) => b.counts.filed - a.counts.filed)[0];
  assert.ok(row.counts.filed > 20, 'a row with more than one page of cases');
  const index = expected.table.rows.findIndex((r) => r.value === row.value);
  const cell = page.locator('#breakdown-title ~ .table-scroll tbody tr').nth(index).locator('td[data-label="Filed"] a');
  assert.equal(await cell.textContent(), String(row.counts.filed));
  await cell.click();
  await page.getByRole('heading', { name: 'Filed', level: 1 }).waitFor();
  await page.locator('.cases-counted').filter({ hasText: `${row.counts.filed} cases` }).waitFor();
  assert.match(new URL(page.url()).search, new RegExp(`metric=filed&from=${start}&to=${end}&by=category&value=`));
  const rows = page.locator('.queue-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 20, 'a page of twenty');
  // Each counts on a day inside the period, in order.
  const days = await page.locator('.queue-table tbody td[data-label="Counted on"]').allTextContents();
  assert.deepEqual(days, [...days].sort());
  assert.ok(days.every((d) => d >= start && d <= end), days.join(' '));
  await screenshot(page, 'figure-cases-phone-en');
  // Every page, and the codes are the API's.
  while (await page.getByRole('button', { name: 'Load more' }).isVisible()) {
    const before = await rows.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.queue-table tbody tr').length > n, before);
  }
  assert.equal(await rows.count(), row.counts.filed, 'as many cases as the number');
  const codes = await page.locator('.queue-table tbody td[data-label="Code"]').allTextContents();
  assert.equal(new Set(codes).size, codes.length, 'no case twice');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByRole('heading', { name: '登记', level: 1 }).waitFor();
  await page.locator('.cases-counted').filter({ hasText: `共 ${row.counts.filed} 件` }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'figure-cases-phone-zh');
  await page.getByRole('button', { name: 'Switch to English' }).click();

  // Back: the same period on the dashboard.
  await page.goBack();
  await page.getByRole('heading', { name: 'Figures', level: 1 }).waitFor();
  await page.locator('.period-shown').filter({ hasText: shown }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Last two years' }).getAttribute('aria-pressed'), 'true');

  // The headline's "open now" leads to the open cases, and the success rate's two counts
  // to the disputes behind it.
  const open = expected.table.total.counts.open_now;
  const openCard = page.locator('.figure-card', { hasText: 'Open now' });
  await openCard.waitFor();
  if (open > 0) {
    await openCard.getByRole('link').click();
    await page.getByRole('heading', { name: 'Open now', level: 1 }).waitFor();
    await page.locator('.cases-counted').filter({ hasText: new RegExp(`^${open} cases?$`) }).waitFor();
    await page.locator('.queue-table tbody tr').first().waitFor();
    assert.equal(await page.locator('.queue-table thead th', { hasText: 'Counted on' }).count(), 0, 'a number of now has no day');
    await page.goBack();
  } else {
    assert.equal(await openCard.getByRole('link').count(), 0, 'no link to nothing');
  }
  const rate = expected.table.total.success_rate;
  await page.locator('.figure-card', { hasText: 'Success rate' }).getByRole('link', { name: String(rate.numerator), exact: true }).click();
  await page.getByRole('heading', { name: 'Disputes resolved', level: 1 }).waitFor();
  await page.locator('.cases-counted').filter({ hasText: new RegExp(`^${rate.numerator} cases?$`) }).waitFor();
  await page.context().close();

  // A reader of the figures who may not list cases is offered no link.
  const admin = await newPhone(browser);
  await signIn(admin, 'admin');
  await admin.goto(`${app.base}/staff/figures?from=${start}&to=${end}`);
  await admin.locator('#breakdown-title ~ .table-scroll tbody tr').first().waitFor();
  assert.equal(await admin.locator('.figure-link').count(), 0);
  await admin.context().close();
});

test('the public page shows no number under five, in both languages', async () => {
  const page = await newPhone(browser, 'zh-CN');
  await page.goto(`${app.base}/figures`);
  await page.getByRole('heading', { name: '矛盾纠纷化解情况', level: 1 }).waitFor();
  await page.getByRole('button', { name: '近两年' }).click();
  await page.locator('.table-scroll .figures-table').first().waitFor();
  const cells = await page.locator('.table-scroll .figures-table td').allTextContents();
  assert.ok(cells.length > 20);
  for (const cell of cells) {
    const n = Number(cell);
    assert.ok(cell === '少于5' || (Number.isInteger(n) && n >= 5), `a public cell reads ${cell}`);
  }
  assert.ok(cells.includes('少于5'), 'small counts are shown as under 5');
  await page.getByText('统计口径').waitFor();
  await screenshot(page, 'figures-public-phone-zh');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'How disputes are being resolved' }).waitFor();
  await screenshot(page, 'figures-public-phone-en');
  await page.context().close();
});

test('an admin imports a file with a progress bar, and a refused line is named by its number', async () => {
  const history = (await app.get('/api/dev/reference-history?cases=4&seed=77')).json;
  const broken = JSON.parse(history.lines[1]);
  broken.source_id = 'browser-broken';
  broken.category = 'no-such-category';
  const lines = [history.lines[0], JSON.stringify(broken), history.lines[2]];
  const dir = mkdtempSync(join(tmpdir(), 'accord-import-'));
  const file = join(dir, 'history.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const page = await newPhone(browser);
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Import history' }).click();
  await page.getByRole('heading', { name: 'Import historical cases' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Choose a file first').waitFor();
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Import finished').waitFor();
  assert.equal(await page.locator('#import-bar').getAttribute('value'), '3');
  const refused = page.locator('.import-progress table tbody tr');
  assert.equal(await refused.count(), 1);
  assert.match(await refused.textContent(), /^2\s*browser-broken/);
  await page.getByRole('button', { name: 'Recount every figure and compare' }).click();
  await page.getByText('No difference').waitFor();
  await screenshot(page, 'figures-import-phone-en');
  await page.context().close();
});
