// The audit log an admin reads: newest first, a page at a time, narrowed by who, what, which
// case and which days, with the check of the whole chain on every page; and the calendar's log
// beside the street's and the communities', so "who cancelled this session?" has an answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, goodFiling } from './harness.mjs';

let app;
let admin;
let coordinator;
before(async () => {
  app = await startApp();
  admin = (await app.login('admin')).cookie;
  coordinator = (await app.login('coordinator')).cookie;
});
after(async () => { await app?.stop(); });

const log = (query) => app.get(`/api/admin/audit?${query}`, { cookie: admin });

/** A Tuesday at least three weeks ahead, at `hhmm` in Shanghai. */
function tuesdayAhead(hhmm, weeks = 3) {
  const day = new Date(Date.now() + weeks * 7 * 86400_000);
  day.setUTCDate(day.getUTCDate() + ((2 - day.getUTCDay() + 7) % 7));
  return new Date(`${day.toISOString().slice(0, 10)}T${hhmm}:00+08:00`).toISOString();
}

test('a community log pages newest first and narrows by who, what and which case', async () => {
  const filed = [];
  for (let i = 0; i < 4; i += 1) {
    filed.push((await app.fileCase(goodFiling({ community: 'zh06', grid: 'zh06-g1' }))).json);
  }
  for (const { code } of filed) {
    const d = await app.detail(coordinator, code);
    const res = await app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command: { command: 'accept' } }, { cookie: coordinator });
    assert.equal(res.status, 200, res.text);
  }
  const all = await log('scope=zh06');
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.check.intact, true);
  const seqs = all.json.entries.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
  assert.equal(all.json.matching, all.json.check.entries, 'no filter: every entry matches');

  const accepted = await log('scope=zh06&action=case.accepted&actor=COORDINATOR');
  assert.equal(accepted.json.matching, 4);
  assert.ok(accepted.json.entries.every((e) => e.action === 'case.accepted' && e.actor === 'coordinator'));
  const one = await log(`scope=zh06&target=${filed[1].code.toLowerCase()}`);
  assert.deepEqual(new Set(one.json.entries.map((e) => e.target)), new Set([filed[1].code]));
  assert.deepEqual(one.json.entries.map((e) => e.action).reverse().slice(0, 2), ['case.filed', 'case.read_contact']);

  // Pages: every entry once, in order, and the check on each page is the whole chain's.
  const seen = [];
  let before = '';
  for (let page = 0; page < 20; page += 1) {
    const res = await log(`scope=zh06&action=case.${before}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.check.entries, all.json.check.entries);
    seen.push(...res.json.entries.map((e) => e.seq));
    if (res.json.next_before == null) break;
    before = `&before=${res.json.next_before}`;
  }
  assert.equal(seen.length, (await log('scope=zh06&action=case.')).json.matching);
  assert.equal(new Set(seen).size, seen.length, 'no entry twice');

  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  assert.equal((await log(`scope=zh06&from=${today}&to=${today}`)).json.matching, all.json.matching);
  assert.equal((await log('scope=zh06&to=2020-01-01')).json.matching, 0);
});

test('bad filters are refused naming the field, and the scope still holds', async () => {
  for (const [query, field] of [['from=yesterday', 'from'], ['from=2026-12-02&to=2026-12-01', 'to'], [`actor=${'x'.repeat(65)}`, 'actor']]) {
    const res = await log(`scope=zh01&${query}`);
    assert.equal(res.status, 422, `${query}: ${res.text}`);
    assert.equal(res.json.error.field, field);
  }
  assert.equal((await log('scope=zh01&before=abc')).status, 400);
  assert.equal((await app.get('/api/admin/audit?scope=calendar', { cookie: coordinator })).status, 403);
  assert.equal((await log('scope=zs01')).status, 404, "another street's community");
});

test("the calendar's log says who cancelled a session, and a street's admin sees only its street's", async () => {
  const filed = await app.caseInProgress();
  const mediator = (await app.login('mediator01')).cookie;
  const proposed = await app.post(`/api/staff/cases/${filed.code}/sessions`, {
    title: '第一次调解', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: [tuesdayAhead('10:00'), tuesdayAhead('14:00')],
  }, { cookie: mediator });
  assert.equal(proposed.status, 201, proposed.text);
  const id = proposed.json.session.id;
  const cancelled = await app.post(`/api/staff/sessions/${id}/cancel`, {}, { cookie: mediator });
  assert.equal(cancelled.status, 200, cancelled.text);

  const calendar = await log(`scope=calendar&target=${id}`);
  assert.equal(calendar.status, 200, calendar.text);
  assert.equal(calendar.json.check.intact, true);
  assert.deepEqual(calendar.json.entries.map((e) => `${e.actor} ${e.action}`), [
    'mediator01 session.cancelled',
    'mediator01 session.proposed',
  ]);
  assert.ok(calendar.json.entries.every((e) => e.target === `${filed.code} ${id}`));

  // Another street's admin reads the same log without this street's sessions.
  const district = (await app.login('district-admin')).cookie;
  const made = await app.post('/api/admin/users', {
    username: 'admin-zs', display_name: '周管理', role: 'admin',
    scope: { kind: 'street', street: 'zhoushuizi' }, temporary_password: 'temporary-pass-123',
  }, { cookie: district });
  assert.equal(made.status, 201, made.text);
  const other = (await app.login('admin-zs', 'temporary-pass-123')).cookie;
  const changed = await app.post('/api/staff/password', { current_password: 'temporary-pass-123', new_password: 'a new pass for zs 2026' }, { cookie: other });
  assert.ok([200, 204].includes(changed.status), changed.text);
  const signedIn = (await app.login('admin-zs', 'a new pass for zs 2026')).cookie;
  const theirs = await app.get(`/api/admin/audit?scope=calendar&target=${id}`, { cookie: signedIn });
  assert.equal(theirs.status, 200, theirs.text);
  assert.equal(theirs.json.matching, 0);
  const wide = await app.get(`/api/admin/audit?scope=calendar&target=${id}`, { cookie: district });
  assert.equal(wide.json.matching, 2, 'the district sees every street');
});
