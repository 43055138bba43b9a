// Bad input on every route of the OpenAPI document that takes a body, sent as the right caller
// (a staff cookie, a volunteer's or a party's token) so that it reaches the body's reading:
// invalid UTF-8, JSON nested 10,000 deep, numbers beyond 2^53, wrong types, nulls, unknown
// fields, 100 KB strings, empty bodies, wrong content types, 20 MB bodies (declared and
// chunked) and slow senders; and bad path and query values on the routes that read them.
// Every answer must be a 4xx JSON error naming the problem (`error.code` and `error.message`),
// never a 5xx, never later than the deadline; the variants marked `lenient` (a value the API
// may take as it is: a big but exact number, a null for an optional field,
// a bad query value it ignores) may also be a 2xx and are counted. The workerd processes'
// memory is read after each pass.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { goodFiling } from '../harness.mjs';
import { call, login, fileCase, detail, command, workerdPids, workerdRss, sleep, REQUEST_DEADLINE_MS } from './client.mjs';

const BEYOND_2_53 = '9007199254740993';

/** A schema with its `$ref` followed. */
const resolve = (doc, s) => (s?.$ref ? resolve(doc, doc.components.schemas[s.$ref.split('/').at(-1)]) : s ?? {});

const typeOf = (s) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** A plausible value of a schema: required properties filled, enums their first value. */
function placeholder(doc, schema, depth = 0) {
  const s = resolve(doc, schema);
  if (s.oneOf) return placeholder(doc, s.oneOf[0], depth + 1);
  if (s.enum) return s.enum[0];
  if (s.examples) return s.examples[0];
  switch (typeOf(s)) {
    case 'object': {
      const out = {};
      for (const name of s.required ?? []) out[name] = placeholder(doc, s.properties?.[name], depth + 1);
      return out;
    }
    case 'array': return depth > 4 ? [] : Array.from({ length: s.minItems ?? 0 }, () => placeholder(doc, s.items, depth + 1));
    case 'integer': return s.minimum ?? 1;
    case 'number': return s.minimum ?? 1;
    case 'boolean': return false;
    case 'string':
      if (s.format === 'date-time') return '2031-03-04T01:00:00Z';
      if (s.format === 'date') return '2031-03-04';
      return 'placeholder text';
    default: return 'placeholder text';
  }
}

/** A value of another JSON type than the schema's. */
function wrongType(doc, schema) {
  switch (typeOf(resolve(doc, schema))) {
    case 'string': return 42;
    case 'integer': case 'number': return 'forty-two';
    case 'boolean': return 'yes';
    case 'array': return { not: 'a list' };
    case 'object': return ['not', 'an', 'object'];
    default: return [[[]]];
  }
}

/**
 * The bad bodies of an operation: `{ name, body (string or Buffer), type, lenient }`, where
 * `type` is the Content-Type sent (null: none).
 */
