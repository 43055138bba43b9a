// Test harness: starts the built Worker under `wrangler dev` (workerd) with fresh, empty
// storage on a free port, seeds the demo street through the local-only seed route, and offers
// verb methods for the tests (`app.fileCase(..)`, `app.login(..)`, …).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const DEMO_PASSWORD = 'accord-demo-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Demo accounts for the matrices generated from the policy: one per role of Zhonghua Road,
 * the district's two, and a second street's coordinator and mediator. `own` is a community in
 * the account's scope; `other` another community of the same street (outside the scope, unless
 * the account sees the whole street or district); `street` a community of another street
 * (outside the scope, unless the account sees the whole district). `wide` is how far the
 * scope reaches: 'communities', 'street' or 'district'.
 */
export const ROLE_ACCOUNTS = [
  { username: 'coordinator', role: 'coordinator', own: 'zh01', other: 'zh02', street: 'zs01', handler: false, wide: 'street' },
  { username: 'admin', role: 'admin', own: 'zh01', other: 'zh02', street: 'zs01', handler: false, wide: 'street' },
  { username: 'mediator01', role: 'mediator', own: 'zh01', other: 'zh02', street: 'zs01', handler: true, wide: 'communities' },
  { username: 'grid02', role: 'grid_worker', own: 'zh02', other: 'zh01', street: 'zs01', handler: true, wide: 'communities' },
  { username: 'police01', role: 'police', own: 'zh01', other: 'zh02', street: 'zs01', handler: true, wide: 'communities' },
  { username: 'prosecutor01', role: 'prosecutor', own: 'zh01', other: 'zh02', street: 'zs01', handler: true, wide: 'communities' },
  { username: 'judge', role: 'judge', own: 'zh01', other: 'zh02', street: 'zs01', handler: true, wide: 'street' },
  { username: 'counselor01', role: 'counselor', own: 'zh01', other: 'zh02', street: 'zs01', handler: true, wide: 'communities' },
  { username: 'liaison01', role: 'department_liaison', own: 'zh01', other: 'zh02', street: 'zs01', handler: true, wide: 'communities' },
  { username: 'district', role: 'district_coordinator', own: 'zh01', other: 'zh02', street: 'zs01', handler: false, wide: 'district' },
  { username: 'district-admin', role: 'district_admin', own: 'zh01', other: 'zh02', street: 'zs01', handler: false, wide: 'district' },
  { username: 'coordinator-zs', role: 'coordinator', own: 'zs01', other: 'zs02', street: 'zh01', handler: false, wide: 'street' },
  { username: 'mediator-zs01', role: 'mediator', own: 'zs01', other: 'zs02', street: 'zh01', handler: true, wide: 'communities' },
];

/** Whether a resource of `variant` ('assigned', 'unassigned', 'other', 'street') is in scope. */
export function inScope(account, variant) {
  if (variant === 'other') return account.wide !== 'communities';
  if (variant === 'street') return account.wide === 'district';
  return true;
}

/** A mediator of each community the matrices file cases in. */
export const MEDIATOR_OF = { zh01: 'mediator01', zh02: 'mediator02', zs01: 'mediator-zs01', zs02: 'mediator-two' };

export function goodFiling(overrides = {}) {
  return {
    kind: 'dispute',
    category: 'neighbours',
    description: '楼上住户每晚十二点后装修，噪音很大，沟通无果',
    respondent_name: '刘先生',
    community: 'zh01',
    grid: 'zh01-g2',
    address: '中华路12号3单元501',
    name: '张三',
    phone: '138 1234 5678',
    ...overrides,
  };
}

/**
 * Starts the Worker. By default on fresh storage, seeded with the demo; `stateDir` starts it on
 * storage written before (then `seed: false` keeps that storage as it was), and `keep: true`
 * leaves the storage on disk when the app stops.
 */
export async function startApp({ stateDir: given, seed = true, keep = false } = {}) {
  const port = await freePort();
  const stateDir = given ?? mkdtempSync(join(tmpdir(), 'accord-state-'));
  const child = spawn(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', stateDir,
      '--var', 'ACCORD_DEMO_SEED:1', '--var', 'ACCORD_TEST_CLOCK:1', '--var', 'ACCORD_LOCAL_PUSH:1', '--show-interactive-dev-session=false', '--log-level', process.env.ACCORD_LOG_LEVEL ?? 'warn'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        WRANGLER_HIDE_BANNER: 'true',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    },
  );
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`the Worker did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const app = new App(base, () => log);
  // The process group of wrangler and its workerd, for benchmarks that measure their CPU time.
  app.processGroup = child.pid;
  if (seed) {
    const seeded = await app.post('/api/dev/seed', {});
    if (seeded.status !== 200) throw new Error(`seed failed: ${seeded.status} ${seeded.text}`);
  }
  app.stop = async () => {
    try { process.kill(-child.pid, 'SIGINT'); } catch { /* already gone */ }
    await new Promise((r) => { if (child.exitCode !== null) r(); else child.on('exit', r); setTimeout(r, 5000); });
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (!keep) rmSync(stateDir, { recursive: true, force: true });
  };
  return app;
}

export class App {
  constructor(base, log) {
    this.base = base;
    this.log = log;
  }

  /** Sends a request; POSTs carry this origin's `Origin` header as a browser's would, unless
   * the caller passes `origin: null` (or another origin) in `headers`. */
  async request(method, path, { body, headers = {}, raw } = {}) {
    const init = { method, headers: method === 'POST' ? { origin: this.base, ...headers } : { ...headers } };
    if (init.headers.origin === null) delete init.headers.origin;
    if (raw !== undefined) init.body = raw;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, init);
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path, headers) { return this.request('GET', path, { headers }); }
  post(path, body, headers) { return this.request('POST', path, { body, headers }); }

  fileCase(body, key = randomUUID()) {
    return this.post('/api/cases', body, { 'Idempotency-Key': key });
  }

  track(code, secret) { return this.post('/api/track', { code, secret }); }

  /** Signs in and returns the Cookie header to send with later requests. */
  async login(username, password = DEMO_PASSWORD) {
    const res = await this.post('/api/staff/login', { username, password });
    if (res.status !== 200) return { res, cookie: null };
    const setCookie = res.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0];
    return { res, cookie };
  }

  queue(cookie, query = '') { return this.get(`/api/staff/cases${query}`, { cookie }); }

  /** A case of zh01 in progress with mediator01 leading, prepared through the API. */
  async caseInProgress() {
    const coordinator = (await this.login('coordinator')).cookie;
    const filed = (await this.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
    for (const command of [
      { command: 'accept' },
      { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
      { command: 'start' },
    ]) {
      const d = await this.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator });
      const res = await this.post(`/api/staff/cases/${filed.code}/commands`, { version: d.json.version, command }, { cookie: coordinator });
      if (res.status !== 200) throw new Error(`${command.command} answered ${res.status}: ${res.text}`);
    }
    return filed;
  }
  detail(cookie, code) { return this.get(`/api/staff/cases/${encodeURIComponent(code)}`, { cookie }); }
}
