// A resident who lost their secret: the street office's phone is in the directory the
// tracking page reads, and staff who may see the case's parties issue a new secret after
// checking who is calling. The old secret stops working at once, the new one is shown to
// staff once, and the community's audit chain records who did it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, goodFiling } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.stop(); });

test("the directory gives each street office's phone", async () => {
  const directory = (await app.get('/api/directory')).json;
  for (const street of directory.streets) {
    assert.match(street.phone ?? '', /^[0-9-]{7,20}$/, `${street.id} has an office phone`);
  }
});

test('staff issue a new secret: the old one stops working, the new one opens the case, and it is audited', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  assert.equal((await app.track(filed.code, filed.secret)).status, 200);
  const coordinator = (await app.login('coordinator')).cookie;
  const detail = await app.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator });
  assert.equal(detail.json.may_reissue_secret, true, 'the server says who may');

  const reissued = await app.post(`/api/staff/cases/${filed.code}/secret`, {}, { cookie: coordinator });
  assert.equal(reissued.status, 200, reissued.text);
  assert.match(reissued.json.secret, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  assert.equal(reissued.json.code, filed.code);
  assert.equal((await app.track(filed.code, filed.secret)).status, 404, 'the old secret no longer opens it');
  const opened = await app.track(filed.code, reissued.json.secret);
  assert.equal(opened.status, 200, opened.text);

  const audit = await app.get('/api/admin/audit?scope=zh01&action=case.secret_reissued', { cookie: (await app.login('admin')).cookie });
  const entries = audit.json.entries.filter((e) => e.action === 'case.secret_reissued');
  assert.equal(entries.length, 1, JSON.stringify(entries));
  assert.equal(entries[0].actor, 'coordinator');
  assert.ok(!JSON.stringify(audit.json).includes(reissued.json.secret.replaceAll('-', '')), 'the secret is not in the audit');

  // Those who may not see the case's parties may not: another community's mediator, a
  // volunteer-less admin, a visitor without a session.
  for (const username of ['mediator02', 'admin']) {
    const cookie = (await app.login(username)).cookie;
    const refused = await app.post(`/api/staff/cases/${filed.code}/secret`, {}, { cookie });
    assert.ok([403, 404].includes(refused.status), `${username}: ${refused.status} ${refused.text}`);
    const seen = await app.get(`/api/staff/cases/${filed.code}`, { cookie });
    assert.ok(seen.status !== 200 || seen.json.may_reissue_secret === false, username);
  }
  assert.equal((await app.post(`/api/staff/cases/${filed.code}/secret`, {})).status, 401);
  assert.equal((await app.post('/api/staff/cases/ZH01-2026-9999/secret', {}, { cookie: coordinator })).status, 404);
  assert.equal((await app.track(filed.code, reissued.json.secret)).status, 200, 'refusals changed nothing');
});
