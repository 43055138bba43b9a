// Push notifications over HTTP: a local stand-in for a push service (plain http on
// 127.0.0.1, allowed only because the harness runs the Worker with ACCORD_LOCAL_PUSH=1)
// receives the Worker's POST once a coordinator accepts a resident's case. The test checks
// the VAPID token (ES256 over the key the API serves, aud the endpoint's origin, exp within
// 24 hours), decrypts the body with its own RFC 8291 / RFC 8188 code (node:crypto ECDH,
// HMAC-SHA-256 as HKDF, AES-128-GCM; not the Worker's) and finds the case code and event
// kind and nothing personal. A 410 from the stand-in removes that subscription.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, goodFiling } from './harness.mjs';
import { createECDH } from 'node:crypto';
import { browserKeys, checkVapid, decryptPush, pushStandIn, unb64 } from './push-service.mjs';

let app;
let standIn;
let coordinator;

before(async () => {
  app = await startApp();
  standIn = await pushStandIn();
  coordinator = (await app.login('coordinator')).cookie;
});
after(async () => {
  await app?.stop();
  await standIn?.close();
});

async function give(code, command, cookie = coordinator) {
  const version = (await app.detail(cookie, code)).json.version;
  const res = await app.post(`/api/staff/cases/${code}/commands`, { version, command }, { cookie });
  assert.equal(res.status, 200, `${command.command}: ${res.text}`);
  return res.json;
}

test('the decryption here reads RFC 8291\'s example (Appendix A)', () => {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(unb64('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94'));
  const body = unb64('DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN');
  const plain = decryptPush(body, { ecdh, auth: unb64('BTBZMqHH6r4Tts7J_aSIgg') });
  assert.equal(plain.toString(), 'When I grow up, I want to be a watermelon');
});

const subscription = (path, keys) => ({
  endpoint: `${standIn.base}${path}`,
  keys: { p256dh: keys.p256dh, auth: keys.authText },
});

