// Staff screens a caller's question runs through: finding a case by code, name, phone or
// address from the queue (a refused query said beside the box, what was typed kept); people
// shown by name, not username; the audit log in words, filtered, with the calendar's log; each
// screen's own tab title; a case code on one line at 1280 px and a phone's header that leaves
// the screen to the work. Screenshots at phone and desktop size in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot } from './browser.mjs';
import { startApp, goodFiling, DEMO_PASSWORD } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await startApp();
  browser = await launchChromium();
});

after(async () => {
  await app?.stop();
  await browser?.close();
});

async function desktop(locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  return context.newPage();
}

async function signIn(page, username, firstHeading = 'Open cases') {
  await page.goto(`${app.base}/staff`);
  await page.getByLabel(/^(Username|用户名)$/).fill(username);
  await page.getByLabel(/^(Password|密码)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.getByRole('heading', { name: firstHeading, exact: true }).waitFor();
}

async function switchLanguage(page) {
  await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
}

test('staff find a case by phone, name or code; a refused query is said beside the box and kept', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1', name: '欧阳明月', phone: '139 0013 8001' }))).json;
  await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1', name: '赵六', phone: '13700001111' }));
  const page = await newPhone(browser);
  await signIn(page, 'coordinator');
  const box = page.getByRole('searchbox', { name: 'Find a case' });
  await box.fill('明');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('Type at least 2 characters or 4 digits').waitFor();
  assert.equal(await box.inputValue(), '明', 'what was typed is kept');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'queue-search-error-phone-en', { fullPage: false });

  await box.fill('8001');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('heading', { name: 'Search results' }).waitFor();
  await page.getByRole('link', { name: filed.code }).waitFor();
  assert.equal(await page.locator('.queue-table tbody tr').count(), 1, 'only the case with that phone');
  assert.equal(await page.getByRole('group', { name: 'Which cases' }).count(), 0, 'the boards are hidden while searching');
  await screenshot(page, 'queue-search-phone-en', { fullPage: false });
  await switchLanguage(page);
  await page.getByRole('heading', { name: '查找结果' }).waitFor();
  await screenshot(page, 'queue-search-phone-zh', { fullPage: false });
  await switchLanguage(page);

  await box.fill(filed.code.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('link', { name: filed.code }).waitFor();
  await box.fill('无此人名');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('No case matches.').waitFor();
  await page.getByRole('button', { name: 'Back to the open cases' }).click();
  await page.getByRole('heading', { name: 'Search results' }).waitFor({ state: 'detached' });
  assert.equal(await box.inputValue(), '');
  await page.context().close();
});

test('people are named, the tab says the screen, and a case code stays on one line at 1280 px', async () => {
  const filed = await app.caseInProgress();
  const page = await desktop();
  await signIn(page, 'coordinator');
  assert.equal(await page.title(), 'Open cases · Accord');
  const row = page.locator('.queue-table tbody tr', { has: page.getByRole('link', { name: filed.code }) });
  await row.getByText(/李调解/).waitFor();
  assert.equal(await row.getByText('mediator01').count(), 0, 'no username in the queue');
  const link = page.getByRole('link', { name: filed.code });
  const { height, lineHeight } = await link.evaluate((el) => ({
    height: el.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 24,
  }));
  assert.ok(height < lineHeight * 2.2, `one line: ${height}px`);
  await screenshot(page, 'queue-desktop-en', { fullPage: false });

  await link.click();
  await page.getByRole('heading', { name: 'Actions' }).waitFor();
  assert.equal(await page.title(), `${filed.code} · Accord`);
  await page.locator('.handler-list').getByText(/李调解/).waitFor();
  await page.locator('.timeline').getByText(/王协调/).first().waitFor();
  assert.equal(await page.locator('.handler-list').getByText('mediator01').count(), 0);
  await screenshot(page, 'case-names-desktop-en', { fullPage: false });
  await switchLanguage(page);
  await page.getByRole('heading', { name: '办理', exact: true }).waitFor();
  assert.equal(await page.title(), `${filed.code} · Accord`);
  await page.getByRole('link', { name: '待办事项' }).first().click();
  await page.getByRole('heading', { name: '待办事项', exact: true }).waitFor();
  assert.equal(await page.title(), '待办事项 · Accord');
  await screenshot(page, 'queue-desktop-zh', { fullPage: false });
  await page.context().close();
});

