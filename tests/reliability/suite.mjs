// The reliability suite in one place, at two sizes: `short` (inside `./x test`, through
// tests/reliability.test.mjs) and `long` (`./x reliability`, through run.mjs). One Worker on
// kept storage carries every scenario; bad input comes last, as its requests may lock the
// accounts and addresses they guess with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Target, login } from './client.mjs';
import { conflicts, exactlyOnce, listAppend, restartsUnderLoad } from './scenarios.mjs';
import { badInput } from './bad-input.mjs';

export const SIZES = {
  short: {
    conflicts: { writers: 50 },
    exactlyOnce: { serial: 10, concurrent: 20 },
    listAppend: { cases: 4, clients: 8, ms: 5_000 },
    restarts: { restarts: 1, cases: 3, clients: 6, loadMs: [1_500, 2_500] },
    badInput: { passes: 2, huge: true, slow: { count: 2, ms: 2_000 }, chunkedRoutes: ['/api/cases'] },
  },
  long: {
    conflicts: { writers: 50 },
    exactlyOnce: { serial: 10, concurrent: 20 },
    listAppend: { cases: 6, clients: 16, ms: 60_000 },
    restarts: { restarts: 5, cases: 4, clients: 10, loadMs: [2_000, 6_000] },
    badInput: { passes: 3, huge: true, slow: { count: 5, ms: 5_000 } },
  },
};

/**
 * Runs the scenarios of one size in order; `each(name, result, seconds)` hears each as it
 * ends. Answers every result by name.
 */
export async function runSuite(size, { each = () => {}, log = () => {} } = {}) {
  const sizes = SIZES[size];
  const stateDir = mkdtempSync(join(tmpdir(), 'accord-reliability-'));
  const target = await new Target(stateDir).start({ seed: true });
  const results = {};
  try {
    const cookie = await login(target, 'coordinator');
    const steps = [
      ['conflicts', () => conflicts(target, { cookie, ...sizes.conflicts })],
      ['exactlyOnce', () => exactlyOnce(target, sizes.exactlyOnce)],
      ['listAppend', () => listAppend(target, { cookie, log, ...sizes.listAppend })],
      ['restarts', () => restartsUnderLoad(target, { cookie, log, ...sizes.restarts })],
      ['badInput', () => badInput(target, { log, ...sizes.badInput })],
    ];
    for (const [name, step] of steps) {
      const t0 = Date.now();
      try {
        results[name] = await step();
      } catch (err) {
        results[name] = { counts: {}, problems: [`${name} stopped: ${err?.stack ?? err}`] };
      }
      each(name, results[name], (Date.now() - t0) / 1000);
    }
  } finally {
    await target.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
  return results;
}

/** The figures the issue asks for, in one line each. */
export function summary(results) {
  const r = results;
  const lines = [];
  const rc = r.restarts?.counts ?? {};
  lines.push(`lost acknowledged writes: ${rc.lostAcknowledgedWrites ?? '?'} over ${rc.restarts ?? '?'} restarts (${rc.acknowledgedFilings ?? '?'} filings and ${rc.acknowledgedNotes ?? '?'} notes acknowledged; ${rc.unknownFilings ?? '?'} filings of unknown outcome, each one case when retried; half-written cases: ${rc.halfWritten ?? '?'}; figures off a recount: ${rc.figuresDifferences ?? '?'})`);
  const la = r.listAppend?.counts ?? {};
  lines.push(`lost updates in the list-append history: ${la.lostAppends ?? '?'} (${la.operations ?? '?'} operations, ${la.acknowledgedAppends ?? '?'} acknowledged appends on ${la.keys ?? '?'} cases; anomalies of any kind: ${la.anomalies ?? '?'}; with the restarts' history: ${rc.anomalies ?? '?'})`);
  const eo = r.exactlyOnce?.counts ?? {};
  lines.push(`exactly-once filing: ${eo.serial?.requests ?? '?'} serial retries made ${eo.serial?.created ?? '?'} case, ${eo.concurrent?.requests ?? '?'} concurrent made ${eo.concurrent?.created ?? '?'}; the same key with another body: ${eo.reusedKey ?? '?'}`);
  const c = r.conflicts?.counts ?? {};
  lines.push(`one version, ${c.sameVersion ?? '?'} writers: ${c.accepted ?? '?'} accepted, ${c.conflicts ?? '?'} answered 409, ${c.other ?? '?'} other; ${c.retrying ?? '?'} retrying writers: ${c.recorded ?? '?'} recorded in ${c.attempts ?? '?'} attempts`);
  const b = r.badInput?.counts ?? {};
  lines.push(`bad input: ${b.fiveXX ?? '?'} answers 5xx and ${b.noAnswer ?? '?'} without an answer of ${b.requests ?? '?'} requests on ${b.routes ?? '?'} routes; workerd RSS before and after each pass ${JSON.stringify(b.rssMB ?? [])} MB, of which the 20 MB bodies added ${JSON.stringify(b.hugeBodiesGrowthMB ?? [])} MB per pass`);
  return lines;
}
