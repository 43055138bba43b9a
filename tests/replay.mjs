// `./x replay`: imports the reference street's two years into a running Accord and checks
// that the street's dashboard shows what the generator says it wrote.
//
//   node tests/replay.mjs [--cases N] [--seed S] [--base URL] [--out FILE] [--fresh]
//
// Fetches the generated history (`GET /api/dev/reference-history`, 3,779 cases by default:
// the reference figures, 99.29 % and 442 long-standing disputes), writes it as a JSON-lines
// import file (default `target/reference-history.jsonl`) with the generator's truth next to
// it (`….truth.json`), signs in as `admin` and imports it in chunks of 200 (a progress bar on
// stderr), then reads the street's dashboard as `coordinator` over the history's first to
// last day and compares the filed total, the success rate (its numerator and denominator,
// and the percentage with two decimals rounded half up) and the long-standing disputes filed
// with the truth. Prints the comparison; exits 1 on any mismatch or refused line.
//
// Against a running instance (default http://127.0.0.1:8787, `./x run`), or with `--fresh`
// one started for the run on empty storage and stopped after. Running it again against the
// same instance imports nothing (every line is unchanged) and matches again. The history
// ends on the instance's today; if a file written on another day exists for the same seed
// and size, that file is imported again instead, so a later re-run still finds its own cases.
// Other cases filed on the instance within the history's days count on the dashboard too
// (and show as a mismatch).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, DEMO_PASSWORD, startApp } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHUNK = 200;

function parseArgs(argv) {
  const options = {
    cases: 3779,
    seed: undefined,
    base: `http://127.0.0.1:${process.env.ACCORD_PORT ?? 8787}`,
    out: 'target/reference-history.jsonl',
    fresh: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--cases': options.cases = Number(value()); break;
      case '--seed': options.seed = value(); break;
      case '--base': options.base = value().replace(/\/+$/, ''); break;
      case '--out': options.out = value(); break;
      case '--fresh': options.fresh = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!Number.isInteger(options.cases) || options.cases < 1 || options.cases > 20000) usage('--cases: 1 to 20,000');
  if (!isAbsolute(options.out)) options.out = join(ROOT, options.out);
  return options;
}

function usage(problem) {
  if (problem) console.error(`replay: ${problem}`);
  console.error('usage: node tests/replay.mjs [--cases N] [--seed S] [--base URL] [--out FILE] [--fresh]');
  process.exit(2);
}

/** Two decimals of a per cent, rounded half up (as the generator and the dashboard print it). */
export function percent(numerator, denominator) {
  if (!(denominator > 0)) return '–';
  const bp = (20_000n * BigInt(numerator) + BigInt(denominator)) / (2n * BigInt(denominator));
  return `${bp / 100n}.${String(bp % 100n).padStart(2, '0')}`;
}

function progress(done, total, counts, started) {
  const share = total ? done / total : 1;
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
  const rate = done / Math.max((performance.now() - started) / 1000, 0.001);
  process.stderr.write(`\r  importing [${bar}] ${done}/${total} (${counts.imported} new, ${counts.unchanged} unchanged, ${counts.errors} refused; ${rate.toFixed(0)} lines/s)   `);
}

async function signIn(app, username) {
  let { res, cookie } = await app.login(username, DEMO_PASSWORD);
  if (!cookie && res.status === 401) {
    // A local instance not seeded yet: the demo seed is idempotent (and local only).
    const seeded = await app.post('/api/dev/seed', {});
    if (seeded.status === 200) ({ res, cookie } = await app.login(username, DEMO_PASSWORD));
  }
  if (!cookie) throw new Error(`${username} could not sign in: ${res.status} ${res.text}`);
  return cookie;
}

/** The history to import: fetched, or the one written before for the same seed and size. */
async function history(app, options) {
  const query = new URLSearchParams({ cases: String(options.cases) });
  if (options.seed !== undefined) query.set('seed', options.seed);
  const res = await app.get(`/api/dev/reference-history?${query}`);
  if (res.status !== 200) throw new Error(`the reference history answered ${res.status}: ${res.text.slice(0, 300)}`);
  const fetched = res.json;
  const truthFile = options.out.replace(/\.jsonl$/, '') + '.truth.json';
  if (!options.fresh && existsSync(options.out) && existsSync(truthFile)) {
    const written = JSON.parse(readFileSync(truthFile, 'utf8'));
    if (written.seed === fetched.truth.seed && written.cases === fetched.truth.cases && written.to !== fetched.truth.to) {
      console.error(`  using ${options.out}, written for the two years to ${written.to} (delete it to fetch a new one)`);
      const lines = readFileSync(options.out, 'utf8').split('\n').filter((l) => l.trim() !== '');
      return { lines, truth: written, truthFile, reused: true };
    }
  }
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, fetched.lines.join('\n') + '\n');
  writeFileSync(truthFile, JSON.stringify(fetched.truth, null, 2) + '\n');
  return { ...fetched, truthFile };
}

