// The mediation agreement over HTTP: the mediator drafts it, each party confirms it from their
// own session link with their typed name, a change after a confirmation is a new version every
// party confirms again (the old one readable, its fingerprint refused), the agreement in
// effect carries the thirty days for judicial confirmation, the court's decision is recorded
// once, a term's performance is followed up, and the agreement and judicial-confirmation
// documents are made from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp } from './harness.mjs';

let app;
let mediator;
before(async () => {
  app = await startApp();
  mediator = (await app.login('mediator01')).cookie;
});
after(async () => { await app?.stop(); });

const shanghaiDate = (offsetDays = 0) => {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const agreementOf = (code, cookie = mediator) => app.get(`/api/staff/cases/${code}/agreement`, { cookie });
const change = (code, body, cookie = mediator) => app.post(`/api/staff/cases/${code}/agreement`, body, { cookie });
const party = (token) => ({ authorization: `Party ${token}` });
const partyView = (token) => app.get('/api/party/agreement', party(token));
const confirm = (token, typed_name, content_hash) =>
  app.post('/api/party/agreement/confirm', { typed_name, content_hash }, party(token));

/** A case in progress with a session whose links reach both parties (each at its own hour). */
let day = 9;
async function caseWithLinks() {
  const c = await app.caseInProgress();
  day += 1; // 10 to 13 June 2031, Tuesday to Friday
  const start = new Date(`2031-06-${day}T10:00:00+08:00`).toISOString();
  const booked = await app.post(`/api/staff/cases/${c.code}/sessions`, {
    title: '调解 Session', length_minutes: 60, buffer_minutes: 15, slots: [start], confirm: true,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
  }, { cookie: mediator });
  assert.equal(booked.status, 201, booked.text);
  const links = Object.fromEntries(booked.json.party_links.map((l) => [l.role, l.token]));
  return { code: c.code, secret: c.secret, applicant: links.applicant, respondent: links.respondent };
}

const draft = (facts = '被申请人夜间装修噪音扰民，双方经调解达成一致。') => ({
  op: 'draft',
  facts,
  terms: [
    { who: 'respondent', what: '晚上十点后不再装修', by: shanghaiDate(7) },
    { who: 'respondent', what: '向申请人赔偿误工费', by: shanghaiDate(14), amount_fen: 50000 },
  ],
});

test('drafted, confirmed by each party from their link, changed into a second version, in effect, decided, followed up', async () => {
  const c = await caseWithLinks();
  const none = await agreementOf(c.code);
  assert.equal(none.status, 200, none.text);
  assert.equal(none.json.agreement, null);
  assert.deepEqual(none.json.allowed_actions, ['edit_draft']);
  assert.equal((await partyView(c.applicant)).status, 404, 'nothing to read before a draft');
  const untracked = await app.track(c.code, c.secret);
  assert.equal(untracked.status, 200, untracked.text);
  assert.equal(untracked.json.agreement, undefined, "the resident's page shows no agreement before a draft");

  // Bad drafts are refused with the field named; nothing is stored.
  const noFacts = await change(c.code, { ...draft(' '), terms: draft().terms });
  assert.equal(noFacts.status, 422, noFacts.text);
  assert.equal(noFacts.json.error.field, 'facts');
  const noWhat = await change(c.code, { ...draft(), terms: [{ who: 'respondent', what: '', by: shanghaiDate(3) }] });
  assert.equal(noWhat.status, 422, noWhat.text);
  assert.equal(noWhat.json.error.field, 'terms.0.what');
  const past = await change(c.code, { ...draft(), terms: [{ who: 'respondent', what: '道歉', by: shanghaiDate(-3) }] });
  assert.equal(past.status, 422, past.text);
  assert.equal(past.json.error.field, 'terms.0.by');
  assert.equal((await agreementOf(c.code)).json.agreement, null);

  const first = await change(c.code, draft());
  assert.equal(first.status, 200, first.text);
  const v1 = first.json.agreement.current;
  assert.equal(v1.number, 1);
  assert.deepEqual(v1.draft.parties.map((p) => p.role), ['applicant', 'respondent']);

  const read = await partyView(c.applicant);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.version, 1);
  assert.equal(read.json.content_hash, v1.content_hash);
  assert.equal(read.json.may_confirm, true);
  const wrongName = await confirm(c.applicant, '李四', v1.content_hash);
  assert.equal(wrongName.status, 422, wrongName.text);
  assert.equal(wrongName.json.error.field, 'name');
  const yes = await confirm(c.applicant, ' 张三 ', v1.content_hash);
  assert.equal(yes.status, 200, yes.text);
  assert.equal(yes.json.confirmed, true);
  assert.equal(yes.json.in_effect, false);
  const again = await confirm(c.applicant, '张三', v1.content_hash);
  assert.equal(again.status, 200, 'confirming again is no error');

  // A confirmed text is not changed: the change is version 2, and version 1 stays readable.
  const second = await change(c.code, draft('被申请人夜间装修噪音扰民。双方约定装修时间为每日八点至十八点。'));
  assert.equal(second.status, 200, second.text);
  const agreement = second.json.agreement;
  assert.equal(agreement.current.number, 2);
  assert.equal(agreement.earlier.length, 1);
  assert.equal(agreement.earlier[0].confirmations.length, 1, 'the old confirmation stays with the old text');
  const stale = await confirm(c.respondent, '刘先生', v1.content_hash);
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.error.code, 'stale_version');
  const v2 = agreement.current.content_hash;
  assert.equal((await confirm(c.applicant, '张三', v2)).status, 200);
  const last = await confirm(c.respondent, '刘先生', v2);
  assert.equal(last.status, 200, last.text);
  assert.equal(last.json.in_effect, true);
  assert.equal(last.json.clock.days_left, 30, 'thirty days from the day it took effect');

  // The resident's tracking page shows it and its state, with nothing of the staff or links.
  const tracked = (await app.track(c.code, c.secret)).json.agreement;
  assert.equal(tracked.version, 2);
  assert.equal(tracked.in_effect, true);
  assert.equal(tracked.content_hash, v2);
  assert.deepEqual(tracked.parties, [['applicant', '张三', true], ['respondent', '刘先生', true]]);
  assert.equal(tracked.clock.days_left, 30);
  assert.deepEqual(tracked.terms.map((t) => t.standing), ['due', 'due']);
  assert.ok(!JSON.stringify(tracked).includes('mediator01'), 'who drafted it is not said');

  const inEffect = (await agreementOf(c.code)).json;
  assert.equal(inEffect.clock.open, true);
  for (const action of ['draft_new_version', 'record_decision', 'record_performance']) {
    assert.ok(inEffect.allowed_actions.includes(action), action);
  }
  assert.ok(!inEffect.allowed_actions.includes('edit_draft'), 'a text in effect is not edited');

  // The documents made from it: the agreement, then the application citing its number.
  const docs = (await app.get(`/api/staff/cases/${c.code}/documents`, { cookie: mediator })).json;
  assert.ok(docs.can_issue.includes('mediation_agreement'), docs.can_issue.join());
  assert.ok(!docs.can_issue.includes('judicial_confirmation_application'), 'not before the agreement is issued');
  const issue = (kind) => app.post(`/api/staff/cases/${c.code}/documents`, { kind }, { cookie: mediator, 'Idempotency-Key': randomUUID() });
  const agreementDoc = await issue('mediation_agreement');
  assert.equal(agreementDoc.status, 201, agreementDoc.text);
  assert.ok(JSON.stringify(agreementDoc.json.zh).includes('每日八点至十八点'), 'the version in effect is printed');
  const application = await issue('judicial_confirmation_application');
  assert.equal(application.status, 201, application.text);
  assert.ok(JSON.stringify(application.json.zh).includes(agreementDoc.json.summary.number_text), 'it cites the agreement');

  const decided = await change(c.code, { op: 'decision', outcome: 'confirmed', ruling_number: '(2026)辽0211民特12号', ruling_date: shanghaiDate() });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.agreement.decision.outcome, 'confirmed');
  const twice = await change(c.code, { op: 'decision', outcome: 'confirmed', ruling_number: 'x', ruling_date: shanghaiDate() });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.code, 'decision_already_recorded');
  const future = await change(c.code, { op: 'decision', outcome: 'confirmed', ruling_number: 'x', ruling_date: shanghaiDate(5) });
  assert.ok([409, 422].includes(future.status), future.text);

  const done = await change(c.code, { op: 'performance', index: 0, outcome: 'performed', note: '回访：已停止夜间装修' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.agreement.performance[0].outcome, 'performed');
  const afterFollowUp = (await app.track(c.code, c.secret)).json.agreement;
  assert.deepEqual(afterFollowUp.terms.map((t) => t.standing), ['performed', 'due']);
  assert.equal(afterFollowUp.decision.outcome, 'confirmed');
  assert.equal(afterFollowUp.decision.ruling_number, '(2026)辽0211民特12号');
  const noTerm = await change(c.code, { op: 'performance', index: 9, outcome: 'performed', note: 'x' });
  assert.equal(noTerm.status, 422, noTerm.text);
});

