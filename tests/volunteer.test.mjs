// Volunteer links over HTTP: issued by a coordinator for a limited time, opening assisted
// intake and the return visits of named cases, revocable, and never more than that.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

let app;
let coordinator;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
});
after(async () => { await app?.stop(); });

const as = (token) => ({ authorization: `Volunteer ${token}` });

async function caseInFollowUp() {
  const filed = (await app.post('/api/cases', goodFiling(), { 'Idempotency-Key': randomUUID() })).json;
  for (const command of [
    { command: 'accept' },
    { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
    { command: 'start' },
    { command: 'resolve', outcome: 'agreement_reached' },
    { command: 'begin_follow_up' },
  ]) {
    const d = await app.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator });
    const res = await app.post(`/api/staff/cases/${filed.code}/commands`, { version: d.json.version, command }, { cookie: coordinator });
    assert.equal(res.status, 200, res.text);
  }
  return filed;
}

test('a volunteer files for a resident and records a visit, until the link is revoked', async () => {
  const visitCase = await caseInFollowUp();
  const issued = await app.post('/api/staff/volunteers', {
    name: '王阿姨', community: 'zh01', intake: true, follow_up_cases: [visitCase.code.toLowerCase()], valid_hours: 48,
  }, { cookie: coordinator });
  assert.equal(issued.status, 201, issued.text);
  const { token, link } = issued.json;
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.deepEqual(link.follow_up_cases, [visitCase.code]);
  const listed = await app.get('/api/staff/volunteers', { cookie: coordinator });
  assert.ok(listed.json.some((l) => l.id === link.id));
  assert.ok(!listed.text.includes(token), 'the token is shown only once');

  const me = await app.get('/api/volunteer/me', as(token));
  assert.equal(me.status, 200);
  assert.equal(me.json.name, '王阿姨');

  const filed = await app.post('/api/volunteer/intake', goodFiling(), { ...as(token), 'Idempotency-Key': randomUUID() });
  assert.equal(filed.status, 201, filed.text);
  assert.ok(filed.json.secret);
  const detail = await app.get(`/api/staff/cases/${filed.json.code}`, { cookie: coordinator });
  assert.deepEqual(detail.json.recorded_by, { kind: 'volunteer', link: link.id, name: '王阿姨' });
  const tracked = await app.track(filed.json.code, filed.json.secret);
  assert.equal(tracked.json.timeline[0].actor.kind, 'volunteer');

  const elsewhere = await app.post('/api/volunteer/intake', goodFiling({ community: 'zh02', grid: 'zh02-g1' }), { ...as(token), 'Idempotency-Key': randomUUID() });
  assert.equal(elsewhere.status, 422);
  assert.equal(elsewhere.json.error.field, 'community');

  const cases = await app.get('/api/volunteer/cases', as(token));
  assert.equal(cases.status, 200);
  assert.equal(cases.json.length, 1);
  assert.equal(cases.json[0].applicant_phone, '13812345678');

  const visit = await app.post('/api/volunteer/visits', { code: visitCase.code, note: '上门回访，双方满意' }, as(token));
  assert.equal(visit.status, 200, visit.text);
  const after = await app.get(`/api/staff/cases/${visitCase.code}`, { cookie: coordinator });
  const recorded = after.json.timeline.find((e) => e.kind === 'visit_recorded');
  assert.equal(recorded.actor.kind, 'volunteer');
  assert.equal(recorded.note, '上门回访，双方满意');

  // Only the named cases; never a staff route.
  assert.equal((await app.post('/api/volunteer/visits', { code: filed.json.code, note: 'x' }, as(token))).status, 404);
  assert.equal((await app.get('/api/staff/cases', as(token))).status, 401);

  const audit = await app.get(`/api/admin/audit?scope=zh01&actor=volunteer:${link.id}`, { cookie: (await app.login('admin')).cookie });
  assert.ok(audit.json.entries.some((e) => e.actor === `volunteer:${link.id}` && e.action === 'case.read_contact'));

  const revoked = await app.post(`/api/staff/volunteers/${link.id}/revoke`, {}, { cookie: coordinator });
  assert.equal(revoked.json.revoked, true);
  assert.equal((await app.get('/api/volunteer/me', as(token))).status, 401);
  assert.equal((await app.post('/api/volunteer/intake', goodFiling(), { ...as(token), 'Idempotency-Key': randomUUID() })).status, 401);
});

