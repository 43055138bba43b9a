// Reads through the indexed columns: the escalation run reads only what is due, boards
// follow a change of the time limits, duplicates come from the address index within a year,
// "my work" walks the handlers' table, and a synthetic history is paged without gaps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

let app;
let coordinator;
let admin;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
  admin = (await app.login('admin')).cookie;
});
after(async () => { await app?.stop(); });

const at = (iso) => ({ 'X-Accord-Test-Now': iso });
const later = (iso, hours) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

async function file(body, headers = {}) {
  const res = await app.post('/api/cases', body, { 'Idempotency-Key': randomUUID(), ...headers });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const codes = (res) => {
  assert.equal(res.status, 200, res.text);
  return res.json.items.map((i) => i.code);
};

test('an escalation run with nothing due reads no case, and one later reads only the due ones', async () => {
  const t0 = '2032-01-10T00:00:00Z';
  const runAt = (iso) => app.post('/api/staff/escalations/run', {}, { cookie: coordinator, ...at(iso) });
  const early = await runAt('2026-01-01T00:00:00Z');
  assert.equal(early.status, 200, early.text);
  assert.deepEqual(early.json, { examined: 0, escalated: 0, reopened_for_default: 0 }, 'nothing is due before anything was filed');

  const a = await file(goodFiling({ community: 'zh05', grid: 'zh05-g1' }), at(t0));
  const b = await file(goodFiling({ community: 'zh06', grid: 'zh06-g1' }), at(later(t0, 48)));
  // 73 h after filing, only the first case (a low-risk dispute: 72 h to triage) is overdue.
  const first = await runAt(later(t0, 73));
  assert.equal(first.json.escalated, 1, first.text);
  assert.equal(first.json.examined, 1, 'the run read the one case that was due, nothing else');
  assert.deepEqual(await runAt(later(t0, 73)).then((r) => r.json), { examined: 0, escalated: 0, reopened_for_default: 0 });
  const escalatedA = await app.detail(coordinator, a.code);
  assert.equal(escalatedA.json.escalation, 'community');
  assert.equal((await app.detail(coordinator, b.code)).json.escalation, 'none');
});

test('the overdue board follows a change of the time limits', async () => {
  const t0 = '2032-03-01T00:00:00Z';
  const filed = await file(goodFiling({ community: 'zh07', grid: 'zh07-g1' }), at(t0));
  const overdue = (iso) => app.get('/api/staff/cases?community=zh07&view=overdue', { cookie: coordinator, ...at(iso) });
  assert.ok(!codes(await overdue(later(t0, 10))).includes(filed.code), 'on time under 72 h to triage');

  const directory = (await app.get('/api/directory')).json;
  // The street's own table: disputes get 5 hours to triage.
  const limits = structuredClone(directory.time_limits);
  for (const rule of limits.rules) {
    if (rule.kind === 'dispute') rule.hours.triage = Math.min(rule.hours.triage, 5);
  }
  directory.streets.find((s) => s.id === 'zhonghua-road').time_limits = limits;
  const saved = await app.post('/api/admin/directory', directory, { cookie: admin });
  assert.equal(saved.status, 200, saved.text);
  assert.ok(codes(await overdue(later(t0, 11))).includes(filed.code), 'overdue under 5 h to triage');
  const detail = await app.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator, ...at(later(t0, 11)) });
  assert.equal(detail.json.clock.overdue, true);
});

test('possible duplicates are open cases at the same address and of the same category within a year', async () => {
  const t0 = '2032-05-01T00:00:00Z';
  const same = { community: 'zh08', grid: 'zh08-g1', address: '中华路８８号 2单元' };
  const first = await file(goodFiling({ ...same, address: '中华路88号2单元' }), at(t0));
  const second = await file(goodFiling(same), at(later(t0, 24 * 30)));
  const otherCategory = await file(goodFiling({ ...same, kind: 'hazard', category: 'fire_escape' }), at(later(t0, 24 * 31)));
  const yearsLater = await file(goodFiling(same), at(later(t0, 24 * 800)));
  const named = async (code) => (await app.detail(coordinator, code)).json.possible_duplicates;
  assert.deepEqual(await named(second.code), [first.code]);
  assert.deepEqual(await named(first.code), [second.code]);
  assert.deepEqual(await named(otherCategory.code), []);
  assert.deepEqual(await named(yearsLater.code), [], 'more than a year apart is a new matter');
});

