// Browser test in headless Chromium at phone size (390×844): a resident files a case, tracks
// it with its code and secret, and a mediator of that community finds it in the queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, DEMO_PASSWORD } from './harness.mjs';
import { launchChromium, PHONE, screenshot } from './browser.mjs';

let app;
let browser;
// One phone for the whole story: its pages share cookies, as tabs of one browser do.
let context;

before(async () => {
  app = await startApp();
  browser = await launchChromium();
  context = await browser.newContext({ ...PHONE, locale: 'en-US' });
});

after(async () => {
  // The app first: closing the browser throws if a page logged an unexpected console error.
  await app?.stop();
  await browser?.close();
});

async function shot(page, name) {
  await screenshot(page, name);
}

test('a resident files and tracks a case, and a mediator finds it in the queue', async () => {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  await page.goto(app.base + '/');
  await page.getByRole('link', { name: /Report a problem/ }).click();
  await shot(page, 'resident-1-kind');

  // Step 1: kind and category. "Next" without a choice shows an error beside the field.
  await page.getByRole('button', { name: 'Next' }).click();
  await assert.doesNotReject(page.getByText('Please choose one').first().waitFor());
  await page.getByRole('radio', { name: /A dispute/ }).check();
  await page.getByRole('radio', { name: 'Neighbours', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: what happened.
  await page.getByLabel('What happened?').fill('Upstairs neighbours drill after midnight every night.');
  await page.getByLabel(/Name of the other person/).fill('Mr Liu, flat 601');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: where, from the directory.
  await page.getByLabel('Community').selectOption({ label: 'Zhonghua Road' });
  await page.getByLabel('Grid').selectOption({ label: 'Grid 2' });
  await page.getByLabel('Address').fill('Zhonghua Road 12, unit 3, flat 501');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 4: contact. A wrong phone number is explained beside the field and kept.
  await page.getByLabel('Your name').fill('Zhang San');
  await page.getByLabel('Phone number').fill('12345');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Please enter an 11-digit mobile number').first().waitFor();
  assert.equal(await page.getByLabel('Phone number').inputValue(), '12345');
  await shot(page, 'resident-4-contact-error');
  await page.getByLabel('Phone number').fill('138 1234 5678');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 5: review and send.
  await page.getByText('Zhang San').first().waitFor();
  await shot(page, 'resident-5-review');
  await page.getByRole('button', { name: 'Send' }).click();

  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  const code = (await page.getByLabel('Case code', { exact: true }).textContent()).trim();
  const secret = (await page.getByLabel('Secret', { exact: true }).textContent()).trim();
  assert.match(code, /^ZH01-\d{4}-\d{4}$/);
  assert.match(secret, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await shot(page, 'resident-6-filed');
  assert.ok(!page.url().includes(secret.replaceAll('-', '')) && !page.url().includes(secret), 'the secret never appears in a URL');

  // Track it as a resident would later: a fresh page, code and secret typed in.
  const later = await context.newPage();
  await later.goto(app.base + '/');
  await later.getByRole('link', { name: /Track my case/ }).click();
  await later.getByLabel('Case code').fill(code.toLowerCase());
  await later.getByLabel('Secret').fill(secret);
  await later.getByRole('button', { name: 'Look up' }).click();
  await later.getByText('Report filed').first().waitFor();
  await later.getByText('Reported', { exact: true }).first().waitFor();
  assert.ok(!later.url().includes(secret));
  await shot(later, 'resident-7-tracked');

  // A wrong secret is refused in plain words.
  await later.getByLabel('Secret').fill('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
  await later.getByRole('button', { name: 'Look up' }).click();
  await later.getByText('No case matches this code and secret').first().waitFor();

  // The mediator of community 01 signs in and finds the case in the queue.
  const staff = await context.newPage();
  await staff.goto(app.base + '/staff');
  await staff.getByLabel('Username').fill('mediator01');
  await staff.getByLabel('Password').fill(DEMO_PASSWORD);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await staff.getByRole('heading', { name: 'Open cases' }).waitFor();
  const row = staff.getByRole('link', { name: code });
  await row.first().waitFor();
  await shot(staff, 'staff-1-queue');
  await row.first().click();
  await staff.getByText('Zhang San').first().waitFor();
  await staff.getByText('13812345678').first().waitFor();
  await shot(staff, 'staff-2-detail');

  assert.deepEqual(pageErrors, []);
});

test('the resident pages switch to Chinese and back', async () => {
  const page = await context.newPage();
  await page.goto(app.base + '/');
  await page.getByRole('button', { name: /切换到中文|中文/ }).first().click();
  await page.getByRole('link', { name: /反映问题/ }).first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await shot(page, 'resident-0-home-zh');
  await page.getByRole('button', { name: /Switch to English|English/ }).first().click();
  await page.getByRole('link', { name: /Report a problem/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
});