async function importAll(app, cookie, lines) {
  const counts = { imported: 0, unchanged: 0, errors: 0 };
  const errors = [];
  const started = performance.now();
  progress(0, lines.length, counts, started);
  for (let i = 0; i < lines.length; i += CHUNK) {
    const chunk = lines.slice(i, i + CHUNK);
    const res = await app.post('/api/admin/import', { first_line: i + 1, lines: chunk }, { cookie });
    if (res.status !== 200) {
      process.stderr.write('\n');
      throw new Error(`the import of lines ${i + 1}–${i + chunk.length} answered ${res.status}: ${res.text.slice(0, 500)}`);
    }
    counts.imported += res.json.imported;
    counts.unchanged += res.json.unchanged;
    counts.errors += res.json.errors.length;
    errors.push(...res.json.errors);
    progress(i + chunk.length, lines.length, counts, started);
  }
  process.stderr.write('\n');
  return { ...counts, errorList: errors, seconds: (performance.now() - started) / 1000 };
}

function table(rows) {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r, n) => {
    const line = r.slice(0, 3).map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('   ');
    return n === 0 ? line : `${line}   ${r[3]}`;
  }).join('\n');
}

export async function replay(options) {
  let app;
  let started;
  if (options.fresh) {
    console.error('  starting a fresh Worker');
    started = await startApp();
    app = started;
  } else {
    app = new App(options.base, () => '');
    const health = await app.get('/api/health').catch((e) => ({ status: 0, text: String(e.cause?.code ?? e.message) }));
    if (health.status !== 200) {
      throw new Error(`no Accord at ${options.base} (${health.status || health.text}); start one with ./x run, or pass --fresh`);
    }
  }
  try {
    const admin = await signIn(app, 'admin');
    const coordinator = await signIn(app, 'coordinator');
    const { lines, truth, truthFile, reused } = await history(app, options);
    console.log(`reference history: ${lines.length} cases of ${truth.street}, ${truth.from} to ${truth.to} (seed ${truth.seed})`);
    console.log(`  ${reused ? 'read from' : 'written to'} ${options.out} and ${truthFile}`);
    const done = await importAll(app, admin, lines);
    console.log(`imported ${done.imported}, unchanged ${done.unchanged}, refused ${done.errors} (${done.seconds.toFixed(1)} s)`);
    for (const e of done.errorList.slice(0, 20)) {
      console.log(`  line ${e.line}${e.source_id ? ` (${e.source_id})` : ''}: ${e.code}${e.field ? ` at ${e.field}` : ''}: ${e.message}`);
    }
    if (done.errorList.length > 20) console.log(`  … and ${done.errorList.length - 20} more`);

    const query = new URLSearchParams({ from: truth.from, to: truth.to, by: 'all' });
    const res = await app.get(`/api/staff/figures?${query}`, { cookie: coordinator });
    if (res.status !== 200) throw new Error(`the dashboard answered ${res.status}: ${res.text.slice(0, 300)}`);
    const total = res.json.table.total;
    const rate = total.success_rate;
    const rows = [
      ['figure', 'truth', 'dashboard'],
      ['cases filed', truth.cases, total.counts.filed],
      ['success rate, resolved', truth.success_numerator, rate.numerator],
      ['success rate, resolved or failed', truth.success_denominator, rate.denominator],
      ['success rate, %', truth.success_rate_percent, percent(rate.numerator, rate.denominator)],
      ['long-standing disputes filed', truth.long_standing_filed, total.counts.long_standing_filed],
    ].map((r, i) => (i === 0 ? r : [...r, String(r[1]) === String(r[2]) ? 'ok' : 'MISMATCH']));
    console.log(`\nthe street's dashboard, ${truth.from} to ${truth.to}, as coordinator (${res.json.communities.length} communities):`);
    console.log(table(rows));
    const mismatches = rows.slice(1).filter((r) => r[3] !== 'ok').length;
    const ok = mismatches === 0 && done.errors === 0;
    console.log(ok ? '\nall figures match' : `\n${mismatches} mismatch(es), ${done.errors} refused line(s)`);
    return ok;
  } finally {
    await started?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseArgs(process.argv.slice(2));
  try {
    process.exitCode = (await replay(options)) ? 0 : 1;
  } catch (err) {
    console.error(`replay: ${err.message}`);
    process.exitCode = 1;
  }
}
