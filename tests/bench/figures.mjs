// Benchmark: whether the dashboard's cost stays flat as a community's history grows. zh01 is
// loaded with SMALL synthetic cases and zh02 with LARGE (`POST /api/dev/load`, the same mix,
// filed over two years, counted into the figures as they are stored); each dashboard is timed
// as `coordinator` (median of 10 after 2 warm-ups, the two communities taking turns): this
// year by category, the last two years by category, and by grid. The figure is the ratio
// LARGE ÷ SMALL; the target is ≤ 1.3. The response sizes show that what a community sends
// depends on the directory, not on its number of cases. The cases behind a number (the
// drill-down's first page of 20, with its count, and its tenth page) are timed the same way.
//
//   node tests/bench/figures.mjs [small] [large]        (after ./x build; ./x bench-figures)
import { startApp } from '../harness.mjs';
import { loadCommunity } from './growth.mjs';
let dropped = 0;
const [small, large] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 100000)];
const app = await startApp();
try {
  const t0 = Date.now();
  await loadCommunity(app, 'zh01', small);
  await loadCommunity(app, 'zh02', large);
  console.log('loaded in', ((Date.now() - t0) / 1000).toFixed(0), 's');
  const cookie = (await app.login('coordinator')).cookie;
  // The first read of a loaded community counts its stored cases once (seconds at 100,000);
  // a request that long can be dropped by the local proxy without an answer, so it is asked
  // again until it answers, and the time of that one-off count is reported apart.
  for (const c of ['zh01', 'zh02']) {
    const s = performance.now();
    for (let attempt = 1; ; attempt++) {
      const r = await fetch(`${app.base}/api/staff/figures?community=${c}&by=category`, { headers: { cookie }, signal: AbortSignal.timeout(90_000) })
        .catch((e) => ({ status: String(e.name) }));
      if (r.status === 200) break;
      if (attempt === 6) throw new Error(`the first read of ${c} did not answer: ${r.status}`);
    }
    console.log(`first read of ${c} (counting its stored cases once): ${((performance.now() - s) / 1000).toFixed(1)} s`);
  }
  const today = new Date();
  const two = new Date(today); two.setFullYear(two.getFullYear() - 2);
  const d = (x) => x.toISOString().slice(0, 10);
  const queries = { 'this year, by category': 'by=category', 'two years, by category': `from=${d(two)}&by=category`, 'two years, by grid': `from=${d(two)}&by=grid` };
  await timeEach(app, cookie, small, large, queries, (c, q) => `/api/staff/figures?community=${c}&${q}`);
  // The cases behind "filed in the last two years": the first page (counted), then page 10.
  const cases = (c, q) => `/api/staff/figures/cases?metric=filed&community=${c}&from=${d(two)}&to=${d(today)}${q}`;
  const tenth = {};
  for (const c of ['zh01', 'zh02']) {
    let cursor = '';
    for (let page = 1; page < 10; page++) {
      const r = await fetch(app.base + cases(c, cursor), { headers: { cookie }, signal: AbortSignal.timeout(30_000) })
        .then(async (res) => ({ status: res.status, text: await res.text() }))
        .catch((e) => ({ status: e.name, text: '{}' }));
      if (r.status !== 200) { dropped += 1; page -= 1; continue; }
      const next = JSON.parse(r.text).next_cursor;
      if (!next) break;
      cursor = `&cursor=${encodeURIComponent(next)}`;
    }
    tenth[c] = cursor;
  }
  await timeEach(app, cookie, small, large, { 'cases behind a number, first page': '', 'cases behind a number, tenth page': 'tenth' },
    (c, q) => cases(c, q === 'tenth' ? tenth[c] : ''));
  console.log(`requests dropped by the local proxy and asked again (not timed): ${dropped}`);
} finally { await app.stop(); }

async function timeEach(app, cookie, small, large, queries, url) {
  for (const [name, q] of Object.entries(queries)) {
    const times = { zh01: [], zh02: [] }; const sizes = {};
    for (let i = 0; i < 12; i++) for (const c of ['zh01', 'zh02']) {
      let s;
      let r;
      for (let attempt = 1; ; attempt++) {
        s = performance.now();
        r = await fetch(app.base + url(c, q), { headers: { cookie }, signal: AbortSignal.timeout(30_000) })
          .then(async (res) => ({ status: res.status, text: await res.text() }))
          .catch((e) => ({ status: e.name, text: String(e) }));
        if (r.status === 200) break;
        // A request the local proxy dropped without an answer is asked again, not timed.
        dropped += 1;
        if (attempt === 3) throw new Error(`${url(c, q)}: ${r.text}`);
      }
      if (i > 1) times[c].push(performance.now() - s);
      sizes[c] = r.text.length;
    }
    const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const a = med(times.zh01), b = med(times.zh02);
    console.log(`${name}: ${small} ${a.toFixed(1)} ms (${sizes.zh01} B), ${large} ${b.toFixed(1)} ms (${sizes.zh02} B), ratio ${(b / a).toFixed(2)}`);
  }
}
