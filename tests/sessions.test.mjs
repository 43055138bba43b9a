// Mediation sessions over HTTP: proposing times, answers from parties' links and staff,
// confirming, conflict-free booking under concurrency, rescheduling and cancelling, the
// record of a held session, and the iCalendar feed and files read back by an independent
// parser (ical.js) plus checks of the RFC 5545 rules.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { startApp, goodFiling } from './harness.mjs';

let app;
let coordinator;
let mediator;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
  mediator = (await app.login('mediator01')).cookie;
});
after(async () => { await app?.stop(); });

/** 09:00 in Shanghai on a date is 01:00 UTC. */
const shanghai = (date, hhmm) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

async function caseInProgress(community = 'zh01') {
  const filed = (await app.post('/api/cases', goodFiling({ community, grid: `${community}-g1` }), { 'Idempotency-Key': randomUUID() })).json;
  const lead = community === 'zh02' ? 'mediator02' : 'mediator01';
  for (const command of [
    { command: 'accept' },
    { command: 'set_handlers', handlers: [{ username: lead, role: 'mediator', lead: true }] },
    { command: 'start' },
  ]) {
    const d = await app.get(`/api/staff/cases/${filed.code}`, { cookie: coordinator });
    const res = await app.post(`/api/staff/cases/${filed.code}/commands`, { version: d.json.version, command }, { cookie: coordinator });
    assert.equal(res.status, 200, res.text);
  }
  return filed;
}

function schedule(code, body, cookie = mediator) {
  return app.post(`/api/staff/cases/${code}/sessions`, {
    title: '第一次调解 First session', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    ...body,
  }, { cookie });
}

const party = (token) => ({ authorization: `Party ${token}` });

/** Checks the RFC 5545 rules this product promises, then parses with ical.js. */
function readCalendar(text) {
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
  for (const line of text.split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `folded at 75 octets: ${line}`);
  }
  const unfolded = text.replace(/\r\n /g, '');
  assert.match(unfolded, /\r\nVERSION:2\.0\r\n/);
  assert.match(unfolded, /\r\nPRODID:[^\r]+\r\n/);
  assert.match(unfolded, /BEGIN:VTIMEZONE\r\nTZID:Asia\/Shanghai\r\n/);
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  const events = comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    assert.equal(v.getAllProperties('uid').length, 1, 'one UID per event');
    assert.equal(v.getAllProperties('dtstamp').length, 1, 'one DTSTAMP per event');
    assert.equal(v.getFirstProperty('dtstart').getParameter('tzid'), 'Asia/Shanghai');
    return {
      uid: e.uid,
      summary: e.summary,
      location: e.location,
      sequence: v.getFirstPropertyValue('sequence'),
      status: v.getFirstPropertyValue('status'),
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
    };
  });
  return { unfolded, events };
}

