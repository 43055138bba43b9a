// Benchmark: requests per second and latency of six routes under steady load on local workerd
// (`wrangler dev`), from autocannon's programmatic API: `connections` keep-alive connections,
// each sending its next request as soon as the last one has answered, for `seconds` per run.
//
// - `GET /api/health`: the bare route, no storage.
// - `POST /api/dev/fanout {"objects":1}`: the bare route with exactly one Durable Object round
//   trip (a `Ping`, one `SELECT COUNT(*)`, to community object `bench-0001`). The yardstick:
//   filing and tracking are compared with it.
// - Filing: `POST /api/cases` with harness `goodFiling()` (community zh01) and a fresh
//   `Idempotency-Key` per request; 201 expected. The key is claimed in the street object, then
//   zh01's object writes the case, its first event, the idempotency record and an audit entry.
// - Tracking: `POST /api/track {code, secret}` cycling over up to 200 cases filed by the filing
//   run (correct secrets: the throttle counts wrong ones only); 200 expected.
// - Staff queue: `GET /api/staff/cases` (first page of open cases), signed in as `coordinator`.
// - Case detail: `GET /api/staff/cases/<code>`, cycling over the same cases, as `coordinator`.
//
// Each route is warmed up for about a second, then run twice; the run with more 2xx answers
// per second is reported (the other run's figures are listed too). Requests per second count
// 2xx answers only; p50 and p99 are autocannon's latencies of 2xx answers (whole milliseconds);
// other statuses and connection errors are counted apart. Ratios divide by the one-round-trip
// route's figures from the same bench. CPU: workerd's (the Worker and every object) and
// wrangler's local proxy's (absent on Cloudflare) CPU time per 2xx answer, from /proc, during
// the reported run. autocannon runs in this process, on the same cores as workerd.
//
//   node tests/bench/throughput.mjs [seconds] [connections]      (after ./x build)
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { startApp, goodFiling } from '../harness.mjs';
import { groupCpuMs } from './cpu.mjs';

const TRACKED_CASES = 200;
const MIN_RATE_OF_ONE_TRIP = 0.6;
const MAX_P99_OF_ONE_TRIP = 3;

