// The reliability suite's HTTP side: requests with a deadline that never throw (a network
// failure is status 0), the running Worker behind a handle that survives restarts, and the
// Worker's processes (to kill them and to read their memory).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { startApp, DEMO_PASSWORD } from '../harness.mjs';

/** How long any one request may take before it counts as a hang. */
export const REQUEST_DEADLINE_MS = 20_000;

/**
 * The Worker under test, started on `stateDir` with storage kept on disk, so that it can be
 * killed and started again on the same state. `base` always names the live instance.
 */
export class Target {
  constructor(stateDir) {
    this.stateDir = stateDir;
    this.app = null;
    this.up = Promise.resolve();
    this.restarts = 0;
  }

  async start({ seed }) {
    this.app = await startApp({ stateDir: this.stateDir, seed, keep: true });
    return this;
  }

  get base() { return this.app.base; }

  /**
   * SIGKILL to workerd and wrangler (the whole process group, so no process gets to flush or
   * shut down), then a new instance on the same storage. Requests meanwhile fail with status 0
   * and wait on `up` before trying again.
   */
  async crashAndRestart() {
    let ready;
    this.up = new Promise((r) => { ready = r; });
    const group = this.app.processGroup;
    const workerd = workerdPids(group);
    try { process.kill(-group, 'SIGKILL'); } catch { /* already gone */ }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && workerd.some(alive)) await sleep(50);
    if (workerd.some(alive)) throw new Error(`workerd ${workerd.filter(alive)} outlived SIGKILL`);
    this.app = await startApp({ stateDir: this.stateDir, seed: false, keep: true });
    this.restarts += 1;
    ready();
    return workerd;
  }

  async stop() { await this.app?.stop(); }
}

function alive(pid) {
  try {
    // A zombie is dead for our purpose: it holds no files.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch { return false; }
}

/** The workerd processes of wrangler's process group. */
export function workerdPids(group) {
  let out = '';
  try { out = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(group)], { encoding: 'utf8' }); } catch { return []; }
  return out.split('\n').filter((l) => /\bworkerd serve\b/.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
}

/** Resident memory of the group's workerd processes (or of one, `only`), in kB (VmRSS). */
export function workerdRss(group, only) {
  let total = 0;
  for (const pid of only ? [only] : workerdPids(group)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch { /* gone */ }
  }
  return total;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One request to the live instance. Never throws: a connection failure or a deadline passed
 * is `status: 0` with `error` saying which (`timeout` for the deadline).
 */
export async function call(target, method, path, { body, raw, headers = {}, timeout = REQUEST_DEADLINE_MS } = {}) {
  const base = typeof target === 'string' ? target : target.base;
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeout) };
  if (method === 'POST' && !('origin' in init.headers)) init.headers.origin = base;
  if (raw !== undefined) init.body = raw;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  try {
    const res = await fetch(base + path, init);
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  } catch (err) {
    const timedOut = err?.name === 'TimeoutError' || err?.name === 'AbortError';
    return { status: 0, error: timedOut ? 'timeout' : String(err?.cause?.code ?? err?.message ?? err), text: '' };
  }
}

/** Signs in; the Cookie header value. */
export async function login(target, username, password = DEMO_PASSWORD) {
  const res = await call(target, 'POST', '/api/staff/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`${username} could not sign in: ${res.status} ${res.text}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

export function fileCase(target, body, key = randomUUID()) {
  return call(target, 'POST', '/api/cases', { body, headers: { 'Idempotency-Key': key } });
}

export function detail(target, cookie, code) {
  return call(target, 'GET', `/api/staff/cases/${encodeURIComponent(code)}`, { headers: { cookie } });
}

export function command(target, cookie, code, version, cmd) {
  return call(target, 'POST', `/api/staff/cases/${encodeURIComponent(code)}/commands`, {
    body: { version, command: cmd },
    headers: { cookie },
  });
}

export const note = (text) => ({ command: 'add_note', text, visibility: 'internal' });

/** A case's events in the order they happened (the API lists the newest first). */
export const eventsOf = (caseDetail) => [...(caseDetail.timeline ?? [])].sort((a, b) => a.seq - b.seq);

/** The texts of a case's notes, in the order they were added. */
export const notesOf = (caseDetail) => eventsOf(caseDetail).filter((e) => e.kind === 'note').map((e) => e.note);

/** What is wrong with a case's stored shape as the API shows it: [] when nothing. */
export function caseShapeProblems(code, caseDetail) {
  const problems = [];
  const timeline = eventsOf(caseDetail);
  if (timeline[0]?.kind !== 'filed') problems.push(`${code}: the timeline does not begin with its filing`);
  const seqs = timeline.map((e) => e.seq);
  if (seqs.some((s, i) => s !== i + 1)) problems.push(`${code}: event numbers ${seqs.join(',')} are not 1..${seqs.length}`);
  if (caseDetail.version !== timeline.length) problems.push(`${code}: version ${caseDetail.version} with ${timeline.length} events`);
  return problems;
}

/** The sequence number at the end of a case code (`ZH04-2026-0007` → 7). */
export const seqOf = (code) => Number(code.split('-').at(-1));
