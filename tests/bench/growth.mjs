// Benchmark: whether what a user waits for stays flat as a community's history grows. Two
// communities of one street are loaded with synthetic history (`POST /api/dev/load`: the
// same mix of open and ended cases, filed over two years, in both), one with SMALL cases and
// one with LARGE; at each size, on local workerd, it times (median of `runs`, one request at
// a time, after a warm-up):
//   - the first and the 50th page of the community's queue (10 cases a page, so a community of 1,000 has 50 pages),
//   - two boards: high risk and overdue (their first page),
//   - a case detail (it looks for possible duplicates),
//   - an escalation run over the street when nothing is due (a second run at the same time),
//   - filing one more case into the community,
//   - the community's dashboard (`GET /api/staff/figures`): this year by category (the
//     default dates), the last two years by category, and the last two years by grid. It is
//     read from counters each community keeps, so its cost should not grow with the cases.
// The figure is the ratio LARGE ÷ SMALL of each; the target is ≤ 1.3.
//
//   node tests/bench/growth.mjs [small] [large] [runs]       (after ./x build)
//   ACCORD_BENCH_STATE=dir keeps the loaded storage in `dir` and resumes a load that stopped.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { startApp, goodFiling } from '../harness.mjs';

const BATCH = 2000;
const PAGE = 10;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Loads `community` up to `total` synthetic cases, printing a progress bar on stderr. */
export async function loadCommunity(app, community, total) {
  const started = performance.now();
  for (;;) {
    const res = await app.post('/api/dev/load', { community, count: BATCH, total });
    if (res.status !== 200) throw new Error(`loading ${community} answered ${res.status}: ${res.text}`);
    const { loaded } = res.json;
    const share = loaded / res.json.total;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const rate = loaded / ((performance.now() - started) / 1000);
    process.stderr.write(`\r  loading ${community} [${bar}] ${loaded}/${res.json.total} (${rate.toFixed(0)} cases/s)   `);
    if (loaded >= res.json.total) break;
  }
  process.stderr.write('\n');
}

async function timed(send, expected) {
  const t = performance.now();
  const res = await send();
  const ms = performance.now() - t;
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${res.text.slice(0, 300)}`);
  return { ms, res };
}

/** Median wall time of `runs` calls of `send` (after two warm-ups). */
async function time(runs, send, expected = 200) {
  for (let i = 0; i < 2; i++) await timed(send, expected);
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await timed(send, expected)).ms);
  return median(times);
}

/**
 * Times the same actions on several communities, taking turns (a round of every action on
 * each community, `runs` times, after two warm-up rounds), so drift of the machine falls on
 * all columns alike. `actions` maps a name to `{ send: (community) => request, expected }`;
 * answers the medians per community, and in `bytes` the size of each action's last answer.
 */
async function timeInTurns(runs, communities, actions) {
  const samples = communities.map(() => Object.fromEntries(Object.keys(actions).map((k) => [k, []])));
  const bytes = communities.map(() => ({}));
  for (let round = -2; round < runs; round++) {
    for (const [name, { send, expected }] of Object.entries(actions)) {
      for (const [i, community] of communities.entries()) {
        const { ms, res } = await timed(() => send(community), expected);
        if (round >= 0) samples[i][name].push(ms);
        bytes[i][name] = Buffer.byteLength(res.text);
      }
    }
  }
  return samples.map((s, i) => ({
    ...Object.fromEntries(Object.entries(s).map(([k, xs]) => [k, median(xs)])),
    bytes: bytes[i],
  }));
}

/** Today in the street's zone (Asia/Shanghai, UTC+8), and the same day `years` before. */
const shanghaiDay = (ms = Date.now()) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
function yearsBefore(day, years) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** Walks a community's queue to its 50th page; answers the first page and that cursor. */
async function fiftiethPage(app, cookie, community) {
  let cursor = '';
  let firstPage;
  for (let page = 1; page < 50; page++) {
    const res = await app.queue(cookie, `?community=${community}&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(`queue page ${page}: ${res.status} ${res.text}`);
    firstPage ??= res.json;
    cursor = res.json.next_cursor;
    if (!cursor) throw new Error(`${community} has fewer than 50 pages of open cases`);
  }
  return { firstPage, cursor };
}

const ACTIONS = [
  ['queueFirst', 'queue, first page'],
  ['queue50', 'queue, 50th page'],
  ['boardHighRisk', 'board: high risk'],
  ['boardOverdue', 'board: overdue'],
  ['detail', 'case detail'],
  ['escalation', 'escalation run, nothing due (street)'],
  ['filing', 'filing one more case'],
  ['figuresYear', 'dashboard: this year by category'],
  ['figuresTwoYears', 'dashboard: two years by category'],
  ['figuresTwoYearsGrid', 'dashboard: two years by grid'],
];

/** The dashboard actions, whose answers' sizes the report gives. */
const DASHBOARDS = ['figuresYear', 'figuresTwoYears', 'figuresTwoYearsGrid'];

