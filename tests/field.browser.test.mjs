// The field at once, in Chromium at phone size (390×844): a resident files a blocked fire
// escape with a photo and "use my location" while the signal drops and comes back, then opts
// in to pushes on the tracking page and is told when a coordinator accepts the case. The
// filing waits on the phone with its key and goes once, its photo after it; the push reaches
// a local push-service stand-in and decrypts (tests/push-service.mjs) to the case code and the
// event, nothing personal. Headless Chromium has no push service here, so the page's push
// manager hands out a subscription to the stand-in (as in tests/push.browser.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, screenshot, PHONE } from './browser.mjs';
import { startApp } from './harness.mjs';
import { browserKeys, decryptPush, pushStandIn } from './push-service.mjs';

let app;
let browser;
let standIn;
before(async () => {
  app = await startApp();
  standIn = await pushStandIn();
  browser = await launchChromium();
});
after(async () => {
  await app?.stop();
  await standIn?.close();
  await browser?.close();
});

/** A 2400×1800 photo-like JPEG made by the browser. */
async function photo(page) {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const ctx = canvas.getContext('2d');
    const tile = ctx.createImageData(400, 400);
    for (let i = 0; i < tile.data.length; i++) tile.data[i] = (i % 4 === 3) ? 255 : (Math.random() * 255) | 0;
    for (let x = 0; x < 2400; x += 800) for (let y = 0; y < 1800; y += 800) ctx.putImageData(tile, x, y);
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}

test('a hazard with a photo and its location, filed through a lost signal, then a push when it is accepted', async () => {
  const directory = (await app.get('/api/directory')).json;
  const grid = directory.communities.find((c) => c.id === 'zh07').grids[1];
  const { lat_e6: lat, lon_e6: lon } = grid.area.centre;
  const keys = browserKeys();
  const endpoint = `${standIn.base}/push/field`;
  const context = await browser.newContext({
    ...PHONE, locale: 'en-US', permissions: ['geolocation', 'notifications'],
    geolocation: { latitude: lat / 1e6, longitude: lon / 1e6, accuracy: 10 },
  });
  await context.addInitScript(({ endpoint, p256dh, auth }) => {
    let current = null;
    PushManager.prototype.subscribe = async function (options) {
      current = { endpoint, expirationTime: null, options, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }), unsubscribe: async () => { current = null; return true; } };
      return current;
    };
    PushManager.prototype.getSubscription = async function () { return current; };
  }, { endpoint, p256dh: keys.p256dh, auth: keys.authText });
  const r = await context.newPage();
  r.errors = [];
  r.on('pageerror', (e) => r.errors.push(String(e)));

  await r.goto(`${app.base}/report`);
  await r.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await r.getByRole('radio', { name: /A hazard or public matter/ }).check();
  await r.getByRole('radio', { name: 'Blocked fire escape', exact: true }).check();
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByLabel('What happened?').fill('The fire escape of building 5 is blocked by boxes and bicycles.');
  const jpeg = await photo(r);
  await r.getByLabel('Choose from gallery').setInputFiles({ name: 'IMG_0107.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await r.getByLabel('Upload progress').waitFor();
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByRole('button', { name: 'Use my location' }).click();
  await r.getByText(/This is in: .* · Grid 2/).waitFor();
  await r.getByLabel('Address').fill('Building 5, Zhonghua Road 7');
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByLabel('Your name').fill('Qian Field');
  await r.getByLabel('Phone number').fill('139 8765 4321');
  await r.getByRole('button', { name: 'Next' }).click();

  // The signal drops as the resident sends: the filing waits on the phone.
  await context.setOffline(true);
  await r.getByRole('button', { name: 'Send' }).click();
  await r.getByRole('heading', { name: 'Your report is saved on this phone' }).waitFor();
  await r.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
  await screenshot(r, 'field-waiting-en');
  // It comes back: the filing goes, then its photo, then the code and secret are shown.
  await context.setOffline(false);
  await r.getByRole('heading', { name: 'Your report has been sent' }).waitFor({ timeout: 60_000 });
  const code = (await r.getByLabel('Case code', { exact: true }).textContent()).trim();
  const secret = (await r.getByLabel('Secret', { exact: true }).textContent()).trim();
  assert.match(code, /^ZH07-\d{4}-\d{4}$/);
  assert.equal(await r.evaluate(() => localStorage.getItem('accord.waiting')), null, 'nothing left waiting');

  const coordinator = (await app.login('coordinator')).cookie;
  const found = await app.queue(coordinator, '?q=Qian%20Field');
  assert.deepEqual(found.json.items.map((c) => c.code), [code], 'filed once');
  const detail = (await app.detail(coordinator, code)).json;
  assert.deepEqual([detail.location?.lat_e6, detail.location?.lon_e6], [lat, lon], 'the shared location');
  const photos = await app.get(`/api/staff/cases/${code}/photos`, { cookie: coordinator });
  assert.equal(photos.status, 200, photos.text);
  assert.equal(photos.json.photos.length, 1, 'its photo, sent after it');

  // On the tracking page the resident asks to be told; the coordinator accepts the case.
  const t = await context.newPage();
  t.errors = [];
  t.on('pageerror', (e) => t.errors.push(String(e)));
  t.on('console', (m) => { if (m.type() === 'error') t.errors.push(m.text()); });
  t.on('response', (res) => { if (res.status() >= 400) t.errors.push(`${res.status()} ${res.url()}`); });
  await t.goto(`${app.base}/track`);
  await t.getByLabel(/^Case code/).first().fill(code);
  await t.getByLabel(/^Secret/).first().fill(secret);
  await t.locator('form.track-form button[type=submit]').click();
  await t.locator('#track-result').waitFor();
  const optIn = t.getByRole('region', { name: 'Notifications' });
  await optIn.getByRole('button', { name: 'Tell me when something happens' }).click();
  try {
    await optIn.getByText('On: this phone tells you when something happens.').waitFor({ timeout: 10_000 });
  } catch (err) {
    await screenshot(t, 'field-track-failed');
    throw new Error(`${err.message}; the region said: ${await optIn.innerText()}; errors: ${t.errors?.join('; ')}`);
  }
  const accepted = await app.post(`/api/staff/cases/${code}/commands`, { version: detail.version, command: { command: 'accept' } }, { cookie: coordinator });
  assert.equal(accepted.status, 200, accepted.text);
  const [push] = await standIn.waitFor('/push/field');
  const message = JSON.parse(decryptPush(push.body, keys).toString('utf8'));
  assert.deepEqual(message, { case: code, kind: 'status_changed' });
  assert.ok(!push.body.includes('Qian') && !push.body.includes('8765'));
  await screenshot(t, 'field-track-en');
  assert.deepEqual(r.errors, []);
  await context.close();
});
