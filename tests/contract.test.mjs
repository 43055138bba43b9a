// The API against its own document: schemathesis (pinned in tests/contract/requirements.txt,
// installed into .venv/ by ./x) reads /api/openapi.json from a fresh Worker and sends what it
// generates from it, with a fixed seed and a bounded number of examples per operation, once
// anonymously and once as the street coordinator. Every response must be no 5xx, carry a
// status code, content type, headers and body the document names for that operation, and come
// within 5 s (see CHECKS for the rest). The numbers of operations, requests and checks are
// printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMATHESIS = join(ROOT, '.venv/bin/schemathesis');
const SEED = 20261203;
const MAX_EXAMPLES = 10;
const LIMIT_SECONDS = 5;
// Every check schemathesis has but two. `positive_data_acceptance` wants every request the
// schemas allow to be accepted, and `negative_data_rejection` every one they forbid to be
// refused. The schemas give the shape of a request, not the domain's rules (a category of the
// directory, a name that is not empty, dates in range: 422 naming the field, documented for
// each operation), and some give a looser shape than the API reads (a command's fields in one
// object, where each command takes only its own; fields the API does not know, refused with 400).
const CHECKS = ['--checks', 'all', '--exclude-checks', 'positive_data_acceptance,negative_data_rejection'];

let app;
let work;
/** The identifiers of things the seeded demo does not hold, made before the runs. */
let known;

before(async () => {
  assert.ok(existsSync(SCHEMATHESIS), 'schemathesis is missing from .venv/: run ./x test (or the ensure_python step)');
  work = mkdtempSync(join(tmpdir(), 'accord-contract-'));
  app = await startApp();
  const coordinator = (await app.login('coordinator')).cookie;
  const post = async (path, body, headers = {}) => {
    const res = await app.post(path, body, { cookie: coordinator, ...headers });
    assert.ok(res.status < 300, `${path} answered ${res.status}: ${res.text}`);
    return res.json;
  };
  const inProgress = await app.caseInProgress();
  const booked = await post(`/api/staff/cases/${inProgress.code}/sessions`, {
    title: '第一次调解 First session', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: ['2031-03-04T01:00:00.000Z', '2031-03-05T06:00:00.000Z'],
  });
  const doc = await post(`/api/staff/cases/${inProgress.code}/documents`, { kind: 'acceptance_notice' },
    { 'Idempotency-Key': 'contract-acceptance-notice' });
  const volunteer = await post('/api/staff/volunteers', { name: '王阿姨', community: 'zh01', intake: true, valid_hours: 48 });
  const feed = await post('/api/staff/calendar/feed', {});
  known = {
    coordinator,
    code: inProgress.code,
    session: booked.session.id,
    party: booked.party_links[0].token,
    document: `${doc.code}~${doc.summary.kind}~${doc.summary.year}~${doc.summary.seq}`,
    volunteer: volunteer.link.id,
    volunteerToken: volunteer.token,
    feed: feed.path.split('/').pop(),
  };
});

