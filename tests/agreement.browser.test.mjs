// Browser tests of the mediation agreement: the mediator drafts it on the case page (a missing
// field said beside it, what was typed kept), and the two parties confirm it from their own
// session links on their phones, in Chinese, with their typed names (a wrong name refused
// beside the field); the case page then shows it in effect with the thirty-day clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot, openCase } from './browser.mjs';
import { startApp, DEMO_PASSWORD } from './harness.mjs';

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

const shanghaiDate = (offsetDays) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('the mediator drafts the agreement and both parties confirm it from their phones', async () => {
  const c = await app.caseInProgress();
  const mediatorCookie = (await app.login('mediator01')).cookie;
  const booked = await app.post(`/api/staff/cases/${c.code}/sessions`, {
    title: '调解 Session', length_minutes: 60, buffer_minutes: 15,
    slots: [new Date('2031-06-11T10:00:00+08:00').toISOString()], confirm: true,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
  }, { cookie: mediatorCookie });
  assert.equal(booked.status, 201, booked.text);
  const links = Object.fromEntries(booked.json.party_links.map((l) => [l.role, l.token]));

  // The mediator drafts on the case page.
  const staff = await newPhone(browser);
  await staff.goto(`${app.base}/staff`);
  await staff.getByLabel('Username').fill('mediator01');
  await staff.getByLabel('Password').fill(DEMO_PASSWORD);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await staff.getByRole('heading', { level: 1 }).first().waitFor();
  await openCase(staff, c.code);
  const section = staff.locator('section.case-agreement');
  await section.getByText('No agreement drafted yet.').waitFor();
  await section.getByRole('button', { name: 'Draft the agreement' }).click();
  await section.getByLabel('What they will do').fill('晚上十点后不再装修');
  await section.getByRole('button', { name: 'Save' }).click();
  await section.locator('#agr-facts-error').getByText('Please fill this in').waitFor();
  await section.locator('#agr-terms-0-by-error').getByText(/valid date/).waitFor();
  assert.equal(await section.getByLabel('What they will do').inputValue(), '晚上十点后不再装修', 'what was typed is kept');
  await section.getByLabel('Facts', { exact: true }).fill('被申请人夜间装修噪音扰民，双方经调解达成一致。');
  await section.getByLabel('By', { exact: true }).fill(shanghaiDate(10));
  await section.getByLabel('Amount (yuan, optional)').fill('500');
  await section.getByRole('button', { name: 'Save' }).click();
  await section.getByText('Version 1').waitFor();
  await section.getByText('Waiting for the parties to confirm').waitFor();
  assert.match(await section.locator('.agreement-terms').textContent(), /¥500\.00/);

  // Each party confirms from their own link, in Chinese.
  for (const [role, name] of [['applicant', '张三'], ['respondent', '刘先生']]) {
    const phone = await newPhone(browser, 'zh-CN');
    await phone.goto(`${app.base}/s#${links[role]}`);
    const agreement = phone.locator('section.party-agreement');
    await agreement.getByRole('heading', { name: '调解协议' }).waitFor();
    assert.match(await agreement.textContent(), /晚上十点后不再装修/);
    await agreement.getByLabel('您的姓名').fill('王五');
    await agreement.getByRole('button', { name: '我已阅读并同意本协议' }).click();
    await agreement.locator('#party-name-error').getByText('姓名与协议上的不一致').waitFor();
    assert.equal(await agreement.getByLabel('您的姓名').inputValue(), '王五', 'the typed name is kept');
    if (role === 'applicant') await screenshot(phone, 'agreement-party-phone-zh');
    await agreement.getByLabel('您的姓名').fill(name);
    await agreement.getByRole('button', { name: '我已阅读并同意本协议' }).click();
    await agreement.getByText('您已确认本协议。').waitFor();
    if (role === 'respondent') {
      await agreement.getByText('各方均已确认，协议已生效。').waitFor();
      await screenshot(phone, 'agreement-party-in-effect-phone-zh');
    }
    await phone.context().close();
  }

  // The resident's tracking page shows the agreement and where it stands, in both languages.
  const resident = await newPhone(browser, 'zh-CN');
  await resident.goto(`${app.base}/track`);
  await resident.getByLabel('查询码').fill(c.code);
  await resident.getByLabel('查询密码').fill(c.secret);
  await resident.getByRole('button', { name: '查询', exact: true }).click();
  const tracked = resident.locator('section.track-agreement');
  await tracked.getByRole('heading', { name: '调解协议' }).waitFor();
  await tracked.getByText('各方均已确认，协议已生效。').waitFor();
  assert.match(await tracked.textContent(), /晚上十点后不再装修.*待履行/);
  assert.match(await tracked.textContent(), /张三 · 已确认/);
  await screenshot(resident, 'agreement-track-phone-zh');
  await resident.getByRole('button', { name: 'Switch to English' }).click();
  await tracked.getByText('Every party has confirmed: the agreement is in effect.').waitFor();
  await screenshot(resident, 'agreement-track-phone-en');
  await resident.context().close();

  // Back on the case page: in effect, with the clock; a change now makes a new version.
  await staff.reload();
  await section.getByText(/In effect since/).waitFor();
  await section.getByText(/Apply for judicial confirmation by .* \(30 days left\)/).waitFor();
  assert.equal(await section.locator('.agreement-confirmations .flag', { hasText: 'Confirmed' }).count(), 2);
  await section.getByText('A text a party has confirmed is not changed').waitFor();
  await screenshot(staff, 'agreement-case-phone-en');
  await staff.context().close();
});