test("a phone's staff header keeps to two short lines", async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const page = await newPhone(browser, locale);
    await signIn(page, 'coordinator', locale === 'en-US' ? 'Open cases' : '待办事项');
    const header = await page.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(header <= 844 * 0.15, `${locale}: the header is ${header}px of 844`);
    await screenshot(page, `staff-header-phone-${locale}`, { fullPage: false });
    await page.context().close();
  }
});

test('the audit log speaks in words, filters by who and what, and has the calendar beside the others', async () => {
  const filed = await app.caseInProgress();
  const mediator = (await app.login('mediator01')).cookie;
  const day = new Date(Date.now() + 21 * 86400_000);
  day.setUTCDate(day.getUTCDate() + ((2 - day.getUTCDay() + 7) % 7));
  const at = (hhmm) => new Date(`${day.toISOString().slice(0, 10)}T${hhmm}:00+08:00`).toISOString();
  const proposed = await app.post(`/api/staff/cases/${filed.code}/sessions`, {
    title: '第一次调解', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: [at('10:00'), at('14:00')],
  }, { cookie: mediator });
  assert.equal(proposed.status, 201, proposed.text);
  assert.equal((await app.post(`/api/staff/sessions/${proposed.json.session.id}/cancel`, {}, { cookie: mediator })).status, 200);

  const page = await desktop();
  await signIn(page, 'admin', 'User accounts');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  assert.equal(await page.title(), 'Audit log · Accord');
  await page.locator('.audit-table .action-words', { hasText: /^Signed in$/ }).first().waitFor();

  // The community's log: narrowed to one case, in words.
  await page.getByLabel('Which log').selectOption('zh01');
  await page.getByLabel('Case code or what it was about').fill(filed.code);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('cell', { name: /Read the contact details/ }).first().waitFor();
  const targets = await page.locator('.audit-table tbody td:nth-child(5)').allTextContents();
  assert.ok(targets.length > 0 && targets.every((t) => t.includes(filed.code)), targets.join(' | '));
  await page.getByText(/entries match the filter|entry matches the filter/).waitFor();

  // A refused date is said beside its field, and the rest stays typed.
  await page.getByLabel('From (inclusive)').fill('2026-12-02');
  await page.getByLabel('To (inclusive)').fill('2026-12-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('#audit-to-error').getByText('The end comes before the start').waitFor();
  assert.equal(await page.getByLabel('Case code or what it was about').inputValue(), filed.code);
  await page.getByRole('button', { name: 'Clear the filter' }).click();

  // The calendar's log: who cancelled the session, by name.
  await page.getByLabel('Which log').selectOption('calendar');
  await page.getByLabel('What', { exact: true }).selectOption('session.');
  await page.getByRole('button', { name: 'Apply' }).click();
  const cancelled = page.locator('.audit-table tbody tr', { has: page.getByText('Cancelled the session') });
  await cancelled.first().waitFor();
  await cancelled.first().getByText(/李调解/).waitFor();
  await screenshot(page, 'audit-calendar-desktop-en', { fullPage: false });
  const picker = await page.locator('#audit-scope').evaluate((el) => ({ right: el.getBoundingClientRect().right, scroll: el.scrollWidth <= el.clientWidth + 1 }));
  assert.ok(picker.right <= 1280, 'the log picker fits');
  await switchLanguage(page);
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  await page.getByText('取消了调解').first().waitFor();
  assert.equal(await page.title(), '审计日志 · Accord');
  await screenshot(page, 'audit-calendar-desktop-zh', { fullPage: false });
  await page.context().close();

  const phone = await newPhone(browser, 'zh-CN');
  await signIn(phone, 'admin', '账号管理');
  await phone.goto(`${app.base}/staff/admin/audit`);
  await phone.getByRole('heading', { name: '审计日志' }).waitFor();
  await phone.locator('.audit-table .action-words', { hasText: /^登录$/ }).first().waitFor();
  await screenshot(phone, 'audit-phone-zh', { fullPage: false });
  await phone.context().close();
});