test('a resident subscribed on their case is pushed its acceptance: signed, encrypted, nothing personal', async () => {
  const filing = goodFiling({ community: 'zh01', grid: 'zh01-g1' });
  const filed = (await app.fileCase(filing)).json;
  const served = await app.get('/api/push/key');
  assert.equal(served.status, 200);
  const key = served.json.key;
  assert.equal(unb64(key).length, 65);

  const keys = browserKeys();
  const ok = await app.post('/api/track/push', { code: filed.code, secret: filed.secret, subscription: subscription('/push/resident', keys) });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { subscribed: true });

  // Proven by code and secret like a look-up; a bad subscription names its field.
  const wrong = await app.post('/api/track/push', { code: filed.code, secret: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', subscription: subscription('/push/other', keys) });
  assert.equal(wrong.status, 404);
  for (const [sub, field] of [
    [{ ...subscription('/x', keys), endpoint: 'http://push.example.net/x' }, 'subscription.endpoint'],
    [{ ...subscription('/x', keys), endpoint: '' }, 'subscription.endpoint'],
    [{ ...subscription('/x', keys), keys: { p256dh: 'AAAA', auth: keys.authText } }, 'subscription.keys.p256dh'],
    [{ ...subscription('/x', keys), keys: { p256dh: keys.p256dh, auth: 'AAAA' } }, 'subscription.keys.auth'],
  ]) {
    const res = await app.post('/api/track/push', { code: filed.code, secret: filed.secret, subscription: sub });
    assert.equal(res.status, 422, JSON.stringify(sub));
    assert.equal(res.json.error.field, field);
  }

  await give(filed.code, { command: 'accept' });
  const [push] = await standIn.waitFor('/push/resident');
  assert.equal(push.method, 'POST');
  assert.equal(push.headers['content-encoding'], 'aes128gcm');
  assert.equal(push.headers['content-type'], 'application/octet-stream');
  assert.ok(Number(push.headers.ttl) > 0);
  const endpoint = `${standIn.base}/push/resident`;
  checkVapid(push.headers.authorization, key, endpoint);
  const plain = decryptPush(push.body, keys).toString('utf8');
  assert.deepEqual(JSON.parse(plain), { case: filed.code, kind: 'status_changed' });
  for (const personal of [filing.name, filing.phone, filing.address, filing.respondent_name, filing.description, filed.secret]) {
    assert.ok(!plain.includes(personal), `${personal} stays out of the push`);
  }
  console.log(`push body ${push.body.length} bytes for a ${plain.length}-byte message: ${plain}`);
});

test('a 410 from the push service removes that subscription; the case\'s others still hear', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  const goneKeys = browserKeys();
  const liveKeys = browserKeys();
  for (const [path, keys] of [['/push/gone', goneKeys], ['/push/live', liveKeys]]) {
    const res = await app.post('/api/track/push', { code: filed.code, secret: filed.secret, subscription: subscription(path, keys) });
    assert.equal(res.status, 200, res.text);
  }
  standIn.gone.add('/push/gone');
  await give(filed.code, { command: 'accept' });
  await standIn.waitFor('/push/gone', 1);
  await standIn.waitFor('/push/live', 1);
  // Assigned: a new status, pushed to the live subscription only.
  await give(filed.code, { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] });
  const live = await standIn.waitFor('/push/live', 2);
  assert.deepEqual(JSON.parse(decryptPush(live[1].body, liveKeys)), { case: filed.code, kind: 'status_changed' });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(standIn.received.filter((r) => r.path === '/push/gone').length, 1, 'the gone one was not sent again');

  // Turned off by the resident: told no more.
  const off = await app.post('/api/track/push/remove', { code: filed.code, secret: filed.secret, endpoint: `${standIn.base}/push/live` });
  assert.equal(off.status, 200);
  assert.deepEqual(off.json, { subscribed: false });
  await give(filed.code, { command: 'start' }, (await app.login('mediator01')).cookie);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(standIn.received.filter((r) => r.path === '/push/live').length, 2, 'nothing after turning off');
});

test('a staff member subscribed hears of a new assignment; push routes refuse what they should', async () => {
  const mediator = (await app.login('mediator01')).cookie;
  const keys = browserKeys();
  const res = await app.post('/api/staff/push', { subscription: subscription('/push/staff', keys) }, { cookie: mediator });
  assert.equal(res.status, 200, res.text);
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  await give(filed.code, { command: 'accept' });
  await give(filed.code, { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] });
  const [push] = await standIn.waitFor('/push/staff');
  checkVapid(push.headers.authorization, (await app.get('/api/push/key')).json.key, `${standIn.base}/push/staff`);
  assert.deepEqual(JSON.parse(decryptPush(push.body, keys)), { case: filed.code, kind: 'assigned' });

  assert.equal((await app.post('/api/staff/push', { subscription: subscription('/push/staff', keys) })).status, 401);
  const foreign = await app.post('/api/staff/push', { subscription: subscription('/push/staff', keys) }, { cookie: mediator, origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  const off = await app.post('/api/staff/push/remove', { endpoint: `${standIn.base}/push/staff` }, { cookie: mediator });
  assert.deepEqual(off.json, { subscribed: false });
});

test('a secret reissued by staff drops the browsers subscribed with the old one', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  const keys = browserKeys();
  const res = await app.post('/api/track/push', { code: filed.code, secret: filed.secret, subscription: subscription('/push/old-secret', keys) });
  assert.equal(res.status, 200, res.text);
  const reissued = await app.post(`/api/staff/cases/${filed.code}/secret`, {}, { cookie: coordinator });
  assert.equal(reissued.status, 200, reissued.text);
  await give(filed.code, { command: 'accept' });
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(standIn.received.filter((r) => r.path === '/push/old-secret').length, 0);
});
