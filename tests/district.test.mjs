// A district of streets over HTTP: each street numbers its own codes (unique across streets
// under concurrent filing), staff see only their street while the district coordinator sees
// every street and receives what the escalation ladder sends to the district, a street's
// admin manages only that street, and a person who works in two streets is never booked twice.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

let app;
const cookies = {};
before(async () => {
  app = await startApp();
  for (const name of ['coordinator', 'coordinator-zs', 'district', 'district-admin', 'admin', 'mediator-zs01', 'mediator-two', 'mediator01']) {
    cookies[name] = (await app.login(name)).cookie;
  }
});
after(async () => { await app?.stop(); });

const at = (iso) => ({ 'X-Accord-Test-Now': iso });
const file = (community, headers = {}) => app.post('/api/cases', goodFiling({ community, grid: `${community}-g1` }), { 'Idempotency-Key': randomUUID(), ...headers });

async function give(code, command, cookie = cookies.district, headers = {}) {
  const d = await app.get(`/api/staff/cases/${code}`, { cookie, ...headers });
  assert.equal(d.status, 200, d.text);
  return app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command }, { cookie, ...headers });
}

describe('codes per street', () => {
  test('concurrent filings in two streets get codes of their own prefix, none repeated', async () => {
    const filings = await Promise.all([
      ...Array.from({ length: 12 }, () => file('zh05')),
      ...Array.from({ length: 12 }, () => file('zs03')),
      ...Array.from({ length: 6 }, () => file('xz01')),
    ]);
    assert.ok(filings.every((f) => f.status === 201), filings.map((f) => f.status).join(','));
    const codes = filings.map((f) => f.json.code);
    assert.equal(new Set(codes).size, codes.length, 'no code repeated');
    const seq = (prefix) => codes.filter((c) => c.startsWith(prefix)).map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    assert.deepEqual(seq('ZH05-'), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.deepEqual(seq('ZS03-'), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.deepEqual(seq('XZ01-'), Array.from({ length: 6 }, (_, i) => i + 1));
    // The code routes back to its street: tracking works with each.
    const zs = filings.find((f) => f.json.code.startsWith('ZS03-'));
    const tracked = await app.post('/api/track', { code: zs.json.code, secret: zs.json.secret });
    assert.equal(tracked.status, 200, tracked.text);
    assert.equal(tracked.json.community, 'zs03');
  });

  test('a code of an unknown prefix, or a number the street lacks, is not found', async () => {
    for (const code of ['QQ01-2026-0001', 'XZ09-2026-0001']) {
      const res = await app.post('/api/track', { code, secret: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' });
      assert.equal(res.status, 404, `${code}: ${res.text}`);
    }
  });
});

describe('scope across streets', () => {
  test('each street sees its own cases; the district sees both', async () => {
    const zh = (await file('zh07')).json;
    const zs = (await file('zs02')).json;
    const seen = async (who, code) => (await app.get(`/api/staff/cases/${code}`, { cookie: cookies[who] })).status;
    assert.equal(await seen('coordinator', zh.code), 200);
    assert.equal(await seen('coordinator', zs.code), 404);
    assert.equal(await seen('coordinator-zs', zs.code), 200);
    assert.equal(await seen('coordinator-zs', zh.code), 404);
    assert.equal(await seen('district', zh.code), 200);
    assert.equal(await seen('district', zs.code), 200);
    const queue = async (who) => (await app.get('/api/staff/cases?limit=100', { cookie: cookies[who] })).json.items.map((i) => i.code);
    assert.ok((await queue('coordinator')).every((c) => c.startsWith('ZH')));
    assert.ok((await queue('coordinator-zs')).every((c) => c.startsWith('ZS')));
    const all = await queue('district');
    assert.ok(all.some((c) => c.startsWith('ZH')) && all.some((c) => c.startsWith('ZS')));
    // A street's staff list another street's community as if it did not exist.
    assert.equal((await app.get('/api/staff/cases?community=zs02', { cookie: cookies.coordinator })).status, 404);
    assert.equal((await app.get('/api/staff/people?community=zs02', { cookie: cookies.coordinator })).status, 404);
  });

  test('a street admin manages the accounts and directory of that street only', async () => {
    const users = (await app.get('/api/admin/users', { cookie: cookies.admin })).json.map((u) => u.username);
    assert.ok(users.includes('mediator01'));
    assert.ok(!users.includes('mediator-zs01') && !users.includes('district') && !users.includes('mediator-two'));
    const all = (await app.get('/api/admin/users', { cookie: cookies['district-admin'] })).json.map((u) => u.username);
    assert.ok(all.includes('mediator-zs01') && all.includes('mediator01'));
    const make = (cookie, scope, username = `u${randomUUID().slice(0, 8)}`) => app.post('/api/admin/users', {
      username, display_name: '新人', role: 'mediator', scope, temporary_password: 'temporary-pass-123',
    }, { cookie });
    assert.equal((await make(cookies.admin, { kind: 'communities', communities: ['zh04'] })).status, 201);
    const foreign = await make(cookies.admin, { kind: 'communities', communities: ['zs01'] });
    assert.equal(foreign.status, 422);
    assert.equal(foreign.json.error.field, 'scope');
    assert.equal((await app.post('/api/admin/users/mediator-zs01', { disabled: true }, { cookie: cookies.admin })).status, 404);
    assert.equal((await make(cookies['district-admin'], { kind: 'communities', communities: ['zs01', 'zh04'] })).status, 201);

    const directory = (await app.get('/api/directory')).json;
    const renamed = structuredClone(directory);
    renamed.communities.find((c) => c.id === 'zs01').name.en = 'Renamed';
    const refused = await app.post('/api/admin/directory', renamed, { cookie: cookies.admin });
    assert.equal(refused.status, 422, refused.text);
    const own = structuredClone(directory);
    own.communities.find((c) => c.id === 'zh04').name.en = 'Songjiang Road (renamed)';
    assert.equal((await app.post('/api/admin/directory', own, { cookie: cookies.admin })).status, 200);
    const moved = structuredClone(own);
    moved.communities.find((c) => c.id === 'zh04').street = 'zhoushuizi';
    const move = await app.post('/api/admin/directory', moved, { cookie: cookies['district-admin'] });
    assert.equal(move.status, 422, 'a community keeps its street: codes route by it');
    assert.equal(move.json.error.field, 'communities.street');
  });
});

describe('escalation to the district', () => {
  test('the district coordinator receives what climbs to the district; a street keeps its own', async () => {
    const t0 = '2031-03-01T00:00:00Z';
    const filed = (await file('zs04', at(t0))).json;
    const hours = (h) => new Date(Date.parse(t0) + h * 3600_000).toISOString();
    // The district's scheduled run, as the cron does it (every street).
    for (const h of [73, 145, 217]) {
      const run = await app.post('/api/staff/escalations/run', {}, { cookie: cookies.district, ...at(hours(h)) });
      assert.equal(run.status, 200, run.text);
    }
    const board = async (who, view) => (await app.get(`/api/staff/cases?view=${view}&limit=100`, { cookie: cookies[who], ...at(hours(220)) })).json.items.map((i) => i.code);
    assert.ok((await board('district', 'escalated_district')).includes(filed.code));
    assert.ok((await board('coordinator-zs', 'escalated_street')).includes(filed.code));
    assert.ok(!(await board('coordinator', 'escalated_street')).includes(filed.code), 'another street does not see it');
    // A street coordinator's run reaches only that street's cases.
    const other = (await file('xz02', at(t0))).json;
    await app.post('/api/staff/escalations/run', {}, { cookie: cookies.coordinator, ...at(hours(80)) });
    const untouched = await app.get(`/api/staff/cases/${other.code}`, { cookie: cookies.district, ...at(hours(80)) });
    assert.equal(untouched.json.escalation, 'none');
  });
});

describe('a person who works in two streets', () => {
  async function inProgress(community, lead) {
    const filed = (await file(community)).json;
    for (const command of [
      { command: 'accept' },
      { command: 'set_handlers', handlers: [{ username: lead, role: 'mediator', lead: true }] },
      { command: 'start' },
    ]) {
      const res = await give(filed.code, command);
      assert.equal(res.status, 200, res.text);
    }
    return filed;
  }

  test('is booked once: the same hour in Zhonghua Road and in Zhoushuizi, only one wins', async () => {
    const zh = await inProgress('zh03', 'mediator-two');
    const zs = await inProgress('zs02', 'mediator-two');
    const start = new Date('2031-04-15T09:30:00+08:00').toISOString();
    const book = (code, place) => app.post(`/api/staff/cases/${code}/sessions`, {
      title: '调解', slots: [start], confirm: true, length_minutes: 60, buffer_minutes: 15,
      venue: { kind: 'place', place }, staff: ['mediator-two'], parties: ['applicant'],
    }, { cookie: cookies.district });
    const [a, b] = await Promise.all([book(zh.code, 'zh03-room'), book(zs.code, 'zs02-room')]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409], `${a.text} / ${b.text}`);
    const loser = a.status === 409 ? a : b;
    assert.deepEqual(loser.json.conflicts.map((c) => c.kind), ['staff']);
    // A room of another street is not a place for this case.
    const wrong = await book(zs.code, 'zh03-room');
    assert.equal(wrong.status, 422);
    assert.equal(wrong.json.error.field, 'venue');
  });
});

describe('moving a case to another street', () => {
  test('the district moves it with a reason: it continues there, the resident keeps their code and secret', async () => {
    const filed = (await file('zh06')).json;
    assert.equal((await give(filed.code, { command: 'accept' })).status, 200);
    const before = (await app.get(`/api/staff/cases/${filed.code}`, { cookie: cookies.district })).json;
    const move = (cookie, body = {}) => app.post(`/api/staff/cases/${filed.code}/transfer`, {
      version: before.version, community: 'zs03', grid: 'zs03-g2', reason: '地址实属周水子街道 The address is in Zhoushuizi', ...body,
    }, { cookie });
    // Only the district moves cases; a street coordinator is refused, a bad target named.
    assert.equal((await move(cookies.coordinator)).status, 403);
    const same = await move(cookies.district, { community: 'zh07', grid: 'zh07-g1' });
    assert.equal(same.status, 422);
    assert.equal(same.json.error.field, 'community');
    const noReason = await move(cookies.district, { reason: ' ' });
    assert.equal(noReason.json.error.field, 'reason');
    const badGrid = await move(cookies.district, { grid: 'zh06-g1' });
    assert.equal(badGrid.status, 422);
    assert.equal(badGrid.json.error.field, 'grid');

    // A move cut short after the receiving street filed it: the same request completes it.
    const cut = await app.post(`/api/staff/cases/${filed.code}/transfer`, {
      version: before.version, community: 'zs03', grid: 'zs03-g2', reason: '地址实属周水子街道',
    }, { cookie: cookies.district, 'X-Accord-Test-Fault': 'transfer' });
    assert.equal(cut.status, 500);
    const moved = await move(cookies.district);
    assert.equal(moved.status, 200, moved.text);
    assert.match(moved.json.code, /^ZS03-\d{4}-\d{4}$/);
    assert.equal(moved.json.status, 'reported');
    assert.equal(moved.json.community, 'zs03');
    assert.equal(moved.json.moved_from, filed.code);
    const zs03 = (await app.get('/api/staff/cases?community=zs03&limit=100', { cookie: cookies['coordinator-zs'] })).json.items;
    assert.equal(zs03.filter((i) => i.code === moved.json.code).length, 1, 'filed once, though asked twice');

    const old = await app.get(`/api/staff/cases/${filed.code}`, { cookie: cookies.district });
    assert.equal(old.json.status, 'closed');
    assert.equal(old.json.moved_to, moved.json.code);
    // Each street sees its side; the old street does not see the new case.
    assert.equal((await app.get(`/api/staff/cases/${moved.json.code}`, { cookie: cookies['coordinator-zs'] })).status, 200);
    assert.equal((await app.get(`/api/staff/cases/${moved.json.code}`, { cookie: cookies.coordinator })).status, 404);
    assert.equal((await app.get(`/api/staff/cases/${filed.code}`, { cookie: cookies.coordinator })).status, 200);
    assert.equal((await give(filed.code, { command: 'reopen', reason: 'again' })).status, 409, 'a moved case is not reopened');

    // The resident's old code and secret follow the case; the new code works with the same secret.
    const tracked = await app.post('/api/track', { code: filed.code, secret: filed.secret });
    assert.equal(tracked.status, 200, tracked.text);
    assert.equal(tracked.json.code, moved.json.code);
    assert.equal(tracked.json.status, 'reported');
    const direct = await app.post('/api/track', { code: moved.json.code, secret: filed.secret });
    assert.equal(direct.status, 200, direct.text);
    const wrong = await app.post('/api/track', { code: filed.code, secret: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' });
    assert.equal(wrong.status, 404, 'a wrong secret learns nothing of the move');
    assert.ok(!tracked.text.includes('周水子街道 The address'), 'the reason is internal');
  });
});
