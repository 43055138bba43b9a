// Whether the Worker's memory under a flood of small bad requests levels off (buffers and
// caches reaching their working size) or keeps growing with what was sent (a leak): many
// passes of bad input on every route, no 20 MB bodies, the workerd memory read after each.
//
//   node tests/reliability/memory.mjs [PASSES]     (after ./x build; about 30 s a pass)
//
// Two memories are read after each pass: the resident memory of the workerd processes (the
// runtime, wrangler's local proxy in front of it and the developer tools it keeps, around the
// Worker), and the Worker's own WebAssembly memory (`GET /api/dev/round-trips`), which its
// allocations grow and which never shrinks. Prints both after each pass and the growth over
// each half of the passes; exits 1 on a 5xx or when the Worker's own memory grew in the
// second half (a leak of the Worker grows it with every pass alike).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Target, call } from './client.mjs';
import { badInput } from './bad-input.mjs';

const passes = Number(process.argv[2] ?? 8);
const stateDir = mkdtempSync(join(tmpdir(), 'accord-memory-'));
const target = await new Target(stateDir).start({ seed: true });
let failed = false;
try {
  const wasm = [];
  const readWasm = async () => {
    const res = await call(target, 'GET', '/api/dev/round-trips');
    wasm.push(Math.round((res.json?.wasm_memory_bytes ?? NaN) / 1024 / 1024 * 10) / 10);
  };
  await readWasm();
  const pending = [];
  const log = (line) => {
    console.log(line);
    if (line.includes('bad input pass')) pending.push(readWasm());
  };
  const result = await badInput(target, { passes, huge: false, slow: null, log });
  await Promise.all(pending);
  const rss = result.counts.rssMB;
  const half = Math.floor(rss.length / 2);
  const early = rss[half] - rss[0];
  const late = rss.at(-1) - rss[half];
  console.log(`workerd RSS per pass: ${rss.join(' ')} MB; ${result.counts.requests} requests, ${result.counts.fiveXX} answers 5xx`);
  console.log(`workerd RSS growth over the first half: ${early} MB, over the second half: ${late} MB`);
  const wasmEarly = wasm[half] - wasm[0];
  const wasmLate = wasm.at(-1) - wasm[half];
  console.log(`the Worker's WebAssembly memory per pass: ${wasm.join(' ')} MB; growth over the first half ${wasmEarly.toFixed(1)} MB, over the second half ${wasmLate.toFixed(1)} MB`);
  failed = result.counts.fiveXX > 0 || !(wasmLate <= 0);
  if (failed) console.log("the Worker's own memory did not level off");
} finally {
  await target.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
