// The figures over HTTP: live filings and commands move the kept counters exactly (one at a
// time and in a concurrent burst), the recount check finds no difference until a counter is
// corrupted on purpose, a generated reference history imports (once: again it is unchanged)
// and the street's dashboard over its two years shows the generator's own count, bad
// parameters and foreign scopes are refused, and the public page shows no count under five.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

let app;
let coordinator;
let admin;
let mediator;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
  admin = (await app.login('admin')).cookie;
  mediator = (await app.login('mediator01')).cookie;
  assert.ok(coordinator && admin && mediator, 'the demo accounts sign in');
});
after(async () => { await app?.stop(); });

const zh01 = (overrides = {}) => goodFiling({ community: 'zh01', grid: 'zh01-g1', ...overrides });

/** The calendar day in the street's zone (Asia/Shanghai, UTC+8 all year). */
const shanghaiDay = (ms = Date.now()) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** The reference history ends on this day (a test-clock time well before the live cases). */
const HISTORY_END = '2025-06-30T04:00:00Z';
/** Set by the import test, read by the public page test. */
let truth;

async function file(body = zh01()) {
  const res = await app.fileCase(body, randomUUID());
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function give(code, command, cookie = coordinator, version) {
  const v = version ?? (await app.detail(cookie, code)).json.version;
  return app.post(`/api/staff/cases/${code}/commands`, { version: v, command }, { cookie });
}

async function step(code, command, cookie = coordinator) {
  const res = await give(code, command, cookie);
  assert.equal(res.status, 200, `${command.command}: ${res.text}`);
  return res.json;
}

function figuresPath(query) {
  return `/api/staff/figures?${new URLSearchParams(query)}`;
}

async function figures(query, cookie = coordinator) {
  const res = await app.get(figuresPath(query), { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const total = (view) => view.table.total;
const row = (view, value) => view.table.rows.find((r) => r.value === value);
const rowCount = (view, value, count = 'filed') => row(view, value)?.counts[count] ?? 0;
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

async function check(cookie = admin) {
  const res = await app.post('/api/admin/figures/check', {}, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

function assertError(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.ok(res.json?.error, `a JSON error body: ${res.text}`);
  if (field !== undefined) assert.equal(res.json.error.field, field, res.text);
}

async function importLines(lines, firstLine = 1, cookie = admin) {
  const res = await app.post('/api/admin/import', { first_line: firstLine, lines }, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

test('filing cases live moves the dashboard\'s filed count exactly, and the breakdowns add up', async () => {
  const today = shanghaiDay();
  const plan = [
    ['dispute', 'neighbours'], ['dispute', 'neighbours'], ['dispute', 'neighbours'],
    ['dispute', 'family'], ['dispute', 'family'],
    ['hazard', 'fire_escape'],
  ];
  for (const [i, [kind, category]] of plan.entries()) {
    await file(zh01({ kind, category, grid: i % 2 ? 'zh01-g2' : 'zh01-g1' }));
  }
  const n = plan.length;
  const byCategory = await figures({ community: 'zh01', from: today, to: today, by: 'category' });
  assert.equal(byCategory.community, 'zh01');
  assert.deepEqual(byCategory.communities, ['zh01']);
  assert.deepEqual(byCategory.by_community, [], 'one community: no roll-up rows');
  const t = total(byCategory);
  assert.equal(t.counts.filed, n);
  assert.equal(t.counts.open_now, n);
  assert.equal(t.counts.accepted, 0);
  assert.equal(t.counts.concluded, 0);
  assert.equal(sum(t.risk), n, 'every filed case at one risk level');
  assert.deepEqual(t.success_rate, { numerator: 0, denominator: 0 });
  assert.equal(sum(byCategory.table.rows.map((r) => r.counts.filed)), n, 'category rows add up to the total');
  assert.equal(rowCount(byCategory, 'neighbours'), 3);
  assert.equal(rowCount(byCategory, 'family'), 2);
  assert.equal(rowCount(byCategory, 'fire_escape'), 1);
  const month = today.slice(0, 7);
  const trendMonth = byCategory.trend.find((m) => m.month === month);
  assert.equal(trendMonth?.filed, n, `the trend's ${month}: ${JSON.stringify(byCategory.trend)}`);
  assert.equal(byCategory.trend.length, 12);

  const byKind = await figures({ community: 'zh01', from: today, to: today, by: 'kind' });
  assert.equal(rowCount(byKind, 'dispute'), 5);
  assert.equal(rowCount(byKind, 'hazard'), 1);
  const byGrid = await figures({ community: 'zh01', from: today, to: today, by: 'grid' });
  assert.equal(rowCount(byGrid, 'zh01-g1'), 3);
  assert.equal(rowCount(byGrid, 'zh01-g2'), 3);
  const byChannel = await figures({ community: 'zh01', from: today, to: today, by: 'channel' });
  assert.equal(rowCount(byChannel, 'web'), n);
  const byHandler = await figures({ community: 'zh01', from: today, to: today, by: 'handler_role' });
  assert.equal(rowCount(byHandler, 'none'), n, 'no handler yet');
  const all = await figures({ community: 'zh01', from: today, to: today, by: 'all' });
  assert.deepEqual(all.table.rows, []);
  assert.deepEqual(all.table.total.counts, t.counts);
  // Yesterday saw none of them.
  const yesterday = shanghaiDay(Date.now() - 86_400_000);
  assert.equal(total(await figures({ community: 'zh01', from: yesterday, to: yesterday })).counts.filed, 0);

  // The street as its coordinator sees it: 34 communities rolled up, zh01 holding the six.
  const street = await figures({ from: today, to: today });
  assert.equal(street.community, null);
  assert.equal(street.communities.length, 34);
  assert.equal(street.by_community.length, 34);
  assert.equal(total(street).counts.filed, n);
  assert.equal(street.by_community.find((r) => r.value === 'zh01').counts.filed, n);
  assert.equal(sum(street.by_community.map((r) => r.counts.filed)), n);

  // A mediator of zh01 reads zh01 only, and the same numbers.
  const mine = await figures({ from: today, to: today }, mediator);
  assert.deepEqual(mine.communities, ['zh01']);
  assert.deepEqual(total(mine).counts, t.counts);
});

test('resolving a case through the loop moves resolved and the success rate; a failure moves only the denominator', async () => {
  const today = shanghaiDay();
  const q = { community: 'zh01', from: today, to: today, by: 'kind' };
  const filed = await file(zh01({ category: 'neighbours' }));
  const failing = await file(zh01({ category: 'family' }));
  const start = await figures(q);
  const delta = (later, count) => total(later).counts[count] - total(start).counts[count];

  for (const f of [filed, failing]) {
    await step(f.code, { command: 'accept' });
    await step(f.code, { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] });
    await step(f.code, { command: 'start' }, mediator);
  }
  const accepted = await figures(q);
  assert.equal(delta(accepted, 'accepted'), 2);
  assert.equal(total(accepted).days_triage.count - total(start).days_triage.count, 2);

  const resolved = await step(filed.code, { command: 'resolve', outcome: 'agreement_reached' }, mediator);
  assert.equal(resolved.status, 'resolved');
  const afterResolve = await figures(q);
  assert.equal(delta(afterResolve, 'resolved'), 1);
  assert.equal(delta(afterResolve, 'concluded'), 1);
  assert.equal(delta(afterResolve, 'mediation_failed'), 0);
  assert.equal(delta(afterResolve, 'open_now'), 0, 'resolved is still open: the follow-up is to come');
  assert.deepEqual(total(afterResolve).success_rate, {
    numerator: total(start).success_rate.numerator + 1,
    denominator: total(start).success_rate.denominator + 1,
  });
  assert.equal(rowCount(afterResolve, 'dispute', 'resolved') - rowCount(start, 'dispute', 'resolved'), 1);
  assert.equal(total(afterResolve).days_to_conclusion.count - total(start).days_to_conclusion.count, 1);
  assert.equal(total(afterResolve).days_to_conclusion.median, 0, 'resolved the day it was filed');

  await step(failing.code, { command: 'fail_mediation', reason: '双方分歧较大' }, mediator);
  const afterFailure = await figures(q);
  assert.equal(delta(afterFailure, 'mediation_failed'), 1);
  assert.equal(delta(afterFailure, 'concluded'), 2);
  assert.deepEqual(total(afterFailure).success_rate, {
    numerator: total(start).success_rate.numerator + 1,
    denominator: total(start).success_rate.denominator + 2,
  });
  await step(failing.code, { command: 'refer', target: 'court', receiving_body: '甘井子区人民法院', reason: '调解不成' }, mediator);
  const afterReferral = await figures(q);
  assert.equal(delta(afterReferral, 'referred_court'), 1);
  assert.equal(delta(afterReferral, 'concluded'), 2, 'a referral after a failure is the same one failure');
  assert.equal(delta(afterReferral, 'mediation_failed'), 1);

  await step(filed.code, { command: 'begin_follow_up' }, mediator);
  const asked = await figures(q);
  assert.equal(delta(asked, 'feedback_asked'), 1);
  assert.equal(delta(asked, 'feedback_given'), 0);
  const rated = await app.post('/api/track/feedback', { code: filed.code, secret: filed.secret, confirmed: true, satisfaction: 4 });
  assert.equal(rated.status, 200, rated.text);
  const given = await figures(q);
  assert.equal(delta(given, 'feedback_given'), 1);
  assert.equal(total(given).satisfaction[3] - total(start).satisfaction[3], 1, 'one rating of 4');
  assert.equal(total(given).response_rate.numerator - total(start).response_rate.numerator, 1);
  await step(filed.code, { command: 'close' }, mediator);
  const closed = await figures(q);
  assert.equal(delta(closed, 'open_now'), -1, 'the closed case is no longer open');
  assert.equal(total(closed).days_follow_up.count - total(start).days_follow_up.count, 1);
  assert.deepEqual(total(closed).success_rate, total(afterFailure).success_rate, 'closing moves no rate');
});

test('a concurrent burst of 20 filings and 10 commands leaves the counters exact, and the recount finds no difference', async () => {
  const today = shanghaiDay();
  const q = { community: 'zh01', from: today, to: today, by: 'category' };
  const prepared = [];
  for (let i = 0; i < 8; i++) prepared.push(await file(zh01({ category: 'consumer' })));
  const start = await figures(q);
  const streetStart = await figures({ from: today, to: today, by: 'kind' });

  const filings = Array.from({ length: 20 }, (_, i) =>
    app.fileCase(zh01({ category: i % 2 ? 'landlord_tenant' : 'debt_contract', grid: `zh01-g${1 + (i % 3)}` }), randomUUID()));
  // Eight cases accepted at once, two of them twice on the same version: one of each pair wins.
  const commands = [...prepared, prepared[0], prepared[1]].map((f) =>
    app.post(`/api/staff/cases/${f.code}/commands`, { version: 1, command: { command: 'accept' } }, { cookie: coordinator }));
  const answers = await Promise.all([...filings, ...commands]);
  const filed = answers.slice(0, 20);
  const given = answers.slice(20);
  for (const res of filed) assert.equal(res.status, 201, res.text);
  assert.equal(new Set(filed.map((r) => r.json.code)).size, 20, 'twenty codes');
  const ok = given.filter((r) => r.status === 200);
  const conflicts = given.filter((r) => r.status === 409);
  assert.equal(ok.length, 8, given.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join('\n'));
  assert.equal(conflicts.length, 2);
  for (const res of conflicts) assert.equal(res.json.error.code, 'version_conflict');

  const end = await figures(q);
  const delta = (count) => total(end).counts[count] - total(start).counts[count];
  assert.equal(delta('filed'), 20);
  assert.equal(delta('accepted'), 8);
  assert.equal(delta('open_now'), 20);
  assert.equal(sum(total(end).risk) - sum(total(start).risk), 20);
  assert.equal(rowCount(end, 'landlord_tenant') - rowCount(start, 'landlord_tenant'), 10);
  assert.equal(rowCount(end, 'debt_contract') - rowCount(start, 'debt_contract'), 10);
  assert.equal(rowCount(end, 'consumer', 'accepted') - rowCount(start, 'consumer', 'accepted'), 8);
  assert.equal(sum(end.table.rows.map((r) => r.counts.filed)), total(end).counts.filed);
  const streetEnd = await figures({ from: today, to: today, by: 'kind' });
  assert.equal(total(streetEnd).counts.filed - total(streetStart).counts.filed, 20);
  assert.equal(total(streetEnd).counts.accepted - total(streetStart).counts.accepted, 8);

  const report = await check();
  assert.equal(report.communities, 34);
  assert.equal(report.differences, 0, JSON.stringify(report.found).slice(0, 2000));
  assert.deepEqual(report.found, []);
  assert.ok(report.cases >= 6 + 2 + 8 + 20, `${report.cases} cases recounted`);
  assert.ok(report.cells > 0);
  // Recounting is the admin's: a coordinator may not.
  assertError(await app.post('/api/admin/figures/check', {}, { cookie: coordinator }), 403);
  assertError(await app.post('/api/admin/figures/check', {}), 401);
});

/** A reference line changed: `patch` merges into the parsed line. */
function patched(line, patch) {
  return JSON.stringify({ ...JSON.parse(line), ...patch });
}

test('a reference history imports in chunks, once; the dashboard over its two years shows the generator\'s count', async () => {
  const ref = await app.get('/api/dev/reference-history?cases=300', { 'X-Accord-Test-Now': HISTORY_END });
  assert.equal(ref.status, 200, ref.text.slice(0, 500));
  const { lines } = ref.json;
  truth = ref.json.truth;
  assert.equal(lines.length, 300);
  assert.equal(truth.cases, 300);
  assert.equal(truth.to, '2025-06-30');
  assert.equal(truth.street, 'zhonghua-road');

  const byId = new Map(lines.map((l) => JSON.parse(l)).map((l) => [l.source_id, l]));
  const codes = new Map();
  let imported = 0;
  for (let i = 0; i < lines.length; i += 100) {
    const chunk = lines.slice(i, i + 100);
    const reply = await importLines(chunk, i + 1);
    assert.deepEqual(reply.errors, [], `chunk at line ${i + 1}`);
    assert.equal(reply.lines, chunk.length);
    assert.equal(reply.unchanged, 0);
    assert.equal(reply.cases.length, reply.imported);
    // (Which line each case came from is checked in the next test.)
    assert.deepEqual(reply.cases.map((c) => c.source_id).sort(), chunk.map((l) => JSON.parse(l).source_id).sort());
    for (const c of reply.cases) {
      assert.match(c.code, /^ZH\d{2}-\d{4}-\d{4,6}$/);
      assert.equal(c.code.slice(0, 4).toLowerCase(), byId.get(c.source_id).community, `${c.source_id} in its community`);
      codes.set(c.source_id, c.code);
    }
    imported += reply.imported;
  }
  assert.equal(imported, 300);
  assert.equal(new Set(codes.values()).size, 300, 'three hundred codes');

  // Again: every line was imported before, nothing changes, the codes stay.
  let unchanged = 0;
  for (let i = 0; i < lines.length; i += 100) {
    const reply = await importLines(lines.slice(i, i + 100), i + 1);
    assert.equal(reply.imported, 0);
    assert.deepEqual(reply.errors, []);
    for (const c of reply.cases) assert.equal(c.code, codes.get(c.source_id));
    unchanged += reply.unchanged;
  }
  assert.equal(unchanged, 300);

  // Hand-broken lines are reported with their physical line, and nothing of them is stored.
  const first = JSON.parse(lines[0]);
  const minuteAfterFiling = new Date(Date.parse(first.filed_at) + 60_000).toISOString();
  const closeAtOnce = patched(lines[0], {
    source_id: 'broken-close',
    events: [{ at: minuteAfterFiling, by: { username: 'coordinator', role: 'coordinator' }, command: { command: 'close' } }],
  });
  const fengShui = patched(lines[1], { source_id: 'broken-category', category: 'feng_shui' });
  const broken = ['', closeAtOnce, fengShui, 'not json'];
  for (let attempt = 0; attempt < 2; attempt++) {
    const reply = await importLines(broken, 1001);
    assert.equal(reply.lines, 3, 'the blank line is not counted');
    assert.equal(reply.imported, 0, 'nothing stored, the second time either');
    assert.equal(reply.unchanged, 0);
    assert.deepEqual(reply.cases, []);
    // (Their line numbers are checked in the next test.)
    const found = reply.errors.map((e) => [e.source_id, e.field, e.code])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    assert.deepEqual(found, [
      ['broken-category', 'category', 'unknown_category'],
      ['broken-close', 'events[0].command', 'invalid_transition'],
      [null, null, 'invalid_json'],
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), JSON.stringify(reply.errors));
    for (const e of reply.errors) assert.equal(typeof e.message, 'string');
  }
  // The refused source_id was never taken: fixed (and filed before the history), it imports.
  const fixed = JSON.parse(closeAtOnce);
  fixed.events = [];
  fixed.filed_at = '2022-03-01T09:00:00+08:00';
  delete fixed.conflict_since;
  const fixedReply = await importLines([JSON.stringify(fixed)], 1002);
  assert.deepEqual(fixedReply.errors, []);
  assert.equal(fixedReply.imported, 1);
  assert.match(fixedReply.cases[0].code, /-2022-/, 'the code carries the filing year');

  // The whole street over the history's two years, as its coordinator sees it.
  const period = { from: truth.from, to: truth.to };
  const byCategory = await figures({ ...period, by: 'category' });
  const t = total(byCategory);
  const parsed = lines.map((l) => JSON.parse(l));
  const hazardsFailed = parsed.filter((l) => l.kind === 'hazard' && l.events.some((e) => e.command.command === 'fail_mediation')).length;
  const expected = {
    filed: truth.cases,
    long_standing_filed: truth.long_standing_filed,
    long_standing_resolved: truth.long_standing_resolved,
    rejected: truth.rejected,
    withdrawn: truth.withdrawn,
    resolved: truth.resolved + truth.hazards_fixed,
    mediation_failed: truth.mediation_failed + hazardsFailed,
    reopened: truth.reopened,
    feedback_given: truth.feedback_given,
    referred_court: truth.referred.court ?? 0,
    referred_arbitration: truth.referred.arbitration ?? 0,
    referred_department: truth.referred.department ?? 0,
    referred_judge: truth.referred.judge_workstation ?? 0,
  };
  const shown = Object.fromEntries(Object.keys(expected).map((k) => [k, t.counts[k]]));
  assert.deepEqual(shown, expected, 'the dashboard against the generator\'s count');
  assert.deepEqual(t.success_rate, { numerator: truth.success_numerator, denominator: truth.success_denominator });
  assert.equal(percent(t.success_rate), truth.success_rate_percent);
  assert.notEqual(truth.success_rate_percent, '99.29', 'three hundred cases cannot hit the reference rate');
  assert.deepEqual(t.satisfaction, [1, 2, 3, 4, 5].map((s) => truth.satisfaction[String(s)] ?? 0));
  assert.equal(t.counts.concluded, t.counts.resolved + t.counts.withdrawn + t.counts.mediation_failed);
  assert.equal(sum(t.risk), truth.cases);
  assert.deepEqual(
    Object.fromEntries(byCategory.table.rows.filter((r) => r.counts.filed > 0).map((r) => [r.value, r.counts.filed])),
    truth.per_category,
  );
  const perCommunity = Object.fromEntries(byCategory.by_community.filter((r) => r.counts.filed > 0).map((r) => [r.value, r.counts.filed]));
  assert.deepEqual(perCommunity, truth.per_community);
  assert.equal(sum(byCategory.trend.map((m) => m.filed)), truth.cases, 'the trend covers the two years');
  assert.equal(byCategory.trend.length, 24);

  // A volunteer's assisted filing is counted on its own channel.
  const byChannel = await figures({ ...period, by: 'channel' });
  const channels = Object.fromEntries(byChannel.table.rows.filter((r) => r.counts.filed > 0).map((r) => [r.value, r.counts.filed]));
  assert.deepEqual(channels, Object.fromEntries(Object.entries(truth.per_channel).filter(([, n]) => n > 0)));
  assert.ok(channels.volunteer > 0, 'the history has volunteers\' filings');
  const byKind = await figures({ ...period, by: 'kind' });
  assert.equal(rowCount(byKind, 'hazard'), truth.hazards);
  assert.equal(rowCount(byKind, 'dispute'), truth.disputes);
  assert.deepEqual(row(byKind, 'dispute').success_rate, t.success_rate, 'the success rate is the disputes\'');
  assert.equal(row(byKind, 'hazard').success_rate.denominator, 0);

  const report = await check();
  assert.equal(report.differences, 0, JSON.stringify(report.found).slice(0, 2000));
  assert.ok(report.cases >= 300 + 36 + 1, `${report.cases} cases recounted`);
});

// Drill-down: every number of the dashboard opens on exactly the cases it counts, paged in
// the order they count with no gap or repeat, for the total and for a row.
test('the cases behind a number are exactly as many as the number, paged without gap or repeat', async () => {
  assert.ok(truth, 'needs the history imported by the test before');
  const period = { from: truth.from, to: truth.to };
  const casesPath = (query) => `/api/staff/figures/cases?${new URLSearchParams(query)}`;
  const view = await figures({ ...period, by: 'category' });
  assert.equal(view.may_list_cases, true, 'a coordinator may open the cases');
  const t = total(view);
  async function all(query) {
    const codes = [];
    let cursor = '';
    let first;
    let lastKey = '';
    for (let page = 0; page < 200; page += 1) {
      const res = await app.get(casesPath({ ...query, limit: 100, cursor }), { cookie: coordinator });
      assert.equal(res.status, 200, res.text);
      first ??= res.json;
      for (const item of res.json.items) {
        const key = `${item.counted_on ?? 'now'}.${item.code}`;
        assert.ok(key > lastKey, `in order: ${key} after ${lastKey}`);
        lastKey = key;
        codes.push(item.code);
      }
      if (page > 0) assert.equal(res.json.total, null, 'the count comes with the first page only');
      if (!res.json.next_cursor) break;
      cursor = res.json.next_cursor;
    }
    assert.equal(new Set(codes).size, codes.length, 'no case twice');
    assert.equal(first.total, codes.length, 'the first page counts the whole list');
    return codes;
  }
  for (const metric of ['filed', 'resolved', 'mediation_failed', 'long_standing_filed', 'withdrawn', 'reopened']) {
    const codes = await all({ ...period, metric });
    assert.equal(codes.length, t.counts[metric], `${metric}: the list against the number`);
  }
  assert.equal((await all({ ...period, metric: 'dispute_resolved' })).length, t.success_rate.numerator);
  assert.equal((await all({ ...period, metric: 'dispute_failed' })).length, t.success_rate.denominator - t.success_rate.numerator);
  // A row: one category, one community.
  const row = view.table.rows.filter((r) => r.counts.filed > 0).sort((a, b) => b.counts.filed - a.counts.filed)[0];
  const inRow = await all({ ...period, metric: 'filed', by: 'category', value: row.value });
  assert.equal(inRow.length, row.counts.filed);
  const community = view.by_community.find((r) => r.counts.concluded > 0);
  const inCommunity = await all({ ...period, metric: 'concluded', community: community.value });
  assert.equal(inCommunity.length, community.counts.concluded);
  const detail = await app.detail(coordinator, inCommunity[0]);
  assert.equal(detail.status, 200, 'each listed case opens');
  // Open now, whatever the dates.
  const open = await all({ metric: 'open_now' });
  assert.equal(open.length, total(await figures({})).counts.open_now);

  // Bad parameters are named; a reader who may not list cases is refused.
  for (const [query, field] of [
    [{ metric: 'nope' }, 'metric'],
    [{ metric: 'days_to_conclusion' }, 'metric'],
    [{}, 'metric'],
    [{ metric: 'filed', by: 'category' }, 'value'],
    [{ metric: 'filed', cursor: 'junk' }, 'cursor'],
    [{ metric: 'filed', from: '2026-02-30' }, 'from'],
  ]) {
    const res = await app.get(casesPath(query), { cookie: coordinator });
    assert.equal(res.status, 400, `${JSON.stringify(query)}: ${res.text}`);
    assert.equal(res.json.error.field, field, res.text);
  }
  const foreign = await app.get(casesPath({ metric: 'filed', community: 'zs01' }), { cookie: mediator });
  assert.equal(foreign.status, 404, 'another street\'s community is not there');
  const adminView = await figures({ ...period }, admin);
  const adminCases = await app.get(casesPath({ metric: 'filed' }), { cookie: admin });
  assert.equal(adminCases.status === 403, adminView.may_list_cases === false, 'the view says what the route allows');
});

// A line's number crosses to the community object beside it (it once arrived as 0).
test('an import reply names the line of the file each case and each refusal came from', async () => {
  assert.ok(truth, 'needs the history imported by the test before');
  const ref = await app.get('/api/dev/reference-history?cases=300', { 'X-Accord-Test-Now': HISTORY_END });
  const lines = ref.json.lines.slice(100, 105);
  const closeAtOnce = patched(lines[0], {
    source_id: 'broken-close-2',
    events: [{ at: JSON.parse(lines[0]).filed_at, by: { username: 'coordinator', role: 'coordinator' }, command: { command: 'close' } }],
  });
  const fengShui = patched(lines[1], { source_id: 'broken-category-2', category: 'feng_shui' });
  // Lines 501–505 of the file (imported before: unchanged), a blank line, then two refusals.
  const reply = await importLines([...lines, '', closeAtOnce, fengShui], 501);
  assert.equal(reply.unchanged, 5);
  const named = reply.cases.map((c) => [c.line, c.source_id]);
  assert.deepEqual(named, lines.map((l, i) => [501 + i, JSON.parse(l).source_id]), 'each case with its own line');
  assert.deepEqual(reply.errors.map((e) => [e.line, e.source_id, e.code]), [
    [507, 'broken-close-2', 'invalid_transition'],
    [508, 'broken-category-2', 'unknown_category'],
  ], JSON.stringify(reply.errors));
});

/** Two decimals of a per cent, rounded half up, from the exact counts. */
function percent({ numerator: n, denominator: d }) {
  if (d <= 0) return null;
  const bp = Math.floor((20_000 * n + d) / (2 * d));
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

test('bad parameters are named, other scopes are not found, specialists may not read figures', async () => {
  assertError(await app.get('/api/staff/figures?from=2026-13-01', { cookie: coordinator }), 400, 'from');
  assertError(await app.get('/api/staff/figures?to=2026-02-30', { cookie: coordinator }), 400, 'to');
  assertError(await app.get('/api/staff/figures?by=street', { cookie: coordinator }), 400, 'by');
  assertError(await app.get('/api/staff/figures?from=2026-05-02&to=2026-05-01', { cookie: coordinator }), 400, 'to');
  assertError(await app.get('/api/staff/figures?from=2000-01-01&to=2026-01-01', { cookie: coordinator }), 400, 'from');
  assert.equal((await app.get('/api/staff/figures?from=2026-13-01', { cookie: coordinator })).json.error.code, 'invalid_parameter');
  // Zhoushuizi's community is outside Zhonghua Road's coordinator's scope, like one that does not exist.
  assertError(await app.get('/api/staff/figures?community=zs01', { cookie: coordinator }), 404);
  assertError(await app.get('/api/staff/figures?community=zh99', { cookie: coordinator }), 404);
  assertError(await app.get('/api/staff/figures?community=zh02', { cookie: mediator }), 404);
  const zs = (await app.login('coordinator-zs')).cookie;
  assert.deepEqual((await figures({ community: 'zs01' }, zs)).communities, ['zs01']);
  assertError(await app.get('/api/staff/figures?community=zh01', { cookie: zs }), 404);
  const police = (await app.login('police01')).cookie;
  assert.ok(police);
  assertError(await app.get('/api/staff/figures', { cookie: police }), 403);
  assertError(await app.get('/api/staff/figures?community=zh01', { cookie: police }), 403);
  assertError(await app.get('/api/staff/figures'), 401);
  assertError(await app.get('/api/figures?community=zh01'), 400, 'community');
  assertError(await app.get('/api/figures?from=2026-13-01'), 400, 'from');
  assertError(await app.get('/api/figures?street=nowhere'), 404);
});

/** Every cell of a public answer, with where it is. */
function publicCells(view) {
  const cells = [];
  for (const name of ['by_category', 'by_kind', 'by_channel']) {
    const table = view[name];
    for (const r of [table.total, ...table.rows]) {
      assert.equal(r.cells.length, table.columns.length);
      r.cells.forEach((cell, i) => cells.push({ where: `${name} ${r.value || 'total'} ${table.columns[i]}`, cell }));
    }
  }
  for (const m of view.trend) {
    cells.push({ where: `trend ${m.month} filed`, cell: m.filed });
    cells.push({ where: `trend ${m.month} resolved`, cell: m.resolved });
  }
  return cells;
}

test('the public page never shows a count under five and has no grid or handler rows', async () => {
  const views = [await app.get('/api/figures'), await app.get('/api/figures?street=zhonghua-road')];
  if (truth) views.push(await app.get(`/api/figures?street=zhonghua-road&from=${truth.from}&to=${truth.to}`));
  let shown = 0;
  let suppressed = 0;
  for (const res of views) {
    assert.equal(res.status, 200, res.text);
    const view = res.json;
    assert.equal(view.street, 'zhonghua-road');
    assert.deepEqual(Object.keys(view).sort(), ['by_category', 'by_channel', 'by_kind', 'from', 'street', 'to', 'trend']);
    assert.equal(view.by_category.dim === 'category' || view.by_category.dim === 'all', true);
    for (const name of ['by_category', 'by_kind', 'by_channel']) {
      assert.ok(!['grid', 'handler_role'].includes(view[name].dim), `${name} is by ${view[name].dim}`);
      const rate = view[name].success_rate;
      assert.ok(rate === null || /^\d{1,3}\.\d{2}$/.test(rate), `${name} success rate ${rate}`);
    }
    for (const { where, cell } of publicCells(view)) {
      if (cell === 'suppressed') suppressed++;
      else {
        assert.equal(typeof cell, 'number', `${where}: ${JSON.stringify(cell)}`);
        assert.ok(cell >= 5, `${where} shows ${cell}`);
        shown++;
      }
    }
    assert.doesNotMatch(res.text, /zh\d{2}-g\d/, 'no grid on the public page');
    assert.doesNotMatch(res.text, /mediator|coordinator|police/, 'no handler role on the public page');
    assert.doesNotMatch(res.text, /ZH\d{2}-\d{4}-/, 'no case code on the public page');
  }
  assert.ok(shown > 0 && suppressed > 0, `${shown} shown, ${suppressed} suppressed`);
  if (truth) {
    const two = views[2].json;
    const at = two.by_kind.columns.indexOf('filed');
    assert.equal(two.by_kind.total.cells[at], truth.cases, 'the public total over the history');
    const hazards = two.by_kind.rows.find((r) => r.value === 'hazard');
    assert.ok([truth.hazards, 'suppressed'].includes(hazards.cells[at]), `hazards filed: ${hazards.cells[at]}`);
  }
});

test('an import line for a community outside the admin\'s street is refused, and only admins import', async () => {
  const ref = await app.get('/api/dev/reference-history?cases=3&seed=7', { 'X-Accord-Test-Now': HISTORY_END });
  assert.equal(ref.status, 200, ref.text.slice(0, 300));
  const outside = patched(ref.json.lines[0], { source_id: 'outside-zs01', community: 'zs01', grid: 'zs01-g1' });
  const reply = await importLines([outside], 1);
  assert.equal(reply.imported, 0);
  assert.deepEqual(reply.cases, []);
  assert.deepEqual(reply.errors.map((e) => [e.line, e.source_id, e.field, e.code]), [[1, 'outside-zs01', 'community', 'unknown_community']]);
  // The check sees nothing of it either.
  const zs = (await app.login('coordinator-zs')).cookie;
  assert.equal(total(await figures({ community: 'zs01', from: ref.json.truth.from, to: ref.json.truth.to }, zs)).counts.filed, 0);

  const body = { first_line: 1, lines: [ref.json.lines[1]] };
  assertError(await app.post('/api/admin/import', body, { cookie: coordinator }), 403);
  assertError(await app.post('/api/admin/import', body, { cookie: mediator }), 403);
  assertError(await app.post('/api/admin/import', body), 401);
  assertError(await app.post('/api/admin/import', { first_line: 1, lines: Array(501).fill('{}') }, { cookie: admin }), 422, 'lines');
  assertError(await app.post('/api/admin/import', { first_line: 0, lines: [] }, { cookie: admin }), 422, 'first_line');
});

// Last: it leaves a counter wrong on purpose.
test('a corrupted counter is found by the recount, with the cases behind it', async () => {
  assertError(await app.post('/api/dev/figures/corrupt', { community: 'zh99' }), 422, 'community');
  const res = await app.post('/api/dev/figures/corrupt', { community: 'zh01' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { changed: true });
  const report = await check();
  assert.equal(report.differences, 1, JSON.stringify(report.found));
  assert.equal(report.found.length, 1);
  const [found] = report.found;
  assert.equal(found.community, 'zh01');
  assert.equal(found.differences.length, 1);
  const [d] = found.differences;
  assert.equal(d.kept, d.recomputed + 1);
  assert.equal(d.key.metric, 'filed');
  assert.equal(d.key.dim, 'all');
  assert.ok(d.recomputed >= 1);
  assert.equal(d.cases.length, Math.min(d.recomputed, 20), 'the cases behind the counter are named');
  for (const code of d.cases) assert.match(code, /^ZH01-\d{4}-\d{4,6}$/);
  assert.ok(found.cases > 0 && found.cells > 0);
});
