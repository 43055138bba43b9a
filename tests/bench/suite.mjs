// The benchmark suite (`./x bench`): the product measured against its limits, in one run, on
// Workers of its own (fresh storage, free ports). It prints one markdown report and writes it
// to BENCHMARKS.md (or `--out FILE`), with the machine it ran on:
//   1. pages: what the resident's first page, the staff console and the party page download,
//      and when each is usable in headless Chromium, unthrottled and on Slow 4G (pages.mjs);
//   2. throughput and latency on local workerd against two bare routes (throughput.mjs);
//   3. Durable Object round trips per user action (round-trips.mjs);
//   4. growth: a community of 1,000 cases against one of 100,000: the queue, boards, a case
//      detail, an escalation run, a filing and the dashboard (growth.mjs).
// Each target is printed with PASS or FAIL beside it; the suite fails only if a measurement
// could not be taken. `--quick` runs every part briefly (a smoke run: its figures are not
// the benchmark's) and is what `./x test` runs.
//
//   node tests/bench/suite.mjs [--quick] [--out FILE]       (after ./x build)
import { writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { cpus, totalmem, loadavg, release } from 'node:os';
import { startApp } from '../harness.mjs';
import { measurePages } from './pages.mjs';
import { measureThroughput } from './throughput.mjs';
import { measureRoundTrips } from './round-trips.mjs';
import { measureGrowth } from './growth.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : 'BENCHMARKS.md';
const settings = quick
  ? { pages: { runs: 1 }, throughput: { seconds: 2, connections: 20 }, growth: { small: 1000, large: 3000, runs: 3 } }
  : { pages: { runs: 5 }, throughput: { seconds: 8, connections: 20 }, growth: { small: 1000, large: 100000, runs: 15 } };

/** Runs `part` against a Worker of its own, stopped afterwards. */
async function onFreshApp(part) {
  const app = await startApp();
  try {
    return await part(app);
  } finally {
    await app.stop();
  }
}

const started = Date.now();
const commit = (() => {
  try { return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
})();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`;
const loadBefore = loadavg()[0];

const parts = [
  ['Pages', () => onFreshApp((app) => measurePages(app, settings.pages))],
  ['Throughput and latency', () => onFreshApp((app) => measureThroughput(app, settings.throughput))],
  ['Round trips per action', () => onFreshApp((app) => measureRoundTrips(app))],
  ['Growth', () => onFreshApp((app) => measureGrowth(app, settings.growth))],
];
const sections = [];
const checks = [];
for (const [title, run] of parts) {
  process.stderr.write(`==> ${title}\n`);
  const result = await run();
  sections.push(`## ${title}\n\n${result.markdown}\n`);
  checks.push(...result.checks);
}

const minutes = ((Date.now() - started) / 60000).toFixed(1);
const summary = ['| target | measured | |', '|---|---:|---|',
  ...checks.map((c) => `| ${c.target} | ${c.value} | ${c.pass ? 'PASS' : 'FAIL'} |`)].join('\n');
const report = [
  `# Benchmarks${quick ? ' (quick smoke run: not the benchmark figures)' : ''}`,
  '',
  `Measured by \`./x bench\` (tests/bench/suite.mjs) at ${commit} on ${new Date().toISOString().slice(0, 10)}: ${machine}. Load average before the run ${loadBefore.toFixed(2)}, after ${loadavg()[0].toFixed(2)}; the run took ${minutes} min. Local workerd (\`wrangler dev\`) shares the cores with the load generator and the browser, so absolute figures are this machine's; the ratios travel better.`,
  '',
  `## Targets\n\n${summary}\n`,
  ...sections,
].join('\n');
writeFileSync(out, report);
console.log(report);
process.stderr.write(`==> written to ${out}: ${checks.filter((c) => c.pass).length} of ${checks.length} targets met\n`);
