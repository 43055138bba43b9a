// Benchmark: what three first screens cost a phone, in headless Chromium at 390×844.
//
// - Resident's first page (`/`): usable when a "Report a problem" button (the home page's
//   link into the filing's first step, `a.big-button.primary[href="/report"]`) is visible.
//   index.html carries the home page in both languages (the reader's shown), and its links
//   work before the wasm arrives, so this is when the HTML's copy paints; the app then
//   replaces it with the same page.
// - Staff console (`/staff`), signed in as `coordinator` (the session cookie from
//   `POST /api/staff/login` is put into the browser context): usable when the queue's first
//   row (`table.queue-table tbody tr`) is rendered, i.e. after the staff wasm has started and
//   its requests for the account and the first queue page have answered.
// - Party page (`/s#<token>`): a real party link of a session proposed for a case in progress
//   (the same HTTP steps as tests/sessions.test.mjs); usable when the form to answer the
//   proposed times has its submit button (`form.answer-form button[type=submit]`).
//
// For each page:
// - Bytes: every response the page receives until the network is idle after it became usable
//   (CDP Network events, so favicon.ico, which the browser asks for itself, counts too). The
//   raw (decoded) body of each, and each body compressed on its own with gzip -9 and brotli
//   quality 11 (node:zlib), summed. Headers are not counted.
// - Time until usable: `performance.now()` (milliseconds from the start of navigation) when a
//   MutationObserver, installed before any page script runs, first sees the element visible
//   (it runs as the element is inserted, before the frame that paints it). The median of
//   `runs` loads, each in a fresh browser context (empty cache, no cookies but the staff one)
//   with the HTTP cache disabled over CDP. Timed three ways:
//   - unthrottled, and Slow 4G, through a brotli proxy (below), as production serves brotli;
//   - Slow 4G straight from `wrangler dev`, which answers Chromium's `Accept-Encoding: gzip,
//     deflate, br, zstd` with gzip at workerd's own level (the wasm a quarter larger than
//     brotli q11).
//   Slow 4G is Chromium's network emulation over CDP (`Network.emulateNetworkConditions`) with
//   Lighthouse's Slow 4G figures: 150 ms latency per request, 1.6 Mbit/s down, 750 kbit/s up.
//   No CPU throttling: the page's own work (compiling the wasm, rendering) runs at this
//   machine's speed, on cores it shares with workerd.
//
// Brotli. Fulfilling a Playwright route (`route.fulfill`) with a compressed body and a
// `content-encoding` header does not work: Chromium hands a fulfilled body to the page without
// decoding it (the page shows the brotli or gzip bytes as its HTML). So the brotli loads go
// through an HTTP proxy on another local port that forwards each request to `wrangler dev`
// (asking for identity) and answers compressible bodies (text, JavaScript, CSS, JSON, wasm,
// SVG) brotli q11-encoded, `content-encoding: br`, when the browser's `Accept-Encoding` offers
// br, as Chromium does for http://127.0.0.1 (a trustworthy origin) and decodes. Compressed
// bodies are cached by content, so compressing costs nothing after one unmeasured first load.
//
// The staff figure depends on how many cases the queue holds: its first page costs more as
// cases accumulate (see throughput.mjs), so it is best measured on storage with few cases (the
// standalone run files ten); the markdown says how many rows the queue's first page had.
//
//   node tests/bench/pages.mjs [runs]      (after ./x build)
import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startApp, goodFiling } from '../harness.mjs';
import { launchChromium, PHONE } from '../browser.mjs';

const BUDGET_BROTLI_BYTES = 180 * 1024;
const RESIDENT_SLOW4G_MS = 2000;
const STAFF_SLOW4G_MS = 3000;
// The home page's content is in its HTML, so it paints before any script runs.
const RESIDENT_FCP_MS = 800;
const RESIDENT_LCP_MS = 1200;

// Lighthouse's Slow 4G, in CDP's units (bytes per second).
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const brotli = (bytes, quality = 11) => brotliCompressSync(bytes, {
  params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
});
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg\+xml)/;

/**
 * A proxy in front of `upstream` that compresses bodies as a production edge would; resolves
 * to `{ base, close, encodings }`, where `encodings` collects the encodings it answered with.
 */
