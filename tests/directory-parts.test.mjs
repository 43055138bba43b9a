// The directory saved one part at a time over HTTP: two admins saving two communities at
// the same moment both keep their change, a street's admin reaches only their own street's
// communities and settings, and a part that would break the directory is refused with 422
// naming the field. The whole-directory route keeps working beside them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

let app;
const cookies = {};
before(async () => {
  app = await startApp();
  for (const name of ['admin', 'district-admin', 'coordinator']) {
    cookies[name] = (await app.login(name)).cookie;
  }
});
after(async () => { await app?.stop(); });

/** A community of the stored directory as its screen sends it. */
function editOf(dir, id) {
  const c = dir.communities.find((x) => x.id === id);
  const places = dir.places
    .filter((p) => p.community === id)
    .map(({ id: pid, name, kind, capacity, address }) => ({ id: pid, name, kind, capacity, address }));
  return { street: c.street, number: c.number, name: structuredClone(c.name), grids: structuredClone(c.grids), places };
}

const saveCommunity = (id, edit, cookie) => app.post(`/api/admin/directory/communities/${id}`, edit, { cookie });

test('two admins saving two communities at once both keep their change', async () => {
  const dir = (await app.get('/api/directory')).json;
  const ownStreet = editOf(dir, 'zh05');
  ownStreet.name.en = 'Renamed by the street admin';
  const other = editOf(dir, 'zs02');
  other.name.en = 'Renamed by the district admin';
  other.places[0].capacity = 11;
  // Both edited what they loaded before either saved.
  const [a, b] = await Promise.all([
    saveCommunity('zh05', ownStreet, cookies.admin),
    saveCommunity('zs02', other, cookies['district-admin']),
  ]);
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  const after = (await app.get('/api/directory')).json;
  assert.equal(after.communities.find((c) => c.id === 'zh05').name.en, 'Renamed by the street admin');
  assert.equal(after.communities.find((c) => c.id === 'zs02').name.en, 'Renamed by the district admin');
  assert.equal(after.places.find((p) => p.community === 'zs02').capacity, 11);
  // Nothing else moved.
  const rest = (d) => ({ ...d, communities: d.communities.filter((c) => !['zh05', 'zs02'].includes(c.id)), places: d.places.filter((p) => p.community !== 'zs02') });
  assert.deepEqual(rest(after), rest(dir));

  // Ten saves of ten communities at once: every one is kept.
  const ids = dir.communities.filter((c) => c.street === 'zhonghua-road').slice(10, 20).map((c) => c.id);
  const saves = await Promise.all(ids.map((id) => {
    const edit = editOf(dir, id);
    edit.name.en = `Burst ${id}`;
    return saveCommunity(id, edit, id.endsWith('0') ? cookies['district-admin'] : cookies.admin);
  }));
  assert.deepEqual(saves.map((s) => s.status), ids.map(() => 200));
  const burst = (await app.get('/api/directory')).json;
  for (const id of ids) assert.equal(burst.communities.find((c) => c.id === id).name.en, `Burst ${id}`);
  assert.equal(burst.communities.find((c) => c.id === 'zh05').name.en, 'Renamed by the street admin');
});

test("a street's admin reaches only their street's communities and settings", async () => {
  const dir = (await app.get('/api/directory')).json;
  const foreign = editOf(dir, 'zs01');
  foreign.name.en = 'Not theirs';
  const refused = await saveCommunity('zs01', foreign, cookies.admin);
  assert.equal(refused.status, 404, refused.text);
  // A new community in another street names the street.
  const added = {
    street: 'zhoushuizi', number: 9, name: { zh: '新社区', en: 'New' },
    grids: [{ id: 'zs09-g1', name: { zh: '第一网格', en: 'Grid 1' } }],
  };
  const elsewhere = await saveCommunity('zs09', added, cookies.admin);
  assert.equal(elsewhere.status, 422, elsewhere.text);
  assert.equal(elsewhere.json.error.field, 'communities.street');
  // The district's admin adds it; it joins its street.
  const made = await saveCommunity('zs09', added, cookies['district-admin']);
  assert.equal(made.status, 200, made.text);
  assert.equal(made.json.communities.find((c) => c.id === 'zs09').street, 'zhoushuizi');

  const street = (id, body, cookie) => app.post(`/api/admin/directory/streets/${id}`, body, { cookie });
  assert.equal((await street('zhoushuizi', { categories: null }, cookies.admin)).status, 404);
  const offered = [dir.categories[0].id, dir.categories.find((c) => c.kind === 'hazard').id];
  const own = await street('zhonghua-road', { categories: offered }, cookies.admin);
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.json.streets.find((s) => s.id === 'zhonghua-road').categories, offered);
  // Its places were not sent, so they stay.
  assert.deepEqual(own.json.places, made.json.places);

  const district = { categories: dir.categories, time_limits: dir.time_limits, retention_days: 400 };
  const forbidden = await app.post('/api/admin/directory/district', district, { cookie: cookies.admin });
  assert.equal(forbidden.status, 403, forbidden.text);
  const notAdmin = await saveCommunity('zh01', editOf(dir, 'zh01'), cookies.coordinator);
  assert.equal(notAdmin.status, 403, notAdmin.text);
  const saved = await app.post('/api/admin/directory/district', district, { cookie: cookies['district-admin'] });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.retention_days, 400);
  // The street's own choice of categories survived the district's save.
  assert.deepEqual(saved.json.streets.find((s) => s.id === 'zhonghua-road').categories, offered);
});

test('a part that would break the directory is refused naming the field', async () => {
  const dir = (await app.get('/api/directory')).json;
  const cases = [
    [(e) => { e.grids = []; }, 'communities.grids'],
    [(e) => { e.name.zh = ' '; }, 'communities'],
    [(e) => { e.number = 77; }, 'communities.number'],
    [(e) => { e.street = 'xinzhaizi'; }, 'communities.street'],
    [(e) => { e.places[0].capacity = 900; }, 'places'],
  ];
  for (const [change, field] of cases) {
    const edit = editOf(dir, 'zh03');
    change(edit);
    const res = await saveCommunity('zh03', edit, cookies.admin);
    assert.equal(res.status, 422, `${field}: ${res.text}`);
    assert.equal(res.json.error.field, field);
  }
  const street = await app.post('/api/admin/directory/streets/zhonghua-road', { categories: ['no-such'] }, { cookie: cookies.admin });
  assert.equal(street.status, 422);
  assert.equal(street.json.error.field, 'streets.categories');
  const short = await app.post('/api/admin/directory/district', { categories: dir.categories, time_limits: dir.time_limits, retention_days: 3 }, { cookie: cookies['district-admin'] });
  assert.equal(short.status, 422);
  assert.equal(short.json.error.field, 'retention_days');
  const malformed = await app.post('/api/admin/directory/communities/zh03', { street: 'zhonghua-road' }, { cookie: cookies.admin });
  assert.equal(malformed.status, 400, malformed.text);
  // Nothing of it was stored; the whole-directory route still saves the directory as it is.
  const after = (await app.get('/api/directory')).json;
  assert.deepEqual(after, dir);
  assert.equal((await app.post('/api/admin/directory', after, { cookie: cookies['district-admin'] })).status, 200);
});
