// HTTP tests against the real built Worker on workerd, with fresh storage.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.stop(); });

function assertError(res, status, code, field) {
  assert.equal(res.status, status, res.text);
  assert.ok(res.json?.error, `JSON error body expected, got ${res.text}`);
  assert.equal(typeof res.json.error.message, 'string');
  if (code) assert.equal(res.json.error.code, code, res.text);
  if (field !== undefined) assert.equal(res.json.error.field, field, res.text);
}

describe('meta', () => {
  test('health answers ok', async () => {
    const res = await app.get('/api/health');
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ok');
  });

  test('the served OpenAPI document is the committed one', async () => {
    const res = await app.get('/api/openapi.json');
    assert.equal(res.status, 200);
    const committed = JSON.parse(readFileSync(new URL('../api/openapi.json', import.meta.url)));
    assert.deepEqual(res.json, committed);
    assert.equal(res.json.openapi, '3.1.0');
  });

  test('the directory lists the district: Zhonghua Road with 34 communities and two more streets', async () => {
    const res = await app.get('/api/directory');
    assert.equal(res.status, 200);
    assert.equal(res.json.district.name.en, 'Ganjingzi District');
    assert.deepEqual(res.json.streets.map((s) => s.code_prefix), ['ZH', 'ZS', 'XZ']);
    const of = (street) => res.json.communities.filter((c) => c.street === street);
    assert.equal(of('zhonghua-road').length, 34);
    assert.ok(of('zhoushuizi').length >= 3 && of('xinzhaizi').length >= 3);
    assert.equal(new Set(res.json.communities.map((c) => c.id)).size, res.json.communities.length, 'community ids unique across the district');
    assert.ok(res.json.communities.every((c) => c.grids.length >= 4));
    const kinds = new Set(res.json.categories.map((c) => c.kind));
    assert.deepEqual([...kinds].sort(), ['dispute', 'hazard']);
    assert.doesNotMatch(res.text, /1[3-9]\d{9}/, 'no phone numbers in the directory');
  });

  test('seeding again changes nothing', async () => {
    const res = await app.post('/api/dev/seed', {});
    assert.equal(res.status, 200);
    assert.equal(res.json.directory_created, false);
    assert.deepEqual(res.json.accounts_created, []);
  });

  test('unknown routes and methods answer JSON errors', async () => {
    assertError(await app.get('/api/nope'), 404, 'not_found');
    const wrongMethod = await app.request('DELETE', '/api/cases');
    assertError(wrongMethod, 405, 'method_not_allowed');
    assert.equal(wrongMethod.headers.get('allow'), 'POST', 'a 405 names the methods the path takes');
    assert.equal((await app.request('POST', '/api/staff/cases', { body: {} })).headers.get('allow'), 'GET, HEAD');
    assertError(await app.request('PUT', '/api/track', { body: {} }), 405);
  });

  test('a method the API does not take is not read as another: QUERY and PROPFIND get 405 with Allow', async () => {
    for (const method of ['QUERY', 'PROPFIND', 'OPTIONS']) {
      const res = await app.request(method, '/api/health');
      assertError(res, 405, 'method_not_allowed');
      assert.equal(res.headers.get('allow'), 'GET, HEAD', method);
    }
    assertError(await app.request('QUERY', '/api/nope'), 404, 'not_found');
  });

  test('a body not sent as JSON gets 415 before it is read, whatever it holds', async () => {
    const body = JSON.stringify(goodFiling());
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await app.request('POST', '/api/cases', { raw: body, headers: { 'Idempotency-Key': randomUUID(), 'content-type': type } });
      assertError(res, 415, 'unsupported_media_type');
    }
    const untyped = await app.request('POST', '/api/track', { raw: new Blob([JSON.stringify({ code: 'ZH01-2026-0001', secret: 'x' })]) });
    assertError(untyped, 415, 'unsupported_media_type');
    const charset = await app.request('POST', '/api/cases', { raw: body, headers: { 'Idempotency-Key': randomUUID(), 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(charset.status, 201, charset.text);
  });

  test('every API response carries the security headers', async () => {
    for (const res of [await app.get('/api/health'), await app.get('/api/nope'), await app.track('x', 'y')]) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
      assert.ok(res.headers.get('referrer-policy'));
      assert.ok(res.headers.get('strict-transport-security'));
    }
    const tracked = await app.track('x', 'y');
    assert.equal(tracked.headers.get('cache-control'), 'no-store');
  });
});

describe('filing', () => {
  test('a resident files a case and gets a readable code and a 160-bit secret', async () => {
    const res = await app.fileCase(goodFiling());
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.code, /^ZH01-\d{4}-\d{4,6}$/);
    assert.match(res.json.secret, /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.equal(res.json.case.status, 'reported');
    assert.equal(res.json.case.timeline.length, 1);
    assert.equal(res.json.case.timeline[0].kind, 'filed');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.doesNotMatch(res.text, /张三|13812345678|中华路12号/, 'the answer repeats no personal data');
  });

  test('case codes count up within a community', async () => {
    const a = await app.fileCase(goodFiling({ community: 'zh05', grid: 'zh05-g1' }));
    const b = await app.fileCase(goodFiling({ community: 'zh05', grid: 'zh05-g1' }));
    const seq = (code) => Number(code.split('-')[2]);
    assert.equal(seq(b.json.code), seq(a.json.code) + 1);
    assert.ok(a.json.code.startsWith('ZH05-'));
  });

  const invalid = [
    ['unknown community', { community: 'zh99' }, 'community', 'unknown_community'],
    ['grid of another community', { grid: 'zh02-g1' }, 'grid', 'unknown_grid'],
    ['invalid phone number', { phone: '12345' }, 'phone', 'invalid_phone'],
    ['empty description', { description: '   ' }, 'description', 'required'],
    ['too long a description', { description: '字'.repeat(2001) }, 'description', 'too_long'],
    ['missing name', { name: '' }, 'name', 'required'],
    ['missing address', { address: '' }, 'address', 'required'],
    ['hazard category for a dispute', { category: 'fire_escape' }, 'category', 'category_kind_mismatch'],
    ['unknown kind', { kind: 'riot' }, 'kind', 'invalid_format'],
  ];
  for (const [name, change, field, code] of invalid) {
    test(`${name} gets 422 naming the field`, async () => {
      assertError(await app.fileCase(goodFiling(change)), 422, code, field);
    });
  }

  test('a missing field is named like an empty one', async () => {
    const body = goodFiling();
    delete body.phone;
    assertError(await app.fileCase(body), 422, 'required', 'phone');
  });

  test('a filing without an Idempotency-Key gets 400 naming the header', async () => {
    const res = await app.post('/api/cases', goodFiling());
    assertError(res, 400, 'missing_idempotency_key', 'Idempotency-Key');
  });

  test('malformed JSON gets 400', async () => {
    const res = await app.request('POST', '/api/cases', {
      raw: '{"kind": "dispute",',
      headers: { 'Idempotency-Key': randomUUID(), 'content-type': 'application/json' },
    });
    assertError(res, 400, 'malformed_body');
    const wrongType = await app.fileCase({ ...goodFiling(), description: 42 });
    assertError(wrongType, 400, 'malformed_body', 'description');
  });

  test('a field the request does not take is refused by name, and nothing is filed', async () => {
    const key = randomUUID();
    const res = await app.fileCase({ ...goodFiling(), colour: 'red' }, key);
    assertError(res, 400, 'unknown_field', 'colour');
    const party = await app.fileCase({ ...goodFiling(), reporter_nickname: 'x' }, key);
    assertError(party, 400, 'unknown_field', 'reporter_nickname');
    // The key was not spent: the same key with the right body files the case.
    const good = await app.fileCase(goodFiling(), key);
    assert.equal(good.status, 201, good.text);
    const admin = (await app.login('admin')).cookie;
    const extra = await app.post('/api/admin/open311/clients', { name: 'x', street: 'zhonghua-road', scopes: ['all'] }, { cookie: admin });
    assertError(extra, 400, 'unknown_field', 'scopes');
  });

  test('a body over 16 KiB gets 413 before it is parsed', async () => {
    const res = await app.request('POST', '/api/cases', {
      raw: 'x'.repeat(17 * 1024),
      headers: { 'Idempotency-Key': randomUUID(), 'content-type': 'application/json' },
    });
    assertError(res, 413, 'body_too_large');
  });

  test('a retried filing returns the same case and the same secret', async () => {
    const key = randomUUID();
    const first = await app.fileCase(goodFiling({ community: 'zh07', grid: 'zh07-g1' }), key);
    // Same JSON value with other whitespace and key order.
    const body = goodFiling({ community: 'zh07', grid: 'zh07-g1' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await app.request('POST', '/api/cases', {
      raw: JSON.stringify(reordered, null, 2),
      headers: { 'Idempotency-Key': key, 'content-type': 'application/json' },
    });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201, second.text);
    assert.equal(second.json.code, first.json.code);
    assert.equal(second.json.secret, first.json.secret);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    const tracked = await app.track(first.json.code, second.json.secret);
    assert.equal(tracked.status, 200);
  });

  test('concurrent retries of one filing create exactly one case', async () => {
    const key = randomUUID();
    const body = goodFiling({ community: 'zh08', grid: 'zh08-g1' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.fileCase(body, key)));
    for (const a of answers) assert.equal(a.status, 201, a.text);
    const codes = new Set(answers.map((a) => a.json.code));
    assert.equal(codes.size, 1, `one case expected, got ${[...codes]}`);
    const { cookie } = await app.login('coordinator');
    const queue = await app.queue(cookie, '?community=zh08');
    assert.equal(queue.json.items.length, 1);
  });

  test('the same key with another body gets 422, even for another community', async () => {
    const key = randomUUID();
    assert.equal((await app.fileCase(goodFiling(), key)).status, 201);
    assertError(await app.fileCase(goodFiling({ description: '另一件事情' }), key), 422, 'idempotency_key_reused');
    assertError(await app.fileCase(goodFiling({ community: 'zh09', grid: 'zh09-g1' }), key), 422, 'idempotency_key_reused');
  });
});

describe('tracking', () => {
  let filed;
  before(async () => { filed = (await app.fileCase(goodFiling({ community: 'zh10', grid: 'zh10-g1' }))).json; });

  test('the right code and secret show the status and the public timeline', async () => {
    const res = await app.track(filed.code, filed.secret);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.code, filed.code);
    assert.equal(res.json.status, 'reported');
    assert.equal(res.json.timeline[0].actor.kind, 'resident');
    assert.doesNotMatch(res.text, /张三|13812345678|刘先生|中华路12号/);
  });

  test('code and secret are read as people type them', async () => {
    const res = await app.track(` ${filed.code.toLowerCase()} `, filed.secret.toLowerCase().replaceAll('-', ' '));
    assert.equal(res.status, 200, res.text);
  });

  test('a wrong secret and an unknown code answer alike', async () => {
    const wrongSecret = await app.track(filed.code, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    const [prefix, year] = filed.code.split('-');
    const unknownCode = await app.track(`${prefix}-${year}-9999`, filed.secret);
    const malformed = await app.track('nonsense', 'nonsense');
    for (const res of [wrongSecret, unknownCode, malformed]) assertError(res, 404, 'case_not_found');
    assert.equal(wrongSecret.text, unknownCode.text);
    assert.equal(wrongSecret.text, malformed.text);
  });
});

describe('staff', () => {
  let zh01Case;
  let zh02Case;
  before(async () => {
    zh01Case = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
    zh02Case = (await app.fileCase(goodFiling({ community: 'zh02', grid: 'zh02-g1', name: '李四' }))).json;
  });

  test('a wrong password or unknown user gets 401 and no cookie', async () => {
    for (const [user, pass] of [['mediator01', 'wrong'], ['nobody', 'accord-demo-2026']]) {
      const { res, cookie } = await app.login(user, pass);
      assertError(res, 401, 'invalid_credentials');
      assert.equal(cookie, null);
      assert.equal(res.headers.get('set-cookie'), null);
    }
  });

  test('the session cookie is __Host-, Secure, HttpOnly and SameSite=Strict', async () => {
    const { res } = await app.login('mediator01');
    const setCookie = res.headers.get('set-cookie');
    assert.match(setCookie, /^__Host-accord_session=[0-9a-f]{64};/);
    for (const attr of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(setCookie.includes(attr), attr);
    assert.equal(res.json.username, 'mediator01');
  });

  test('staff routes without a session get 401', async () => {
    assertError(await app.queue(undefined), 401, 'unauthenticated');
    assertError(await app.get('/api/staff/me'), 401, 'unauthenticated');
    assertError(await app.detail('__Host-accord_session=' + 'ab'.repeat(32), zh01Case.code), 401);
  });

  test('a mediator sees their community and never another one', async () => {
    const { cookie } = await app.login('mediator01');
    const queue = await app.queue(cookie);
    assert.equal(queue.status, 200, queue.text);
    const codes = queue.json.items.map((i) => i.code);
    assert.ok(codes.includes(zh01Case.code));
    assert.ok(!codes.includes(zh02Case.code));
    assert.ok(queue.json.items.every((i) => i.community === 'zh01'));
    assert.doesNotMatch(queue.text, /13812345678|张三/, 'queues mask names and hide phones');

    const own = await app.detail(cookie, zh01Case.code);
    assert.equal(own.status, 200);
    assert.equal(own.json.parties[0].name, '张三');
    assert.equal(own.json.parties[0].phone, '13812345678');

    // Guessing another community's case answers exactly like a case that does not exist.
    const other = await app.detail(cookie, zh02Case.code);
    const [, year] = zh02Case.code.split('-');
    const missing = await app.detail(cookie, `ZH01-${year}-9999`);
    assertError(other, 404, 'not_found');
    assert.equal(other.text, missing.text);
    assertError(await app.queue(cookie, '?community=zh02'), 404, 'not_found');
  });

  test('the coordinator sees the whole street, oldest first, page by page', async () => {
    const { cookie } = await app.login('coordinator');
    const seen = [];
    let cursor = '';
    for (let pages = 0; pages < 50; pages++) {
      const res = await app.queue(cookie, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      assert.ok(res.json.items.length <= 3);
      seen.push(...res.json.items);
      if (!res.json.next_cursor) break;
      cursor = res.json.next_cursor;
    }
    const codes = seen.map((i) => i.code);
    assert.equal(new Set(codes).size, codes.length, 'no case twice');
    assert.ok(codes.includes(zh01Case.code) && codes.includes(zh02Case.code));
    const times = seen.map((i) => Date.parse(i.filed_at));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    const all = await app.queue(cookie, '?limit=100');
    assert.equal(all.json.items.length, seen.length, 'paging loses nothing');
  });

  test('bad paging parameters get 400 naming the parameter', async () => {
    const { cookie } = await app.login('coordinator');
    assertError(await app.queue(cookie, '?cursor=garbage'), 400, 'invalid_parameter', 'cursor');
    assertError(await app.queue(cookie, '?limit=0'), 400, 'invalid_parameter', 'limit');
    assertError(await app.queue(cookie, '?limit=1000'), 400, 'invalid_parameter', 'limit');
  });

  test('signing out ends the session at once', async () => {
    const { cookie } = await app.login('mediator02');
    assert.equal((await app.get('/api/staff/me', { cookie })).status, 200);
    const out = await app.request('POST', '/api/staff/logout', { headers: { cookie } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
    assertError(await app.get('/api/staff/me', { cookie }), 401, 'unauthenticated');
  });
});