async function compressingProxy(upstream) {
  // A new connection to wrangler dev for each request (`agent: false`): no kept-alive socket
  // that the other side may have closed.
  const target = new URL(upstream);
  const cache = new Map();
  const encodings = new Set();
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers['accept-encoding'];
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (upRes) => {
      const chunks = [];
      upRes.on('data', (c) => chunks.push(c));
      upRes.on('end', () => {
        const body = Buffer.concat(chunks);
        const out = { ...upRes.headers };
        delete out['content-length'];
        delete out['transfer-encoding'];
        delete out.connection;
        delete out['keep-alive'];
        const offered = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(offered) ? 'br' : /\bgzip\b/.test(offered) ? 'gzip' : null;
        let sent = body;
        if (encoding && body.length > 0 && !upRes.headers['content-encoding'] && COMPRESSIBLE.test(upRes.headers['content-type'] ?? '')) {
          const key = `${encoding}:${createHash('sha256').update(body).digest('hex')}`;
          if (!cache.has(key)) cache.set(key, encoding === 'br' ? brotli(body) : gzipSync(body, { level: 9 }));
          sent = cache.get(key);
          out['content-encoding'] = encoding;
          out.vary = 'Accept-Encoding';
          encodings.add(encoding);
        }
        out['content-length'] = String(sent.length);
        res.writeHead(upRes.statusCode, upRes.statusMessage, out);
        res.end(sent);
      });
    });
    up.on('error', (err) => { res.writeHead(502); res.end(String(err)); });
    req.pipe(up);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    encodings,
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

/** Records, from before any page script runs, when an element `selector` matches is first visible. */
function watchFor(selector) {
  const seen = () => {
    if (window.__usableAt !== undefined) return;
    // Any match that is visible: the page may hold a hidden copy in the other language.
    const visible = [...document.querySelectorAll(selector)].some((el) => !el.checkVisibility || el.checkVisibility());
    if (!visible) return;
    window.__usableAt = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true });
  // Also once a frame, for an element that becomes visible with no change to the DOM (a
  // stylesheet arriving).
  const frame = () => { seen(); if (window.__usableAt === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  // First contentful paint and the largest contentful paint so far, as Chromium reports them.
  window.__paint = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__paint.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    window.__paint.lcp = list.getEntries().at(-1).startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

/** A case in progress in zh01 with a session proposed; answers the applicant's party link path. */
async function partyLink(app, coordinator) {
  const filed = await app.fileCase(goodFiling({ grid: 'zh01-g1' }));
  if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${filed.text}`);
  const { code } = filed.json;
  for (const command of [
    { command: 'accept' },
    { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
    { command: 'start' },
  ]) {
    const d = await app.detail(coordinator, code);
    const res = await app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command }, { cookie: coordinator });
    if (res.status !== 200) throw new Error(`${command.command} answered ${res.status}: ${res.text}`);
  }
  const mediator = (await app.login('mediator01')).cookie;
  // Three times in office hours on a weekday some years ahead (sessions are planned at most
  // ten years ahead), a random one so that repeated benches on one storage do not collide.
  const monday = Date.UTC(2030, 11, 30);
  const day = new Date(monday + (Math.floor(Math.random() * 200) * 7 + Math.floor(Math.random() * 5)) * 86_400_000).toISOString().slice(0, 10);
  const at = (hhmm) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
  const res = await app.post(`/api/staff/cases/${code}/sessions`, {
    title: '第一次调解 First session', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: [at('09:00'), at('14:00'), at('16:30')],
  }, { cookie: mediator });
  if (res.status !== 201) throw new Error(`proposing a session answered ${res.status}: ${res.text}`);
  const applicant = res.json.party_links.find((l) => l.role === 'applicant');
  return `/s#${applicant.token}`;
}

/** A fresh context and page; the staff cookie (if any) set for `base`. */
async function openPage(browser, base, cookie) {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
  if (cookie) {
    const [name, ...value] = cookie.split('=');
    // By domain and path: Chromium refuses a Secure `__Host-` cookie given with an http URL,
    // though it keeps and sends one set by a response from http://127.0.0.1.
    await context.addCookies([{ name, value: value.join('='), domain: new URL(base).hostname, path: '/', httpOnly: true, secure: true, sameSite: 'Strict' }]);
  }
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('requestfailed', (r) => page.errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  return { context, page };
}

/** Waits until the page is usable; on a timeout, says what the page showed and what failed. */
async function usable(page, target, base) {
  try {
    await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 60_000, polling: 50 });
  } catch (err) {
    const shown = await page.evaluate(() => document.body?.innerText.slice(0, 300)).catch(() => '?');
    throw new Error(`${target.name} from ${base} never became usable (${err.message.split('\n')[0]}); ` +
      `the page showed: ${JSON.stringify(shown)}; errors: ${page.errors.join('; ') || 'none'}`);
  }
  if (page.errors.length) throw new Error(`${target.name} from ${base}: ${page.errors.join('; ')}`);
}

/**
 * One cold load of `path` from `base`: the milliseconds from navigation start to usable, to
 * the first contentful paint and to the largest contentful paint (read once the page has been
 * usable and still for 500 ms, as a lab measurement does).
 */
async function timeLoad(browser, base, target, network) {
  const { context, page } = await openPage(browser, base, target.cookie);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    await page.addInitScript(watchFor, target.selector);
    await page.goto(base + target.path, { waitUntil: 'commit' });
    await usable(page, target, base);
    await page.waitForFunction(() => window.__paint?.lcp !== undefined, null, { timeout: 30_000, polling: 50 });
    await page.waitForTimeout(500);
    return await page.evaluate(() => ({ usable: window.__usableAt, fcp: window.__paint.fcp, lcp: window.__paint.lcp }));
  } finally {
    await context.close();
  }
}

