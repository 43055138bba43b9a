// The session action matrix, generated from the policy table served at /api/policy: every
// role × every session route × own and other community × assigned or not, as
// security.test.mjs does for cases (issue 8). Scheduling follows `schedule_sessions` on the
// session's case, answering `answer_sessions` (and taking part), the agenda, hours and feed
// `keep_own_calendar`.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling, ROLE_ACCOUNTS, inScope, MEDIATOR_OF } from './harness.mjs';

let app;
let coordinator;
before(async () => {
  app = await startApp();
  // The district coordinator sets up cases and sessions in every street.
  coordinator = (await app.login('district')).cookie;
});
after(async () => { await app?.stop(); });

const accounts = ROLE_ACCOUNTS;
const mediatorOf = (community) => MEDIATOR_OF[community];
/** 10:00 in Shanghai on a weekday far ahead; `n` keeps every proposal on its own day. */
let day = 0;
const nextDay = () => {
  const d = new Date(Date.UTC(2032, 0, 5 + day * 7, 2, 0));
  day += 1;
  return d;
};
const slotsFrom = (d) => [d.toISOString(), new Date(d.getTime() + 24 * 3600e3).toISOString()];

async function command(code, cmd) {
  const d = await app.get(`/api/staff/cases/${code}`, { cookie: coordinator });
  return app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command: cmd }, { cookie: coordinator });
}

async function propose(code, community, staff, cookie = coordinator) {
  return app.post(`/api/staff/cases/${code}/sessions`, {
    title: '调解', slots: slotsFrom(nextDay()), length_minutes: 60, buffer_minutes: 0,
    venue: { kind: 'online', url: 'https://meet.example/matrix' }, staff, parties: ['applicant'],
  }, { cookie });
}

describe('the session action matrix', () => {
  let policy;
  const cases = {};
  before(async () => {
    policy = new Map((await app.get('/api/policy')).json.map(([role, rows]) => [role, new Map(rows)]));
    for (const a of accounts) {
      const mk = async (community, assigned) => {
        const filed = (await app.post('/api/cases', goodFiling({ community, grid: `${community}-g1` }), { 'Idempotency-Key': randomUUID() })).json;
        assert.equal((await command(filed.code, { command: 'accept' })).status, 200);
        const handler = assigned && a.handler
          ? { username: a.username, role: a.role, lead: true }
          : { username: mediatorOf(community), role: 'mediator', lead: true };
        assert.equal((await command(filed.code, { command: 'set_handlers', handlers: [handler] })).status, 200);
        // A session to cancel, and one the account takes part in where it can (an account
        // outside the community, or one that handles no cases, cannot be named).
        const toCancel = await propose(filed.code, community, [mediatorOf(community)]);
        assert.equal(toCancel.status, 201, toCancel.text);
        const joined = await propose(filed.code, community, [mediatorOf(community), a.username]);
        const withMe = joined.status === 201
          ? joined.json.session.id
          : (await propose(filed.code, community, [mediatorOf(community)])).json.session.id;
        return { code: filed.code, community, cancel: toCancel.json.session.id, answer: withMe, participant: joined.status === 201 };
      };
      cases[a.username] = {
        assigned: await mk(a.own, true),
        unassigned: await mk(a.own, false),
        other: await mk(a.other, false),
        street: await mk(a.street, false),
      };
    }
  });

  const routes = [
    { name: 'propose a session', action: 'schedule_sessions', on: 'case',
      call: (c, r) => propose(r.code, r.community, [mediatorOf(r.community)], c) },
    { name: 'cancel a session', action: 'schedule_sessions', on: 'case',
      call: (c, r) => app.post(`/api/staff/sessions/${r.cancel}/cancel`, {}, { cookie: c }) },
    { name: 'answer as a participant', action: 'answer_sessions', on: 'participant',
      call: (c, r) => app.post(`/api/staff/sessions/${r.answer}/answers`, { answers: [[1, true], [2, false]] }, { cookie: c }) },
    { name: 'read the agenda', action: 'keep_own_calendar', on: 'street',
      call: (c) => app.get('/api/staff/sessions?mine=1', { cookie: c }) },
    { name: 'read working hours', action: 'keep_own_calendar', on: 'street',
      call: (c) => app.get('/api/staff/availability', { cookie: c }) },
  ];

  function expected(account, route, variant, resource) {
    const reach = policy.get(account.role).get(route.action) ?? 'none';
    const within = inScope(account, variant);
    if (reach === 'none') return false;
    if (route.on === 'street') return true;
    if (route.on === 'participant') return within && resource.participant;
    if (reach === 'district' || reach === 'street' || reach === 'community') return within;
    return within && variant === 'assigned' && account.handler;
  }

  test('every role × every session route × own community, another, another street × assigned or not', async () => {
    let checked = 0;
    const failures = [];
    for (const account of accounts) {
      const { cookie } = await app.login(account.username);
      for (const route of routes) {
        const variants = route.on === 'street' ? ['assigned'] : ['assigned', 'unassigned', 'other', 'street'];
        for (const variant of variants) {
          const resource = cases[account.username][variant];
          const res = await route.call(cookie, resource);
          const allowed = expected(account, route, variant, resource);
          const denied = res.status === 403 || res.status === 404;
          const ok = allowed ? res.status >= 200 && res.status < 300 : denied;
          if (!ok) failures.push(`${account.username} ${route.name} (${variant}): expected ${allowed ? 'allowed' : 'denied'}, got ${res.status} ${res.text.slice(0, 120)}`);
          checked++;
        }
      }
    }
    console.log(`session action matrix: ${checked} checks over ${accounts.length} roles and ${routes.length} routes`);
    assert.deepEqual(failures, []);
  });

  test('the case lists what each reader may do to its sessions', async () => {
    const mediator = (await app.login('mediator01')).cookie;
    const police = (await app.login('police01')).cookie;
    const mine = cases.mediator01.assigned;
    const list = (await app.get(`/api/staff/cases/${mine.code}/sessions`, { cookie: mediator })).json;
    const cancelled = list.find((s) => s.id === mine.cancel);
    assert.deepEqual(cancelled.allowed_actions, [], 'a cancelled session offers nothing');
    const open = list.find((s) => s.id === mine.answer);
    assert.deepEqual(open.allowed_actions, ['answer', 'confirm', 'cancel']);
    // A police officer handling the case schedules, but answers only sessions they are in.
    const theirs = cases.police01.assigned;
    const seen = (await app.get(`/api/staff/cases/${theirs.code}/sessions`, { cookie: police })).json;
    assert.ok(seen.length >= 1);
    for (const s of seen) {
      assert.equal(s.allowed_actions.includes('answer'), s.status === 'proposed' && s.staff.includes('police01'), JSON.stringify(s.allowed_actions));
    }
    const detail = (await app.get(`/api/staff/cases/${theirs.code}`, { cookie: police })).json;
    assert.equal(detail.may_schedule_sessions, true);
  });
});