describe('finding a time for everyone', () => {
  let filed;
  let session;
  let links;
  before(async () => {
    filed = await caseInProgress();
    const res = await schedule(filed.code, {
      slots: [shanghai('2031-03-04', '09:00'), shanghai('2031-03-05', '14:00'), shanghai('2031-03-06', '10:00')],
    });
    assert.equal(res.status, 201, res.text);
    session = res.json.session;
    links = Object.fromEntries(res.json.party_links.map((l) => [l.role, l.token]));
  });

  test('the mediator proposes times; each party answers from their link and staff from theirs', async () => {
    assert.equal(session.status, 'proposed');
    assert.deepEqual(session.slots.map((s) => s.id), [1, 2, 3]);
    const view = await app.get('/api/party/session', party(links.applicant));
    assert.equal(view.status, 200, view.text);
    assert.equal(view.json.role, 'applicant');
    assert.ok(!view.text.includes('mediator01'), 'parties see no staff names');
    const a = await app.post('/api/party/answers', { answers: [[1, false], [2, true], [3, true]] }, party(links.applicant));
    assert.equal(a.status, 200, a.text);
    const r = await app.post('/api/party/answers', { answers: [[1, true], [2, true], [3, false]] }, party(links.respondent));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.answers.map((x) => x.slot), [1, 2, 3], 'a party sees only its own answers');
    const s = await app.post(`/api/staff/sessions/${session.id}/answers`, { answers: [[1, true], [2, true], [3, true]] }, { cookie: mediator });
    assert.equal(s.status, 200, s.text);
    const outsider = await app.post(`/api/staff/sessions/${session.id}/answers`, { answers: [[1, true]] }, { cookie: coordinator });
    assert.equal(outsider.status, 404, 'only participants answer');
    assert.equal((await app.get('/api/party/session', party('0'.repeat(64)))).status, 401);
  });

  test('the mediator sees the answers and confirms the slot that suits everyone', async () => {
    const list = await app.get(`/api/staff/cases/${filed.code}/sessions`, { cookie: mediator });
    const current = list.json.find((s) => s.id === session.id);
    const yes = (slot) => current.answers.filter((a) => a.slot === slot && a.available).length;
    assert.deepEqual([1, 2, 3].map(yes), [2, 3, 2]);
    const confirmed = await app.post(`/api/staff/sessions/${session.id}/confirm`, { slot: 2 }, { cookie: mediator });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal(confirmed.json.status, 'confirmed');
    assert.equal(confirmed.json.start, shanghai('2031-03-05', '14:00').replace('.000Z', 'Z'));
    const seen = await app.get('/api/party/session', party(links.respondent));
    assert.equal(seen.json.status, 'confirmed');
    assert.equal((await app.post('/api/party/attend', {}, party(links.respondent))).json.attending, true);
    const tracked = await app.post('/api/track/sessions', { code: filed.code, secret: filed.secret });
    assert.equal(tracked.status, 200, tracked.text);
    assert.equal(tracked.json[0].status, 'confirmed');
    assert.equal(tracked.json[0].role, 'applicant');
  });

  test('the party\'s .ics reads back with the right time in any viewer\'s zone', async () => {
    const res = await app.get('/api/party/session.ics', party(links.applicant));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/calendar/);
    const { unfolded, events } = readCalendar(res.text);
    assert.equal(events.length, 1);
    assert.match(unfolded, /DTSTART;TZID=Asia\/Shanghai:20310305T140000\r\n/);
    assert.equal(events[0].start, shanghai('2031-03-05', '14:00'), 'the UTC instant is exact');
    assert.equal(events[0].end, shanghai('2031-03-05', '15:00'));
    assert.equal(events[0].status, 'CONFIRMED');
    assert.match(events[0].location, /调解室/);
  });

  test('rescheduling keeps the UID and raises SEQUENCE; cancelling says CANCELLED', async () => {
    const feed = await app.post('/api/staff/calendar/feed', {}, { cookie: mediator });
    assert.equal(feed.status, 201, feed.text);
    const before = readCalendar((await app.get(feed.json.path)).text).events.find((e) => e.uid.startsWith(session.id));
    const moved = await app.post(`/api/staff/sessions/${session.id}/reschedule`, { start: shanghai('2031-03-06', '15:00') }, { cookie: mediator });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.attending.length, 0, 'a new time needs confirming again');
    const after = readCalendar((await app.get(feed.json.path)).text).events.find((e) => e.uid === before.uid);
    assert.ok(after.sequence > before.sequence, `${after.sequence} > ${before.sequence}`);
    assert.equal(after.start, shanghai('2031-03-06', '15:00'));
    const cancelled = await app.post(`/api/staff/sessions/${session.id}/cancel`, {}, { cookie: mediator });
    assert.equal(cancelled.json.status, 'cancelled');
    const last = readCalendar((await app.get(feed.json.path)).text).events.find((e) => e.uid === before.uid);
    assert.equal(last.status, 'CANCELLED');
    assert.ok(last.sequence > after.sequence);
    // A revoked feed answers nothing.
    assert.equal((await app.post('/api/staff/calendar/feed/revoke', {}, { cookie: mediator })).status, 204);
    assert.equal((await app.get(feed.json.path)).status, 404);
  });
});

describe('times at the end of the calendar', () => {
  test('are refused at once, naming the field, instead of overflowing', async () => {
    const filed = await caseInProgress();
    const far = '+262142-12-31T23:00:00Z';
    const started = Date.now();
    const proposed = await schedule(filed.code, { slots: [far], confirm: true });
    assert.equal(proposed.status, 422, proposed.text);
    assert.equal(proposed.json.error.field, 'slots');
    const ok = await schedule(filed.code, { slots: [shanghai('2031-06-03', '09:30'), shanghai('2031-06-04', '09:30')] });
    assert.equal(ok.status, 201, ok.text);
    const confirmed = await app.post(`/api/staff/sessions/${ok.json.session.id}/confirm`, { slot: 1 }, { cookie: mediator });
    assert.equal(confirmed.status, 200, confirmed.text);
    const moved = await app.post(`/api/staff/sessions/${ok.json.session.id}/reschedule`, { start: far }, { cookie: mediator });
    assert.equal(moved.status, 422, moved.text);
    assert.equal(moved.json.error.field, 'start');
    assert.ok(Date.now() - started < 5000, 'answered at once');
  });
});

