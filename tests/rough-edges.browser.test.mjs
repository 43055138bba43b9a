// Browser tests of rough edges a new user met: the filing wizard's progress bar (drawn by
// classes, since the content security policy allows no inline style), the session form with
// an empty spare row and with one incomplete row, and signing in with empty fields. Every
// page here is also held to a clean console (no CSP violation, no unexpected error).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot, SHOTS } from './browser.mjs';
import { startApp, DEMO_PASSWORD } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await startApp();
  browser = await launchChromium();
});

after(async () => {
  // The app first: closing the browser throws if a page logged an unexpected console error.
  await app?.stop();
  await browser?.close();
});

test('the wizard progress bar grows with each step, and no style is refused', async () => {
  const page = await newPhone(browser);
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
  await page.goto(`${app.base}/report`);
  const fill = page.locator('.step-bar span');
  await fill.waitFor();
  const width = async () => fill.evaluate((el) => el.getBoundingClientRect().width);
  const bar = await page.locator('.step-bar').evaluate((el) => el.getBoundingClientRect().width);
  await page.waitForTimeout(300); // the width eases in
  const first = await width();
  assert.ok(Math.abs(first - bar / 5) < 2, `step 1 of 5 fills a fifth: ${first} of ${bar}`);
  // Step 1 needs a kind and then one of its categories.
  await page.locator('.radio-card input[type=radio]').first().check();
  await page.locator('.radio-list input[type=radio]').first().check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('2 / 5').waitFor();
  await page.waitForTimeout(300);
  const second = await width();
  assert.ok(Math.abs(second - (2 * bar) / 5) < 2, `step 2 of 5 fills two fifths: ${second} of ${bar}`);
  assert.deepEqual(refused, []);
  await screenshot(page, 'rough-wizard-progress');
  await page.context().close();
});

const caseInProgress = () => app.caseInProgress();

async function signIn(page, username) {
  await page.goto(`${app.base}/staff`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
}

test('the session form ignores an empty spare row and marks an incomplete one alone', async () => {
  const filed = await caseInProgress();
  const page = await newPhone(browser);
  await signIn(page, 'mediator01');
  await page.goto(`${app.base}/staff/cases/${filed.code}`);
  await page.getByRole('button', { name: 'Schedule a session' }).click();
  await page.getByLabel('Title').fill('First mediation session');
  // One complete row, one with a date only, the third empty: only the second is marked.
  await page.getByLabel('Time 1: date').fill('2031-05-06');
  await page.getByLabel('Time 1: time of day').fill('09:00');
  await page.getByLabel('Time 2: date').fill('2031-05-07');
  await page.getByRole('button', { name: 'Send the proposed times' }).click();
  await page.getByText('Fill in 2 to 5 complete times').waitFor();
  const marked = await page.locator('.slot-row.has-error').count();
  assert.equal(marked, 1, 'only the incomplete row is marked');
  assert.ok(await page.locator('.slot-row').nth(1).evaluate((el) => el.classList.contains('has-error')));
  assert.equal(await page.locator('.slot-fieldset.has-error').count(), 0, 'the other rows stay unmarked');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 's-slot-date-1', 'focus on the row to fix');
  await screenshot(page, 'rough-session-incomplete-row');
  // Completing it sends two times; the empty third row is ignored.
  await page.getByLabel('Time 2: time of day').fill('14:00');
  assert.equal(await page.locator('.slot-row.has-error').count(), 0, 'the mark goes once the row is edited');
  await page.getByRole('button', { name: 'Send the proposed times' }).click();
  await page.getByRole('heading', { name: /shown only once/ }).waitFor();
  const coordinator = (await app.login('coordinator')).cookie;
  const sessions = await app.get(`/api/staff/cases/${filed.code}/sessions`, { cookie: coordinator });
  assert.equal(sessions.status, 200, sessions.text);
  assert.equal(sessions.json[0].slots.length, 2);
  await page.context().close();
});

