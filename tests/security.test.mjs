// Accounts, roles, scoping and abuse protection over HTTP: the authorization matrix generated
// from the policy table, brute force, session revocation, CSRF, headers, the audit chain and
// retention.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling, DEMO_PASSWORD, ROLE_ACCOUNTS, inScope, MEDIATOR_OF } from './harness.mjs';

let app;
let coordinator;
let admin;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
  admin = (await app.login('admin')).cookie;
});
after(async () => { await app?.stop(); });

async function file(community, grid, headers = {}) {
  const res = await app.post('/api/cases', goodFiling({ community, grid }), { 'Idempotency-Key': randomUUID(), ...headers });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function command(code, cmd, cookie = coordinator, headers = {}) {
  const d = await app.get(`/api/staff/cases/${code}`, { cookie, ...headers });
  return app.post(`/api/staff/cases/${code}/commands`, { version: d.json?.version ?? 0, command: cmd }, { cookie, ...headers });
}

describe('the authorization matrix', () => {
  const accounts = ROLE_ACCOUNTS;

  // Every staff route, the policy action it needs, and how to call it on a resource.
  const routes = [
    { name: 'list cases', action: 'list_cases', on: 'community',
      call: (c, r) => app.get(`/api/staff/cases?community=${r.community}`, { cookie: c }) },
    { name: 'read case', action: 'read_case', on: 'case',
      call: (c, r) => app.get(`/api/staff/cases/${r.code}`, { cookie: c }) },
    { name: 'change case (note)', action: 'change_case', on: 'case',
      call: (c, r) => app.post(`/api/staff/cases/${r.code}/commands`, { version: r.version(), command: { command: 'add_note', text: 'matrix', visibility: 'internal' } }, { cookie: c }) },
    { name: 'record intake', action: 'record_intake', on: 'community',
      call: (c, r) => app.post('/api/staff/intake', { ...goodFiling({ community: r.community, grid: `${r.community}-g1` }), channel: 'hotline' }, { cookie: c, 'Idempotency-Key': randomUUID() }) },
    { name: 'merge cases', action: 'merge_cases', on: 'case',
      call: (c, r) => app.post(`/api/staff/cases/${r.code}/merge`, { version: r.version(), duplicate: r.code.replace(/-\d+$/, '-9999') }, { cookie: c }) },
    { name: 'list people', action: 'list_people', on: 'community',
      call: (c, r) => app.get(`/api/staff/people?community=${r.community}`, { cookie: c }) },
    { name: 'run escalation', action: 'run_escalation', on: 'street',
      call: (c) => app.post('/api/staff/escalations/run', {}, { cookie: c }) },
    { name: 'list users', action: 'manage_users', on: 'street',
      call: (c) => app.get('/api/admin/users', { cookie: c }) },
    { name: 'change directory', action: 'manage_directory', on: 'street',
      call: async (c) => app.post('/api/admin/directory', (await app.get('/api/directory')).json, { cookie: c }) },
    { name: 'read audit', action: 'read_audit', on: 'street',
      call: (c) => app.get('/api/admin/audit?scope=street', { cookie: c }) },
    { name: 'run retention', action: 'run_retention', on: 'street',
      call: (c) => app.post('/api/admin/retention/run', {}, { cookie: c }) },
  ];

  let policy;
  const cases = {};
  before(async () => {
    policy = new Map((await app.get('/api/policy')).json.map(([role, rows]) => [role, new Map(rows)]));
    // For each account: a case in its own community assigned to it, one not assigned, one in
    // another community of the street, and one in another street.
    for (const a of accounts) {
      const mk = async (community, assigned) => {
        const filed = await file(community, `${community}-g1`);
        // The district coordinator sets up cases in every street.
        const district = (await app.login('district')).cookie;
        await command(filed.code, { command: 'accept' }, district);
        const handler = assigned && a.handler
          ? { username: a.username, role: a.role, lead: true }
          : { username: MEDIATOR_OF[community], role: 'mediator', lead: true };
        const set = await command(filed.code, { command: 'set_handlers', handlers: [handler] }, district);
        assert.equal(set.status, 200, set.text);
        let version = set.json.version;
        return { code: filed.code, community, version: () => version, bump: () => { version += 1; } };
      };
      cases[a.username] = {
        assigned: await mk(a.own, true),
        unassigned: await mk(a.own, false),
        other: await mk(a.other, false),
        street: await mk(a.street, false),
      };
    }
  });

  /** What the policy says, by the same rule as `policy::allows`. */
  function expected(account, route, variant) {
    const reach = policy.get(account.role).get(route.action);
    const within = inScope(account, variant);
    if (reach === 'none') return false;
    if (reach === 'district' || reach === 'street' || reach === 'community') return within;
    // "Assigned": a list in scope is allowed but holds only the person's cases; a case needs
    // the person among its handlers.
    if (route.on === 'community') return within;
    return within && variant === 'assigned' && account.handler;
  }

  /** A refusal: 403 or 404, or for intake the 422 that reads a foreign community as unknown. */
  function refused(route, res) {
    if (res.status === 403 || res.status === 404) return true;
    return route.action === 'record_intake' && res.status === 422 && res.json?.error?.code === 'unknown_community';
  }

  test('every role × every staff route × own community, another, another street × assigned or not', async () => {
    let checked = 0;
    const failures = [];
    for (const account of accounts) {
      const { cookie } = await app.login(account.username);
      for (const route of routes) {
        const variants = route.on === 'street' ? ['assigned'] : route.on === 'community' ? ['assigned', 'other', 'street'] : ['assigned', 'unassigned', 'other', 'street'];
        for (const variant of variants) {
          const resource = cases[account.username][variant];
          const res = await route.call(cookie, resource);
          const allowed = expected(account, route, variant);
          const denied = refused(route, res);
          if (allowed === denied || res.status === 401 || res.status >= 500) {
            failures.push(`${account.username} ${route.name} (${variant}): expected ${allowed ? 'allowed' : 'denied'}, got ${res.status} ${res.text.slice(0, 120)}`);
          }
          if (allowed && route.action === 'change_case' && res.status === 200) resource.bump();
          if (allowed && route.action === 'list_cases' && res.status === 200 && policy.get(account.role).get('list_cases') === 'assigned') {
            // A specialist's list holds only cases they handle.
            assert.ok(res.json.items.every((i) => i.handlers.some((h) => h.username === account.username)), `${account.username} saw a case not theirs`);
          }
          checked++;
        }
      }
    }
    assert.deepEqual(failures, []);
    console.log(`authorization matrix: ${checked} checks over ${accounts.length} roles and ${routes.length} routes`);
    assert.ok(checked >= 300);
  });

  test('contact details show only to those the policy allows', async () => {
    const own = cases.mediator01.unassigned;
    const mediator = (await app.login('mediator01')).cookie;
    const seen = await app.get(`/api/staff/cases/${own.code}`, { cookie: mediator });
    assert.equal(seen.json.parties[0].phone, '13812345678');
    const police = (await app.login('police01')).cookie;
    const assigned = await app.get(`/api/staff/cases/${cases.police01.assigned.code}`, { cookie: police });
    assert.equal(assigned.json.parties[0].phone, '13812345678');
    const hidden = await app.get(`/api/staff/cases/${own.code}`, { cookie: police });
    assert.equal(hidden.status, 404);
  });
});

describe('sessions and accounts', () => {
  test('signing out ends the session for every client holding it', async () => {
    const { cookie } = await app.login('mediator01');
    const second = cookie; // the same session in another client
    assert.equal((await app.get('/api/staff/me', { cookie: second })).status, 200);
    assert.equal((await app.post('/api/staff/logout', {}, { cookie })).status, 204);
    assert.equal((await app.get('/api/staff/me', { cookie: second })).status, 401);
  });

  test('an admin creates a user who must change the temporary password; disabling ends their sessions', async () => {
    const username = `li${Date.now() % 100000}`;
    const created = await app.post('/api/admin/users', {
      username, display_name: '李新', role: 'mediator', scope: { kind: 'communities', communities: ['zh03'] },
      temporary_password: 'temporary-pass-123',
    }, { cookie: admin });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.must_change_password, true);
    const dup = await app.post('/api/admin/users', {
      username, display_name: '李新', role: 'mediator', scope: { kind: 'communities', communities: ['zh03'] },
      temporary_password: 'temporary-pass-123',
    }, { cookie: admin });
    assert.equal(dup.status, 422);
    assert.equal(dup.json.error.field, 'username');
    const weak = await app.post('/api/admin/users', { username: `${username}x`, display_name: 'x', role: 'mediator', scope: { kind: 'communities', communities: ['zh03'] }, temporary_password: 'short' }, { cookie: admin });
    assert.equal(weak.json.error.field, 'temporary_password');
    const wideMediator = await app.post('/api/admin/users', { username: `${username}y`, display_name: 'y', role: 'mediator', scope: { kind: 'street' }, temporary_password: 'temporary-pass-123' }, { cookie: admin });
    assert.equal(wideMediator.json.error.field, 'scope');

    let { res, cookie } = await app.login(username, 'temporary-pass-123');
    assert.equal(res.json.must_change_password, true);
    const blocked = await app.queue(cookie);
    assert.equal(blocked.status, 403);
    assert.equal(blocked.json.error.code, 'password_change_required');
    const wrong = await app.post('/api/staff/password', { current_password: 'nope', new_password: 'a much better secret' }, { cookie });
    assert.equal(wrong.json.error.field, 'current_password');
    const changed = await app.post('/api/staff/password', { current_password: 'temporary-pass-123', new_password: 'a much better secret' }, { cookie });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await app.get('/api/staff/me', { cookie })).status, 401, 'the old session ended with the change');
    cookie = changed.headers.get('set-cookie').split(';')[0];
    assert.equal((await app.queue(cookie)).status, 200);
    const other = (await app.login(username, 'a much better secret')).cookie;

    const disabled = await app.post(`/api/admin/users/${username}`, { disabled: true }, { cookie: admin });
    assert.equal(disabled.status, 200);
    assert.equal((await app.queue(cookie)).status, 401);
    assert.equal((await app.queue(other)).status, 401);
    assert.equal((await app.login(username, 'a much better secret')).res.status, 401);

    await app.post(`/api/admin/users/${username}`, { disabled: false }, { cookie: admin });
    const reset = await app.post(`/api/admin/users/${username}/password`, { temporary_password: 'another-temp-456' }, { cookie: admin });
    assert.equal(reset.json.must_change_password, true);
    assert.equal((await app.login(username, 'a much better secret')).res.status, 401);
    assert.equal((await app.login(username, 'another-temp-456')).res.json.must_change_password, true);

    const users = await app.get('/api/admin/users', { cookie: admin });
    assert.ok(!users.text.includes('argon2'), 'no password hashes leave the server');
  });

  test('the directory can be changed by an admin, checked whole, and community numbers stay', async () => {
    const dir = (await app.get('/api/directory')).json;
    const renamed = structuredClone(dir);
    renamed.communities[2].name.en = 'Songjiang Road (renamed)';
    const ok = await app.post('/api/admin/directory', renamed, { cookie: admin });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await app.get('/api/directory')).json.communities[2].name.en, 'Songjiang Road (renamed)');
    const renumbered = structuredClone(dir);
    renumbered.communities[2].number = 77;
    const refused = await app.post('/api/admin/directory', renumbered, { cookie: admin });
    assert.equal(refused.status, 422);
    const broken = structuredClone(dir);
    broken.communities[1].grids = [];
    assert.equal((await app.post('/api/admin/directory', broken, { cookie: admin })).json.error.field, 'communities.grids');
    await app.post('/api/admin/directory', dir, { cookie: admin });
  });
});

