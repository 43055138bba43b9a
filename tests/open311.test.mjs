// Open311 GeoReport v2: the admin routes that issue clients their keys, and an independent
// Python client (tests/open311/client.py, over `requests`) driving the whole protocol.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.stop(); });

const issue = (cookie, body) => app.post('/api/admin/open311/clients', body, { cookie });

test('an admin issues a key for their street only, shown once and listed without it', async () => {
  const admin = (await app.login('admin')).cookie;
  const issued = await issue(admin, { name: 'Neighbourhood app', street: 'zhonghua-road' });
  assert.equal(issued.status, 201, issued.text);
  assert.match(issued.json.api_key, /^o311_[0-9a-f]{64}$/);
  assert.equal(issued.json.client.street, 'zhonghua-road');
  assert.equal(issued.json.client.issued_by, 'admin');
  assert.equal((await issue(admin, { name: 'Elsewhere', street: 'zhoushuizi' })).status, 403);
  assert.equal((await issue(admin, { name: '', street: 'zhonghua-road' })).status, 422);
  assert.equal((await issue(admin, { name: 'x', street: 'atlantis' })).status, 400);
  const mediator = (await app.login('mediator01')).cookie;
  assert.equal((await issue(mediator, { name: 'x', street: 'zhonghua-road' })).status, 403);
  const listed = await app.get('/api/admin/open311/clients', { cookie: admin });
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.json.map((c) => c.id), [issued.json.client.id]);
  assert.ok(!listed.text.includes(issued.json.api_key));

  // A key of another street does not post here.
  const district = (await app.login('district-admin')).cookie;
  const other = await issue(district, { name: 'Other street app', street: 'zhoushuizi' });
  assert.equal(other.status, 201, other.text);
  const res = await fetch(`${app.base}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: other.json.api_key, service_code: 'neighbours', description: '楼上噪音严重，多次沟通无果。', address_string: '中华路1号', first_name: '三', last_name: '张', phone: '13812345678', 'attribute[grid]': 'zh01-g1' }),
  });
  assert.equal(res.status, 403);
  assert.equal((await res.json())[0].code, 403);
  const json = await fetch(`${app.base}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(json.status, 415);
});

test('an admin revokes a key: it posts nothing again, its requests stay, and the revocation is listed', async () => {
  const admin = (await app.login('admin')).cookie;
  const issued = await issue(admin, { name: 'Revoked app', street: 'zhonghua-road' });
  const { api_key: key, client } = issued.json;
  const post = () => fetch(`${app.base}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: key, service_code: 'neighbours', description: '楼上噪音严重，多次沟通无果。', address_string: '中华路1号', first_name: '三', last_name: '张', phone: '13812345678', 'attribute[grid]': 'zh03-g1' }),
  });
  const before = await post();
  assert.equal(before.status, 201);
  const code = (await before.json())[0].service_request_id;
  const revoke = (cookie, id = client.id) => app.post(`/api/admin/open311/clients/${id}/revoke`, {}, { cookie });
  assert.equal((await revoke((await app.login('mediator01')).cookie)).status, 403);
  const district = (await app.login('district-admin')).cookie;
  const elsewhere = await issue(district, { name: 'Other street app', street: 'zhoushuizi' });
  assert.equal((await revoke(admin, elsewhere.json.client.id)).status, 403);
  assert.equal((await revoke(admin, 'ffffffffffffffff')).status, 404);
  const revoked = await revoke(admin);
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.json.revoked, true);
  assert.equal(revoked.json.revoked_by, 'admin');
  const again = await revoke(district);
  assert.equal(again.status, 200);
  assert.deepEqual(again.json, revoked.json);
  const after = await post();
  assert.equal(after.status, 403);
  assert.equal((await after.json())[0].code, 403);
  const listed = await app.get('/api/admin/open311/clients', { cookie: admin });
  assert.equal(listed.json.find((c) => c.id === client.id).revoked_at, revoked.json.revoked_at);
  const still = await fetch(`${app.base}/open311/v2/requests/${code}.json`);
  assert.equal(still.status, 200);
});

test('every GeoReport v2 document holds to the JSON Schemas written from the specification, in JSON and XML', async () => {
  const admin = (await app.login('admin')).cookie;
  const issued = await issue(admin, { name: 'Schema check', street: 'zhonghua-road' });
  const run = spawnSync('.venv/bin/python', ['tests/open311/schema_check.py', app.base, issued.json.api_key], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /^\d+ passed, 0 failed$/m);
});

test('an independent GeoReport v2 client over Python requests', async () => {
  const admin = (await app.login('admin')).cookie;
  const issued = await issue(admin, { name: 'Python client', street: 'zhonghua-road' });
  assert.equal(issued.status, 201, issued.text);
  const run = spawnSync('python3', ['tests/open311/client.py', app.base, issued.json.api_key], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /^\d+ passed, 0 failed$/m);
});

test("a case's status moves in the listing as staff move it", async () => {
  const admin = (await app.login('admin')).cookie;
  const key = (await issue(admin, { name: 'Status client', street: 'zhonghua-road' })).json.api_key;
  const file = async (grid) => {
    const res = await fetch(`${app.base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key, service_code: 'neighbours', description: '楼上噪音严重，多次沟通无果。', address_string: '中华路1号', first_name: '三', last_name: '张', phone: '13812345678', 'attribute[grid]': grid }),
    });
    assert.equal(res.status, 201);
    return (await res.json())[0].service_request_id;
  };
  const [accepted, rejected] = [await file('zh02-g1'), await file('zh02-g2')];
  const coordinator = (await app.login('coordinator')).cookie;
  const command = async (code, body) => {
    const d = await app.detail(coordinator, code);
    assert.equal(d.json.channel, 'web');
    const res = await app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command: body }, { cookie: coordinator });
    assert.equal(res.status, 200, res.text);
  };
  await command(accepted, { command: 'accept' });
  await command(rejected, { command: 'reject', reason: '不属于调解范围', redirect_to: '区法院诉讼服务中心' });
  const status = async (code, query = '') => (await (await fetch(`${app.base}/open311/v2/requests/${code}.json${query}`)).json())[0].status;
  assert.equal(await status(accepted), 'open');
  assert.equal(await status(accepted, '?extensions=true'), 'investigating');
  assert.equal(await status(rejected), 'closed');
  assert.equal(await status(rejected, '?extensions=true'), 'no_further_action');
  const closed = await (await fetch(`${app.base}/open311/v2/requests.json?status=closed`)).json();
  assert.deepEqual(closed.map((r) => r.service_request_id), [rejected]);
  const investigating = await (await fetch(`${app.base}/open311/v2/requests.xml?status=investigating`)).text();
  assert.ok(investigating.includes(`<service_request_id>${accepted}</service_request_id>`) && !investigating.includes(rejected));
});

test('a method a GeoReport path does not take gets 405 naming the ones it does', async () => {
  for (const [method, path, allow] of [
    ['PATCH', '/open311/v2/discovery.json', 'GET, HEAD'],
    ['DELETE', '/open311/v2/services.xml', 'GET, HEAD'],
    ['PUT', '/open311/v2/requests.json', 'GET, HEAD, POST'],
  ]) {
    const res = await app.request(method, path);
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.ok(res.headers.get('allow'), `${method} ${path} names its methods`);
    assert.deepEqual(res.headers.get('allow').split(', ').sort(), allow.split(', ').sort(), `${method} ${path}`);
  }
});