after(async () => {
  await app?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Routes for tests and benchmarks only (seeding, forging the audit, corrupting counters, load),
 * answered only when the Worker runs with ACCORD_TEST_CLOCK or ACCORD_DEMO_SEED. */
const DEV = /^\/api\/dev\//;
/** Signing out would end the session the rest of the staff run uses; changing the password
 * would too, and its wrong current passwords count towards the account's lockout. */
const SESSION_ENDERS = ['/api/staff/logout', '/api/staff/password'];

/** How many operations of the served document a run must have tested: all but those left out
 * above, and the document itself, which schemathesis reads rather than tests. */
async function operationsToTest({ staff }) {
  const doc = (await app.get('/api/openapi.json')).json;
  return Object.entries(doc.paths)
    .filter(([path]) => path !== '/api/openapi.json' && !DEV.test(path))
    .filter(([path]) => !(staff && SESSION_ENDERS.includes(path)))
    .reduce((n, [, item]) => n + Object.keys(item).filter((m) => ['get', 'post'].includes(m)).length, 0);
}

const toml = (value) => JSON.stringify(String(value));

/**
 * The configuration of one run: the values of path parameters that name things which exist
 * (nothing in the document tells schemathesis where to find them), and the credentials of the
 * staff run, one per security scheme of the document rather than one header on every request,
 * so that schemathesis sends each only where the document asks for it and can also try the
 * operation without it (the `ignored_auth` check).
 */
function config({ staff }) {
  const lines = [];
  const operation = (pathRegex, parameters) => {
    lines.push('[[operations]]', `include-path-regex = ${toml(pathRegex)}`);
    lines.push(`parameters = { ${Object.entries(parameters).map(([k, v]) => `${toml(k)} = ${toml(v)}`).join(', ')} }`, '');
  };
  operation('^/api/staff/cases/\\{code\\}', { 'path.code': known.code });
  operation('^/api/staff/sessions/\\{id\\}/', { 'path.id': known.session });
  operation('^/api/staff/documents/\\{id\\}', { 'path.id': known.document });
  operation('^/api/staff/volunteers/\\{id\\}/', { 'path.id': known.volunteer });
  operation('^/api/calendar/\\{token\\}$', { 'path.token': known.feed });
  operation('^/api/admin/users/\\{username\\}', { 'path.username': 'mediator01' });
  operation('^/api/admin/directory/communities/\\{id\\}$', { 'path.id': 'zh01' });
  operation('^/api/admin/directory/streets/\\{id\\}$', { 'path.id': 'zhonghua-road' });
  if (staff) {
    const value = known.coordinator.slice(known.coordinator.indexOf('=') + 1);
    lines.push('[auth.openapi.sessionCookie]', `api_key = ${toml(value)}`, '');
    lines.push('[auth.openapi.volunteerToken]', `api_key = ${toml(`Volunteer ${known.volunteerToken}`)}`, '');
    lines.push('[auth.openapi.partyToken]', `api_key = ${toml(`Party ${known.party}`)}`, '');
  }
  return lines.join('\n');
}

/** Runs schemathesis once; resolves with its exit code, its output and the events it wrote. */
function run(name, { staff }) {
  const configFile = join(work, `${name}.toml`);
  writeFileSync(configFile, config({ staff }));
  const events = join(work, `${name}.ndjson`);
  const args = [
    '--config-file', configFile, 'run', `${app.base}/api/openapi.json`,
    '--seed', String(SEED), '--max-examples', String(MAX_EXAMPLES),
    // The same run every time: nothing carried over from an earlier one.
    '--generation-database', 'none',
    ...CHECKS,
    '--max-response-time', String(LIMIT_SECONDS), '--request-timeout', String(LIMIT_SECONDS),
    '--workers', '1', '--no-color', '--report', 'ndjson', '--report-ndjson-path', events,
    '--exclude-path-regex', DEV.source,
  ];
  // The anonymous run sends no Origin, as a script on another site would: a POST that reads
  // the session cookie is then refused with 403 foreign_origin before anything else.
  if (staff) {
    // Pages of the application send their own origin with every POST.
    args.push('--header', `Origin: ${app.base}`);
    for (const path of SESSION_ENDERS) args.push('--exclude-path', path);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output, events: readEvents(events) }));
  });
}

function readEvents(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Operations tested, requests sent, checks made and failed, and the slowest response. */
function tally(events) {
  const counts = { operations: new Set(), requests: 0, succeeded: 0, checks: 0, failed: 0, slowest: 0 };
  for (const event of events) {
    const finished = event.ScenarioFinished;
    if (!finished?.recorder) continue;
    // Labels are operations ("POST /api/cases"), or "Stateful tests" for the sequences.
    if (/^[A-Z]+ \//.test(finished.recorder.label)) counts.operations.add(finished.recorder.label);
    for (const interaction of Object.values(finished.recorder.interactions ?? {})) {
      counts.requests += 1;
      if (interaction.response?.status_code < 300) counts.succeeded += 1;
      counts.slowest = Math.max(counts.slowest, interaction.response?.elapsed ?? 0);
    }
    for (const checks of Object.values(finished.recorder.checks ?? {})) {
      for (const check of checks) {
        counts.checks += 1;
        if (check.status === 'failure') counts.failed += 1;
      }
    }
  }
  return { ...counts, operations: counts.operations.size };
}

for (const [name, staff] of [['anonymous', false], ['coordinator', true]]) {
  test(`the API keeps to its document (${name})`, async () => {
    const result = await run(name, { staff });
    const counts = tally(result.events);
    console.log(`contract, ${name}: ${counts.operations} operations, ${counts.requests} requests (${counts.succeeded} answered 2xx), `
      + `${counts.checks} checks, ${counts.failed} failed, slowest ${counts.slowest.toFixed(3)} s`);
    assert.equal(result.code, 0, result.output);
    assert.equal(counts.failed, 0, result.output);
    assert.equal(counts.operations, await operationsToTest({ staff }), result.output);
    assert.ok(counts.slowest <= LIMIT_SECONDS, `a response took ${counts.slowest} s`);
    if (staff) {
      const me = await app.get('/api/staff/me', { cookie: known.coordinator });
      assert.equal(me.status, 200, 'the session outlived the run');
    }
  });
}
