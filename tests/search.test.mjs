// Finding a case when a resident calls: by its code in any spelling, or by part of a party's
// name, phone or address, open or closed, within the caller's scope, and for a specialist only
// among the cases they handle. Queries too short or too long are a 422 naming `q`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, goodFiling } from './harness.mjs';

let app;
let coordinator;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
});
after(async () => { await app?.stop(); });

const search = (cookie, q, extra = '') => app.queue(cookie, `?q=${encodeURIComponent(q)}${extra}`);
const codes = (res) => res.json.items.map((item) => item.code);

async function command(code, body) {
  const d = await app.detail(coordinator, code);
  const res = await app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command: body }, { cookie: coordinator });
  assert.equal(res.status, 200, res.text);
}

test('a case is found by its code, a name, the last digits of a phone and part of its address', async () => {
  const filed = (await app.fileCase(goodFiling({
    community: 'zh02', grid: 'zh02-g1', name: '欧阳明月', phone: '139 0013 8001',
    address: '沿海街88号7单元302', respondent_name: '司马青山',
  }))).json;
  const other = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1', name: '赵六', phone: '13700001111' }))).json;
  const spelled = filed.code.toLowerCase().replaceAll('-', ' ');
  for (const q of [filed.code, spelled, '欧阳明月', '明月', '司马', '8001', '13900138001', '88号7单元', '沿海街88']) {
    const res = await search(coordinator, q);
    assert.equal(res.status, 200, `${q}: ${res.text}`);
    assert.deepEqual(codes(res), [filed.code], q);
  }
  assert.deepEqual(codes(await search(coordinator, '无此人名')), []);
  assert.ok(codes(await search(coordinator, '1111')).includes(other.code));
  // The rows are the queue's: the applicant's name masked, no phone, no address.
  const row = (await search(coordinator, '8001')).json.items[0];
  assert.ok(!JSON.stringify(row).includes('欧阳明月') && !JSON.stringify(row).includes('8001'), JSON.stringify(row));
  // The community filter narrows a search too.
  assert.deepEqual(codes(await search(coordinator, '8001', '&community=zh01')), []);
  assert.deepEqual(codes(await search(coordinator, filed.code, '&community=zh01')), []);
});

test('closed cases are found too, newest first, and a search pages with the cursor', async () => {
  const filings = [];
  for (let i = 0; i < 3; i += 1) {
    filings.push((await app.fileCase(goodFiling({ community: 'zh03', grid: 'zh03-g1', name: '钱多多', phone: `1360000222${i}` }))).json);
  }
  await command(filings[0].code, { command: 'reject', reason: '不属于调解范围', redirect_to: '区法院诉讼服务中心' });
  const first = await search(coordinator, '钱多多', '&limit=2');
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.items.length, 2);
  const second = await search(coordinator, '钱多多', `&limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`);
  assert.deepEqual([...codes(first), ...codes(second)], filings.map((f) => f.code).reverse(), 'newest first');
  assert.equal(second.json.items[0].status, 'rejected', 'the rejected one included');
  assert.equal(second.json.next_cursor, null);
});

test('a search stays within the scope, and a specialist finds only the cases they handle', async () => {
  const mine = await app.caseInProgress();
  const zs = (await app.fileCase(goodFiling({ community: 'zs01', grid: 'zs01-g1', name: '孙悟空' }))).json;
  assert.deepEqual(codes(await search(coordinator, '孙悟空')), [], "another street's case is not found");
  assert.deepEqual(codes(await search(coordinator, zs.code)), []);
  const mediator02 = (await app.login('mediator02')).cookie;
  assert.deepEqual(codes(await search(mediator02, mine.code)), [], "another community's mediator");

  await command(mine.code, { command: 'set_handlers', handlers: [
    { username: 'mediator01', role: 'mediator', lead: true },
    { username: 'police01', role: 'police', lead: false },
  ] });
  const police = (await app.login('police01')).cookie;
  const found = codes(await search(police, '张三'));
  assert.ok(found.includes(mine.code), 'the case police01 handles');
  for (const code of found) {
    const d = await app.detail(police, code);
    assert.equal(d.status, 200, `police01 may open every case found (${code})`);
  }
  const unhandled = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  assert.ok(!codes(await search(police, '张三')).includes(unhandled.code));
  assert.equal((await search(null, '张三')).status, 401);
});

test('queries too short or too long are refused naming q', async () => {
  for (const [q, code] of [['张', 'too_short'], ['123', 'too_short'], ['-', 'too_short'], ['路'.repeat(41), 'too_long']]) {
    const res = await search(coordinator, q);
    assert.equal(res.status, 422, `${q}: ${res.text}`);
    assert.equal(res.json.error.field, 'q');
    assert.equal(res.json.error.code, code);
  }
  assert.equal((await search(coordinator, '   ')).status, 200, 'an empty query is the queue');
});