test('the session form fits a phone in both languages, and a party is told where the room is', async () => {
  const filed = await caseInProgress();
  for (const locale of ['zh-CN', 'en-US']) {
    const page = await newPhone(browser, locale);
    await page.goto(`${app.base}/staff`);
    await page.getByLabel(/^(Username|用户名)$/).fill('mediator01');
    await page.getByLabel(/^(Password|密码)$/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
    await page.getByRole('heading', { name: /^(Upcoming sessions|即将举行的调解会)$/ }).waitFor();
    await page.goto(`${app.base}/staff/cases/${filed.code}`);
    await page.getByRole('button', { name: /^(Schedule a session|安排调解会)$/ }).click();
    const date = page.locator('#s-slot-date-1');
    await date.fill('2031-11-20');
    const fit = await date.evaluate((el) => ({ width: el.getBoundingClientRect().width, left: el.getBoundingClientRect().left }));
    assert.ok(fit.width >= 160, `${locale}: the date field is wide enough for its year (${fit.width}px)`);
    // No label breaks a word: each stays on one line.
    for (const label of await page.locator('.slot-row label').all()) {
      const { height, line } = await label.evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) || 24 }));
      assert.ok(height < line * 1.6, `${locale}: a label on one line (${height}px)`);
    }
    const time = await page.locator('#s-slot-time-1').evaluate((el) => {
      const style = getComputedStyle(el);
      return { height: el.getBoundingClientRect().height, border: style.borderTopWidth };
    });
    assert.ok(time.height >= 44 && time.border === '2px', `${locale}: the time field is styled like the others ${JSON.stringify(time)}`);
    // The venue choices sit inside the form, clear of its edge.
    const form = await page.locator('.schedule-form').evaluate((el) => el.getBoundingClientRect().left);
    for (const row of await page.locator('.schedule-form .choice-group .radio-row').all()) {
      const { left, dot } = await row.evaluate((el) => ({
        left: el.getBoundingClientRect().left,
        dot: el.querySelector('input').getBoundingClientRect().left,
      }));
      assert.ok(left >= form + 8, `${locale}: a venue choice clear of the edge (${left} vs ${form})`);
      assert.ok(dot >= left + 8, `${locale}: its radio inside its box, clear of the border (${dot} vs ${left})`);
    }
    await page.locator('.schedule-form').screenshot({ path: `${SHOTS}session-form-phone-${locale}.png` });
    await page.context().close();
  }

  // The party's page names the room and says where it is.
  const mediator = (await app.login('mediator01')).cookie;
  const day = new Date(Date.now() + 21 * 86400_000);
  day.setUTCDate(day.getUTCDate() + ((3 - day.getUTCDay() + 7) % 7));
  const at = (hhmm) => new Date(`${day.toISOString().slice(0, 10)}T${hhmm}:00+08:00`).toISOString();
  const made = await app.post(`/api/staff/cases/${filed.code}/sessions`, {
    title: '第一次调解', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: [at('10:00')], confirm: true,
  }, { cookie: mediator });
  assert.equal(made.status, 201, made.text);
  const token = made.json.party_links.find((l) => l.role === 'applicant').token;
  const party = await newPhone(browser, 'zh-CN');
  await party.goto(`${app.base}/s#${token}`);
  await party.locator('.place-name').waitFor();
  assert.match(await party.locator('.place-address').innerText(), /社区党群服务中心二楼/);
  await screenshot(party, 'party-room-address-zh', { fullPage: false });
  await party.context().close();
});

test('signing in with empty fields asks for them beside each, and typing clears the mark', async () => {
  for (const [locale, ask, wrong] of [['en-US', 'Please fill this in', /wrong/i], ['zh-CN', '请填写这一项', /错误/]]) {
    const page = await newPhone(browser, locale);
    await page.goto(`${app.base}/staff`);
    const submit = page.locator('form button[type=submit]');
    await submit.click();
    const errors = page.locator('.field.has-error .error');
    await errors.first().waitFor();
    assert.deepEqual(await errors.allTextContents(), [ask, ask]);
    assert.ok(!wrong.test(await page.locator('#login-error').innerText().catch(() => '')), 'no "wrong username or password"');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-username');
    await screenshot(page, `rough-sign-in-empty-${locale}`);
    await page.locator('#f-username').fill('mediator01');
    assert.equal(await page.locator('.field.has-error').count(), 1, 'only the password is still asked for');
    await page.context().close();
  }
});

test('the icon, robots.txt and the web app manifest are real files', async () => {
  const icon = await fetch(`${app.base}/favicon.ico`);
  assert.equal(icon.status, 200);
  const bytes = Buffer.from(await icon.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file, not the app page');
  const robots = await (await fetch(`${app.base}/robots.txt`)).text();
  assert.match(robots, /^User-agent: \*/m);
  const manifest = await (await fetch(`${app.base}/manifest.json`)).json();
  assert.equal(manifest.start_url, '/');
});

test('each role lands on its own first screen and is offered only what it may open', async () => {
  // The admin lists no cases: accounts first, no queue in the navigation, no error.
  const admin = await newPhone(browser);
  await admin.goto(`${app.base}/staff`);
  await admin.getByLabel('Username').fill('admin');
  await admin.getByLabel('Password').fill(DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('heading', { name: 'User accounts' }).waitFor();
  assert.equal(await admin.getByRole('link', { name: 'Open cases' }).count(), 0);
  assert.equal(await admin.getByRole('link', { name: 'Record a matter' }).count(), 0);
  assert.equal(await admin.locator('.error-notice:visible').count(), 0, 'no refused request on the first screen');
  // A screen it may not open shows its own first screen instead.
  await admin.goto(`${app.base}/staff/intake`);
  await admin.getByRole('heading', { name: 'User accounts' }).waitFor();
  await screenshot(admin, 'rough-admin-landing');
  await admin.context().close();
  // A coordinator still starts from the queue.
  const coordinator = await newPhone(browser);
  await coordinator.goto(`${app.base}/staff`);
  await coordinator.getByLabel('Username').fill('coordinator');
  await coordinator.getByLabel('Password').fill(DEMO_PASSWORD);
  await coordinator.getByRole('button', { name: 'Sign in' }).click();
  await coordinator.getByRole('heading', { name: 'Open cases' }).waitFor();
  assert.equal(await coordinator.getByRole('link', { name: 'Users' }).count(), 0);
  await coordinator.context().close();
});

test('a staff address that names no screen says so, in both languages, with the way back', async () => {
  for (const [locale, title, back] of [['en-US', 'Page not found', 'Back to the first screen'], ['zh-CN', '没有这个页面', '回到首页']]) {
    const page = await newPhone(browser, locale);
    await page.goto(`${app.base}/staff`);
    await page.locator('#f-username').fill('coordinator');
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('table.queue-table, .queue-empty, h1').first().waitFor();
    await page.goto(`${app.base}/staff/nope`);
    await page.getByRole('heading', { name: title }).waitFor();
    await screenshot(page, `rough-staff-not-found-${locale}`);
    await page.getByRole('link', { name: back }).click();
    await page.waitForURL(`${app.base}/staff`);
    await page.context().close();
  }
});