export function badBodies(doc, schema, { huge = true } = {}) {
  const s = resolve(doc, schema);
  const base = placeholder(doc, s);
  const json = 'application/json';
  const out = [];
  const add = (name, body, { type = json, lenient = false } = {}) => out.push({ name, body, type, lenient });
  const text = JSON.stringify(base);
  // Invalid UTF-8 inside a string (an overlong '/' and a lone continuation byte), and as a
  // whole body.
  const marker = 'placeholder text';
  const bad = Buffer.from([0xc0, 0xaf, 0x80, 0xff]);
  const at = text.indexOf(marker);
  add('invalid UTF-8 in a string', at >= 0
    ? Buffer.concat([Buffer.from(text.slice(0, at)), bad, Buffer.from(text.slice(at + marker.length))])
    : Buffer.concat([Buffer.from('{"x":"'), bad, Buffer.from('"}')]));
  add('invalid UTF-8 body', Buffer.concat([bad, bad]));
  add('JSON nested 10,000 deep (arrays)', '['.repeat(10_000) + ']'.repeat(10_000));
  add('JSON nested 10,000 deep (objects)', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
  add('truncated JSON', text.slice(0, Math.max(1, text.length - 2)));
  add('empty body', '');
  add('whitespace body', '   \n');
  for (const top of ['null', '[]', '"text"', '42', 'true']) add(`top-level ${top}`, top);
  add('unknown field', JSON.stringify({ ...base, unexpected_field: { deep: [1, 2, 3] } }));
  add('text/plain', text, { type: 'text/plain' });
  add('form encoding', 'a=1&b=2', { type: 'application/x-www-form-urlencoded' });
  add('multipart', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', { type: 'multipart/form-data; boundary=x' });
  add('no content type', text, { type: null });
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const p = resolve(doc, prop);
    const required = (s.required ?? []).includes(name);
    const t = typeOf(p);
    add(`${name}: wrong type`, JSON.stringify({ ...base, [name]: wrongType(doc, p) }));
    add(`${name}: null`, JSON.stringify({ ...base, [name]: null }), { lenient: !required || (Array.isArray(p.type) && p.type.includes('null')) });
    if (t === 'integer' || t === 'number') {
      add(`${name}: 2^53 + 1`, text.startsWith('{') ? JSON.stringify({ ...base, [name]: 0 }).replace(`"${name}":0`, `"${name}":${BEYOND_2_53}`) : text, { lenient: true });
      add(`${name}: -(2^53 + 1)`, JSON.stringify({ ...base, [name]: 0 }).replace(`"${name}":0`, `"${name}":-${BEYOND_2_53}`), { lenient: true });
      add(`${name}: 1e400`, JSON.stringify({ ...base, [name]: 0 }).replace(`"${name}":0`, `"${name}":1e400`));
      add(`${name}: 1.5`, JSON.stringify({ ...base, [name]: 1.5 }), { lenient: t === 'number' });
    }
    if (t === 'string' && !p.enum && !p.format) {
      add(`${name}: a 100 KB string`, JSON.stringify({ ...base, [name]: '长'.repeat(100_000 / 3) }));
      add(`${name}: control characters`, JSON.stringify({ ...base, [name]: 'a\u0000b\u0007c\u202e' }), { lenient: true });
    }
  }
  if (huge) add('a 20 MB body', Buffer.alloc(20 * 1024 * 1024, 'a'));
  return out;
}

/** Checks one answer; a problem in words, or null. */
function verdict(res, variant) {
  if (res.status === 0) return `no answer (${res.error})`;
  if (res.status >= 500) return `${res.status} ${res.text.slice(0, 200)}`;
  if (res.status >= 200 && res.status < 300) return variant.lenient ? null : `accepted with ${res.status}: ${res.text.slice(0, 160)}`;
  if (res.status >= 400 && res.status < 500) {
    // GeoReport v2 answers in its own form: a list of {code, description} (or <errors>).
    const geo = Array.isArray(res.json) && res.json.length > 0
      && res.json.every((g) => g?.code === res.status && typeof g?.description === 'string' && g.description);
    const geoXml = /^<\?xml[^>]*>\s*<errors>\s*<error>\s*<code>\d{3}<\/code>\s*<description>[^<]+<\/description>/.test(res.text);
    if (geo || geoXml) return null;
    const e = res.json?.error;
    if (typeof e?.code !== 'string' || !e.code || typeof e?.message !== 'string' || !e.message) {
      return `${res.status} without a JSON error naming the problem: ${res.text.slice(0, 160)}`;
    }
    return null;
  }
  return `status ${res.status}`;
}

/**
 * Sends a body with `http` directly: in one piece (with Content-Length), chunked (without it,
 * `chunked: true`) or `slow` (a few bytes at a time over `slowMs`).
 */
function rawRequest(base, method, path, { body, headers = {}, chunked = false, slowMs = 0, timeout = REQUEST_DEADLINE_MS }) {
  const url = new URL(base + path);
  return new Promise((resolveAnswer) => {
    const h = { origin: base, ...headers };
    if (!chunked && !slowMs) h['content-length'] = String(body.length);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: h, agent: false });
    const timer = setTimeout(() => { req.destroy(); resolveAnswer({ status: 0, error: 'timeout', text: '' }); }, timeout);
    req.on('response', (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(parts).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolveAnswer({ status: res.statusCode, text, json });
      });
    });
    let answered = false;
    req.on('response', () => { answered = true; });
    // A server may answer before the body is all sent and close the connection: the answer
    // counts, the failed writes after it do not.
    req.on('socket', (socket) => socket.on('error', () => {}));
    req.on('error', (err) => {
      if (answered) return;
      clearTimeout(timer);
      resolveAnswer({ status: 0, error: String(err.code ?? err.message), text: '' });
    });
    if (slowMs) {
      const pieces = Math.max(1, Math.ceil(slowMs / 100));
      const size = Math.ceil(body.length / pieces);
      let i = 0;
      const tick = setInterval(() => {
        if (i >= body.length) { clearInterval(tick); req.end(); return; }
        req.write(body.subarray(i, i + size));
        i += size;
      }, 100);
    } else if (chunked) {
      const size = 1024 * 1024;
      let i = 0;
      const pump = () => {
        while (i < body.length) {
          const ok = req.write(body.subarray(i, i + size));
          i += size;
          if (!ok) { req.once('drain', pump); return; }
        }
        req.end();
      };
      pump();
    } else {
      req.end(body);
    }
  });
}

