// The closed loop over HTTP: every allowed and every forbidden transition (driven by the
// table the API serves, the same one the state machine uses), escalation with a moved clock,
// concurrent edits, staff intake, duplicates, boards, feedback and reopening.
import { test, before, after, describe } from 'node:test';
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

const zh01 = (overrides = {}) => goodFiling({ community: 'zh01', grid: 'zh01-g1', ...overrides });

async function file(body = zh01(), headers = {}) {
  const res = await app.post('/api/cases', body, { 'Idempotency-Key': randomUUID(), ...headers });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function detail(code, cookie = coordinator, headers = {}) {
  return app.get(`/api/staff/cases/${code}`, { cookie, ...headers });
}

async function give(code, command, { cookie = coordinator, version, headers = {} } = {}) {
  const v = version ?? (await detail(code, cookie)).json.version;
  return app.post(`/api/staff/cases/${code}/commands`, { version: v, command }, { cookie, ...headers });
}

function at(iso) { return { 'X-Accord-Test-Now': iso }; }

describe('the transition table over HTTP', () => {
  let table;
  before(async () => {
    const res = await app.get('/api/lifecycle');
    assert.equal(res.status, 200);
    table = res.json;
  });

  // Escalation belongs to the scheduled run, merging and moving between streets to their own
  // routes; the first two are tested below, moving in district.test.mjs.
  // Everything else a person can do goes through this table.
  const viaOtherRoutes = new Set(['escalate', 'merge_into', 'absorb_duplicate', 'transfer_out', 'transfer_in']);

  test('the table and its samples are what the OpenAPI document says they are', async () => {
    const doc = (await app.get('/api/openapi.json')).json;
    const schema = doc.paths['/api/lifecycle'].get.responses['200'].content['application/json'].schema;
    const problems = [];
    // The parts of JSON Schema the document uses: $ref, type, enum, oneOf, required,
    // properties, items, prefixItems, minimum and maximum.
    const check = (s, v, at) => {
      if (s.$ref) return check(doc.components.schemas[s.$ref.split('/').at(-1)], v, at);
      if (s.oneOf) {
        const fits = s.oneOf.filter((o) => { const before = problems.length; check(o, v, at); return problems.splice(before).length === 0; });
        if (fits.length !== 1) problems.push(`${at}: ${JSON.stringify(v)} fits ${fits.length} of oneOf`);
        return;
      }
      const types = [s.type ?? []].flat();
      const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
      if (types.length && !types.includes(kind) && !(kind === 'integer' && types.includes('number'))) problems.push(`${at}: ${kind} is not ${types}`);
      if (s.enum && !s.enum.includes(v)) problems.push(`${at}: ${JSON.stringify(v)} not in ${s.enum}`);
      if (s.minimum !== undefined && v < s.minimum) problems.push(`${at}: under ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) problems.push(`${at}: over ${s.maximum}`);
      if (kind === 'object') {
        for (const r of s.required ?? []) if (!(r in v)) problems.push(`${at}: ${r} missing`);
        for (const [k, sub] of Object.entries(s.properties ?? {})) if (k in v) check(sub, v[k], `${at}.${k}`);
      }
      if (kind === 'array') {
        v.forEach((item, i) => {
          const sub = s.prefixItems?.[i] ?? s.items;
          if (sub) check(sub, item, `${at}[${i}]`);
        });
      }
    };
    check(schema, table, 'lifecycle');
    assert.deepEqual(problems, []);
    assert.ok(table.samples.some(([kind]) => kind === 'escalate'), 'escalate has its sample');
  });

  function allowed(status, command) {
    return table.transitions.find((t) => t.command === command && t.from.includes(status));
  }

  async function caseIn(status) {
    const filed = await file();
    const path = table.paths.find(([s]) => s === status)[1];
    for (const command of path) {
      const res = await run(filed, command);
      assert.equal(res.status, 200, `${command} on the way to ${status}: ${res.text}`);
    }
    return filed;
  }

  function sample(command) {
    return table.samples.find(([c]) => c === command)[1];
  }

  async function run(filed, command) {
    if (command === 'give_feedback') {
      const s = sample(command);
      return app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: s.confirmed, satisfaction: s.satisfaction });
    }
    return give(filed.code, sample(command));
  }

  test('every status and every command: allowed ones move the case, others get 409', async () => {
    const statuses = table.paths.map(([s]) => s);
    const commands = table.samples.map(([c]) => c).filter((c) => !viaOtherRoutes.has(c));
    let checked = 0;
    for (const status of statuses) {
      const shared = await caseIn(status);
      for (const command of commands) {
        const rule = allowed(status, command);
        const target = rule ? await caseIn(status) : shared;
        const res = await run(target, command);
        if (rule) {
          assert.equal(res.status, 200, `${command} in ${status}: ${res.text}`);
          assert.equal(res.json.status, rule.to ?? status, `${command} in ${status}`);
        } else {
          assert.equal(res.status, 409, `${command} in ${status} should be refused: ${res.text}`);
          assert.equal(res.json.error.code, 'invalid_transition');
        }
        checked++;
      }
      // Refused commands left no trace.
      const after = await detail(shared.code);
      const path = table.paths.find(([s]) => s === status)[1];
      assert.equal(after.json.version, 1 + path.length, `refusals changed ${status}`);
    }
    assert.equal(checked, statuses.length * commands.length);
  });
});

describe('time limits and escalation', () => {
  test('an overdue case climbs community → street → district, and a second run changes nothing', async () => {
    const t0 = '2031-03-01T00:00:00Z';
    const filed = await file(zh01(), at(t0));
    const hours = (h) => new Date(Date.parse(t0) + h * 3600_000).toISOString();
    const runAt = (h) => app.post('/api/staff/escalations/run', {}, { cookie: coordinator, ...at(hours(h)) });

    const onTime = await detail(filed.code, coordinator, at(hours(71)));
    assert.equal(onTime.json.clock.stage, 'triage');
    assert.equal(onTime.json.clock.overdue, false);
    assert.equal((await runAt(71)).status, 200);
    assert.equal((await detail(filed.code)).json.escalation, 'none');

    for (const [h, level] of [[73, 'community'], [145, 'street'], [217, 'district']]) {
      const first = await runAt(h);
      assert.equal(first.status, 200, first.text);
      assert.ok(first.json.escalated >= 1);
      const once = await detail(filed.code, coordinator, at(hours(h)));
      assert.equal(once.json.escalation, level);
      assert.equal(once.json.clock.overdue, true);
      const second = await runAt(h);
      assert.equal(second.json.escalated, 0, 'a second run at the same time changes nothing');
      const twice = await detail(filed.code, coordinator, at(hours(h)));
      assert.equal(twice.json.version, once.json.version);
    }

    // The resident sees the same clock as staff.
    const tracked = await app.request('POST', '/api/track', { body: { code: filed.code, secret: filed.secret }, headers: at(hours(300)) });
    const staff = await detail(filed.code, coordinator, at(hours(300)));
    assert.deepEqual(tracked.json.clock, staff.json.clock);
    assert.equal(tracked.json.clock.overdue, true);
    assert.ok(!tracked.text.includes('escalat'), 'escalation is internal');

    const overdue = await app.get('/api/staff/cases?view=overdue&community=zh01&limit=100', { cookie: coordinator, ...at(hours(300)) });
    assert.ok(overdue.json.items.some((i) => i.code === filed.code));

    // Escalation is staff-only work for coordinators.
    const mediator = (await app.login('mediator01')).cookie;
    const refused = await app.post('/api/staff/escalations/run', {}, { cookie: mediator });
    assert.equal(refused.status, 403);
  });

  test('accepting starts a new stage with a fresh clock and no escalation', async () => {
    const t0 = '2031-06-01T00:00:00Z';
    const filed = await file(zh01(), at(t0));
    await app.post('/api/staff/escalations/run', {}, { cookie: coordinator, ...at('2031-06-05T00:00:00Z') });
    assert.equal((await detail(filed.code)).json.escalation, 'community');
    const res = await give(filed.code, { command: 'accept' }, { headers: at('2031-06-05T01:00:00Z') });
    assert.equal(res.json.escalation, 'none');
    assert.equal(res.json.clock.stage, 'dispatch');
    assert.equal(res.json.clock.started_at, '2031-06-05T01:00:00Z');
  });
});

describe('concurrent edits', () => {
  test('two handlers change one case at once: one wins, the other gets 409 with the case, nothing is lost', async () => {
    const filed = await file();
    const mediator = (await app.login('mediator01')).cookie;
    const { version } = (await detail(filed.code)).json;
    const [a, b] = await Promise.all([
      give(filed.code, { command: 'add_note', text: 'note from the coordinator', visibility: 'internal' }, { version }),
      give(filed.code, { command: 'add_note', text: 'note from the mediator', visibility: 'internal' }, { version, cookie: mediator }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409], `${a.text} / ${b.text}`);
    const loser = a.status === 409 ? a : b;
    assert.equal(loser.json.error.code, 'version_conflict');
    assert.equal(loser.json.current.version, version + 1);
    // The loser retries on the version it was given back; both notes are on the record.
    const loserCookie = loser === a ? coordinator : mediator;
    const loserText = loser === a ? 'note from the coordinator' : 'note from the mediator';
    const retry = await give(filed.code, { command: 'add_note', text: loserText, visibility: 'internal' }, { version: loser.json.current.version, cookie: loserCookie });
    assert.equal(retry.status, 200, retry.text);
    const notes = retry.json.timeline.filter((e) => e.kind === 'note').map((e) => e.note);
    assert.deepEqual(notes.sort(), ['note from the coordinator', 'note from the mediator']);
  });
});

describe('the whole loop', () => {
  test('triage → handling → resolution → follow-up → feedback → close → reopen', async () => {
    const filed = await file(zh01({ conflict_since: '2023-01' }));
    const mediator = (await app.login('mediator01')).cookie;
    const step = async (command, cookie = coordinator) => {
      const res = await give(filed.code, command, { cookie });
      assert.equal(res.status, 200, `${command.command}: ${res.text}`);
      return res.json;
    };
    let c = await step({ command: 'accept', note: '受理' });
    assert.equal(c.long_standing, true, 'conflict since 2023: over two years');
    c = await step({ command: 'assess_risk', factors: { violence_threatened: true, people_involved: 2 } });
    assert.equal(c.risk.level, 'high');
    c = await step({ command: 'override_risk', level: 'critical', reason: 'knife mentioned on the phone' });
    assert.equal(c.risk.level, 'critical');
    assert.equal(c.risk.computed, 'high');
    const highRisk = await app.queue(coordinator, '?view=high_risk&community=zh01&limit=100');
    assert.ok(highRisk.json.items.some((i) => i.code === filed.code && i.risk === 'critical'));

    c = await step({ command: 'set_handlers', handlers: [
      { username: 'mediator01', role: 'mediator', lead: true },
      { username: 'police01', role: 'police', lead: false },
    ] });
    assert.equal(c.status, 'assigned');
    const mine = await app.queue(mediator, '?view=mine&limit=100');
    assert.ok(mine.json.items.some((i) => i.code === filed.code));

    // A police officer of the community who is a handler may add notes; one who is not may not resolve.
    const police = (await app.login('police01')).cookie;
    assert.equal((await give(filed.code, { command: 'add_note', text: '已走访', visibility: 'internal' }, { cookie: police })).status, 200);

    c = await step({ command: 'start' }, mediator);
    c = await step({ command: 'fail_mediation', reason: '对方拒绝第二次调解' }, mediator);
    assert.equal(c.status, 'mediation_failed');
    c = await step({ command: 'refer', target: 'judge_workstation', receiving_body: '甘井子区法院法官工作站', reason: '需要司法确认' }, mediator);
    assert.equal(c.status, 'referred');
    c = await step({ command: 'begin_follow_up' }, mediator);
    c = await step({ command: 'record_visit', note: '回访：双方已履行' }, mediator);

    const tracked = await app.track(filed.code, filed.secret);
    assert.equal(tracked.json.feedback_open, true);
    assert.equal(tracked.json.referral.target, 'judge_workstation');
    assert.ok(!tracked.text.includes('mediator01') && !tracked.text.includes('police01'), 'no staff names for residents');
    assert.ok(!tracked.text.includes('已走访'), 'no internal notes for residents');
    const handlersEvent = tracked.json.timeline.find((e) => e.kind === 'handlers_set');
    assert.deepEqual(handlersEvent.detail.roles, ['mediator', 'police']);

    const badRating = await app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: true, satisfaction: 9 });
    assert.equal(badRating.status, 422);
    assert.equal(badRating.json.error.field, 'satisfaction');
    const wrongSecret = await app.post('/api/track/feedback', { code: filed.code, secret: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', confirmed: true, satisfaction: 4 });
    assert.equal(wrongSecret.status, 404);
    const rated = await app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: true, satisfaction: 4, comment: '谢谢' });
    assert.equal(rated.status, 200, rated.text);
    assert.deepEqual(rated.json.feedback, { confirmed: true, satisfaction: 4 });
    const tooLong = await app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: true, satisfaction: 4, comment: 'x'.repeat(2001) });
    assert.equal(tooLong.status, 422, tooLong.text);
    assert.equal(tooLong.json.error.field, 'comment');
    // 4.0 is an integer to JSON Schema, so the document's `integer` takes it.
    const integral = await app.request('POST', '/api/track/feedback', {
      raw: `{"code":"${filed.code}","secret":"${filed.secret}","confirmed":true,"satisfaction":4.0}`,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(integral.status, 200, integral.text);
    const more = [];
    for (let i = 0; i < 2; i++) more.push((await app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: true, satisfaction: 5 })).status);
    assert.deepEqual(more, [200, 409], 'feedback on one outcome is given a few times at most');
    const limited = await app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: true, satisfaction: 5 });
    assert.equal(limited.json.error.code, 'feedback_limit_reached', limited.text);

    c = await step({ command: 'close' }, mediator);
    assert.equal(c.status, 'closed');
    const open = await app.queue(coordinator, '?community=zh01&limit=100');
    assert.ok(!open.json.items.some((i) => i.code === filed.code), 'closed cases leave the queue');

    c = await step({ command: 'reopen', reason: '协议未履行' });
    assert.equal(c.status, 'in_progress');
    assert.equal(c.reopened, 1);
    const again = await app.track(filed.code, filed.secret);
    assert.equal(again.json.status, 'in_progress');
    const reopened = again.json.timeline.at(-1);
    assert.equal(reopened.kind, 'reopened');
    assert.equal(reopened.note, '协议未履行');
  });

  test('who may act: another community sees nothing, a bystander may not resolve', async () => {
    const filed = await file();
    await give(filed.code, { command: 'accept' });
    await give(filed.code, { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] });
    await give(filed.code, { command: 'start' });
    const other = (await app.login('mediator02')).cookie;
    const hidden = await app.post(`/api/staff/cases/${filed.code}/commands`, { version: 4, command: { command: 'resolve', outcome: 'withdrawn' } }, { cookie: other });
    assert.equal(hidden.status, 404);
    // A counselor of the community who is not assigned to the case cannot even see it.
    const counselor = (await app.login('counselor01')).cookie;
    const unseen = await app.post(`/api/staff/cases/${filed.code}/commands`, { version: 4, command: { command: 'resolve', outcome: 'withdrawn' } }, { cookie: counselor });
    assert.equal(unseen.status, 404, unseen.text);
    // Assigned as a helper, they may add notes but the state machine keeps resolving to the
    // lead's side: a non-lead specialist may not resolve.
    await give(filed.code, { command: 'set_handlers', handlers: [
      { username: 'mediator01', role: 'mediator', lead: true },
      { username: 'counselor01', role: 'counselor', lead: false },
    ] });
    assert.equal((await give(filed.code, { command: 'add_note', text: '心理疏导一次', visibility: 'internal' }, { cookie: counselor })).status, 200);
    const notLead = await give(filed.code, { command: 'resolve', outcome: 'withdrawn' }, { cookie: counselor });
    assert.equal(notLead.status, 403, notLead.text);
    assert.equal(notLead.json.error.code, 'forbidden');
    const unknownHandler = await give(filed.code, { command: 'set_handlers', handlers: [{ username: 'mediator02', role: 'mediator', lead: true }] });
    assert.equal(unknownHandler.status, 422, 'a handler must serve the case community');
    assert.equal(unknownHandler.json.error.field, 'handlers');
    const badNote = await give(filed.code, { command: 'add_note', text: '   ', visibility: 'public' });
    assert.equal(badNote.status, 422);
    assert.equal(badNote.json.error.field, 'text');
    const unknownCommand = await give(filed.code, { command: 'teleport' });
    assert.equal(unknownCommand.status, 400);
  });
});

describe('staff intake and duplicates', () => {
  test('a grid worker records a hazard found on patrol with no resident party', async () => {
    const grid = (await app.login('grid02')).cookie;
    const hazard = {
      channel: 'grid_patrol', kind: 'hazard', category: 'fire_escape',
      description: '3号楼消防通道堆放杂物', community: 'zh02', grid: 'zh02-g1', address: '华北路3号楼', name: '', phone: '',
      risk_factors: { people_involved: 40 },
    };
    const res = await app.post('/api/staff/intake', hazard, { cookie: grid, 'Idempotency-Key': randomUUID() });
    assert.equal(res.status, 201, res.text);
    assert.ok(res.json.secret);
    const d = await detail(res.json.code, grid);
    assert.equal(d.json.channel, 'grid_patrol');
    assert.deepEqual(d.json.parties, []);
    assert.equal(d.json.recorded_by.username, 'grid02');
    assert.equal(d.json.risk.factors.people_involved, 40);

    const walkIn = await app.post('/api/staff/intake', { ...hazard, channel: 'walk_in' }, { cookie: grid, 'Idempotency-Key': randomUUID() });
    assert.equal(walkIn.status, 422);
    assert.equal(walkIn.json.error.field, 'name');
    const elsewhere = await app.post('/api/staff/intake', { ...hazard, community: 'zh01', grid: 'zh01-g1' }, { cookie: grid, 'Idempotency-Key': randomUUID() });
    assert.equal(elsewhere.status, 422);
    assert.equal(elsewhere.json.error.field, 'community');
    const anonymous = await app.post('/api/staff/intake', hazard, { 'Idempotency-Key': randomUUID() });
    assert.equal(anonymous.status, 401);
  });

  test('a mediator records a walk-in on a resident\'s behalf', async () => {
    const mediator = (await app.login('mediator01')).cookie;
    const res = await app.post('/api/staff/intake', { ...zh01(), channel: 'walk_in' }, { cookie: mediator, 'Idempotency-Key': randomUUID() });
    assert.equal(res.status, 201, res.text);
    const tracked = await app.track(res.json.code, res.json.secret);
    assert.equal(tracked.status, 200);
    assert.equal(tracked.json.timeline[0].actor.role, 'mediator');
  });

  test('the same matter reported twice is suggested and merged, keeping both timelines', async () => {
    const address = `中华路 ${Math.floor(Math.random() * 1e6)} 号`;
    const first = await file(zh01({ address, category: 'property_management' }));
    const second = await file(zh01({ address: address.replaceAll(' ', ''), category: 'property_management' }));
    const d = await detail(first.code);
    assert.deepEqual(d.json.possible_duplicates, [second.code]);
    await give(second.code, { command: 'add_note', text: 'second report note', visibility: 'internal' });
    const merged = await app.post(`/api/staff/cases/${first.code}/merge`, { version: d.json.version, duplicate: second.code }, { cookie: coordinator });
    assert.equal(merged.status, 200, merged.text);
    assert.deepEqual(merged.json.merged_from, [second.code]);
    const absorbed = merged.json.timeline.find((e) => e.kind === 'absorbed_duplicate');
    assert.equal(absorbed.duplicate, second.code);
    assert.ok(absorbed.timeline.some((e) => e.note === 'second report note'));
    const closed = await detail(second.code);
    assert.equal(closed.json.status, 'closed');
    assert.equal(closed.json.merged_into, first.code);
    assert.deepEqual((await detail(first.code)).json.possible_duplicates, []);
    const residentView = await app.track(second.code, second.secret);
    assert.equal(residentView.json.timeline.at(-1).kind, 'merged_into');
  });

  test('boards list unassigned cases until someone handles them', async () => {
    const filed = await file();
    const unassigned = await app.queue(coordinator, '?view=unassigned&community=zh01&limit=100');
    assert.ok(unassigned.json.items.some((i) => i.code === filed.code));
    await give(filed.code, { command: 'accept' });
    await give(filed.code, { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] });
    const later = await app.queue(coordinator, '?view=unassigned&community=zh01&limit=100');
    assert.ok(!later.json.items.some((i) => i.code === filed.code));
    const bad = await app.queue(coordinator, '?view=everything');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'view');
  });

  test('the people list offers scoped handlers and no coordinators', async () => {
    const res = await app.get('/api/staff/people?community=zh01', { cookie: coordinator });
    assert.equal(res.status, 200);
    const names = res.json.map((p) => p.username).sort();
    assert.ok(names.includes('mediator01') && names.includes('police01') && names.includes('judge'));
    assert.ok(!names.includes('mediator02') && !names.includes('coordinator'));
    const mediator = (await app.login('mediator02')).cookie;
    assert.equal((await app.get('/api/staff/people?community=zh01', { cookie: mediator })).status, 404);
  });
});