/** One autocannon run of `request` (an autocannon `requests` entry) against the app. */
async function run(app, request, seconds, connections) {
  const cpuBefore = groupCpuMs(app.processGroup);
  const result = await autocannon({ url: app.base, connections, duration: seconds, timeout: 10, requests: [request] });
  const cpuAfter = groupCpuMs(app.processGroup);
  const ok = result['2xx'];
  const statuses = Object.entries(result.statusCodeStats)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count}× ${status}`);
  if (result.errors) statuses.push(`${result.errors}× connection error (${result.timeouts} timeouts)`);
  return {
    ok,
    perSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    other: result.non2xx + result.errors,
    statuses,
    workerdPerOk: ok ? (cpuAfter.workerd - cpuBefore.workerd) / ok : undefined,
    wranglerPerOk: ok ? (cpuAfter.wrangler - cpuBefore.wrangler) / ok : undefined,
  };
}

/**
 * Loads each route on a started, seeded app for `seconds` with `connections` connections.
 * Answers `{ markdown, checks }`.
 */
export async function measureThroughput(app, { seconds = 8, connections = 20 } = {}) {
  const loadBefore = loadavg()[0];
  const { cookie } = await app.login('coordinator');
  if (!cookie) throw new Error('coordinator could not sign in');
  const json = { 'content-type': 'application/json', origin: app.base };

  // Cases the filing runs answer with, for tracking and the case detail; and every code seen,
  // to check that each filing made a case of its own.
  const filed = [];
  const codes = new Set();
  let next = 0;
  const nextCase = () => filed[next++ % filed.length];

  const routes = [
    { name: 'bare route, no storage', path: '/api/health', request: { method: 'GET', path: '/api/health' } },
    {
      name: 'one object round trip',
      path: 'POST /api/dev/fanout {"objects":1}',
      yardstick: true,
      request: { method: 'POST', path: '/api/dev/fanout', headers: json, body: JSON.stringify({ objects: 1 }) },
    },
    {
      name: 'filing',
      path: 'POST /api/cases',
      checked: true,
      request: {
        method: 'POST',
        path: '/api/cases',
        body: JSON.stringify(goodFiling()),
        setupRequest: (req) => ({ ...req, headers: { ...json, 'idempotency-key': randomUUID() } }),
        onResponse: (status, body) => {
          if (status !== 201) return;
          const { code, secret } = JSON.parse(body);
          codes.add(code);
          if (filed.length < TRACKED_CASES) filed.push({ code, secret });
        },
      },
    },
    {
      name: 'tracking',
      path: 'POST /api/track',
      checked: true,
      request: {
        method: 'POST',
        path: '/api/track',
        headers: json,
        setupRequest: (req) => {
          const { code, secret } = nextCase();
          return { ...req, body: JSON.stringify({ code, secret }) };
        },
      },
    },
    { name: 'staff queue', path: 'GET /api/staff/cases', request: { method: 'GET', path: '/api/staff/cases', headers: { cookie } } },
    {
      name: 'case detail',
      path: 'GET /api/staff/cases/<code>',
      request: {
        method: 'GET',
        path: '/api/staff/cases/',
        headers: { cookie },
        setupRequest: (req) => ({ ...req, path: `/api/staff/cases/${encodeURIComponent(nextCase().code)}` }),
      },
    },
  ];

  const results = [];
  let filings = 0;
  for (const route of routes) {
    await run(app, route.request, 1, connections); // warm-up, not reported
    if (route.path === 'POST /api/cases') filings = codes.size;
    const runs = [await run(app, route.request, seconds, connections), await run(app, route.request, seconds, connections)];
    if (route.path === 'POST /api/cases') {
      const answered = runs.reduce((n, r) => n + r.ok, 0);
      if (codes.size - filings !== answered) throw new Error(`${answered} filings answered 201 but ${codes.size - filings} distinct codes`);
      if (!filed.length) throw new Error(`no filing answered 201: ${runs[0].statuses.join(', ')}`);
    }
    const [best, other] = runs[0].perSecond >= runs[1].perSecond ? runs : [runs[1], runs[0]];
    results.push({ ...route, best, other });
  }

  const yardstick = results.find((r) => r.yardstick).best;
  const checks = [];
  for (const r of results.filter((x) => x.checked)) {
    checks.push({
      target: `${r.name} req/s ≥ ${MIN_RATE_OF_ONE_TRIP * 100}% of the one-round-trip route`,
      value: `${r.best.perSecond.toFixed(0)} req/s = ${((r.best.perSecond / yardstick.perSecond) * 100).toFixed(0)}%`,
      pass: r.best.perSecond >= MIN_RATE_OF_ONE_TRIP * yardstick.perSecond,
    });
    checks.push({
      target: `${r.name} p99 ≤ ${MAX_P99_OF_ONE_TRIP}× the one-round-trip route's p99`,
      value: `${r.best.p99} ms = ${(r.best.p99 / yardstick.p99).toFixed(2)}×`,
      pass: r.best.p99 <= MAX_P99_OF_ONE_TRIP * yardstick.p99,
    });
  }

  const f1 = (x) => (x === undefined ? '-' : x.toFixed(1));
  const lines = [
    '| route | what | req/s | p50 ms | p99 ms | non-2xx / errors | req/s ÷ one trip | p99 ÷ one trip | workerd CPU ms/req | wrangler CPU ms/req | other run: req/s, p99 ms | PASS/FAIL |',
    '|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    const own = checks.filter((c) => c.target.startsWith(`${r.name} `));
    const verdict = own.length ? (own.every((c) => c.pass) ? 'PASS' : 'FAIL') : '—';
    const other = r.best.statuses.length ? r.best.statuses.join(', ') : '0';
    lines.push(`| \`${r.path}\` | ${r.name} | ${r.best.perSecond.toFixed(0)} | ${r.best.p50} | ${r.best.p99} | ${other} | ${(r.best.perSecond / yardstick.perSecond).toFixed(2)} | ${(r.best.p99 / yardstick.p99).toFixed(2)} | ${f1(r.best.workerdPerOk)} | ${f1(r.best.wranglerPerOk)} | ${r.other.perSecond.toFixed(0)}, ${r.other.p99}${r.other.other ? ` (${r.other.statuses.join(', ')})` : ''} | ${verdict} |`);
  }
  const markdown = [
    `autocannon, ${connections} connections, ${seconds} s per run, against local \`wrangler dev\` (workerd); each route warmed up for 1 s, then run twice, ` +
      'the run with more 2xx answers per second reported (the other in the last column but one). req/s counts 2xx answers; p50/p99 are of 2xx answers.',
    '',
    ...lines,
    '',
    `- Targets: filing and tracking at ≥ ${MIN_RATE_OF_ONE_TRIP * 100}% of the one-round-trip route's req/s, and p99 ≤ ${MAX_P99_OF_ONE_TRIP}× its p99.`,
    `- Every filing goes to one community object (zh01): ${codes.size} cases filed, each 201 a case of its own. Tracking and the case detail cycle over ${filed.length} of them; ` +
      'the queue and the detail are read with those cases in it (the queue answers its first page).',
    '- workerd CPU: the Worker and every object, per 2xx answer; wrangler CPU: wrangler\'s own node process (the local dev server around workerd, which Cloudflare does not have).',
    ...results.filter((r) => r.best.ok < 100).map((r) => `- ${r.name}: only ${r.best.ok} 2xx answers in the reported run, so its p99 is about its slowest answer.`),
    `- ${cpus().length} CPU cores shared by workerd, wrangler and autocannon (in this process); load average (1 min) ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end.`,
  ].join('\n');
  return { markdown, checks };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.argv[2] ?? 8);
  const connections = Number(process.argv[3] ?? 20);
  if (!(seconds > 0) || !Number.isInteger(connections) || connections < 1) {
    console.error('usage: node tests/bench/throughput.mjs [seconds] [connections]');
    process.exit(2);
  }
  const app = await startApp();
  try {
    const { markdown, checks } = await measureThroughput(app, { seconds, connections });
    console.log(markdown);
    console.log('');
    for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.target}: ${c.value}`);
  } finally {
    await app.stop();
  }
}
