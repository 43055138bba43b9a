// Browser tests of working without signal, on a phone (390×844, Playwright's offline mode):
// the filing opens from the service worker's cache and a report sent offline waits on the
// phone with its idempotency key, is sent once when the connection is back even though the
// first answer is lost, shows its code and secret, and leaves nothing on the phone; a
// mediator's record of a held session written offline syncs when the connection is back,
// and when the session changed meanwhile the conflict is shown and the mediator chooses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, PHONE, screenshot } from './browser.mjs';
import { startApp, goodFiling, DEMO_PASSWORD } from './harness.mjs';
import { randomUUID } from 'node:crypto';

let app;
let browser;

before(async () => {
  app = await startApp();
  browser = await launchChromium();
  // The page's own line when a request it sent finds no network (it keeps the item and
  // sends it later), and a send whose answer the test cuts off.
  browser.expectConsole(/net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_RESET|Failed to fetch|ERR_FAILED/);
});

after(async () => {
  await app?.stop();
  await browser?.close();
});

async function phone(locale = 'en-US') {
  const context = await browser.newContext({ ...PHONE, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return { context, page };
}

/** Switches the page's language, takes a screenshot, and switches back. */
async function shotBoth(page, name) {
  await screenshot(page, `${name}-en`);
  await page.getByRole('button', { name: '切换到中文' }).first().click();
  await page.waitForTimeout(200);
  await screenshot(page, `${name}-zh`);
  await page.getByRole('button', { name: 'Switch to English' }).first().click();
  await page.waitForTimeout(200);
}

/** What the service worker's caches hold: every cached path, by cache. */
function cachedPaths(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });
}

