// Benchmark: Durable Object round trips per user action, counted by the Worker itself
// (`GET /api/dev/round-trips` reads how many object calls the isolate has sent). Each action
// is sent alone, after one unmeasured try, so the count is that action's and nothing else's.
// Targets: at most two for a filing (the street's idempotency claim and the community), one
// for a resident's look-up and one for a staff change, throttles included.
//
//   node tests/bench/round-trips.mjs            (after ./x build)
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { startApp, goodFiling } from '../harness.mjs';

async function calls(app) {
  const res = await app.get('/api/dev/round-trips');
  if (res.status !== 200) throw new Error(`round-trip counter answered ${res.status}`);
  return res.json.calls;
}

/** The calls `send` makes (its answer must have status `expected`). */
async function count(app, send, expected) {
  const before = await calls(app);
  const res = await send();
  const after = await calls(app);
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${res.text.slice(0, 200)}`);
  return { trips: after - before, res };
}

export async function measureRoundTrips(app) {
  const { cookie } = await app.login('coordinator');
  const fileOne = () => app.fileCase(goodFiling(), randomUUID());
  await fileOne();
  const filing = await count(app, fileOne, 201);
  const { code, secret } = filing.res.json;
  const track = () => app.track(code, secret);
  await track();
  const lookUp = await count(app, track, 200);
  const detail = await app.detail(cookie, code);
  let version = detail.json.version;
  const note = () => app.post(`/api/staff/cases/${code}/commands`,
    { version, command: { command: 'add_note', text: 'called the applicant', visibility: 'internal' } }, { cookie });
  version = (await note()).json.version;
  const change = await count(app, note, 200);
  const read = await count(app, () => app.detail(cookie, code), 200);
  const queue = await count(app, () => app.queue(cookie), 200);
  const rows = [
    ['filing a case (POST /api/cases)', filing.trips, 2],
    ["a resident's look-up (POST /api/track)", lookUp.trips, 1],
    ['a staff change (a note on a case)', change.trips, 1],
    ['a staff case detail', read.trips, undefined],
    ["the street coordinator's queue (34 communities)", queue.trips, undefined],
  ];
  const checks = [];
  const lines = ['| action | round trips | target | |', '|---|---:|---:|---|'];
  for (const [label, trips, target] of rows) {
    if (target === undefined) {
      lines.push(`| ${label} | ${trips} | – | |`);
      continue;
    }
    const pass = trips <= target;
    checks.push({ target: `round trips: ${label} ≤ ${target}`, value: String(trips), pass });
    lines.push(`| ${label} | ${trips} | ≤ ${target} | ${pass ? 'PASS' : 'FAIL'} |`);
  }
  return { markdown: lines.join('\n'), checks };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await startApp();
  try {
    console.log((await measureRoundTrips(app)).markdown);
  } finally {
    await app.stop();
  }
}
