// Migration in place: the Worker starts on storage written by the single-street version
// (`fixtures/single-street-state.tgz`: the demo street seeded, a dispute in progress with a
// proposed session, a hazard) and serves it as the district's first street: the directory
// becomes a district, accounts scoped to "the street" are given its id, old codes, secrets,
// sessions and sign-ins keep working, and the new streets start empty beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
let app;
let dir;
let old;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-migration-'));
  execFileSync('tar', ['xzf', join(HERE, 'fixtures/single-street-state.tgz'), '-C', dir]);
  old = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
  app = await startApp({ stateDir: join(dir, 'state'), seed: false });
});
after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the stored single-street directory is served as a district of that street', async () => {
  const res = await app.get('/api/directory');
  assert.equal(res.status, 200);
  assert.equal(res.json.schema_version, 2);
  assert.deepEqual(res.json.streets.map((s) => [s.id, s.code_prefix]), [['zhonghua-road', 'ZH']]);
  assert.equal(res.json.district.name.en, 'Ganjingzi District');
  assert.equal(res.json.communities.length, 34);
  assert.ok(res.json.communities.every((c) => c.street === 'zhonghua-road'));
  assert.ok(res.json.places.every((p) => p.street === 'zhonghua-road'));
  // Read again: stored migrated, the same.
  const again = await app.get('/api/directory');
  assert.deepEqual(again.json, res.json);
});

test('a resident tracks an old case with the old code and secret', async () => {
  const res = await app.post('/api/track', { code: old.dispute.code, secret: old.dispute.secret });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.code, 'ZH01-2026-0001');
  assert.equal(res.json.status, 'in_progress');
  const hazard = await app.post('/api/track', { code: old.hazard.code, secret: old.hazard.secret });
  assert.equal(hazard.status, 200, hazard.text);
});

test('accounts scoped to the street keep their reach, now named', async () => {
  const { cookie } = await app.login('coordinator');
  assert.ok(cookie);
  const me = await app.get('/api/staff/me', { cookie });
  assert.deepEqual(me.json.scope, { kind: 'street', street: 'zhonghua-road' });
  const detail = await app.get(`/api/staff/cases/${old.dispute.code}`, { cookie });
  assert.equal(detail.status, 200, detail.text);
  assert.equal(detail.json.street, 'zhonghua-road');
  const queue = await app.get('/api/staff/cases', { cookie });
  assert.deepEqual(queue.json.items.map((i) => i.code).sort(), ['ZH01-2026-0001', 'ZH02-2026-0001']);
  const mediator = (await app.login('mediator01')).cookie;
  const sessions = await app.get(`/api/staff/cases/${old.dispute.code}/sessions`, { cookie: mediator });
  assert.equal(sessions.status, 200, sessions.text);
  assert.deepEqual(sessions.json.map((s) => s.id), [old.session]);
});

test('new filings continue the old numbering, and the demo seed adds the other streets', async () => {
  const filed = await app.post('/api/cases', goodFiling(), { 'Idempotency-Key': randomUUID() });
  assert.equal(filed.status, 201, filed.text);
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  assert.equal(filed.json.code, year === 2026 ? 'ZH01-2026-0002' : `ZH01-${year}-0001`);
  const seeded = await app.post('/api/dev/seed', {});
  assert.equal(seeded.status, 200, seeded.text);
  const directory = (await app.get('/api/directory')).json;
  assert.deepEqual(directory.streets.map((s) => s.id), ['zhonghua-road', 'zhoushuizi', 'xinzhaizi']);
  const second = await app.post('/api/cases', goodFiling({ community: 'zs01', grid: 'zs01-g1' }), { 'Idempotency-Key': randomUUID() });
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.code, `ZS01-${year}-0001`);
  // The old accounts were kept as they were; the new demo accounts were added.
  const district = (await app.login('district')).cookie;
  assert.ok(district, 'the district coordinator can sign in after the seed');
});