/** Runs `tasks` (functions answering promises) `width` at a time. */
async function pool(tasks, width) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

/**
 * What the routes need to be reached: callers and real values for their path parameters. Files
 * a case in `community`, takes it into handling, schedules a session with party links and
 * issues a volunteer link.
 */
export async function prepare(target, { community = 'zh01', edited = 'zh06' } = {}) {
  const cookies = {
    coordinator: await login(target, 'coordinator'),
    admin: await login(target, 'district-admin'),
    // The password-change route gets a caller of its own: the wrong current passwords it is
    // sent count against that account, and no other scenario signs it in.
    password: await login(target, 'counselor01'),
  };
  const filed = (await fileCase(target, goodFiling({ community, grid: `${community}-g1` }))).json;
  for (const cmd of [
    { command: 'accept' },
    { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
    { command: 'start' },
  ]) {
    const d = await detail(target, cookies.coordinator, filed.code);
    const res = await command(target, cookies.coordinator, filed.code, d.json.version, cmd);
    if (res.status !== 200) throw new Error(`${cmd.command}: ${res.status} ${res.text}`);
  }
  const at = (date, hhmm) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
  const session = await call(target, 'POST', `/api/staff/cases/${filed.code}/sessions`, {
    headers: { cookie: cookies.coordinator },
    body: {
      title: '调解 Session', length_minutes: 60, buffer_minutes: 15, venue: { kind: 'place', place: `${community}-room` },
      staff: ['mediator01'], parties: ['applicant', 'respondent'], slots: [at('2031-03-04', '09:00'), at('2031-03-05', '14:00')],
    },
  });
  const volunteer = await call(target, 'POST', '/api/staff/volunteers', {
    headers: { cookie: cookies.coordinator },
    body: { name: '王阿姨', community, intake: true, follow_up_cases: [], valid_hours: 48 },
  });
  const directory = (await call(target, 'GET', '/api/directory')).json;
  const params = {
    code: filed.code,
    id: session.json?.session?.id ?? 'no-such-id',
    username: 'liaison01',
    community: edited,
    street: directory?.streets?.[0]?.id ?? 'zhonghua-road',
    token: 'f'.repeat(64),
  };
  const party = session.json?.party_links?.[0]?.token;
  return {
    cookies,
    params,
    volunteer: volunteer.json?.token,
    party,
    problems: [
      ...(session.status === 201 ? [] : [`scheduling a session for the bad-input routes: ${session.status} ${session.text.slice(0, 200)}`]),
      ...(volunteer.status === 201 ? [] : [`issuing a volunteer link: ${volunteer.status} ${volunteer.text.slice(0, 200)}`]),
    ],
  };
}

/** The headers that let a request reach an operation's body. */
function callerOf(path, op, fixtures) {
  const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
  if (schemes.includes('volunteerToken')) return { authorization: `Volunteer ${fixtures.volunteer}` };
  if (schemes.includes('partyToken')) return { authorization: `Party ${fixtures.party}` };
  if (path === '/api/staff/password') return { cookie: fixtures.cookies.password };
  if (path.startsWith('/api/admin/')) return { cookie: fixtures.cookies.admin };
  if (path.startsWith('/api/staff/')) return { cookie: fixtures.cookies.coordinator };
  return {};
}

function fill(path, fixtures) {
  return path.replace(/\{(\w+)\}/g, (_, name) => {
    if (name === 'id' && path.includes('/directory/communities/')) return fixtures.params.community;
    if (name === 'id' && path.includes('/directory/streets/')) return fixtures.params.street;
    return encodeURIComponent(fixtures.params[name] ?? 'x');
  });
}

/** Every (route, variant) request of one pass, as tasks answering `{ route, variant, res }`. */
function passTasks(target, doc, fixtures, { huge, chunked }) {
  const tasks = [];
  const heavy = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const route = `${method.toUpperCase()} ${path}`;
      const url = fill(path, fixtures);
      const headers = callerOf(path, op, fixtures);
      // Idempotent filing routes need a key to get as far as the body.
      const keyed = (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key') || path === '/api/volunteer/intake' || path === '/api/staff/intake';
      const withKey = () => (keyed ? { ...headers, 'Idempotency-Key': randomUUID() } : headers);
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema) {
        for (const variant of badBodies(doc, schema, { huge })) {
          const big = variant.body.length > 1024 * 1024;
          const send = () => rawRequest(target.base, method.toUpperCase(), url, {
            body: Buffer.isBuffer(variant.body) ? variant.body : Buffer.from(variant.body),
            headers: { ...withKey(), ...(variant.type ? { 'content-type': variant.type } : {}) },
          }).then((res) => ({ route, variant: variant.name, res, lenient: variant.lenient }));
          (big ? heavy : tasks).push(send);
          if (big && chunked.has(path)) {
            heavy.push(() => rawRequest(target.base, method.toUpperCase(), url, {
              body: variant.body, headers: { ...withKey(), 'content-type': 'application/json' }, chunked: true,
            }).then((res) => ({ route, variant: 'a 20 MB body, chunked', res, lenient: false })));
          }
        }
      }
      // Bad path values, and bad query values, on every route that reads them.
      if (path.includes('{')) {
        for (const [name, value] of [['invalid UTF-8 escape', '%C0%AF%FF'], ['a 4 KB segment', 'x'.repeat(4096)], ['a dot-dot segment', '..%2F..%2Fetc'], ['a null escape', 'a%00b']]) {
          const bad = path.replace(/\{\w+\}/, value).replace(/\{(\w+)\}/g, (_, n) => fixtures.params[n] ?? 'x');
          tasks.push(() => call(target, method.toUpperCase(), bad, {
            headers: withKey(), ...(schema ? { body: placeholder(doc, schema) } : {}),
          }).then((res) => ({ route, variant: `path: ${name}`, res, lenient: false })));
        }
      }
      for (const p of (op.parameters ?? []).filter((q) => q.in === 'query')) {
        for (const [name, value] of [['2^53 + 1', BEYOND_2_53], ['not a number', 'abc'], ['empty', ''], ['invalid UTF-8 escape', '%C0%AF'], ['repeated', `1&${p.name}=2`], ['4 KB', 'x'.repeat(4096)]]) {
          tasks.push(() => call(target, method.toUpperCase(), `${url}?${p.name}=${value}`, { headers: withKey() })
            .then((res) => ({ route, variant: `query ${p.name}: ${name}`, res, lenient: true })));
        }
      }
    }
  }
  return { tasks, heavy };
}

