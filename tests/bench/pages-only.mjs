// The page loads of the benchmark suite alone (pages.mjs): what each page downloads and when
// it is usable, first painted and largest-painted on Slow 4G, on a fresh Worker.
//
//   node tests/bench/pages-only.mjs [RUNS]     (after ./x build)
import { startApp } from '../harness.mjs';
import { measurePages } from './pages.mjs';

const runs = Number(process.argv[2] ?? 5);
const app = await startApp();
let failed = false;
try {
  const { markdown, checks } = await measurePages(app, { runs });
  console.log(markdown);
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'} ${c.target}: ${c.value}`);
  failed = checks.some((c) => !c.pass);
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
