// The Open311 clients screen at phone size: an admin issues a client its key (shown once, a
// missing name blamed beside the field), the key posts a request, the admin revokes it after
// confirming, and the key posts nothing more; in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot } from './browser.mjs';
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

const post = (key) => fetch(`${app.base}/open311/v2/requests.json`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ api_key: key, service_code: 'neighbours', description: '楼上噪音严重，多次沟通无果。', address_string: '中华路1号', first_name: '三', last_name: '张', phone: '13812345678', 'attribute[grid]': 'zh01-g1' }),
});

test('an admin issues an Open311 key on its screen, and revokes it after confirming', async () => {
  const page = await newPhone(browser);
  await page.goto(app.base + '/staff');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('link', { name: 'Open311 clients' }).first().click();
  await page.getByRole('heading', { name: 'Open311 clients', level: 1 }).waitFor();
  await page.getByText('No clients yet').waitFor();
  // A street admin's one street is chosen for them; a missing name is blamed beside it.
  assert.equal(await page.getByLabel('Street').inputValue(), 'zhonghua-road');
  await page.getByRole('button', { name: 'Issue the key' }).click();
  await page.locator('#o311-name-error').getByText('Please fill this in').waitFor();
  await page.getByLabel('Client name').fill('区城管平台');
  await page.getByRole('button', { name: 'Issue the key' }).click();
  await page.getByRole('heading', { name: 'Key ready: hand it over now' }).waitFor();
  const key = (await page.locator('.link-ready .link-url').innerText()).trim();
  assert.match(key, /^o311_[0-9a-f]{64}$/);
  await screenshot(page, 'open311-clients-phone-en');
  assert.equal((await post(key)).status, 201);

  const card = page.getByRole('article', { name: '区城管平台' });
  await card.getByText('Active').waitFor();
  await card.getByRole('button', { name: 'Revoke the key' }).click();
  await card.getByText('Once revoked, this client can file nothing more').waitFor();
  await card.getByRole('button', { name: 'Yes, revoke it' }).click();
  await page.getByText('Key revoked; the client can file nothing more').waitFor();
  await card.getByText('Revoked by admin').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Revoke the key' }).count(), 0);
  assert.equal((await post(key)).status, 403);

  // After a reload the key is nowhere on the page; the client is listed as revoked.
  await page.reload();
  await page.getByRole('article', { name: '区城管平台' }).getByText('Revoked', { exact: true }).first().waitFor();
  assert.ok(!(await page.content()).includes(key));
  await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
  await page.getByRole('heading', { name: 'Open311 接入方', level: 1 }).waitFor();
  await screenshot(page, 'open311-clients-phone-zh');
  assert.deepEqual(page.errors, []);
});
