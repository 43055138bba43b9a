// Photos of a case over HTTP: the type read from the bytes (415 otherwise), the size limit
// (413 naming the photo), EXIF cut out of a JPEG, idempotent retries by the photo's key, the
// bounds per filing and per case, who may read them (staff by scope, the resident by code and
// secret, never another case's secret), the filing's location shown to staff only, and
// retention erasing the rows and the images in object storage.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, goodFiling } from './harness.mjs';

let app;
let stateDir;
let coordinator;
before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'accord-photos-'));
  app = await startApp({ stateDir });
  coordinator = (await app.login('coordinator')).cookie;
});
after(async () => { await app?.stop(); });

const segment = (marker, payload) => {
  const body = Buffer.from(payload);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([Buffer.from([0xff, marker]), length, body]);
};

/** A JPEG's header and a scan: APP0, optionally EXIF with a GPS position, a comment carrying
 * `marker` (kept, so the stored image can be found), a frame of w×h. */
function jpeg({ w = 800, h = 600, exif = false, marker = randomUUID(), pad = 0 } = {}) {
  const frame = Buffer.from([0x08, h >> 8, h & 255, w >> 8, w & 255, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    exif ? segment(0xe1, 'Exif\0\0MM\0*GPSLatitude 38.9512 GPSLongitude 121.5678') : Buffer.alloc(0),
    segment(0xfe, `accord-test ${marker}`),
    segment(0xc0, frame),
    segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00])),
    Buffer.alloc(pad, 0x55),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
}

function upload(code, bytes, { secret, cookie, key = randomUUID(), type = 'image/jpeg' } = {}) {
  const headers = { 'Idempotency-Key': key, 'content-type': type };
  if (secret !== undefined) headers['X-Case-Secret'] = secret;
  if (cookie) headers.cookie = cookie;
  const path = cookie ? `/api/staff/cases/${code}/photos` : `/api/cases/${code}/photos`;
  return app.request('POST', path, { raw: bytes, headers });
}

async function fetchImage(path, headers) {
  const res = await fetch(app.base + path, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function fileHazard(extra = {}, headers = {}) {
  const res = await app.post('/api/cases', goodFiling({
    kind: 'hazard', category: 'fire_escape', description: '三单元楼道里堆满了杂物，消防通道被堵住', respondent_name: undefined,
    community: 'zh01', grid: 'zh01-g1', answers: { in_danger: 'no', blocked_by: 'goods' }, ...extra,
  }), { 'Idempotency-Key': randomUUID(), ...headers });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

/** Every file under the local state that holds `needle` (object storage keeps images there). */
function storedWith(needle) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.size < 2_000_000 && readFileSync(path).includes(needle)) found.push(path);
    }
  };
  walk(stateDir);
  return found;
}

describe('an upload is checked by its bytes', () => {
  let filed;
  before(async () => { filed = await fileHazard(); });

  test('a JPEG with EXIF is kept without it, and staff read it back privately', async () => {
    const marker = randomUUID();
    const sent = jpeg({ exif: true, marker });
    const res = await upload(filed.code, sent, { secret: filed.secret });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.type, 'jpeg');
    assert.deepEqual([res.json.width, res.json.height], [800, 600]);
    assert.equal(res.json.added_by.kind, 'reporter');
    const image = await fetchImage(`/api/staff/photos/${encodeURIComponent(res.json.ref)}`, { cookie: coordinator });
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
    assert.match(image.headers.get('cache-control'), /^private/);
    assert.ok(image.bytes.includes(`accord-test ${marker}`), 'the same image');
    assert.ok(!image.bytes.includes('Exif') && !image.bytes.includes('GPSLatitude'), 'no EXIF left');
    assert.equal(image.bytes.length, sent.length - (sent.indexOf(Buffer.from([0xff, 0xfe])) - sent.indexOf(Buffer.from([0xff, 0xe1]))));
    assert.equal(storedWith('GPSLatitude').length, 0, 'the position never reached storage');
  });

  test('a type that is not JPEG or WebP is refused with 415, whatever its name or header', async () => {
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64)]);
    for (const [bytes, type] of [[png, 'image/jpeg'], [Buffer.from('GIF89a....'), 'image/jpeg'], [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml']]) {
      const res = await upload(filed.code, bytes, { secret: filed.secret, type });
      assert.equal(res.status, 415, res.text);
      assert.equal(res.json.error.code, 'unsupported_photo_type');
      assert.equal(res.json.error.field, 'photo');
    }
    // A JPEG's bytes sent as text are still a JPEG.
    assert.equal((await upload(filed.code, jpeg(), { secret: filed.secret, type: 'text/plain' })).status, 201);
  });

  test('an image over 400 KB is refused with 413 naming the photo, and one over 1600 px with 422', async () => {
    const big = jpeg({ pad: 400 * 1024 });
    const res = await upload(filed.code, big, { secret: filed.secret });
    assert.equal(res.status, 413, res.text);
    assert.equal(res.json.error.code, 'photo_too_large');
    assert.equal(res.json.error.field, 'photo');
    const wide = await upload(filed.code, jpeg({ w: 1601, h: 900 }), { secret: filed.secret });
    assert.equal(wide.status, 422, wide.text);
    assert.equal(wide.json.error.code, 'photo_too_many_pixels');
    const cut = await upload(filed.code, jpeg().subarray(0, 30), { secret: filed.secret });
    assert.equal(cut.json.error.code, 'photo_damaged');
  });
});

