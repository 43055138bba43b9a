// Whether the Worker's memory under a flood of small bad requests levels off (buffers and
// caches reaching their working size) or keeps growing with what was sent (a leak): many
// passes of bad input on every route, no 20 MB bodies, the workerd memory read after each.
//
//   node tests/reliability/memory.mjs [PASSES]     (after ./x build; about 30 s a pass)
//
// Prints the memory after each pass and the growth over each half of the passes; exits 1 on a
// 5xx or when the second half grew by over 48 MB (a leak grows with every pass alike).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Target } from './client.mjs';
import { badInput } from './bad-input.mjs';

const passes = Number(process.argv[2] ?? 8);
const stateDir = mkdtempSync(join(tmpdir(), 'accord-memory-'));
const target = await new Target(stateDir).start({ seed: true });
let failed = false;
try {
  const result = await badInput(target, { passes, huge: false, slow: null, log: console.log });
  const rss = result.counts.rssMB;
  const half = Math.floor(rss.length / 2);
  const early = rss[half] - rss[0];
  const late = rss.at(-1) - rss[half];
  console.log(`workerd RSS per pass: ${rss.join(' ')} MB; ${result.counts.requests} requests, ${result.counts.fiveXX} answers 5xx`);
  console.log(`growth over the first half: ${early} MB, over the second half: ${late} MB`);
  failed = result.counts.fiveXX > 0 || late > 48;
  if (failed) console.log('memory did not level off');
} finally {
  await target.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