test('a report filed without signal waits on the phone, is sent once when the connection is back, shows its code and secret, and leaves nothing behind', async () => {
  const { context, page } = await phone();
  const name = `Zhao Offline ${randomUUID().slice(0, 4).replace(/[0-9]/g, 'x')}`;
  // Online once: the worker installs and keeps the shell and the directory.
  await page.goto(`${app.base}/report`);
  await page.getByRole('radio', { name: /A hazard/ }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await cachedPaths(page);
  const all = Object.values(cached).flat();
  for (const path of ['/', '/boot.js', '/style.css', '/pkg/report.js', '/pkg/report_bg.wasm', '/api/directory']) {
    assert.ok(all.includes(path), `${path} is kept: ${JSON.stringify(cached)}`);
  }
  assert.deepEqual(all.filter((p) => p.startsWith('/api/') && p !== '/api/directory'), [], 'no other answer of the API is kept');

  // No signal: the filing starts from the cache (page, bundle and directory).
  await context.setOffline(true);
  const reloaded = await page.reload();
  assert.ok(reloaded.fromServiceWorker(), 'the page came from the service worker');
  await page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
  await page.getByRole('radio', { name: /A hazard/ }).check();
  await page.locator('.radio-list input[type=radio]').first().check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('What happened?').fill('The fire escape on the third floor is blocked by furniture.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Community').selectOption({ label: 'Zhonghua Road' });
  await page.getByLabel('Grid').selectOption({ label: 'Grid 2' });
  await page.getByLabel('Address').fill('Zhonghua Road 12, stairwell B');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Phone number').fill('13812345678');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Your report is saved on this phone' }).waitFor();
  // One filing (filings are split by U+001C, values by U+001F), its idempotency key first.
  const waiting = (await page.evaluate(() => localStorage.getItem('accord.waiting'))).split('\u001c');
  assert.equal(waiting.length, 1);
  assert.match(waiting[0].split('\u001f')[0], /^[0-9a-f]{32}$/, 'kept with its idempotency key');
  assert.ok(waiting[0].includes(name));
  await shotBoth(page, 'offline-filing-waiting');

  // A reload while still offline keeps it waiting (the home page leads back to it).
  await page.goto(`${app.base}/`);
  await page.getByRole('heading', { name: 'Your report is saved on this phone' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/report');

  // Back online; the first send's answer is lost on the way back, so the page sends again.
  let posts = 0;
  await page.route('**/api/cases', async (route) => {
    posts += 1;
    if (posts === 1) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await context.setOffline(false);
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor({ timeout: 30_000 });
  assert.ok(posts >= 2, `sent again after the lost answer (${posts} sends)`);
  const code = (await page.getByLabel('Case code', { exact: true }).textContent()).trim();
  const secret = (await page.getByLabel('Secret', { exact: true }).textContent()).trim();
  assert.match(code, /^ZH01-\d{4}-\d{4}$/);
  assert.ok(secret.length >= 8);
  await screenshot(page, 'offline-filing-sent-en');

  // Exactly one case, and the resident's code and secret open it.
  const coordinator = (await app.login('coordinator')).cookie;
  const found = await app.queue(coordinator, `?q=${encodeURIComponent(name)}`);
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.items.map((c) => c.code), [code], 'filed once');
  assert.equal((await app.track(code, secret)).status, 200);

  // Nothing personal stays on the phone: the waiting list and the draft are gone.
  assert.equal(await page.evaluate(() => localStorage.getItem('accord.waiting')), null);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('accord.draft')), null);
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** 09:00 in Shanghai on a date, as an ISO time. */
const shanghai = (date, hhmm) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

/** A confirmed session of a case in progress, booked by mediator01 through the API. */
async function bookedSession(date) {
  const mediator = (await app.login('mediator01')).cookie;
  const filed = await app.caseInProgress();
  const start = shanghai(date, '09:00');
  const booked = await app.post(`/api/staff/cases/${filed.code}/sessions`, {
    title: '第一次调解 First session', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: [start], confirm: true,
  }, { cookie: mediator });
  assert.equal(booked.status, 201, booked.text);
  const links = Object.fromEntries(booked.json.party_links.map((l) => [l.role, l.token]));
  // The test clock: the session began an hour and a half ago.
  const after = shanghai(date, '10:30');
  return { code: filed.code, session: booked.json.session, links, after, mediator };
}

/** The mediator's phone, signed in, on the case's page, at the test clock `now`. */
async function mediatorOnCase(code, now) {
  const { context, page } = await phone();
  await context.setExtraHTTPHeaders({ 'X-Accord-Test-Now': now });
  await page.goto(`${app.base}/staff`);
  await page.getByLabel('Username').fill('mediator01');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goto(`${app.base}/staff/cases/${code}`);
  await page.getByRole('button', { name: 'Record the outcome' }).waitFor();
  return { context, page };
}

/** Writes the record in the open form (with no signal) and saves it on the device. */
async function writeRecord(page, minutes) {
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await page.getByLabel('Minutes').fill(minutes);
  await page.getByRole('radio', { name: 'Agreement reached (resolves the case)' }).check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.getByRole('heading', { name: 'Record saved on this device' }).waitFor();
}

test('a held session\'s record written offline syncs when the connection is back', async () => {
  const booked = await bookedSession('2031-07-01');
  const { context, page } = await mediatorOnCase(booked.code, booked.after);
  await context.setOffline(true);
  await page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
  await writeRecord(page, '双方达成协议：晚十点后不再装修');
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('accord.waiting-records')));
  assert.equal(kept.length, 1);
  assert.equal(kept[0].based_on, booked.session.version, 'kept with the version it was written on');
  await shotBoth(page, 'offline-record-waiting');

  await context.setOffline(false);
  await page.getByRole('heading', { name: 'Record saved on this device' }).waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByText('双方达成协议：晚十点后不再装修').first().waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('accord.waiting-records')), null, 'removed once synced');
  const sessions = await app.get(`/api/staff/cases/${booked.code}/sessions`, { cookie: booked.mediator });
  const session = sessions.json.find((s) => s.id === booked.session.id);
  assert.equal(session.status, 'held');
  assert.equal(session.record.minutes, '双方达成协议：晚十点后不再装修');
  const detail = await app.detail(booked.mediator, booked.code);
  assert.equal(detail.json.status, 'resolved', 'the record moved the case');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a record written on a session that changed meanwhile is a visible conflict, kept until the mediator chooses', async () => {
  const booked = await bookedSession('2031-07-02');
  // The API refuses a record written on an older version, and names the conflict.
  const stale = await app.post(`/api/staff/sessions/${booked.session.id}/record`,
    { minutes: '旧版本上写的', outcome: 'adjourned', attendees: [], based_on: booked.session.version + 7 },
    { cookie: booked.mediator, 'X-Accord-Test-Now': booked.after });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.error.code, 'session_changed');

  const { context, page } = await mediatorOnCase(booked.code, booked.after);
  await context.setOffline(true);
  await writeRecord(page, '当面调解，双方同意赔偿 500 元');
  // Meanwhile (elsewhere, with signal) a party confirms they are coming: the session changes.
  const attend = await app.post('/api/party/attend', {}, { authorization: `Party ${booked.links.respondent}`, 'X-Accord-Test-Now': booked.after });
  assert.equal(attend.status, 200, attend.text);

  await context.setOffline(false);
  const conflict = page.getByRole('alert').filter({ hasText: 'Record not synced: the session changed' });
  await conflict.waitFor({ timeout: 30_000 });
  await conflict.getByText('当面调解，双方同意赔偿 500 元').waitFor();
  await conflict.getByText('The session now').waitFor();
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('accord.waiting-records')));
  assert.equal(kept.length, 1, 'the record is kept, not lost');
  let session = (await app.get(`/api/staff/cases/${booked.code}/sessions`, { cookie: booked.mediator })).json
    .find((s) => s.id === booked.session.id);
  assert.equal(session.status, 'confirmed', 'nothing overwritten');
  await shotBoth(page, 'offline-record-conflict');

  // The mediator has seen the session as it is now and saves the record anyway.
  await conflict.getByRole('button', { name: 'Save my record anyway' }).click();
  await conflict.waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByRole('heading', { name: 'Record saved on this device' }).waitFor({ state: 'detached', timeout: 15_000 });
  for (let tries = 0; tries < 30; tries += 1) {
    session = (await app.get(`/api/staff/cases/${booked.code}/sessions`, { cookie: booked.mediator })).json
      .find((s) => s.id === booked.session.id);
    if (session.status !== 'confirmed') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(session.status, 'held');
  assert.equal(session.record.minutes, '当面调解，双方同意赔偿 500 元');
  assert.equal(await page.evaluate(() => localStorage.getItem('accord.waiting-records')), null);
  assert.deepEqual(page.errors, []);
  await context.close();
});
