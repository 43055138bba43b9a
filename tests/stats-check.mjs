// `./x stats-check`: recounts the figures of every case against the counters kept.
//
//   node tests/stats-check.mjs [--base URL]
//
// Signs in as `admin` on a running instance (default http://127.0.0.1:8787, `./x run`),
// calls `POST /api/admin/figures/check` (every community of the admin's street recounts its
// cases and compares with its kept cells), prints what was recounted, then each community
// with differences and each difference with the cases behind it. Exits 1 if any counter
// differs (or the check cannot run).
import { pathToFileURL } from 'node:url';
import { App, DEMO_PASSWORD } from './harness.mjs';

function parseArgs(argv) {
  const options = { base: `http://127.0.0.1:${process.env.ACCORD_PORT ?? 8787}`, username: 'admin' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--base' && argv[i + 1]) options.base = argv[++i].replace(/\/+$/, '');
    else if (arg === '--user' && argv[i + 1]) options.username = argv[++i];
    else {
      console.error(arg === '-h' || arg === '--help' ? '' : `stats-check: unknown argument ${arg}`);
      console.error('usage: node tests/stats-check.mjs [--base URL] [--user USERNAME]');
      process.exit(2);
    }
  }
  return options;
}

/** A cell key as one line: `filed 2026-12-02 category=neighbours [bucket 3]`. */
export function describeKey(key) {
  const value = key.dim === 'all' ? 'all' : `${key.dim}=${key.value}`;
  return `${key.metric} ${key.period} ${value}${key.bucket ? ` [bucket ${key.bucket}]` : ''}`;
}

export async function statsCheck({ base, username = 'admin' }) {
  const app = new App(base, () => '');
  const health = await app.get('/api/health').catch((e) => ({ status: 0, text: String(e.cause?.code ?? e.message) }));
  if (health.status !== 200) throw new Error(`no Accord at ${base} (${health.status || health.text}); start one with ./x run`);
  const { res: login, cookie } = await app.login(username, DEMO_PASSWORD);
  if (!cookie) throw new Error(`${username} could not sign in: ${login.status} ${login.text}`);
  const started = performance.now();
  const res = await app.post('/api/admin/figures/check', {}, { cookie });
  if (res.status !== 200) throw new Error(`the check answered ${res.status}: ${res.text.slice(0, 500)}`);
  const seconds = (performance.now() - started) / 1000;
  const report = res.json;
  console.log(`recounted ${report.cases} cases in ${report.communities} communities against ${report.cells} kept cells (${seconds.toFixed(1)} s)`);
  const width = Math.max(9, ...report.found.map((f) => f.community.length));
  if (report.found.length > 0) {
    console.log(`\n${'community'.padEnd(width)}   ${'cases'.padStart(7)}   ${'cells'.padStart(8)}   differences`);
    for (const f of report.found) {
      console.log(`${f.community.padEnd(width)}   ${String(f.cases).padStart(7)}   ${String(f.cells).padStart(8)}   ${f.differences.length}`);
    }
    for (const f of report.found) {
      console.log(`\n${f.community}:`);
      if (f.members_differing > 0) {
        console.log(`  the cases behind the numbers differ for ${f.members_differing} case(s): ${f.member_differences.join(', ')}`);
      }
      for (const d of f.differences) {
        const named = d.cases.length ? d.cases.join(', ') : 'no case gives this counter';
        const more = d.recomputed > d.cases.length && d.cases.length ? ` (first ${d.cases.length} of ${d.recomputed})` : '';
        console.log(`  ${describeKey(d.key)}: kept ${d.kept}, recomputed ${d.recomputed}`);
        console.log(`    cases${more}: ${named}`);
      }
    }
  }
  console.log(report.differences === 0
    ? '\nno differences: every kept counter matches its cases'
    : `\n${report.differences} difference(s) in ${report.found.length} communit${report.found.length === 1 ? 'y' : 'ies'}`);
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const report = await statsCheck(parseArgs(process.argv.slice(2)));
    process.exitCode = report.differences === 0 ? 0 : 1;
  } catch (err) {
    console.error(`stats-check: ${err.message}`);
    process.exitCode = 1;
  }
}