test('my work lists the cases a person handles, paged in the handlers table', async () => {
  const t0 = '2032-07-01T00:00:00Z';
  const mine = [];
  for (let i = 0; i < 5; i++) {
    const filed = await file(goodFiling({ community: 'zh02', grid: 'zh02-g1' }), at(later(t0, i)));
    const give = (command, version) => app.post(`/api/staff/cases/${filed.code}/commands`, { version, command }, { cookie: coordinator });
    assert.equal((await give({ command: 'accept', note: null }, 1)).status, 200);
    if (i % 2 === 0) {
      const set = await give({ command: 'set_handlers', handlers: [{ username: 'mediator02', role: 'mediator', lead: true }] }, 2);
      assert.equal(set.status, 200, set.text);
      mine.push(filed.code);
    }
  }
  const mediator = (await app.login('mediator02')).cookie;
  assert.ok(mediator, 'mediator02 signs in');
  const pages = [];
  let cursor = '';
  do {
    const res = await app.queue(mediator, `?view=mine&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages.push(...codes(res));
    cursor = res.json.next_cursor;
  } while (cursor);
  assert.deepEqual(pages, mine);
  const unassigned = codes(await app.queue(coordinator, '?community=zh02&view=unassigned'));
  for (const code of mine) assert.ok(!unassigned.includes(code));
});

test('a synthetic history of 1,200 cases pages without gap or repeat, and boards agree with it', async () => {
  let loaded;
  do {
    const res = await app.post('/api/dev/load', { community: 'zh10', count: 500, total: 1200 });
    assert.equal(res.status, 200, res.text);
    loaded = res.json.loaded;
  } while (loaded < 1200);
  const walk = async (query) => {
    const seen = [];
    let cursor = '';
    do {
      const res = await app.queue(coordinator, `?community=zh10&limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const page = res.json.items;
      assert.ok(page.length <= 100);
      seen.push(...page);
      cursor = res.json.next_cursor;
    } while (cursor);
    return seen;
  };
  const open = await walk('');
  assert.ok(open.length > 600 && open.length < 1000, `${open.length} open of 1,200`);
  assert.equal(new Set(open.map((i) => i.code)).size, open.length, 'no case twice');
  const order = open.map((i) => `${Date.parse(i.filed_at)}.${i.code}`);
  assert.deepEqual(order, [...order].sort(), 'oldest first');
  const highRisk = await walk('&view=high_risk');
  assert.deepEqual(highRisk.map((i) => i.code), open.filter((i) => ['high', 'critical'].includes(i.risk)).map((i) => i.code));
  const unassigned = await walk('&view=unassigned');
  assert.deepEqual(unassigned.map((i) => i.code), open.filter((i) => i.handlers.length === 0).map((i) => i.code));
  const overdue = await walk('&view=overdue');
  assert.deepEqual(overdue.map((i) => i.code), open.filter((i) => i.clock?.overdue).map((i) => i.code));
  const bad = await app.post('/api/dev/load', { community: 'zh10', count: 0, total: 5 });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.field, 'count');
});

test('a filing is two object round trips and a resident look-up one, throttles included', async () => {
  const calls = async () => (await app.get('/api/dev/round-trips')).json.calls;
  const counted = async (send) => {
    const before = await calls();
    const res = await send();
    return { trips: (await calls()) - before, res };
  };
  const filing = await counted(() => app.fileCase(goodFiling({ community: 'zh11', grid: 'zh11-g1' })));
  assert.equal(filing.res.status, 201);
  assert.equal(filing.trips, 2, 'the street claim and the community');
  const { code, secret } = filing.res.json;
  const lookUp = await counted(() => app.track(code, secret));
  assert.equal(lookUp.res.status, 200);
  assert.equal(lookUp.trips, 1, 'the community checks the throttles and the secret in one step');
  const miss = await counted(() => app.track(code, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA'));
  assert.equal(miss.res.status, 404);
  assert.equal(miss.trips, 2, 'a miss is also counted street-wide');
});