/** Every response one load of the page receives, with each body's raw, gzip and brotli size. */
async function weigh(browser, base, target) {
  const { context, page } = await openPage(browser, base, target.cookie);
  try {
    // CDP's Network events, not Playwright's `response`: they also see what the browser asks
    // for on its own (favicon.ico).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map();
    const bodies = [];
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', ({ requestId }) => {
      const url = urls.get(requestId);
      bodies.push(cdp.send('Network.getResponseBody', { requestId }).then(
        ({ body, base64Encoded }) => ({ url, body: Buffer.from(body, base64Encoded ? 'base64' : 'utf8') }),
        (err) => { throw new Error(`${target.name}: no body for ${url}: ${err.message}`); },
      ));
    });
    await page.addInitScript(watchFor, target.selector);
    await page.goto(base + target.path);
    await usable(page, target, base);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500); // favicon.ico comes after the load event
    if (page.errors.length) throw new Error(`${target.name}: ${page.errors.join('; ')}`);
    const files = (await Promise.all(bodies)).map(({ url, body }) => ({
      path: new URL(url).pathname,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotli(body).length,
    }));
    const sum = (key) => files.reduce((t, f) => t + f[key], 0);
    return { files, requests: files.length, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
  } finally {
    await context.close();
  }
}

/**
 * Measures the three pages on a started, seeded app; `runs` loads per page and network.
 * Answers `{ markdown, checks }`.
 */