describe('requests and headers', () => {
  test('a cookie-authenticated change from a foreign or missing origin is refused', async () => {
    const { cookie } = await app.login('mediator01');
    const foreign = await app.post('/api/staff/logout', {}, { cookie, origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.json.error.code, 'foreign_origin');
    const missing = await app.post('/api/staff/logout', {}, { cookie, origin: null });
    assert.equal(missing.status, 403);
    assert.equal((await app.get('/api/staff/me', { cookie })).status, 200, 'the session survived both attempts');
    const login = await app.post('/api/staff/login', { username: 'mediator01', password: DEMO_PASSWORD }, { origin: 'https://evil.example' });
    assert.equal(login.status, 403, 'no login CSRF either');
    const resident = await app.post('/api/track', { code: 'x', secret: 'y' }, { origin: 'https://elsewhere.example' });
    assert.equal(resident.status, 404, 'resident routes carry no cookie and need no origin');
  });

  test('no state changes through GET', async () => {
    for (const path of ['/api/staff/logout', '/api/cases', '/api/track', '/api/staff/escalations/run', '/api/admin/retention/run']) {
      assert.equal((await app.get(path)).status, 405, path);
    }
  });

  test('every response carries the security headers; the page carries the strict CSP', async () => {
    const { cookie } = await app.login('coordinator');
    const api = [
      await app.get('/api/health'), await app.get('/api/directory'), await app.get('/api/openapi.json'),
      await app.get('/api/nope'), await app.queue(cookie), await app.track('x', 'y'),
      await app.post('/api/cases', {}, {}),
    ];
    for (const res of api) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.ok(res.headers.get('referrer-policy'));
      assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
    }
    for (const res of [api[4], api[5]]) assert.equal(res.headers.get('cache-control'), 'no-store');
    for (const path of ['/', '/report', '/staff', '/boot.js', '/style.css', '/pkg/resident.js']) {
      const res = await app.get(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.ok(!/unsafe-inline/.test(csp.split(';').find((d) => d.includes('script-src'))), path);
      assert.ok(res.headers.get('referrer-policy'), path);
    }
    const page = await app.get('/');
    assert.doesNotMatch(page.text, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  });
});

describe('audit and retention', () => {
  test('reads of party details and every change are chained; a forged entry is found', async () => {
    const filed = await file('zh05', 'zh05-g1');
    await command(filed.code, { command: 'accept' });
    const log = await app.get('/api/admin/audit?scope=zh05', { cookie: admin });
    assert.equal(log.status, 200, log.text);
    assert.equal(log.json.check.intact, true);
    const actions = log.json.entries.map((e) => `${e.actor} ${e.action} ${e.target}`);
    assert.ok(actions.includes(`resident case.filed ${filed.code}`), actions.join('\n'));
    assert.ok(actions.includes(`coordinator case.read_contact ${filed.code}`));
    assert.ok(actions.includes(`coordinator case.accepted ${filed.code}`));
    assert.ok(log.json.entries.every((e) => /\/24$|\/48$|^unknown$/.test(e.origin)));
    assert.doesNotMatch(log.text, /13812345678|张三/, 'no personal data in the audit log');
    const street = await app.get('/api/admin/audit?scope=street', { cookie: admin });
    assert.ok(street.json.entries.some((e) => e.action === 'session.login' && e.actor === 'admin'));
    const exported = await app.get('/api/admin/audit/export?scope=zh05', { cookie: admin });
    assert.match(exported.headers.get('content-disposition'), /attachment; filename="accord-audit-zh05.json"/);
    const mediatorAudit = await app.get('/api/admin/audit?scope=zh05', { cookie: coordinator });
    assert.equal(mediatorAudit.status, 403);

    assert.equal((await app.post('/api/dev/audit/tamper?scope=zh05', {})).status, 200);
    const after = await app.get('/api/admin/audit?scope=zh05', { cookie: admin });
    assert.equal(after.json.check.intact, false);
    assert.equal(after.json.check.first_broken, 1);
  });

  test('retention erases the personal fields of old closed cases and keeps their figures', async () => {
    const dir = (await app.get('/api/directory')).json;
    const t0 = '2032-01-10T00:00:00Z';
    const clock = { 'X-Accord-Test-Now': t0 };
    const filed = await file('zh01', 'zh01-g3', clock);
    for (const cmd of [
      { command: 'accept' },
      { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
      { command: 'start' }, { command: 'resolve', outcome: 'agreement_reached', note: '张三 and 刘先生 signed' },
      { command: 'begin_follow_up' }, { command: 'close' },
    ]) {
      const res = await command(filed.code, cmd, coordinator, clock);
      assert.equal(res.status, 200, `${cmd.command}: ${res.text}`);
    }
    const runAt = (iso) => app.post('/api/admin/retention/run', {}, { cookie: admin, 'X-Accord-Test-Now': iso });
    const found = async (q) => (await app.queue(coordinator, `?q=${encodeURIComponent(q)}`)).json.items
      .some((item) => item.code === filed.code);
    assert.ok(await found('13812345678') && await found('中华路12号'), 'found by phone and address before');
    const early = await runAt('2032-02-01T00:00:00Z');
    assert.equal(early.status, 200, early.text);
    assert.equal((await app.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator })).json.parties[0].name, '张三');

    const later = new Date(Date.parse(t0) + (dir.retention_days + 2) * 86400_000).toISOString();
    const first = await runAt(later);
    assert.ok(first.json.erased >= 1, first.text);
    const erased = await app.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator });
    assert.doesNotMatch(erased.text, /张三|13812345678|中华路12号|噪音|刘先生/);
    assert.equal(erased.json.status, 'closed');
    assert.equal(erased.json.outcome, 'agreement_reached');
    assert.equal(erased.json.category, 'neighbours');
    assert.equal(erased.json.community, 'zh01');
    assert.equal(erased.json.timeline[0].kind, 'personal_data_erased');
    assert.ok(!(await found('13812345678')) && !(await found('中华路12号')), 'no longer found by them');
    assert.ok(await found(filed.code), 'the code still finds it');
    const second = await runAt(later);
    assert.equal(second.json.erased, 0, 'a second run erases nothing more');
    const tracked = await app.track(filed.code, filed.secret);
    assert.equal(tracked.status, 200);
    assert.equal(tracked.json.status, 'closed');
  });
});