/**
 * Loads `small` cases into zh01 and `large` into zh02 and times each action in both.
 * Returns `{ markdown, checks, rows }`.
 */
export async function measureGrowth(app, { small = 1000, large = 100000, runs = 15 } = {}) {
  const { cookie } = await app.login('coordinator');
  if (!cookie) throw new Error('coordinator could not sign in');
  const escalate = () => app.request('POST', '/api/staff/escalations/run', { body: {}, headers: { cookie } });
  const rows = [];
  // The escalation run covers the street: it is timed after each load, the street holding
  // the small community only, then the large one too.
  for (const [community, total] of [['zh01', small], ['zh02', large]]) {
    const loadStart = performance.now();
    await loadCommunity(app, community, total);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    await escalate(); // whatever is due now is escalated; the timed runs find nothing
    const escalation = await time(runs, escalate);
    const after = await escalate();
    rows.push({ community, total, loadSeconds, escalation, escalatedAfter: after.json?.escalated });
  }
  const pages = {};
  for (const { community } of rows) pages[community] = await fiftiethPage(app, cookie, community);
  const queue = (community, query) => app.queue(cookie, `?community=${community}&limit=${PAGE}${query}`);
  const figures = (community, query) => app.get(`/api/staff/figures?${new URLSearchParams({ community, ...query })}`, { cookie });
  const twoYearsAgo = yearsBefore(shanghaiDay(), 2);
  const middle = (c) => pages[c].firstPage.items[Math.floor(pages[c].firstPage.items.length / 2)].code;
  const timings = await timeInTurns(runs, rows.map((r) => r.community), {
    queueFirst: { send: (c) => queue(c, ''), expected: 200 },
    queue50: { send: (c) => queue(c, `&cursor=${encodeURIComponent(pages[c].cursor)}`), expected: 200 },
    boardHighRisk: { send: (c) => queue(c, '&view=high_risk'), expected: 200 },
    boardOverdue: { send: (c) => queue(c, '&view=overdue'), expected: 200 },
    detail: { send: (c) => app.detail(cookie, middle(c)), expected: 200 },
    filing: { send: (c) => app.fileCase(goodFiling({ community: c, grid: `${c}-g1` }), randomUUID()), expected: 201 },
    figuresYear: { send: (c) => figures(c, { by: 'category' }), expected: 200 },
    figuresTwoYears: { send: (c) => figures(c, { from: twoYearsAgo, by: 'category' }), expected: 200 },
    figuresTwoYearsGrid: { send: (c) => figures(c, { from: twoYearsAgo, by: 'grid' }), expected: 200 },
  });
  rows.forEach((row, i) => Object.assign(row, timings[i]));
  const [a, b] = rows;
  const checks = [];
  const lines = [
    `| action | ${a.total.toLocaleString('en')} cases (${a.community}) | ${b.total.toLocaleString('en')} cases (${b.community}) | ratio | target | |`,
    '|---|---:|---:|---:|---|---|',
  ];
  for (const [key, label] of ACTIONS) {
    const ratio = b[key] / a[key];
    const pass = ratio <= 1.3;
    checks.push({ target: `growth ${label} ≤ 1.3`, value: ratio.toFixed(2), pass });
    lines.push(`| ${label} | ${a[key].toFixed(1)} ms | ${b[key].toFixed(1)} ms | ${ratio.toFixed(2)} | ≤ 1.3 | ${pass ? 'PASS' : 'FAIL'} |`);
  }
  lines.push('');
  lines.push(`Median of ${runs} requests each, one at a time after two warm-ups, the two communities taking turns (the escalation run, which covers the street, timed after each load). Loading took ${a.loadSeconds.toFixed(0)} s and ${b.loadSeconds.toFixed(0)} s (${(a.total / a.loadSeconds).toFixed(0)} and ${(b.total / b.loadSeconds).toFixed(0)} cases/s, if the load did not resume); a run after the timed ones escalated ${a.escalatedAfter ?? '?'} and ${b.escalatedAfter ?? '?'} more cases.`);
  const sizes = DASHBOARDS.map((key) => `${ACTIONS.find(([k]) => k === key)[1].replace('dashboard: ', '')} ${a.bytes[key].toLocaleString('en')} and ${b.bytes[key].toLocaleString('en')}`);
  lines.push(`The dashboards (\`GET /api/staff/figures?community=…\`, signed in as coordinator; two years: from ${twoYearsAgo}) answered, in bytes: ${sizes.join('; ')}.`);
  return { markdown: lines.join('\n'), checks, rows };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const small = Number(process.argv[2] ?? 1000);
  const large = Number(process.argv[3] ?? 100000);
  const runs = Number(process.argv[4] ?? 15);
  const stateDir = process.env.ACCORD_BENCH_STATE;
  const app = await startApp(stateDir ? { stateDir, keep: true } : {});
  try {
    const { markdown } = await measureGrowth(app, { small, large, runs });
    console.log(markdown);
  } finally {
    await app.stop();
  }
}
