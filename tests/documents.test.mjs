// The standard documents over HTTP: what a case offers as it moves, the street's numbers (no
// gap and no repeat under concurrent requests, a retry answering the same document, a void
// number never handed out again), both languages, a mediation record from a held session, and
// who may read, issue and void.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp } from './harness.mjs';

let app;
let coordinator;
let mediator;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
  mediator = (await app.login('mediator01')).cookie;
});
after(async () => { await app?.stop(); });

const shanghai = (date, hhmm) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const list = (code, cookie = mediator) => app.get(`/api/staff/cases/${code}/documents`, { cookie });
const issue = (code, kind, { key = randomUUID(), cookie = mediator, body } = {}) =>
  app.post(`/api/staff/cases/${code}/documents`, body ?? { kind }, { cookie, 'Idempotency-Key': key });
const idOf = (view) => `${view.code}~${view.summary.kind}~${view.summary.year}~${view.summary.seq}`;
const seqOf = (text) => Number(/第 (\d{4}) 号/.exec(text)?.[1]);

test('what a case offers grows with it; each document takes the street\'s next number, a retry the same one', async () => {
  const c = await app.caseInProgress();
  const first = await list(c.code);
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.json.documents, []);
  assert.deepEqual(first.json.can_issue, ['mediation_application', 'acceptance_notice'],
    'no record without a held session, no agreement, no referral or visit yet');

  const key = randomUUID();
  const made = await issue(c.code, 'acceptance_notice', { key });
  assert.equal(made.status, 201, made.text);
  const doc = made.json;
  assert.match(doc.summary.number_text, /^\(\d{4}\) \S+受字第 \d{4} 号$/);
  assert.equal(doc.zh.lang, 'zh');
  assert.equal(doc.en.lang, 'en');
  assert.equal(doc.zh.number_text, doc.summary.number_text, 'the official number is Chinese');
  assert.match(doc.content_hash, /^[0-9a-f]{64}$/);
  assert.deepEqual(doc.allowed_actions, ['void']);
  const zhText = JSON.stringify(doc.zh);
  assert.ok(zhText.includes(c.code), 'the notice names the case');

  const retry = await issue(c.code, 'acceptance_notice', { key });
  assert.equal(retry.json.summary.number_text, doc.summary.number_text, 'a retry is the same document');
  const reused = await issue(c.code, 'mediation_application', { key });
  assert.equal(reused.status, 422, reused.text);
  assert.equal(reused.json.error.code, 'idempotency_key_reused');

  const noKey = await app.post(`/api/staff/cases/${c.code}/documents`, { kind: 'acceptance_notice' }, { cookie: mediator });
  assert.equal(noKey.status, 400);
  assert.equal(noKey.json.error.field, 'Idempotency-Key');
  const badKind = await issue(c.code, 'letter');
  assert.equal(badKind.status, 422);
  assert.equal(badKind.json.error.field, 'kind');
  const notYet = await issue(c.code, 'referral_letter');
  assert.equal(notYet.status, 409, notYet.text);
  assert.equal(notYet.json.error.code, 'document_missing_data');
  const malformed = await app.request('POST', `/api/staff/cases/${c.code}/documents`,
    { raw: '{"kind":', headers: { cookie: mediator, 'Idempotency-Key': randomUUID(), 'content-type': 'application/json' } });
  assert.equal(malformed.status, 400);

  const read = await app.get(`/api/staff/documents/${encodeURIComponent(idOf(doc))}`, { cookie: coordinator });
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json.zh, doc.zh);
  assert.equal(read.json.content_hash, doc.content_hash);
  const listed = (await list(c.code)).json;
  assert.deepEqual(listed.documents.map((d) => d.number_text), [doc.summary.number_text]);

  // Voided: it stays, with its number; the next notice takes the next number.
  const voidUrl = `/api/staff/documents/${encodeURIComponent(idOf(doc))}/void`;
  const blank = await app.post(voidUrl, { reason: '  ' }, { cookie: mediator });
  assert.equal(blank.status, 422, blank.text);
  assert.equal(blank.json.error.field, 'reason');
  const voided = await app.post(voidUrl, { reason: '送达地址写错' }, { cookie: mediator });
  assert.equal(voided.status, 200, voided.text);
  assert.equal(voided.json.summary.state.state, 'void');
  assert.equal(voided.json.summary.number_text, doc.summary.number_text);
  assert.deepEqual(voided.json.zh, doc.zh, 'voiding changes no word of the document');
  assert.deepEqual(voided.json.allowed_actions, []);
  const twice = await app.post(voidUrl, { reason: '再次' }, { cookie: mediator });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.code, 'document_void');
  const next = await issue(c.code, 'acceptance_notice');
  assert.equal(next.status, 201, next.text);
  assert.equal(seqOf(next.json.summary.number_text), seqOf(doc.summary.number_text) + 1, 'a void number is never reused');

  // On the case's audit chain: each document issued (a retry not again) and voided, by number.
  const log = await app.get(`/api/admin/audit?scope=zh01&target=${c.code}&action=document.`, { cookie: (await app.login('admin')).cookie });
  assert.equal(log.status, 200, log.text);
  // Newest first: read back in the order they happened.
  const mine = log.json.entries.filter((e) => e.target.startsWith(c.code) && e.action.startsWith('document.')).reverse();
  assert.equal(log.json.matching, mine.length, 'the filter let through only these');
  assert.deepEqual(mine.map((e) => `${e.actor} ${e.action} ${e.target}`), [
    `mediator01 document.issued ${c.code} ${doc.summary.number_text}`,
    `mediator01 document.voided ${c.code} ${doc.summary.number_text}`,
    `mediator01 document.issued ${c.code} ${next.json.summary.number_text}`,
  ]);
  assert.equal(log.json.check.intact, true);
});