test('only staff who may act on the case change it, and only those who may see its parties read it', async () => {
  const c = await caseWithLinks();
  assert.equal((await change(c.code, draft())).status, 200);
  for (const who of ['admin', 'mediator02', 'police01']) {
    const cookie = (await app.login(who)).cookie;
    assert.equal((await agreementOf(c.code, cookie)).status, 404, `${who} reads nothing`);
    assert.equal((await change(c.code, draft(), cookie)).status, 404, `${who} changes nothing`);
  }
  assert.equal((await agreementOf(c.code, '')).status, 401);
  assert.equal((await app.get('/api/party/agreement', { authorization: 'Party nope' })).status, 401);
  assert.equal((await app.get('/api/party/agreement', { authorization: `Party ${'0'.repeat(64)}` })).status, 401);
  const malformed = await app.request('POST', `/api/staff/cases/${c.code}/agreement`,
    { raw: '{"op":"draft"', headers: { cookie: mediator, 'content-type': 'application/json' } });
  assert.equal(malformed.status, 400);
  const unknownOp = await change(c.code, { op: 'sign' });
  assert.equal(unknownOp.status, 400);
});

test('a term not performed by its date reopens the case once, at the scheduled run, and says why', async () => {
  const c = await caseWithLinks();
  const coordinator = (await app.login('coordinator')).cookie;
  const made = await change(c.code, { op: 'draft', facts: '装修噪音纠纷，双方达成一致。', terms: [{ who: 'respondent', what: '更换隔音门', by: shanghaiDate(2) }] });
  assert.equal(made.status, 200, made.text);
  const hash = made.json.agreement.current.content_hash;
  assert.equal((await confirm(c.applicant, '张三', hash)).status, 200);
  assert.equal((await confirm(c.respondent, '刘先生', hash)).status, 200);
  const give = async (command) => {
    const d = await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator });
    const res = await app.post(`/api/staff/cases/${c.code}/commands`, { version: d.json.version, command }, { cookie: coordinator });
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  await give({ command: 'resolve', outcome: 'agreement_reached' });
  const run = (days) => app.post('/api/staff/escalations/run', {}, {
    cookie: coordinator, 'X-Accord-Test-Now': new Date(Date.now() + days * 86_400_000).toISOString(),
  });
  // Resolved but not yet followed up: the default waits for a status that can reopen.
  assert.equal((await run(5)).json.reopened_for_default, 0);
  await give({ command: 'begin_follow_up' });
  assert.equal((await run(1)).json.reopened_for_default, 0, 'not due yet');
  const due = await run(5);
  assert.equal(due.status, 200, due.text);
  assert.equal(due.json.reopened_for_default, 1);
  const reopened = (await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator })).json;
  assert.equal(reopened.status, 'in_progress');
  assert.equal(reopened.reopened, 1);
  assert.ok(JSON.stringify(reopened.timeline[0]).includes('更换隔音门'), 'the reopening names the term');
  assert.equal(due.json.notices, undefined, 'the caller gets counts, not the notices');
  // The case's handler is told, once, with the term; no one else is.
  const noticesOf = async (cookie) => (await app.get('/api/staff/notices', { cookie })).json;
  const told = (await noticesOf(mediator)).items.filter((n) => n.case_code === c.code && n.kind === 'agreement_default');
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.equal(told[0].detail, '更换隔音门');
  assert.equal(told[0].read, false);
  const other = (await app.login('mediator02')).cookie;
  assert.ok(!(await noticesOf(other)).items.some((n) => n.case_code === c.code), 'not a handler: not told');
  assert.equal((await run(6)).json.reopened_for_default, 0, 'reopened once per default');
  assert.equal((await noticesOf(mediator)).items.filter((n) => n.case_code === c.code && n.kind === 'agreement_default').length, 1, 'told once');
  const page = await noticesOf(mediator);
  assert.ok(page.unread >= 1);
  const marked = await app.post('/api/staff/notices/read', { up_to: page.items[0].id }, { cookie: mediator });
  assert.equal(marked.status, 200, marked.text);
  assert.equal((await noticesOf(mediator)).unread, 0);
  const bad = await app.get('/api/staff/notices?before=abc', { cookie: mediator });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json.error.field, 'before');
  assert.equal((await app.get('/api/staff/notices')).status, 401);
  // The resident's page says the term is in default, not a closed case.
  const later = await app.post('/api/track', { code: c.code, secret: c.secret }, {
    'X-Accord-Test-Now': new Date(Date.now() + 6 * 86_400_000).toISOString(),
  });
  assert.equal(later.status, 200, later.text);
  assert.equal(later.json.status, 'in_progress');
  assert.deepEqual(later.json.agreement.terms.map((t) => t.standing), ['defaulted']);
  assert.equal((await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator })).json.reopened, 1);
});