test("a term not carried out by its date tells the case's mediator, who sees it under Notices", async () => {
  const c = await app.caseInProgress();
  const mediator = (await app.login('mediator01')).cookie;
  const coordinator = (await app.login('coordinator')).cookie;
  const start = new Date('2031-06-20T10:00:00+08:00').toISOString();
  const booked = await app.post(`/api/staff/cases/${c.code}/sessions`, {
    title: '调解 Session', length_minutes: 60, buffer_minutes: 15, slots: [start], confirm: true,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
  }, { cookie: mediator });
  assert.equal(booked.status, 201, booked.text);
  const links = Object.fromEntries(booked.json.party_links.map((l) => [l.role, l.token]));
  const made = await app.post(`/api/staff/cases/${c.code}/agreement`, {
    op: 'draft', facts: '楼上漏水纠纷，双方达成一致。', terms: [{ who: 'respondent', what: '修好漏水的管道', by: shanghaiDate(2) }],
  }, { cookie: mediator });
  assert.equal(made.status, 200, made.text);
  const hash = made.json.agreement.current.content_hash;
  for (const [role, name] of [['applicant', '张三'], ['respondent', '刘先生']]) {
    const res = await app.post('/api/party/agreement/confirm', { typed_name: name, content_hash: hash }, { authorization: `Party ${links[role]}` });
    assert.equal(res.status, 200, res.text);
  }
  for (const command of [{ command: 'resolve', outcome: 'agreement_reached' }, { command: 'begin_follow_up' }]) {
    const d = await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator });
    const res = await app.post(`/api/staff/cases/${c.code}/commands`, { version: d.json.version, command }, { cookie: coordinator });
    assert.equal(res.status, 200, res.text);
  }
  const run = await app.post('/api/staff/escalations/run', {}, {
    cookie: coordinator, 'X-Accord-Test-Now': new Date(Date.now() + 5 * 86_400_000).toISOString(),
  });
  assert.equal(run.json.reopened_for_default, 1, run.text);

  const page = await newPhone(browser);
  await page.goto(`${app.base}/staff`);
  await page.getByLabel('Username').fill('mediator01');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const nav = page.getByRole('link', { name: /^Notices/ });
  await nav.locator('.nav-count').waitFor();
  await nav.click();
  const item = page.locator('.notice-item', { hasText: c.code }).first();
  await item.getByText('A term of the agreement was not carried out by its date: the case reopened').waitFor();
  await item.getByText('修好漏水的管道').waitFor();
  await screenshot(page, 'notices-phone-en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '我的通知' }).waitFor();
  await screenshot(page, 'notices-phone-zh');
  await page.locator('.site-nav .nav-count').waitFor({ state: 'detached' }); // opened: read
  await item.getByRole('link', { name: c.code }).click();
  await page.getByRole('heading', { name: c.code }).first().waitFor();
  await page.context().close();
});
