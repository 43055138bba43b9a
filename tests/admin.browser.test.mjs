// Browser test of account administration at phone size (390×844), each person in their own
// browser context: the admin creates a mediator with a temporary password, the mediator is
// made to choose their own at first sign-in, the admin disables the account and the
// mediator's next action lands on the sign-in form, and the street's audit chain is intact
// and shows both changes. Volunteer links: a coordinator issues one (QR code shown), a
// volunteer on another phone opens it, records a matter for a resident and gets its code;
// once revoked, the volunteer's page says the link no longer works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
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

/** A separate phone (own cookies and storage) with one page open. */
async function phone() {
  const page = await newPhone(browser);
  return { context: page.context(), page, errors: page.errors };
}

/** What a phone shows (the screen, not the whole scrolled page). */
async function shot(page, name) {
  await screenshot(page, name, { fullPage: false });
}

async function switchLanguage(page) {
  await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
}

/** Takes the screen in English, then in Chinese, and comes back to English. */
async function shotBoth(page, name, zhHeading) {
  await shot(page, `${name}-en`);
  await switchLanguage(page);
  await page.getByRole('heading', { name: zhHeading }).first().waitFor();
  await shot(page, `${name}-zh`);
  await switchLanguage(page);
}

async function signIn(page, username, password = DEMO_PASSWORD) {
  await page.goto(app.base + '/staff');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const TEMPORARY = 'harbour-temp-2026';
const CHOSEN = 'quiet lantern by the sea';

test('an admin creates an account, its user must change the password, disabling ends the session, the audit chain shows it', async () => {
  const admin = await phone();
  const a = admin.page;
  await signIn(a, 'admin');
  await a.getByRole('link', { name: 'Users' }).click();
  await a.getByRole('heading', { name: 'User accounts' }).waitFor();
  await a.getByRole('button', { name: 'New account' }).click();
  await a.getByLabel('Username').fill('wang.fang');
  await a.getByLabel('Display name').fill('Wang Fang');
  await a.getByLabel('Role').selectOption({ label: 'Mediator' });
  await a.getByRole('radio', { name: 'Chosen communities' }).check();
  await a.getByRole('checkbox', { name: 'Songjiang Road' }).check();
  // A weak temporary password is refused beside its field, and what was typed stays.
  await a.getByLabel('Temporary password').fill('short');
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByText('Use at least 12 characters').waitFor();
  assert.equal(await a.getByLabel('Temporary password').inputValue(), 'short');
  await a.getByLabel('Temporary password').fill(TEMPORARY);
  await shotBoth(a, 'admin-1-new-user', '账号管理');
  await a.getByRole('region', { name: 'New account' }).screenshot({ path: join(SHOTS, 'admin-1-new-user-form-en.png') });
  await a.getByRole('button', { name: 'Create account' }).click();
  const card = a.getByRole('article', { name: 'Wang Fang' });
  await card.getByText('Temporary password not changed yet').waitFor();
  await card.getByText('Songjiang Road').waitFor();
  await card.screenshot({ path: join(SHOTS, 'admin-2-user-card-en.png') });

  // The new mediator signs in and sees only the password screen.
  const user = await phone();
  const u = user.page;
  await signIn(u, 'wang.fang', TEMPORARY);
  await u.getByRole('heading', { name: 'Change your password' }).waitFor();
  await u.getByText('Your administrator set a temporary password').waitFor();
  assert.equal(await u.getByRole('link', { name: 'Open cases' }).count(), 0);
  await u.getByLabel('Current password').fill(TEMPORARY);
  await u.getByLabel('New password', { exact: true }).fill('wang.fang-2026-secret');
  await u.getByLabel('New password again').fill('wang.fang-2026-secret');
  await u.getByRole('button', { name: 'Save new password' }).click();
  await u.getByText('It must not contain the username').waitFor();
  assert.equal(await u.getByLabel('New password', { exact: true }).inputValue(), 'wang.fang-2026-secret');
  await shotBoth(u, 'admin-3-forced-password', '修改密码');
  // Going elsewhere by address still shows only the password screen.
  await u.goto(app.base + '/staff/intake');
  await u.getByRole('heading', { name: 'Change your password' }).waitFor();
  await u.getByLabel('Current password').fill(TEMPORARY);
  await u.getByLabel('New password', { exact: true }).fill(CHOSEN);
  await u.getByLabel('New password again').fill(CHOSEN);
  await u.getByRole('button', { name: 'Save new password' }).click();
  await u.getByText('Password changed').waitFor();
  await u.getByRole('link', { name: 'Record a matter' }).click();
  await u.getByRole('link', { name: 'Open cases' }).click();
  await u.getByRole('heading', { name: 'Open cases' }).waitFor();
  await shot(u, 'admin-4-after-change-en');

  // The admin disables the account; the mediator's next action returns to sign-in.
  await a.reload();
  await a.getByRole('button', { name: 'Edit Wang Fang' }).click();
  await a.getByText('Disabling signs this person out everywhere at once').waitFor();
  await a.getByRole('article', { name: 'Wang Fang' }).screenshot({ path: join(SHOTS, 'admin-5-edit-user-en.png') });
  await a.getByRole('button', { name: 'Disable account' }).click();
  await a.getByRole('article', { name: 'Wang Fang' }).getByText('Disabled', { exact: true }).waitFor();
  await u.getByRole('button', { name: 'Refresh' }).click();
  await u.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
  await u.getByText('Your session has ended').waitFor();
  // And the account cannot sign in again.
  await u.getByLabel('Username').fill('wang.fang');
  await u.getByLabel('Password').fill(CHOSEN);
  await u.getByRole('button', { name: 'Sign in' }).click();
  await u.getByText(/not right|incorrect|wrong/i).first().waitFor();

  // The street's audit chain is intact and shows the account's creation and disabling.
  await a.getByRole('link', { name: 'Audit log' }).click();
  await a.getByRole('heading', { name: 'Audit log' }).waitFor();
  await a.getByText(/Chain intact: \d+ entr(y|ies)/).waitFor();
  await a.getByRole('cell', { name: 'user.created' }).first().waitFor();
  await a.getByRole('cell', { name: 'user.disabled' }).first().waitFor();
  await a.getByRole('cell', { name: 'user.password_changed' }).first().waitFor();
  const exportLink = a.getByRole('link', { name: 'Export the log as a file' });
  assert.match(await exportLink.getAttribute('href'), /\/api\/admin\/audit\/export\?scope=street$/);
  const [download] = await Promise.all([a.waitForEvent('download'), exportLink.click()]);
  assert.ok(download.suggestedFilename().length > 0);
  await shotBoth(a, 'admin-6-audit', '审计日志');
  await a.getByRole('button', { name: 'Run retention now' }).click();
  await a.getByText(/Examined \d+ ended cases?/).waitFor();

  // The directory is a short index of the admin's own street: each community opens its own
  // screen, saved on its own; the district's settings are not offered to a street's admin.
  await a.getByRole('link', { name: 'Directory' }).click();
  await a.getByRole('heading', { name: 'Street directory' }).waitFor();
  await a.getByRole('heading', { name: 'Zhonghua Road Street · ZH' }).waitFor();
  assert.equal(await a.getByRole('heading', { name: /Zhoushuizi/ }).count(), 0);
  assert.equal(await a.getByRole('link', { name: /District settings/ }).count(), 0);
  await a.getByRole('link', { name: 'Street settings' }).first().waitFor();
  await shotBoth(a, 'admin-7-directory-index', '区和街道目录');
  await a.getByRole('link', { name: 'Huabei Road (zh02)' }).click();
  const h1 = a.getByRole('heading', { level: 1, name: 'Huabei Road' });
  await h1.waitFor();
  const tall = await a.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(tall < 4000, `the community screen is ${tall} px tall at 390×844`);
  // A name left empty is said beside the names, with what was typed kept.
  const english = a.getByLabel('Name in English').first();
  const chinese = a.getByLabel('Name in Chinese').first();
  await chinese.fill('');
  await english.fill('Huabei Road (checked)');
  await a.getByRole('button', { name: 'Save community' }).click();
  await a.locator('#d-names-error').getByText('Check the communities').waitFor();
  assert.equal(await english.inputValue(), 'Huabei Road (checked)');
  await chinese.fill('华北路社区');
  await a.getByRole('button', { name: 'Save community' }).click();
  await a.getByText('Community saved').waitFor();
  await a.getByRole('heading', { level: 1, name: 'Huabei Road (checked)' }).waitFor();
  await shotBoth(a, 'admin-8-community', '华北路社区');

  assert.deepEqual([...admin.errors, ...user.errors], []);
});

test('a coordinator issues a volunteer link, the volunteer records a matter, revoking ends the link', async () => {
  const coordinator = await phone();
  const c = coordinator.page;
  await signIn(c, 'coordinator');
  await c.getByRole('heading', { name: 'Open cases' }).waitFor();
  await c.getByRole('link', { name: 'Volunteers' }).click();
  await c.getByRole('heading', { name: 'Volunteer links' }).waitFor();
  await c.getByLabel("Volunteer's name").fill('Wang Ayi');
  await c.getByLabel('Community').selectOption({ label: 'Zhonghua Road' });
  await c.getByLabel('Valid for (hours)').fill('48');
  await c.getByRole('button', { name: 'Issue link' }).click();
  await c.getByRole('heading', { name: 'Link ready: hand it over now' }).waitFor();
  await c.getByRole('img', { name: 'QR code of the volunteer link' }).waitFor();
  const shown = await c.getByText(/\/v#[0-9a-f]{64}$/).textContent();
  const url = shown.trim();
  assert.ok(url.startsWith(app.base + '/v#'), url);
  await shotBoth(c, 'volunteer-1-link-issued', '志愿者链接');

  const helper = await phone();
  const v = helper.page;
  await v.goto(url);
  await v.getByText('Hello, Wang Ayi').waitFor();
  assert.equal(new URL(v.url()).hash, '', 'the token is wiped from the address bar');
  await v.getByRole('radio', { name: 'A dispute' }).check();
  await v.getByLabel('Category').selectOption('neighbours');
  await v.getByLabel('What happened?').fill('楼上住户每晚十二点后装修，噪音很大，沟通无果');
  await v.getByLabel('Grid').selectOption('zh01-g2');
  await v.getByLabel('Address').fill('中华路12号3单元501');
  await v.getByLabel("Resident's name").fill('张三');
  await v.getByLabel("Resident's phone").fill('138 1234 5678');
  await shotBoth(v, 'volunteer-2-intake', '社区志愿者');
  await v.getByRole('button', { name: 'Record', exact: true }).click();
  await v.getByRole('heading', { name: 'Recorded: give the resident the code and the secret' }).waitFor();
  await v.getByText(/^ZH01-\d{4}-\d{4}$/).waitFor();
  await v.getByRole('button', { name: 'Print slip' }).waitFor();
  await shotBoth(v, 'volunteer-3-recorded', '社区志愿者');

  await c.reload();
  await c.getByRole('button', { name: "Revoke Wang Ayi's link" }).click();
  await c.getByRole('article', { name: 'Wang Ayi' }).getByText('Revoked', { exact: true }).waitFor();

  await v.reload();
  await v.getByText('This link no longer works').waitFor();
  await shotBoth(v, 'volunteer-4-revoked', '社区志愿者');

  // Leaving the queue before its first page arrived used to trap ("unreachable"): the answer
  // read a signal of the page already left.
  assert.deepEqual(coordinator.errors, [], 'coordinator');
  assert.deepEqual(helper.errors, [], 'volunteer');
});