describe('guessing is slowed', () => {
  test('repeated wrong passwords lock the account with 429 and Retry-After', async () => {
    for (let i = 0; i < 4; i++) {
      assert.equal((await app.login('mediator02', 'wrong password')).res.status, 401);
    }
    const fifth = (await app.login('mediator02', 'wrong password')).res;
    assert.equal(fifth.status, 429);
    assert.ok(Number(fifth.headers.get('retry-after')) > 0);
    const right = (await app.login('mediator02', DEMO_PASSWORD)).res;
    assert.equal(right.status, 429, 'locked even for the right password');
    const unknown = [];
    for (let i = 0; i < 5; i++) unknown.push((await app.login('nobody-at-all', 'x')).res.status);
    assert.deepEqual(unknown, [401, 401, 401, 401, 429], 'unknown usernames lock alike');
  });

  test('guessing one code is slowed per code, and guessing many per address', async () => {
    const filed = await file('zh07', 'zh07-g1');
    const wrong = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA';
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await app.track(filed.code, wrong)).status);
    assert.deepEqual(statuses, [...Array(9).fill(404), 429]);
    const locked = await app.track(filed.code, filed.secret);
    assert.equal(locked.status, 429, 'even the right secret waits');
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    // Other codes from the same address still answer until the address limit.
    const other = await file('zh07', 'zh07-g1');
    assert.equal((await app.track(other.code, other.secret)).status, 200);
    const more = [];
    for (let i = 0; i < 15; i++) more.push((await app.track(`ZH07-2026-${9000 + i}`, wrong)).status);
    assert.equal(more.at(-1), 429, `the address is locked after its limit: ${more}`);
    assert.equal((await app.track(other.code, other.secret)).status, 429);
  });
});