/**
 * Slow senders: `count` bodies dribbled over `ms` each (answered once complete), and `count`
 * senders that stop half-way while the Worker keeps answering others within a second.
 */
async function slowSenders(target, doc, fixtures, { count, ms }) {
  const problems = [];
  const routes = ['/api/cases', '/api/track', '/api/staff/login', '/api/staff/cases/{code}/commands', '/api/admin/users']
    .slice(0, Math.max(1, count));
  const results = await Promise.all(routes.map(async (path) => {
    const op = doc.paths[path].post;
    const body = Buffer.from(JSON.stringify(placeholder(doc, op.requestBody.content['application/json'].schema)));
    const headers = { ...callerOf(path, op, fixtures), 'content-type': 'application/json', 'Idempotency-Key': randomUUID() };
    const res = await rawRequest(target.base, 'POST', fill(path, fixtures), { body, headers, slowMs: ms });
    return { route: `POST ${path}`, variant: `sent over ${ms} ms`, res, lenient: true };
  }));
  // Stalled senders: half a body, then nothing.
  const stalled = routes.map((path) => {
    const url = new URL(target.base + fill(path, fixtures));
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { origin: target.base, 'content-type': 'application/json', 'content-length': '1000', ...callerOf(path, doc.paths[path].post, fixtures), 'Idempotency-Key': randomUUID() } });
    req.on('error', () => {});
    req.write('{"description": "');
    return req;
  });
  for (let i = 0; i < 3; i += 1) {
    const t0 = performance.now();
    const health = await call(target, 'GET', '/api/health', { timeout: 5000 });
    const took = performance.now() - t0;
    if (health.status !== 200 || took > 1000) problems.push(`with ${stalled.length} stalled senders the health check answered ${health.status} in ${Math.round(took)} ms`);
    await sleep(200);
  }
  for (const req of stalled) req.destroy();
  return { results, problems, stalled: stalled.length };
}

