// The reliability scenarios, shared by the short run in `node --test` (tests/reliability.test.mjs)
// and the long one (`./x reliability`, tests/reliability/run.mjs). Each takes the live Worker
// (a `Target`) and its sizes, and answers `{ counts, problems }`: what it measured, and every
// broken promise in words (none when all held).
import { randomUUID } from 'node:crypto';
import { goodFiling } from '../harness.mjs';
import { checkListAppend } from './list-append.mjs';
import {
  call, login, fileCase, detail, command, note, notesOf, caseShapeProblems, seqOf, sleep,
} from './client.mjs';

const filingIn = (community, overrides = {}) => goodFiling({ community, grid: `${community}-g1`, ...overrides });

async function fileOne(target, community) {
  const res = await fileCase(target, filingIn(community));
  if (res.status !== 201) throw new Error(`filing in ${community}: ${res.status} ${res.text}`);
  return res.json;
}

/**
 * `writers` changes of one case, all based on the same version: every 200 must be on the
 * timeline and every other answer a 409 not on it. Then `writers` writers that retry on 409
 * with the version the 409 gave back: all recorded, their versions strictly increasing, no gap.
 */
export async function conflicts(target, { cookie, writers = 50, community = 'zh01' }) {
  const problems = [];
  const { code } = await fileOne(target, community);
  const tag = randomUUID().slice(0, 8);
  const base = (await detail(target, cookie, code)).json.version;
  const texts = Array.from({ length: writers }, (_, i) => `same-version ${tag} ${i}`);
  const answers = await Promise.all(texts.map((t) => command(target, cookie, code, base, note(t))));
  const statuses = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const after = (await detail(target, cookie, code)).json;
  const recorded = new Set(notesOf(after));
  answers.forEach((a, i) => {
    if (a.status === 200 && !recorded.has(texts[i])) problems.push(`a 200 is not on the timeline: ${texts[i]}`);
    if (a.status !== 200 && a.status !== 409) problems.push(`answer ${a.status} (${a.error ?? a.text.slice(0, 200)}), not 200 or 409`);
    if (a.status === 409 && a.json?.error?.code !== 'version_conflict') problems.push(`a 409 without version_conflict: ${a.text.slice(0, 200)}`);
    if (a.status !== 200 && recorded.has(texts[i])) problems.push(`refused yet recorded: ${texts[i]}`);
  });
  const winners = statuses[200] ?? 0;
  if (winners !== 1) problems.push(`${winners} changes based on version ${base} were accepted, not 1`);
  problems.push(...caseShapeProblems(code, after));

  // Writers that retry on 409.
  const start = after.version;
  const retryTexts = Array.from({ length: writers }, (_, i) => `retrying ${tag} ${i}`);
  let attempts = 0;
  const outcomes = await Promise.all(retryTexts.map(async (t) => {
    let version = start;
    for (let i = 0; i < writers * 4; i += 1) {
      attempts += 1;
      const res = await command(target, cookie, code, version, note(t));
      if (res.status === 200) return { version: res.json.version };
      if (res.status !== 409) return { problem: `a retrying writer got ${res.status} (${res.error ?? res.text.slice(0, 200)})` };
      version = res.json.current.version;
    }
    return { problem: `${t} was refused ${writers * 4} times` };
  }));
  for (const o of outcomes) if (o.problem) problems.push(o.problem);
  const versions = outcomes.filter((o) => o.version !== undefined).map((o) => o.version).sort((a, b) => a - b);
  const expected = Array.from({ length: writers }, (_, i) => start + 1 + i);
  if (JSON.stringify(versions) !== JSON.stringify(expected)) {
    problems.push(`the retrying writers' versions are ${versions.join(',')}, not ${start + 1}..${start + writers}`);
  }
  const final = (await detail(target, cookie, code)).json;
  const finalNotes = notesOf(final);
  for (const t of retryTexts) {
    const times = finalNotes.filter((n) => n === t).length;
    if (times !== 1) problems.push(`${t} is on the timeline ${times} times`);
  }
  problems.push(...caseShapeProblems(code, final));
  return {
    counts: {
      sameVersion: writers, accepted: winners, conflicts: statuses[409] ?? 0,
      other: writers - winners - (statuses[409] ?? 0),
      retrying: writers, recorded: versions.length, attempts, finalVersion: final.version,
    },
    problems,
  };
}

