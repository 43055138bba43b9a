// Push notifications in the browser, on a phone (390x844): the tracking page's opt-in "Tell me
// when something happens" subscribes this browser for the case shown. Headless Chromium has
// no push service here, so an init script makes `PushManager.prototype.subscribe` answer a
// subscription whose endpoint is a local stand-in and whose keys the test made; the Worker's
// push to it is decrypted by the test (tests/push-service.mjs), and the decrypted message is
// delivered to the page's real service worker with CDP `ServiceWorker.deliverPushMessage`,
// which must show a notification worded in the language chosen at subscribe time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot, SHOTS } from './browser.mjs';
import { join } from 'node:path';
import { startApp, goodFiling } from './harness.mjs';
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

/** Makes the page's push manager hand out a subscription to `endpoint` with `keys`. */
async function fakePushService(page, endpoint, keys) {
  await page.context().grantPermissions(['notifications'], { origin: app.base });
  await page.addInitScript(({ endpoint, p256dh, auth }) => {
    let current = null;
    const make = (options) => ({
      endpoint,
      expirationTime: null,
      options,
      toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
      unsubscribe: async () => { current = null; return true; },
    });
    PushManager.prototype.subscribe = async function (options) {
      current = make(options);
      return current;
    };
    PushManager.prototype.getSubscription = async function () { return current; };
  }, { endpoint, p256dh: keys.p256dh, auth: keys.authText });
}

async function openCase(page, filed) {
  await page.goto(`${app.base}/track`);
  await page.getByLabel(/^(Case code|查询码)/).first().fill(filed.code);
  await page.getByLabel(/^(Secret|查询密码)/).first().fill(filed.secret);
  await page.locator('form.track-form button[type=submit]').click();
  await page.locator('#track-result').waitFor();
}

test('a resident opts in on the tracking page and the service worker shows the push in their language', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  const page = await newPhone(browser, 'en-US');
  const keys = browserKeys();
  const path = '/push/browser';
  await fakePushService(page, `${standIn.base}${path}`, keys);
  await openCase(page, filed);

  const optIn = page.getByRole('region', { name: 'Notifications' });
  const turnOn = optIn.getByRole('button', { name: 'Tell me when something happens' });
  await turnOn.waitFor();
  const box = await turnOn.boundingBox();
  assert.ok(box.height >= 44, `the button is a touch target: ${box.height}px`);
  await optIn.screenshot({ path: join(SHOTS, 'push-1-opt-in-en.png') });
  await turnOn.click();
  await optIn.getByText('On: this phone tells you when something happens.').waitFor();
  await optIn.getByRole('button', { name: 'Stop telling me' }).waitFor();
  await optIn.screenshot({ path: join(SHOTS, 'push-2-on-en.png') });
  await screenshot(page, 'push-3-track-page-en');

  // The coordinator accepts the case: the Worker pushes to the stand-in.
  const coordinator = (await app.login('coordinator')).cookie;
  const version = (await app.detail(coordinator, filed.code)).json.version;
  const accepted = await app.post(`/api/staff/cases/${filed.code}/commands`, { version, command: { command: 'accept' } }, { cookie: coordinator });
  assert.equal(accepted.status, 200);
  const [push] = await standIn.waitFor(path);
  const message = decryptPush(push.body, keys).toString('utf8');
  assert.deepEqual(JSON.parse(message), { case: filed.code, kind: 'status_changed' });

  // The decrypted message, delivered to the page's own service worker.
  const cdp = await page.context().newCDPSession(page);
  const registrations = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: r }) => registrations.push(...r));
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await cdp.send('ServiceWorker.enable');
  const deadline = Date.now() + 10_000;
  while (!registrations.some((r) => !r.isDeleted) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const registration = registrations.find((r) => !r.isDeleted);
  assert.ok(registration, 'the service worker is registered');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: app.base, registrationId: registration.registrationId, data: message });
  const shown = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i += 1) {
      const list = await reg.getNotifications();
      if (list.length) return list.map((n) => ({ title: n.title, body: n.body, data: n.data, lang: n.lang }));
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  });
  assert.equal(shown.length, 1, 'one notification');
  assert.equal(shown[0].title, 'Your case has moved on');
  assert.equal(shown[0].body, `${filed.code} · Open it to see where it stands.`);
  assert.equal(shown[0].data.url, `/track?code=${filed.code}`);
  console.log(`notification shown: ${JSON.stringify(shown[0])}`);

  // The same opt-in in Chinese.
  await page.getByRole('button', { name: "切换到中文" }).first().click();
  const zh = page.getByRole('region', { name: '进展提醒' });
  await zh.getByRole('button', { name: '不再提醒' }).waitFor();
  await zh.screenshot({ path: join(SHOTS, 'push-4-on-zh.png') });

  // Turned off: the server forgets this browser for the case.
  await zh.getByRole('button', { name: '不再提醒' }).click();
  await zh.getByText('已关闭：不会再提醒您。').waitFor();
  await zh.getByRole('button', { name: '有进展时提醒我' }).waitFor();
  await zh.screenshot({ path: join(SHOTS, 'push-5-off-zh.png') });
  const mediator = (await app.login('mediator01')).cookie;
  const v2 = (await app.detail(coordinator, filed.code)).json.version;
  await app.post(`/api/staff/cases/${filed.code}/commands`, { version: v2, command: { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] } }, { cookie: coordinator });
  assert.ok(mediator);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(standIn.received.filter((r) => r.path === path).length, 1, 'no push after turning off');
});

test('where notifications are refused the page points to the history', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  const page = await newPhone(browser, 'zh-CN');
  await page.addInitScript(() => {
    Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
  });
  await openCase(page, filed);
  const optIn = page.getByRole('region', { name: '进展提醒' });
  await optIn.getByText(/下面的“办理记录”列出每一步进展/).waitFor();
  assert.equal(await optIn.getByRole('button').count(), 0, 'nothing to press');
  await optIn.screenshot({ path: join(SHOTS, 'push-6-refused-zh.png') });
});
