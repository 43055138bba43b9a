// Benchmark: how many filings (writes) and look-ups (reads) one community object sustains on
// local workerd. Every request goes to community zh01, from `concurrency` loops in node that
// each send the next request as soon as the last one answers, for `seconds` at each level.
//
// - Writes: `POST /api/cases` with a fresh `Idempotency-Key` (a resident's filing). In zh01's
//   object each writes the case row, its first timeline event, the idempotency record and an
//   audit entry in one step; before that the Worker claims the key in the one street object
//   (a write there too), so the street object is on every filing's path as well.
// - Reads: `POST /api/track` (code and secret) of cases filed above. In zh01's object it reads
//   the case and its timeline, writing nothing; the Worker also asks the street object whether
//   the caller is throttled (a read) and the calendar object for the case's sessions (a read).
//
//   node tests/bench/community-writes.mjs [seconds] [concurrency ...]
//   (after ./x build; ./x bench-writes)
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { startApp, goodFiling } from '../harness.mjs';
import { groupCpuMs } from './cpu.mjs';

const seconds = Number(process.argv[2] ?? 8);
const levels = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [1, 4, 16];
if (!(seconds > 0) || levels.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: node tests/bench/community-writes.mjs [seconds] [concurrency ...]');
  process.exit(2);
}
const COMMUNITY = 'zh01';
const rank = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

const loadBefore = loadavg()[0];
const app = await startApp();

/** Runs `send` from `concurrency` loops for `seconds`; counts answers by status. */
async function load(concurrency, expected, send) {
  const latencies = [];
  const statuses = new Map();
  let failures = 0;
  const cpuBefore = groupCpuMs(app.processGroup);
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      let status;
      try {
        status = (await send()).status;
      } catch {
        status = 'network error';
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === expected) latencies.push(performance.now() - t);
      else failures++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = groupCpuMs(app.processGroup);
  const workerdMs = cpuAfter.workerd - cpuBefore.workerd;
  const wranglerMs = cpuAfter.wrangler - cpuBefore.wrangler;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    expected,
    ok: latencies.length,
    failures,
    statuses,
    perSecond: latencies.length / elapsed,
    workerdCores: workerdMs / 1000 / elapsed,
    workerdPerOk: latencies.length ? workerdMs / latencies.length : undefined,
    wranglerPerOk: latencies.length ? wranglerMs / latencies.length : undefined,
    p50: rank(latencies, 0.5),
    p99: rank(latencies, 0.99),
  };
}

const filed = [];
async function fileOne() {
  const res = await app.fileCase(goodFiling({ community: COMMUNITY, grid: `${COMMUNITY}-g2` }), randomUUID());
  if (res.status === 201 && filed.length < 1000) filed.push({ code: res.json.code, secret: res.json.secret });
  return res;
}

let next = 0;
function trackOne() {
  const { code, secret } = filed[next++ % filed.length];
  return app.track(code, secret);
}

try {
  // Warm up the isolate and the objects on the path (street, zh01, calendar).
  for (let i = 0; i < 20; i++) {
    const res = await fileOne();
    if (res.status !== 201) throw new Error(`warm-up filing answered ${res.status}: ${res.text}`);
  }
  for (let i = 0; i < 20; i++) {
    const res = await trackOne();
    if (res.status !== 200) throw new Error(`warm-up look-up answered ${res.status}: ${res.text}`);
  }

  const writes = [];
  for (const c of levels) writes.push(await load(c, 201, fileOne));
  const reads = [];
  for (const c of levels) reads.push(await load(c, 200, trackOne));

  const pad = (s, w) => String(s).padStart(w);
  const table = (title, rows) => {
    console.log(title);
    console.log(`${pad('concurrency', 11)}${pad('ok', 8)}${pad('per s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('workerd cores', 15)}${pad('workerd ms/op', 14)}${pad('proxy ms/op', 13)}  other answers`);
    for (const r of rows) {
      const other = [...r.statuses].filter(([s]) => s !== r.expected)
        .map(([s, n]) => `${n}× ${s}`).join(', ') || '-';
      console.log(`${pad(r.concurrency, 11)}${pad(r.ok, 8)}${pad(r.perSecond.toFixed(1), 9)}${pad(r.p50?.toFixed(1) ?? '-', 9)}${pad(r.p99?.toFixed(1) ?? '-', 9)}${pad(r.workerdCores.toFixed(2), 15)}${pad(r.workerdPerOk?.toFixed(1) ?? '-', 14)}${pad(r.wranglerPerOk?.toFixed(1) ?? '-', 13)}  ${other}`);
    }
    console.log('');
  };
  console.log(`one community object (${COMMUNITY}), local workerd (wrangler dev), ${cpus().length} CPU cores shared by workerd and this client; ${seconds} s per level`);
  console.log('workerd cores: CPU seconds workerd (the Worker and every object) used per second of the run; workerd ms/op: its CPU time per answered request;');
  console.log('proxy ms/op: CPU time of wrangler\'s own node process (the local dev proxy, absent on Cloudflare) per answered request');
  console.log(`load average (1 min) before the start ${loadBefore.toFixed(2)}, at the end ${loadavg()[0].toFixed(2)} (other work on the machine skews the figures)`);
  console.log('');
  table('writes: POST /api/cases (filings into one community; each also claims its Idempotency-Key in the street object, a write there)', writes);
  table(`reads: POST /api/track of ${filed.length} filed cases (reads only; also a throttle read in the street object and a sessions read in the calendar object)`, reads);
} finally {
  await app.stop();
}