describe('uploads are idempotent and bounded', () => {
  test('a retry with the same key gives the same photo, other bytes under it are refused', async () => {
    const filed = await fileHazard();
    const key = randomUUID();
    const bytes = jpeg();
    const first = await upload(filed.code, bytes, { secret: filed.secret, key });
    assert.equal(first.status, 201, first.text);
    const again = await upload(filed.code, bytes, { secret: filed.secret, key });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, first.json);
    const other = await upload(filed.code, jpeg(), { secret: filed.secret, key });
    assert.equal(other.status, 409);
    assert.equal(other.json.error.code, 'photo_id_reused');
    const list = await app.get(`/api/staff/cases/${filed.code}/photos`, { cookie: coordinator });
    assert.equal(list.json.photos.length, 1);
    assert.equal((await upload(filed.code, bytes, { secret: filed.secret, key: 'short' })).json.error.field, 'Idempotency-Key');
  });

  test('concurrent retries of one photo keep one', async () => {
    const filed = await fileHazard();
    const key = randomUUID();
    const bytes = jpeg();
    const answers = await Promise.all([1, 2, 3, 4].map(() => upload(filed.code, bytes, { secret: filed.secret, key })));
    assert.ok(answers.every((a) => a.status === 200 || a.status === 201), answers.map((a) => a.text).join('\n'));
    assert.equal(new Set(answers.map((a) => a.json.ref)).size, 1);
    assert.equal((await app.get(`/api/staff/cases/${filed.code}/photos`, { cookie: coordinator })).json.photos.length, 1);
  });

  test('the reporter attaches four; staff add more, up to twelve a case', async () => {
    const filed = await fileHazard();
    for (let i = 0; i < 4; i++) assert.equal((await upload(filed.code, jpeg(), { secret: filed.secret })).status, 201);
    const fifth = await upload(filed.code, jpeg(), { secret: filed.secret });
    assert.equal(fifth.status, 422);
    assert.equal(fifth.json.error.code, 'too_many_photos');
    for (let i = 0; i < 8; i++) {
      const res = await upload(filed.code, jpeg(), { cookie: coordinator });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.added_by.username, 'coordinator');
    }
    const full = await app.get(`/api/staff/cases/${filed.code}/photos`, { cookie: coordinator });
    assert.equal(full.json.photos.length, 12);
    assert.equal(full.json.may_add, false);
    assert.equal((await upload(filed.code, jpeg(), { cookie: coordinator })).json.error.code, 'too_many_photos');
  });
});

describe('who may read and add', () => {
  let filed;
  let photo;
  let other;
  before(async () => {
    filed = await fileHazard();
    other = await fileHazard();
    photo = (await upload(filed.code, jpeg(), { secret: filed.secret })).json;
  });

  test('the resident reads their own photo by code and secret, never by another case\'s secret', async () => {
    const path = `/api/photos/${encodeURIComponent(photo.ref)}`;
    const own = await fetchImage(path, { 'X-Case-Secret': filed.secret });
    assert.equal(own.status, 200);
    assert.match(own.headers.get('cache-control'), /^private/);
    assert.equal((await fetchImage(path, {})).status, 400, 'no secret: the header is named, no guess counted');
    assert.equal((await fetchImage(path, { 'X-Case-Secret': other.secret })).status, 404, "another case's secret");
    const wrongCode = `/api/photos/${encodeURIComponent(photo.ref.replace(filed.code, other.code))}`;
    assert.equal((await fetchImage(wrongCode, { 'X-Case-Secret': other.secret })).status, 404, 'the photo under another case');
    const upWrong = await upload(filed.code, jpeg(), { secret: other.secret });
    assert.equal(upWrong.status, 404);
    assert.equal((await upload(filed.code, jpeg(), {})).status, 400, 'no secret, no upload');
  });

  test('staff read by the policy and their scope; those outside see nothing', async () => {
    const path = `/api/staff/photos/${encodeURIComponent(photo.ref)}`;
    for (const [username, status] of [['coordinator', 200], ['district', 200], ['police01', 404], ['grid02', 404], ['mediator-zs01', 404], ['coordinator-zs', 404]]) {
      const { cookie } = await app.login(username);
      assert.equal((await fetchImage(path, { cookie })).status, status, username);
      const list = await app.get(`/api/staff/cases/${filed.code}/photos`, { cookie });
      assert.equal(list.status, status, `${username} list`);
    }
    assert.equal((await fetchImage(path, {})).status, 401, 'signed out');
    const foreign = await app.request('POST', `/api/staff/cases/${filed.code}/photos`, {
      raw: jpeg(), headers: { cookie: coordinator, 'Idempotency-Key': randomUUID(), origin: 'https://evil.example' },
    });
    assert.equal(foreign.status, 403);
    const outside = (await app.login('mediator-zs01')).cookie;
    assert.equal((await upload(filed.code, jpeg(), { cookie: outside })).status, 404);
  });
});

