// Benchmark: how long one Worker request takes to ask N community objects (class
// `CommunityStore`, one per community) at once and hear back from each, on local workerd.
// `POST /api/dev/fanout {"objects": N}` sends a `Ping` (one `SELECT COUNT(*) FROM cases`) to
// the objects `bench-0001` … `bench-N` concurrently and answers the Worker's own wall time
// (Date.now() inside the Worker, around the whole fan-out); the client adds its round trip.
//
// For each N the first round meets objects that have never existed (the object is created and
// its migrations run); it is shown on its own, then `rounds` warm rounds.
//
//   node tests/bench/fanout.mjs [rounds] [N ...]      (after ./x build; ./x bench-fanout)
import { cpus, loadavg } from 'node:os';
import { startApp } from '../harness.mjs';
import { groupCpuMs } from './cpu.mjs';

const rounds = Number(process.argv[2] ?? 7);
const sizes = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [1, 34, 200, 500];
if (!(rounds >= 1) || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: node tests/bench/fanout.mjs [rounds] [N ...]');
  process.exit(2);
}
// Nearest rank, as in login.mjs: with 7 rounds the p90 is the slowest round.
const rank = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs) => rank(xs, 0.5);
const p90 = (xs) => rank(xs, 0.9);

const loadBefore = loadavg()[0];
const app = await startApp();

/** One fan-out: the client's round trip and the Worker's own measure, or why it failed. */
async function fanout(objects) {
  const logFrom = app.log().length;
  const t = performance.now();
  let res;
  try {
    res = await app.post('/api/dev/fanout', { objects });
  } catch (err) {
    return { error: `request failed after ${(performance.now() - t).toFixed(0)} ms: ${err.cause?.message ?? err.message}` };
  }
  const client = performance.now() - t;
  if (res.status !== 200 || res.json?.objects !== objects) {
    const log = app.log().slice(logFrom).trim().split('\n').filter(Boolean).slice(-5).join('\n    ');
    return { error: `answered ${res.status} after ${client.toFixed(0)} ms: ${res.text.slice(0, 200)}${log ? `\n    worker log: ${log}` : ''}` };
  }
  return { client, worker: res.json.ms };
}

try {
  // Warm up the isolate (and bench-0001) before anything is measured.
  for (let i = 0; i < 5; i++) await app.get('/api/health');
  const warm = await fanout(1);
  if (warm.error) throw new Error(`warm-up fan-out ${warm.error}`);

  const rows = [];
  const failures = [];
  let created = 1; // bench-0001 exists since the warm-up
  for (const n of sizes) {
    const fresh = Math.max(0, n - created);
    const cold = await fanout(n);
    if (cold.error) {
      failures.push(`N=${n}: first round ${cold.error}`);
      continue;
    }
    created = Math.max(created, n);
    const client = [];
    const worker = [];
    let failed;
    const cpuBefore = groupCpuMs(app.processGroup).workerd;
    for (let i = 0; i < rounds && !failed; i++) {
      const r = await fanout(n);
      if (r.error) failed = `N=${n}: warm round ${i + 1} ${r.error}`;
      else { client.push(r.client); worker.push(r.worker); }
    }
    const cpu = (groupCpuMs(app.processGroup).workerd - cpuBefore) / Math.max(1, client.length);
    if (failed) failures.push(failed);
    rows.push({ n, fresh, cold, client, worker, cpu });
  }

  const ms = (x) => (x === undefined ? '-' : `${x.toFixed(1)}`);
  const pad = (s, w) => String(s).padStart(w);
  console.log(`fan-out: one request asks N CommunityStore objects at once (Ping = SELECT COUNT(*)), local workerd (wrangler dev), ${cpus().length} CPU cores`);
  console.log(`load average (1 min) before the start ${loadBefore.toFixed(2)}, at the end ${loadavg()[0].toFixed(2)} (other work on the machine skews the figures)`);
  console.log(`warm rounds per N: ${rounds} (median and p90 by nearest rank); the first round of each N is shown apart`);
  console.log('times in ms; "worker" is Date.now() inside the Worker around the fan-out, "client" the whole HTTP round trip from node');
  console.log('(the difference is wrangler dev\'s way in and out, plus time after the handler has returned, which grows with N)');
  console.log('"workerd cpu": CPU time workerd (the Worker and every object) spent per warm round, whole request');
  console.log('');
  const row = (...cells) => console.log(cells.join('').trimEnd());
  row(pad('N', 5), '  ', 'round'.padEnd(24), pad('client med', 11), pad('client p90', 11), pad('worker med', 11), pad('worker p90', 11), pad('workerd cpu', 12));
  for (const { n, fresh, cold, client, worker, cpu } of rows) {
    const first = fresh > 0 ? `first (${fresh} new objects)` : 'first (no new objects)';
    row(pad(n, 5), '  ', first.padEnd(24), pad(ms(cold.client), 11), pad('', 11), pad(ms(cold.worker), 11));
    if (client.length) {
      row(pad(n, 5), '  ', `warm x${client.length}`.padEnd(24), pad(ms(median(client)), 11), pad(ms(p90(client)), 11), pad(ms(median(worker)), 11), pad(ms(p90(worker)), 11), pad(ms(cpu), 12));
    }
  }
  for (const f of failures) console.log(`FAILED ${f}`);
} finally {
  await app.stop();
}