/**
 * `serial` retries, one after another, then `concurrent` at once (another key), of one filing:
 * one case each, the same code and secret to every caller, and the next filing of the community
 * gets the next code (no hidden second case). The same key with another body: 422.
 */
export async function exactlyOnce(target, { serial = 10, concurrent = 20, community = 'zh05' }) {
  const problems = [];
  const counts = {};
  const tag = randomUUID().slice(0, 8);
  const check = (name, answers) => {
    const bad = answers.filter((a) => a.status !== 201);
    for (const a of bad) problems.push(`${name}: answer ${a.status} ${a.error ?? a.text.slice(0, 200)}`);
    const pairs = new Set(answers.filter((a) => a.status === 201).map((a) => `${a.json.code} ${a.json.secret}`));
    if (pairs.size !== 1) problems.push(`${name}: ${pairs.size} different code and secret pairs: ${[...pairs].join(' | ')}`);
    const replayed = answers.filter((a) => a.headers?.get('idempotent-replayed') === 'true').length;
    if (replayed !== answers.length - 1) problems.push(`${name}: ${replayed} answers marked as replays of ${answers.length}`);
    counts[name] = { requests: answers.length, created: pairs.size, replayed };
    return answers[0].json?.code;
  };
  const serialKey = randomUUID();
  const serialBody = filingIn(community, { description: `serial retries ${tag}` });
  const serialAnswers = [];
  for (let i = 0; i < serial; i += 1) serialAnswers.push(await fileCase(target, serialBody, serialKey));
  const first = check('serial', serialAnswers);

  const concurrentKey = randomUUID();
  const concurrentBody = filingIn(community, { description: `concurrent retries ${tag}` });
  const concurrentAnswers = await Promise.all(Array.from({ length: concurrent }, () => fileCase(target, concurrentBody, concurrentKey)));
  const second = check('concurrent', concurrentAnswers);

  const next = await fileCase(target, filingIn(community, { description: `after the retries ${tag}` }));
  if (first && second && next.status === 201) {
    if (seqOf(second) !== seqOf(first) + 1 || seqOf(next.json.code) !== seqOf(second) + 1) {
      problems.push(`codes ${first}, ${second}, ${next.json.code} do not follow each other: a retry made a second case`);
    }
  } else problems.push(`the filing after the retries answered ${next.status}`);

  const reused = await fileCase(target, filingIn(community, { description: `another body ${tag}` }), serialKey);
  counts.reusedKey = reused.status;
  if (reused.status !== 422 || reused.json?.error?.code !== 'idempotency_key_reused') {
    problems.push(`the same key with another body answered ${reused.status} ${reused.text.slice(0, 200)}, not 422 idempotency_key_reused`);
  }
  return { counts, problems };
}

/**
 * A write load against the live Worker until `stop()` is true: `clients` clients appending
 * notes to the cases `keys` (each append read first for its version, so each also yields a
 * read; the answer to an append is the case after it, one more read) and, with `filings`,
 * filing cases into `filings.community`. Records a list-append history for the checker
 * (`history`) and every filing with its key and body (`filed`; `acknowledged` when it got 201).
 * A request that fails at the network level or with 5xx has an unknown outcome ('info'); the
 * client then waits for the Worker to be up again.
 */