test('twenty concurrent requests take twenty consecutive numbers, and concurrent retries one', async () => {
  const cases = [];
  for (let i = 0; i < 4; i++) cases.push(await app.caseInProgress());
  const before = (await issue(cases[0].code, 'mediation_application')).json;
  const start = seqOf(before.summary.number_text);
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(cases[i % 4].code, 'mediation_application')));
  for (const a of answers) assert.equal(a.status, 201, a.text);
  const seqs = answers.map((a) => seqOf(a.json.summary.number_text)).sort((x, y) => x - y);
  assert.deepEqual(seqs, Array.from({ length: 20 }, (_, i) => start + 1 + i), 'no gap, no repeat');
  const key = randomUUID();
  const retries = await Promise.all(Array.from({ length: 5 }, () => issue(cases[1].code, 'mediation_application', { key })));
  const numbers = new Set(retries.map((r) => r.json.summary.number_text));
  assert.equal(numbers.size, 1, 'one key, one number');
  assert.equal(seqOf([...numbers][0]), start + 21);
});

test('a held session with its record offers the mediation record, which prints the minutes', async () => {
  const c = await app.caseInProgress();
  const start = shanghai('2031-06-03', '10:00');
  const booked = await app.post(`/api/staff/cases/${c.code}/sessions`, {
    title: '第一次调解 First session', length_minutes: 60, buffer_minutes: 15, slots: [start], confirm: true,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
  }, { cookie: mediator });
  assert.equal(booked.status, 201, booked.text);
  const held = await app.post(`/api/staff/sessions/${booked.json.session.id}/record`, {
    minutes: '双方同意晚十点后停止装修，并互留电话', outcome: 'agreement_reached',
    attendees: [{ kind: 'party', who: 'applicant' }, { kind: 'staff', who: 'mediator01' }],
  }, { cookie: mediator, 'X-Accord-Test-Now': shanghai('2031-06-03', '11:30') });
  assert.equal(held.status, 200, held.text);
  const offered = (await list(c.code)).json.can_issue;
  assert.ok(offered.includes('mediation_record'), offered.join());
  const record = await issue(c.code, 'mediation_record');
  assert.equal(record.status, 201, record.text);
  assert.match(record.json.summary.number_text, /笔字第/);
  assert.ok(JSON.stringify(record.json.zh).includes('双方同意晚十点后停止装修'), 'the minutes are printed');
  const wrong = await issue(c.code, 'mediation_record', { body: { kind: 'mediation_record', session: 'no-such-session' } });
  assert.equal(wrong.status, 400, wrong.text);
  assert.equal(wrong.json.error.field, 'session');
});

test('only those who may see the parties read the documents; only those who act on the case make or void them', async () => {
  const c = await app.caseInProgress();
  const made = (await issue(c.code, 'acceptance_notice')).json;
  const id = encodeURIComponent(idOf(made));
  for (const who of ['admin', 'mediator02']) {
    const cookie = (await app.login(who)).cookie;
    assert.equal((await list(c.code, cookie)).status, 404, `${who} lists nothing`);
    assert.equal((await app.get(`/api/staff/documents/${id}`, { cookie })).status, 404, `${who} reads nothing`);
    assert.equal((await issue(c.code, 'acceptance_notice', { cookie })).status, 404, `${who} makes nothing`);
  }
  assert.equal((await app.get(`/api/staff/documents/${id}`)).status, 401, 'signed out');
  const file = await app.get(`/api/staff/cases/${c.code}/file`, { cookie: mediator });
  assert.equal(file.status, 200, file.text);
  assert.equal(file.json.case.code, c.code);
  assert.deepEqual(file.json.documents.map((d) => d.summary.number_text), [made.summary.number_text]);
  assert.deepEqual(file.json.documents[0].allowed_actions, [], 'the file offers no voiding');
  for (const who of ['admin', 'mediator02']) {
    const cookie = (await app.login(who)).cookie;
    assert.equal((await app.get(`/api/staff/cases/${c.code}/file`, { cookie })).status, 404, `${who} reads no file`);
  }
  assert.equal((await app.get('/api/staff/documents/not-an-id', { cookie: mediator })).status, 404);
  const other = (await app.caseInProgress()).code;
  const crossed = encodeURIComponent(`${other}~${made.summary.kind}~${made.summary.year}~${made.summary.seq}`);
  assert.equal((await app.get(`/api/staff/documents/${crossed}`, { cookie: mediator })).status, 404,
    'a number is read only beside its own case');
});