/**
 * Bad input on every route, `passes` times, with the workerd memory read after each. Answers
 * counts per outcome, the accepted lenient variants, and problems.
 */
export async function badInput(target, { passes = 2, huge = true, chunkedRoutes = ['/api/cases', '/api/staff/cases/{code}/commands', '/api/admin/import'], slow = { count: 3, ms: 3000 }, width = 6, memoryMB = 48, log = () => {} } = {}) {
  const doc = (await call(target, 'GET', '/api/openapi.json')).json;
  const fixtures = await prepare(target);
  const problems = [...fixtures.problems];
  const tally = { requests: 0, fiveXX: 0, noAnswer: 0, fourXX: 0, acceptedLenient: 0 };
  const statuses = {};
  const accepted = new Set();
  const rss = [];
  const heavyGrowth = [];
  const record = ({ route, variant, res, lenient }) => {
    tally.requests += 1;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) tally.fiveXX += 1;
    else if (res.status === 0) tally.noAnswer += 1;
    else if (res.status >= 400) tally.fourXX += 1;
    else if (lenient) { tally.acceptedLenient += 1; accepted.add(`${route} ${variant}`); }
    const v = verdict(res, { lenient });
    if (v) problems.push(`${route} [${variant}]: ${v}`);
  };
  const routes = new Set();
  for (const [path, ops] of Object.entries(doc.paths)) for (const m of Object.keys(ops)) routes.add(`${m} ${path}`);
  rss.push(workerdRss(target.app.processGroup));
  for (let pass = 0; pass < passes; pass += 1) {
    const { tasks, heavy } = passTasks(target, doc, fixtures, { huge, chunked: new Set(chunkedRoutes) });
    const t0 = Date.now();
    (await pool(tasks, width)).forEach(record);
    const beforeHeavy = workerdRss(target.app.processGroup);
    (await pool(heavy, 2)).forEach(record);
    heavyGrowth.push(workerdRss(target.app.processGroup) - beforeHeavy);
    if (slow && pass === 0) {
      const s = await slowSenders(target, doc, fixtures, slow);
      s.results.forEach(record);
      problems.push(...s.problems);
    }
    rss.push(workerdRss(target.app.processGroup));
    log(`  bad input pass ${pass + 1}: ${tasks.length + heavy.length} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, workerd RSS ${Math.round(rss.at(-1) / 1024)} MB (${workerdPids(target.app.processGroup).map((p) => `${p}: ${Math.round(workerdRss(target.app.processGroup, p) / 1024)}`).join(', ')})`);
  }
  // Flat memory under the 20 MB bodies: after the first pass (which grows the runtime's
  // buffers to their working size) they add at most `memoryMB` in all; memory that grew with
  // what was sent would add at least a body's size per pass. The growth over whole passes is
  // reported beside it.
  const growth = Math.round((rss.at(-1) - rss[1]) / 1024);
  const heavyLater = Math.round(heavyGrowth.slice(1).reduce((a, b) => a + b, 0) / 1024);
  if (huge && passes >= 2 && heavyLater > memoryMB) {
    problems.push(`the 20 MB bodies grew workerd by ${heavyLater} MB after the first pass (per pass: ${heavyGrowth.map((k) => Math.round(k / 1024)).join(', ')} MB)`);
  }
  const health = await call(target, 'GET', '/api/health');
  if (health.status !== 200) problems.push(`after the bad input the health check answered ${health.status}`);
  return {
    counts: {
      routes: routes.size, ...tally, statuses,
      rssMB: rss.map((k) => Math.round(k / 1024)),
      growthMB: growth,
      hugeBodiesGrowthMB: heavyGrowth.map((k) => Math.round(k / 1024)),
    },
    accepted: [...accepted].sort(),
    problems,
  };
}