export function writeLoad(target, { cookie, keys, clients, stop, filings = null, history, filed, log }) {
  const clock = () => performance.now();
  let counter = 0;
  const tally = { ok: 0, conflict: 0, unknown: 0, fiveXX: 0, other: 0 };
  const unexpected = [];
  const note5xx = (res, what) => {
    if (res.status >= 500) {
      tally.fiveXX += 1;
      unexpected.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
    }
  };
  const pause = async (res) => {
    if (res.status === 0 || res.status >= 500) { await target.up; await sleep(20); }
  };
  const client = async (process) => {
    while (!stop()) {
      const r = Math.random();
      if (filings && r < 0.2) {
        const key = randomUUID();
        const body = filingIn(filings.community, { description: `load filing ${process}-${counter += 1}` });
        const entry = { key, body, acknowledged: false };
        filed.push(entry);
        const res = await fileCase(target, body, key);
        note5xx(res, 'filing');
        if (res.status === 201) {
          Object.assign(entry, { acknowledged: true, code: res.json.code, secret: res.json.secret });
          tally.ok += 1;
        } else if (res.status === 0 || res.status >= 500) tally.unknown += 1;
        else { tally.other += 1; unexpected.push(`filing answered ${res.status} ${res.text.slice(0, 200)}`); }
        await pause(res);
        continue;
      }
      const key = keys[Math.floor(Math.random() * keys.length)];
      const invoke = clock();
      const seen = await detail(target, cookie, key);
      note5xx(seen, 'read');
      if (seen.status !== 200) {
        if (seen.status !== 0 && seen.status < 500) { tally.other += 1; unexpected.push(`read answered ${seen.status} ${seen.text.slice(0, 200)}`); }
        await pause(seen);
        continue;
      }
      history.push({ process, type: 'ok', invoke, complete: clock(), txn: [['r', key, notesOf(seen.json)]] });
      if (r < 0.35) continue; // a read only
      const value = `${process}-${counter += 1}`;
      const start = clock();
      const res = await command(target, cookie, key, seen.json.version, note(value));
      const end = clock();
      note5xx(res, 'append');
      if (res.status === 200) {
        tally.ok += 1;
        history.push({ process, type: 'ok', invoke: start, complete: end, txn: [['append', key, value], ['r', key, notesOf(res.json)]] });
      } else if (res.status === 409) {
        tally.conflict += 1;
        history.push({ process, type: 'fail', invoke: start, complete: end, txn: [['append', key, value]] });
      } else if (res.status === 0 || res.status >= 500) {
        tally.unknown += 1;
        history.push({ process, type: 'info', invoke: start, complete: null, txn: [['append', key, value]] });
      } else {
        tally.other += 1;
        unexpected.push(`append answered ${res.status} ${res.text.slice(0, 200)}`);
        history.push({ process, type: 'fail', invoke: start, complete: end, txn: [['append', key, value]] });
      }
      await pause(res);
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  log?.(`  load: ${clients} clients${filings ? `, filing into ${filings.community}` : ''}`);
  return { done, tally, unexpected };
}

/** One read of each key after everything else completed: the reads lost appends are judged by. */
async function finalReads(target, cookie, keys, history) {
  for (const key of keys) {
    const invoke = performance.now();
    const res = await detail(target, cookie, key);
    if (res.status !== 200) throw new Error(`the final read of ${key} answered ${res.status}`);
    history.push({ process: 'final', type: 'ok', invoke, complete: performance.now(), txn: [['r', key, notesOf(res.json)]] });
  }
}

function judge(history) {
  const result = checkListAppend(history);
  const problems = Object.entries(result.anomalies).map(([kind, found]) => `${kind}: ${found.length}, e.g. ${JSON.stringify(found[0]).slice(0, 300)}`);
  return { result, problems };
}

/**
 * The list-append history: `clients` clients appending notes to `cases` cases and reading
 * them back for `ms` milliseconds, then judged by the list-append checker.
 */
export async function listAppend(target, { cookie, cases = 4, clients = 10, ms = 10_000, community = 'zh02', log }) {
  const keys = [];
  for (let i = 0; i < cases; i += 1) keys.push((await fileOne(target, community)).code);
  const history = [];
  const until = Date.now() + ms;
  const load = writeLoad(target, { cookie, keys, clients, stop: () => Date.now() > until, history, filed: [], log });
  await load.done;
  await finalReads(target, cookie, keys, history);
  const { result, problems } = judge(history);
  problems.push(...load.unexpected);
  return { counts: { ...result.counts, lostAppends: result.anomalies['lost-append']?.length ?? 0, anomalies: Object.keys(result.anomalies).length, fiveXX: load.tally.fiveXX }, problems };
}

/** Every case of a community the coordinator's queue lists, open ones (all of the load's are). */
async function queueCodes(target, cookie, community) {
  const codes = [];
  let cursor = null;
  for (let page = 0; page < 1000; page += 1) {
    const query = `?community=${community}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call(target, 'GET', `/api/staff/cases${query}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`the queue of ${community} answered ${res.status} ${res.text}`);
    codes.push(...res.json.items.map((i) => i.code));
    cursor = res.json.next_cursor;
    if (!cursor) break;
  }
  return codes;
}

/**
 * Restarts under load: the write load of `writeLoad` (notes on `cases` cases of `noteCommunity`,
 * filings into `fileCommunity`), and `restarts` times workerd and wrangler killed with SIGKILL
 * mid-load and started again on the same storage. Then: every acknowledged filing is there with
 * its filing event, every acknowledged note on its case (the list-append checker on the whole
 * history), every filing of unknown outcome retried with its key resolves to exactly one case,
 * the community's cases are exactly the known ones with codes 1..N and the next filing gets
 * N+1, the figures equal a recount, the audit chains verify, and the load went on after each
 * restart.
 */
export async function restartsUnderLoad(target, {
  cookie: given, restarts = 3, cases = 3, clients = 8, loadMs = [1500, 3500],
  noteCommunity = 'zh03', fileCommunity = 'zh04', log = () => {},
}) {
  let cookie = given;
  const problems = [];
  const keys = [];
  for (let i = 0; i < cases; i += 1) keys.push((await fileOne(target, noteCommunity)).code);
  const history = [];
  const filed = [];
  let stopping = false;
  const load = writeLoad(target, {
    cookie, keys, clients, stop: () => stopping, filings: { community: fileCommunity }, history, filed, log,
  });
  const progress = [];
  const okSoFar = () => load.tally.ok;
  for (let round = 0; round < restarts; round += 1) {
    const before = okSoFar();
    const [lo, hi] = loadMs;
    await sleep(lo + Math.random() * (hi - lo));
    const inFlight = okSoFar() - before;
    const killed = await target.crashAndRestart();
    log(`  restart ${round + 1}: ${inFlight} writes acknowledged since the last one, killed workerd ${killed.join(' ')}`);
    const me = await call(target, 'GET', '/api/staff/me', { headers: { cookie } });
    if (me.status !== 200) problems.push(`the sign-in did not survive restart ${round + 1}: ${me.status}`);
    progress.push(inFlight);
  }
  // The load resumes on the last instance.
  const beforeLast = okSoFar();
  const [lo, hi] = loadMs;
  await sleep(lo + Math.random() * (hi - lo));
  progress.push(okSoFar() - beforeLast);
  stopping = true;
  await load.done;
  progress.forEach((n, i) => { if (n === 0) problems.push(`no write was acknowledged ${i === 0 ? 'before the first restart' : `after restart ${i}`}`); });
  problems.push(...load.unexpected.filter((u) => !/^(filing|read|append): 5\d\d/.test(u)));
  if (load.tally.fiveXX) problems.push(`${load.tally.fiveXX} answers 5xx during the load: ${load.unexpected.filter((u) => /: 5\d\d/.test(u)).slice(0, 3).join(' | ')}`);
  if (!cookie) cookie = await login(target, 'coordinator');

  // Filings: unknown outcomes resolved by retrying with the same key; acknowledged ones
  // answer the same code and secret again.
  let lostFilings = 0;
  let halfWritten = 0;
  let resolvedUnknown = 0;
  for (const entry of filed) {
    const res = await fileCase(target, entry.body, entry.key);
    if (res.status !== 201) {
      problems.push(`retrying ${entry.acknowledged ? 'acknowledged' : 'unknown'} filing ${entry.code ?? entry.key} answered ${res.status} ${res.text.slice(0, 200)}`);
      continue;
    }
    if (entry.acknowledged) {
      if (res.json.code !== entry.code || res.json.secret !== entry.secret) {
        lostFilings += 1;
        problems.push(`acknowledged filing ${entry.code} came back as ${res.json.code} (another secret: ${res.json.secret !== entry.secret})`);
      }
    } else {
      entry.code = res.json.code;
      resolvedUnknown += 1;
    }
  }
  for (const entry of filed.filter((e) => e.acknowledged)) {
    const res = await detail(target, cookie, entry.code);
    if (res.status !== 200) {
      lostFilings += 1;
      problems.push(`acknowledged case ${entry.code} answers ${res.status}`);
      continue;
    }
    const shape = caseShapeProblems(entry.code, res.json);
    if (shape.length) { halfWritten += 1; problems.push(...shape); }
  }
  const known = filed.map((e) => e.code).filter(Boolean);
  if (new Set(known).size !== known.length) problems.push('two filings of different keys got the same code');
  const listed = await queueCodes(target, cookie, fileCommunity);
  const knownSet = new Set(known);
  const extra = listed.filter((c) => !knownSet.has(c));
  const missing = known.filter((c) => !listed.includes(c));
  if (extra.length) problems.push(`cases nobody filed (or filed twice) in ${fileCommunity}: ${extra.join(', ')}`);
  if (missing.length) problems.push(`cases missing from the queue of ${fileCommunity}: ${missing.join(', ')}`);
  const seqs = listed.map(seqOf).sort((a, b) => a - b);
  if (seqs.some((s, i) => s !== i + 1)) problems.push(`codes of ${fileCommunity} are not 1..${seqs.length}: ${seqs.join(',')}`);
  const next = await fileCase(target, filingIn(fileCommunity, { description: 'after the restarts' }));
  if (next.status !== 201 || seqOf(next.json.code) !== seqs.length + 1) {
    problems.push(`the next filing after the restarts got ${next.json?.code ?? next.status}, not number ${seqs.length + 1}`);
  }

  // Notes: the list-append checker over the whole history, restarts included.
  await finalReads(target, cookie, keys, history);
  for (const key of keys) {
    const res = await detail(target, cookie, key);
    const shape = caseShapeProblems(key, res.json);
    if (shape.length) { halfWritten += 1; problems.push(...shape); }
  }
  const judged = judge(history);
  problems.push(...judged.problems);

  // What the storage keeps beside the cases: the figures equal a recount, the audit chains hold.
  const admin = await login(target, 'admin');
  const figures = await call(target, 'POST', '/api/admin/figures/check', { headers: { cookie: admin } });
  if (figures.status !== 200 || figures.json.differences !== 0) {
    problems.push(`the figures' recount: ${figures.status} ${figures.text.slice(0, 300)}`);
  }
  for (const community of [noteCommunity, fileCommunity]) {
    const audit = await call(target, 'GET', `/api/admin/audit?scope=${community}`, { headers: { cookie: admin } });
    if (audit.status !== 200 || !audit.json.check.intact) problems.push(`the audit chain of ${community}: ${audit.status} ${audit.text.slice(0, 300)}`);
  }

  const acknowledgedNotes = judged.result.counts.acknowledgedAppends;
  const lostNotes = judged.result.anomalies['lost-append']?.length ?? 0;
  return {
    counts: {
      restarts,
      acknowledgedFilings: filed.filter((e) => e.acknowledged).length,
      unknownFilings: filed.filter((e) => !e.acknowledged).length,
      resolvedUnknown,
      acknowledgedNotes,
      lostAcknowledgedWrites: lostFilings + lostNotes,
      halfWritten,
      casesInCommunity: listed.length,
      writesPerPhase: progress,
      fiveXX: load.tally.fiveXX,
      figuresDifferences: figures.json?.differences,
      anomalies: Object.keys(judged.result.anomalies).length,
    },
    problems,
  };
}