describe('participants named twice', () => {
  test('each party and each staff member is in the session once, with one link per party', async () => {
    const c = await caseInProgress();
    const res = await schedule(c.code, {
      slots: [shanghai('2031-07-01', '09:00'), shanghai('2031-07-02', '09:00')],
      parties: ['applicant', 'respondent', 'applicant'], staff: ['mediator01', 'mediator01'],
    });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json.session.parties, ['applicant', 'respondent']);
    assert.deepEqual(res.json.session.staff, ['mediator01']);
    assert.deepEqual(res.json.party_links.map((l) => l.role), ['applicant', 'respondent']);
  });
});

describe('what a party link can add is bounded', () => {
  test('a few requests for another time wait at most, each reason is bounded, each slot is answered once', async () => {
    const c = await caseInProgress();
    const res = await schedule(c.code, { slots: [shanghai('2031-07-08', '09:00'), shanghai('2031-07-09', '09:00')] });
    assert.equal(res.status, 201, res.text);
    const links = Object.fromEntries(res.json.party_links.map((l) => [l.role, l.token]));
    const ask = (reason, role = 'applicant') => app.post('/api/party/reschedule', { reason }, party(links[role]));
    const tooLong = await ask('x'.repeat(2001));
    assert.equal(tooLong.status, 422, tooLong.text);
    assert.equal(tooLong.json.error.field, 'reason');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask('那天要出差 '.repeat(100))).status);
    assert.deepEqual(statuses, [200, 200, 200, 409]);
    const refused = await ask('还是不行');
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'too_many_reschedule_requests');
    assert.equal((await ask('加班', 'respondent')).status, 200, 'the other party has their own');
    const twice = await app.post('/api/party/answers', { answers: [[1, true], [1, false]] }, party(links.applicant));
    assert.equal(twice.status, 422, twice.text);
    assert.equal(twice.json.error.field, 'answers');
    const seen = (await app.get(`/api/staff/cases/${c.code}/sessions`, { cookie: mediator })).json;
    assert.equal(seen.find((x) => x.id === res.json.session.id).reschedule_requests.length, 4);
  });
});