describe('a wrong current password is a guess too', () => {
  test('wrong current passwords lock like wrong sign-ins, for the change and the sign-in alike', async () => {
    const { cookie } = await app.login('liaison01');
    assert.ok(cookie);
    const change = (current) => app.post('/api/staff/password', { current_password: current, new_password: 'a much better secret' }, { cookie });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await change('not my password')).status);
    assert.deepEqual(statuses, [422, 422, 422, 422, 429]);
    const locked = await change(DEMO_PASSWORD);
    assert.equal(locked.status, 429, locked.text);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    assert.equal(locked.json.error.code, 'too_many_attempts');
    assert.equal((await app.login('liaison01')).res.status, 429, 'the sign-in waits too');
  });
});

describe('guessing is counted whatever the spelling', () => {
  // An hour on, past every lock and window the tests above left on this address.
  const later = { 'X-Accord-Test-Now': new Date(Date.now() + 60 * 60 * 1000).toISOString() };

  test('one code typed three ways is one count of ten', async () => {
    const filed = await file('zh08', 'zh08-g1');
    const wrong = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA';
    const [head, year, seq] = filed.code.split('-');
    const spellings = [filed.code, `${head} ${year} ${seq}`, `${head}-${year}-00${seq}`.toLowerCase()];
    const statuses = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await app.post('/api/track', { code: spellings[i % 3], secret: wrong }, later)).status);
    }
    assert.deepEqual(statuses, [...Array(9).fill(404), 429], 'the tenth miss locks the code, however it was typed');
    for (const code of spellings) {
      const locked = await app.post('/api/track', { code, secret: filed.secret }, later);
      assert.equal(locked.status, 429, `${code}: ${locked.text}`);
    }
  });
});