export async function measurePages(app, { runs = 5 } = {}) {
  const loadBefore = loadavg()[0];
  const { cookie: coordinator } = await app.login('coordinator');
  if (!coordinator) throw new Error('coordinator could not sign in');
  // The queue shows a first row only if there are open cases: file a few when there are none.
  if (!(await app.queue(coordinator)).json?.items?.length) {
    for (let i = 0; i < 10; i++) await app.fileCase(goodFiling(), randomUUID());
  }
  const queueRows = (await app.queue(coordinator)).json.items.length;
  const targets = [
    { name: "Resident's first page (`/`)", path: '/', selector: 'a.big-button.primary[href="/report"]', target: RESIDENT_SLOW4G_MS },
    { name: 'Staff console (`/staff`, queue)', path: '/staff', selector: 'table.queue-table tbody tr', cookie: coordinator, target: STAFF_SLOW4G_MS },
    { name: 'Party page (`/s#…`, answer form)', path: await partyLink(app, coordinator), selector: 'form.answer-form button[type=submit]' },
  ];

  const browser = await launchChromium();
  const proxy = await compressingProxy(app.base);
  const rows = [];
  try {
    for (const target of targets) {
      const bytes = await weigh(browser, app.base, target);
      const times = {};
      // Unmeasured: fills the proxy's cache (the load above has warmed the objects).
      await timeLoad(browser, proxy.base, target, null);
      for (const [mode, base, network] of [['fast', proxy.base, null], ['slow', proxy.base, SLOW_4G], ['slowWrangler', app.base, SLOW_4G]]) {
        const loads = [];
        for (let i = 0; i < runs; i++) loads.push(await timeLoad(browser, base, target, network));
        const all = loads.map((l) => l.usable);
        times[mode] = { median: median(all), all, fcp: median(loads.map((l) => l.fcp)), lcp: median(loads.map((l) => l.lcp)) };
      }
      rows.push({ ...target, bytes, times });
    }
  } finally {
    await proxy.close();
    await browser.close();
  }
  const encoding = [...proxy.encodings].join(', ') || 'none';

  const checks = [];
  const kb = (n) => (n / 1024).toFixed(1);
  const ms = (n) => n.toFixed(0);
  const lines = [
    "| page | requests | raw KB | gzip KB | brotli KB | usable (unthrottled, median ms) | usable (Slow 4G, median ms) | FCP / LCP (Slow 4G, median ms) | usable (Slow 4G, wrangler dev's gzip, median ms) | target | PASS/FAIL |",
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of rows) {
    const own = [];
    if (r.path === '/') {
      const bytesPass = r.bytes.brotli <= BUDGET_BROTLI_BYTES;
      own.push({ target: "resident first page ≤ 180 KB brotli, every request", value: `${kb(r.bytes.brotli)} KB`, pass: bytesPass });
      own.push({ target: 'resident first page: first contentful paint ≤ 0.8 s on Slow 4G (median)', value: `${ms(r.times.slow.fcp)} ms`, pass: r.times.slow.fcp <= RESIDENT_FCP_MS });
      own.push({ target: 'resident first page: largest contentful paint ≤ 1.2 s on Slow 4G (median)', value: `${ms(r.times.slow.lcp)} ms`, pass: r.times.slow.lcp <= RESIDENT_LCP_MS });
    }
    if (r.target) {
      own.push({ target: `${r.path === '/' ? 'resident first page' : 'staff console first screen'} usable ≤ ${(r.target / 1000).toFixed(1)} s on Slow 4G (median)`, value: `${ms(r.times.slow.median)} ms`, pass: r.times.slow.median <= r.target });
    }
    checks.push(...own);
    const targetText = own.map((c) => c.target).join('; ') || '—';
    const verdict = own.length ? (own.every((c) => c.pass) ? 'PASS' : 'FAIL') : '—';
    lines.push(`| ${r.name} | ${r.bytes.requests} | ${kb(r.bytes.raw)} | ${kb(r.bytes.gzip)} | ${kb(r.bytes.brotli)} | ${ms(r.times.fast.median)} | ${ms(r.times.slow.median)} | ${ms(r.times.slow.fcp)} / ${ms(r.times.slow.lcp)} | ${ms(r.times.slowWrangler.median)} | ${targetText} | ${verdict} |`);
  }
  const markdown = [
    `Headless Chromium (${PHONE.viewport.width}×${PHONE.viewport.height}, fresh context and HTTP cache disabled on every load), against local \`wrangler dev\`; ` +
      `median of ${runs} loads after one unmeasured load. "Usable" is ms from navigation start until the page's first usable element is visible: ` +
      'the "Report a problem" button (resident), the first queue row (staff, signed in as coordinator; ' +
      `${queueRows} rows on the queue's first page), the submit button of the form answering the proposed times (party, a real party link).`,
    '',
    ...lines,
    '',
    `- Bytes: bodies of every response until the network is idle after usable (favicon.ico included; headers not counted); gzip -9 and brotli q11 of each body on its own, summed.`,
    ...rows.map((r) => `- ${r.name.split(' (')[0]} requests (raw / brotli bytes): ${r.bytes.files.map((f) => `${f.path} ${f.raw}/${f.brotli}`).join(', ')}.`),
    `- "Unthrottled" and "Slow 4G" loads go through a local proxy that answers compressible bodies brotli q11-encoded (\`content-encoding: ${encoding}\`), ` +
      'which Chromium accepts and decodes over http://127.0.0.1 (a Playwright route fulfilled with a compressed body is not decoded, so a proxy it is). ' +
      '"wrangler dev\'s gzip" loads straight from `wrangler dev`, which answers Chromium with gzip at workerd\'s own level.',
    '- Slow 4G: CDP network emulation with 150 ms latency per request, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse\'s figures; DevTools\' own "Slow 4G" preset adds more latency). No CPU throttling.',
    `- Every load (ms): ${rows.map((r) => `${r.path === '/' ? 'resident' : r.cookie ? 'staff' : 'party'} unthrottled ${r.times.fast.all.map(ms).join('/')}, Slow 4G ${r.times.slow.all.map(ms).join('/')}, wrangler dev's gzip ${r.times.slowWrangler.all.map(ms).join('/')}`).join('; ')}.`,
    `- ${cpus().length} CPU cores shared by Chromium, workerd and this script; load average (1 min) ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end.`,
  ].join('\n');
  return { markdown, checks };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('usage: node tests/bench/pages.mjs [runs]');
    process.exit(2);
  }
  const app = await startApp();
  try {
    const { markdown, checks } = await measurePages(app, { runs });
    console.log(markdown);
    console.log('');
    for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.target}: ${c.value}`);
  } finally {
    await app.stop();
  }
}