test('links expire on their own, and only coordinators and mediators of the community issue them', async () => {
  const issued = await app.post('/api/staff/volunteers', { name: '志愿者', community: 'zh01', intake: true, valid_hours: 1 }, { cookie: coordinator });
  const { token } = issued.json;
  assert.equal((await app.get('/api/volunteer/me', as(token))).status, 200);
  const later = new Date(Date.now() + 2 * 3600_000).toISOString();
  assert.equal((await app.get('/api/volunteer/me', { ...as(token), 'X-Accord-Test-Now': later })).status, 401);

  const mediator02 = (await app.login('mediator02')).cookie;
  const foreign = await app.post('/api/staff/volunteers', { name: 'x', community: 'zh01', intake: true, valid_hours: 2 }, { cookie: mediator02 });
  assert.equal(foreign.status, 422);
  assert.equal(foreign.json.error.field, 'community');
  assert.equal((await app.post(`/api/staff/volunteers/${issued.json.link.id}/revoke`, {}, { cookie: mediator02 })).status, 404);
  const police = (await app.login('police01')).cookie;
  assert.equal((await app.post('/api/staff/volunteers', { name: 'x', community: 'zh01', intake: true, valid_hours: 2 }, { cookie: police })).status, 403);
  const invalid = await app.post('/api/staff/volunteers', { name: 'x', community: 'zh01', intake: false, valid_hours: 2 }, { cookie: coordinator });
  assert.equal(invalid.json.error.field, 'intake');
  assert.equal((await app.get('/api/volunteer/me', as('0'.repeat(64)))).status, 401);
  assert.equal((await app.get('/api/volunteer/me')).status, 401);
});

test('a link names only cases in follow-up, and a case that left follow-up since shows no one to call', async () => {
  const accepted = (await app.post('/api/cases', goodFiling(), { 'Idempotency-Key': randomUUID() })).json;
  const refused = await app.post('/api/staff/volunteers', {
    name: '王阿姨', community: 'zh01', intake: false, follow_up_cases: [accepted.code], valid_hours: 24,
  }, { cookie: coordinator });
  assert.equal(refused.status, 422, refused.text);
  assert.equal(refused.json.error.field, 'follow_up_cases');
  assert.equal(refused.json.error.code, 'not_in_follow_up');
  const missing = await app.post('/api/staff/volunteers', {
    name: '王阿姨', community: 'zh01', intake: false, follow_up_cases: ['ZH01-2026-9999'], valid_hours: 24,
  }, { cookie: coordinator });
  assert.equal(missing.status, 422, missing.text);
  assert.equal(missing.json.error.field, 'follow_up_cases');

  const visitCase = await caseInFollowUp();
  const issued = await app.post('/api/staff/volunteers', {
    name: '王阿姨', community: 'zh01', intake: false, follow_up_cases: [visitCase.code], valid_hours: 24,
  }, { cookie: coordinator });
  assert.equal(issued.status, 201, issued.text);
  const token = issued.json.token;
  const before = (await app.get('/api/volunteer/cases', as(token))).json;
  assert.equal(before[0].applicant_name, '张三');

  // The case is closed meanwhile: the link shows it without contact details, and no visit.
  const d = await app.get(`/api/staff/cases/${visitCase.code}`, { cookie: coordinator });
  const closed = await app.post(`/api/staff/cases/${visitCase.code}/commands`, { version: d.json.version, command: { command: 'close' } }, { cookie: coordinator });
  assert.equal(closed.status, 200, closed.text);
  const after = await app.get('/api/volunteer/cases', as(token));
  assert.equal(after.status, 200, after.text);
  assert.equal(after.json[0].status, 'closed');
  assert.equal(after.json[0].applicant_name, null);
  assert.equal(after.json[0].applicant_phone, null);
  assert.doesNotMatch(after.text, /张三|13812345678/);
  const visit = await app.post('/api/volunteer/visits', { code: visitCase.code, note: '回访' }, as(token));
  assert.equal(visit.status, 409, visit.text);
});