describe('the location the reporter shares', () => {
  test('it is checked, shown to staff, and in no public view', async () => {
    const filed = await fileHazard({ location: { lat: '38.950123', lon: '121.560456' } });
    const detail = await app.detail(coordinator, filed.code);
    assert.deepEqual(detail.json.location, { lat_e6: 38950123, lon_e6: 121560456 });
    const tracked = await app.track(filed.code, filed.secret);
    assert.equal(tracked.status, 200);
    assert.doesNotMatch(tracked.text, /38950123|location/);
    const open311 = await app.get('/open311/v2/requests.json?jurisdiction_id=zhonghua');
    assert.doesNotMatch(open311.text, /38950123|38\.950123/);
    const micro = await fileHazard({ location: { lat_e6: -33868800, lon_e6: 151209300 } });
    assert.deepEqual((await app.detail(coordinator, micro.code)).json.location, { lat_e6: -33868800, lon_e6: 151209300 });
    for (const [location, field] of [
      [{ lat: '91', lon: '121' }, 'location.lat'], [{ lat: '38.9', lon: '1e2' }, 'location.lon'],
      [{ lat: 'NaN', lon: '0' }, 'location.lat'], [{ lat_e6: 38000000, lon_e6: 181000000 }, 'location.lon'],
    ]) {
      const res = await app.post('/api/cases', goodFiling({ location }), { 'Idempotency-Key': randomUUID() });
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.error.field, field);
    }
  });

  test('the demo grids have areas, and each grid centre finds its own grid', async () => {
    const dir = (await app.get('/api/directory')).json;
    const grid = dir.communities.find((c) => c.id === 'zh07').grids[2];
    assert.ok(grid.area.radius_m > 0);
    assert.ok(Math.abs(grid.area.centre.lat_e6 - 38_950_000) < 100_000);
  });
});

describe('retention', () => {
  test('erases a closed case\'s photos: rows and images', async () => {
    const dir = (await app.get('/api/directory')).json;
    const t0 = '2033-03-01T00:00:00Z';
    const clock = { 'X-Accord-Test-Now': t0 };
    const filed = await fileHazard({ location: { lat: '38.95', lon: '121.56' } }, clock);
    const marker = randomUUID();
    const photo = (await upload(filed.code, jpeg({ marker }), { secret: filed.secret })).json;
    assert.ok(storedWith(marker).length >= 1, 'the image is in object storage');
    const command = async (cmd) => {
      const d = await app.detail(coordinator, filed.code);
      const res = await app.post(`/api/staff/cases/${filed.code}/commands`, { version: d.json.version, command: cmd }, { cookie: coordinator, ...clock });
      assert.equal(res.status, 200, `${cmd.command}: ${res.text}`);
    };
    await command({ command: 'reject', reason: '不属于本街道', redirect_to: '区住建局' });
    const admin = (await app.login('admin')).cookie;
    const later = new Date(Date.parse(t0) + (dir.retention_days + 2) * 86400_000).toISOString();
    const run = await app.post('/api/admin/retention/run', {}, { cookie: admin, 'X-Accord-Test-Now': later });
    assert.equal(run.status, 200, run.text);
    assert.ok(run.json.erased >= 1);
    const list = await app.get(`/api/staff/cases/${filed.code}/photos`, { cookie: coordinator });
    assert.deepEqual(list.json.photos, []);
    assert.equal(list.json.may_add, false);
    const image = await fetchImage(`/api/staff/photos/${encodeURIComponent(photo.ref)}`, { cookie: coordinator });
    assert.equal(image.status, 404);
    assert.equal((await app.detail(coordinator, filed.code)).json.location, undefined, 'the location went too');
    assert.deepEqual(storedWith(marker), [], 'the image is gone from object storage');
    assert.equal((await upload(filed.code, jpeg(), { secret: filed.secret })).status, 404, 'nothing more is added to an erased case');
  });
});