describe('booking without conflicts', () => {
  test('two bookings of one room and one mediator at the same moment: exactly one wins', async () => {
    const a = await caseInProgress();
    const b = await caseInProgress();
    const start = shanghai('2031-04-08', '09:30');
    const [ra, rb] = await Promise.all([
      schedule(a.code, { slots: [start], confirm: true }),
      schedule(b.code, { slots: [start], confirm: true }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [201, 409], `${ra.text} / ${rb.text}`);
    const loser = ra.status === 409 ? ra : rb;
    assert.equal(loser.json.error.code, 'booking_conflict');
    const kinds = loser.json.conflicts.map((c) => c.kind).sort();
    assert.deepEqual(kinds, ['place', 'staff']);
    assert.match(loser.json.error.message, /mediator01 is booked/);
    assert.match(loser.json.error.message, /zh01-room is taken/);
  });

  test('twenty simultaneous confirmations of one slot book it once', async () => {
    const start = shanghai('2031-04-09', '10:00');
    const cases = await Promise.all(Array.from({ length: 4 }, () => caseInProgress()));
    const proposals = [];
    for (const c of cases) {
      const res = await schedule(c.code, { slots: [start, shanghai('2031-04-10', '10:00')] });
      assert.equal(res.status, 201, res.text);
      proposals.push(res.json.session.id);
    }
    const results = await Promise.all(proposals.flatMap((id) => Array.from({ length: 5 }, () =>
      app.post(`/api/staff/sessions/${id}/confirm`, { slot: 1 }, { cookie: mediator }))));
    const won = results.filter((r) => r.status === 200);
    const wonSessions = new Set(won.map((r) => r.json.id));
    assert.equal(wonSessions.size, 1, 'one session holds the slot');
    assert.ok(results.every((r) => r.status === 200 || r.status === 409), results.map((r) => r.status).join(','));
  });

  test('times outside working hours, or during leave, or for more people than the room holds, are refused', async () => {
    const c = await caseInProgress();
    const evening = await schedule(c.code, { slots: [shanghai('2031-04-14', '19:00')], confirm: true });
    assert.equal(evening.status, 409);
    assert.deepEqual(evening.json.conflicts, [{ kind: 'outside_hours', username: 'mediator01' }]);
    const hours = (await app.get('/api/staff/availability', { cookie: mediator })).json;
    hours.absences = [{ from: '2031-04-15', to: '2031-04-15', reason: '年假' }];
    assert.equal((await app.post('/api/staff/availability', hours, { cookie: mediator })).status, 200);
    const leave = await schedule(c.code, { slots: [shanghai('2031-04-15', '09:00')], confirm: true });
    assert.equal(leave.status, 409);
    const online = await schedule(c.code, { slots: [shanghai('2031-04-16', '09:00')], confirm: true, venue: { kind: 'online', url: 'https://meet.example/abc' } });
    assert.equal(online.status, 201, online.text);
    const badUrl = await schedule(c.code, { slots: [shanghai('2031-04-16', '11:00')], confirm: true, venue: { kind: 'online', url: 'http://meet.example' } });
    assert.equal(badUrl.json.error.field, 'venue');
    for (const url of ['https://', 'https:///path', 'https://user@meet.example/', 'https://meet.example/a\r\nATTENDEE:mailto:x@evil.example', 'https://meet.example/a b']) {
      const refused = await schedule(c.code, { slots: [shanghai('2031-04-16', '11:00')], confirm: true, venue: { kind: 'online', url } });
      assert.equal(refused.status, 422, `${JSON.stringify(url)}: ${refused.text}`);
      assert.equal(refused.json.error.field, 'venue', JSON.stringify(url));
    }
    const one = await schedule(c.code, { slots: [shanghai('2031-04-17', '09:00')] });
    assert.equal(one.json.error.field, 'slots', 'a proposal needs two to five times');
    const otherRoom = await schedule(c.code, { slots: [shanghai('2031-04-17', '09:00')], confirm: true, venue: { kind: 'place', place: 'zh02-room' } });
    assert.equal(otherRoom.json.error.field, 'venue', 'another community\'s room');
  });
});

describe('a held session moves the case', () => {
  test('an agreement at the session resolves the case; minutes are kept', async () => {
    const c = await caseInProgress();
    const start = shanghai('2031-05-06', '09:00');
    const booked = await schedule(c.code, { slots: [start], confirm: true, venue: { kind: 'place', place: 'judge-workstation' } });
    assert.equal(booked.status, 201, booked.text);
    const id = booked.json.session.id;
    const early = await app.post(`/api/staff/sessions/${id}/record`, { minutes: '达成协议', outcome: 'agreement_reached', attendees: [] }, { cookie: mediator });
    assert.equal(early.status, 409, 'not before it starts');
    const after = { 'X-Accord-Test-Now': shanghai('2031-05-06', '10:30') };
    const held = await app.post(`/api/staff/sessions/${id}/record`, {
      minutes: '双方达成协议，邻居同意晚十点后停止装修', outcome: 'agreement_reached',
      attendees: [{ kind: 'party', who: 'applicant' }, { kind: 'staff', who: 'mediator01' }],
    }, { cookie: mediator, ...after });
    assert.equal(held.status, 200, held.text);
    assert.equal(held.json.session.status, 'held');
    assert.equal(held.json.case.status, 'resolved');
    assert.equal(held.json.case.outcome, 'agreement_reached');
  });

  test('a failed session marks the mediation failed, ready for referral', async () => {
    const c = await caseInProgress();
    const start = shanghai('2031-05-07', '14:00');
    const id = (await schedule(c.code, { slots: [start], confirm: true })).json.session.id;
    const held = await app.post(`/api/staff/sessions/${id}/record`, { minutes: '未达成一致', outcome: 'failed', attendees: [] },
      { cookie: mediator, 'X-Accord-Test-Now': shanghai('2031-05-07', '15:30') });
    assert.equal(held.status, 200, held.text);
    assert.equal(held.json.case.status, 'mediation_failed');
    assert.ok(held.json.case.allowed_commands.includes('refer'));
  });

  test('issue 8: a case move that fails after the record is kept and delivered once by the retry (outbox)', async () => {
    const c = await caseInProgress();
    const start = shanghai('2031-05-08', '09:00');
    const booked = await schedule(c.code, { slots: [start], confirm: true });
    assert.equal(booked.status, 201, booked.text);
    assert.deepEqual(booked.json.session.allowed_actions, ['reschedule', 'cancel'], 'not recordable before it starts');
    const id = booked.json.session.id;
    const after = { 'X-Accord-Test-Now': shanghai('2031-05-08', '10:30') };
    const body = { minutes: '达成协议', outcome: 'agreement_reached', attendees: [] };
    const first = await app.post(`/api/staff/sessions/${id}/record`, body,
      { cookie: mediator, ...after, 'X-Accord-Test-Fault': 'case-move' });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.session.status, 'held');
    assert.equal(first.json.case_move_pending, true);
    assert.equal(first.json.case.status, 'in_progress', 'the community write failed');
    assert.deepEqual(first.json.session.allowed_actions, []);
    const meanwhile = await app.get(`/api/staff/cases/${c.code}`, { cookie: mediator });
    assert.equal(meanwhile.json.status, 'in_progress');
    // The same record again is the retry: the move owed is delivered, once.
    const retry = await app.post(`/api/staff/sessions/${id}/record`, body, { cookie: mediator, ...after });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.json.case_move_pending, false);
    assert.equal(retry.json.case.status, 'resolved');
    const again = await app.post(`/api/staff/sessions/${id}/record`, body, { cookie: mediator, ...after });
    assert.equal(again.status, 200, again.text);
    const detail = (await app.get(`/api/staff/cases/${c.code}`, { cookie: mediator })).json;
    const resolved = detail.timeline.filter((e) => e.kind === 'resolved');
    assert.equal(resolved.length, 1, 'moved exactly once');
    assert.equal(resolved[0].note_code, 'session_agreement', 'a code, not words');
    assert.equal(resolved[0].note, null);
    // A different record for a held session is refused.
    const other = await app.post(`/api/staff/sessions/${id}/record`, { ...body, outcome: 'failed' }, { cookie: mediator, ...after });
    assert.equal(other.status, 409, other.text);
  });

  test('issue 13: a record kept offline carries the version it was written on; a session changed since is a conflict, the same record again a retry', async () => {
    const c = await caseInProgress();
    const start = shanghai('2031-05-09', '09:00');
    const booked = await schedule(c.code, { slots: [start], confirm: true });
    assert.equal(booked.status, 201, booked.text);
    const { id, version } = booked.json.session;
    assert.equal(typeof version, 'number');
    const after = { 'X-Accord-Test-Now': shanghai('2031-05-09', '10:30') };
    const links = Object.fromEntries(booked.json.party_links.map((l) => [l.role, l.token]));
    // A party confirms they will come: a change of the session, so its version moves on.
    const attend = await app.post('/api/party/attend', {}, { ...party(links.applicant), ...after });
    assert.equal(attend.status, 200, attend.text);
    const now = (await app.get(`/api/staff/cases/${c.code}/sessions`, { cookie: mediator })).json.find((s) => s.id === id);
    assert.equal(now.version, version + 1);
    const body = { minutes: '达成协议', outcome: 'agreement_reached', attendees: [] };
    const stale = await app.post(`/api/staff/sessions/${id}/record`, { ...body, based_on: version }, { cookie: mediator, ...after });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.error.code, 'session_changed');
    const unchanged = (await app.get(`/api/staff/cases/${c.code}/sessions`, { cookie: mediator })).json.find((s) => s.id === id);
    assert.equal(unchanged.status, 'confirmed', 'nothing overwritten');
    const saved = await app.post(`/api/staff/sessions/${id}/record`, { ...body, based_on: now.version }, { cookie: mediator, ...after });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.session.version, now.version + 1);
    // The phone sends it again (its answer was lost): the same record is a retry, not a conflict.
    const retry = await app.post(`/api/staff/sessions/${id}/record`, { ...body, based_on: now.version }, { cookie: mediator, ...after });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.json.case.status, 'resolved');
    const other = await app.post(`/api/staff/sessions/${id}/record`, { ...body, outcome: 'failed', based_on: now.version }, { cookie: mediator, ...after });
    assert.equal(other.status, 409, other.text);
    assert.equal(other.json.error.code, 'session_changed');
  });

  test('the agenda lists a mediator\'s sessions in a window, earliest first', async () => {
    const res = await app.get(`/api/staff/sessions?mine=1&from=${encodeURIComponent('2031-04-01T00:00:00Z')}&to=${encodeURIComponent('2031-06-01T00:00:00Z')}`, { cookie: mediator });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.length >= 3);
    const starts = res.json.map((s) => s.start ?? s.slots[0].start);
    assert.deepEqual(starts, [...starts].sort());
    assert.ok(res.json.every((s) => s.staff.includes('mediator01')));
    const other = await app.get('/api/staff/sessions?mine=1', { cookie: (await app.login('mediator02')).cookie });
    assert.ok(other.json.every((s) => s.staff.includes('mediator02')));
  });
});
