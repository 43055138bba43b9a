// The counselor's confidential compartment over HTTP: a counselor assigned to the case writes
// notes that no other role reads — not the mediator, not the coordinator, not a counselor off
// the case — and the audit log records only that a note exists; shared with the party's
// recorded consent, the note reaches the case team and shows the consent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

let app;
let coordinator;
let counselor;
before(async () => {
  app = await startApp();
  coordinator = (await app.login('coordinator')).cookie;
  counselor = (await app.login('counselor01')).cookie;
});
after(async () => { await app?.stop(); });

const notes = (code, cookie) => app.get(`/api/staff/cases/${code}/confidential`, { cookie });
const write = (code, text, cookie = counselor) => app.post(`/api/staff/cases/${code}/confidential`, { text }, { cookie });

async function caseWithCounselor() {
  const c = await app.caseInProgress();
  const d = (await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator })).json;
  const set = await app.post(`/api/staff/cases/${c.code}/commands`, {
    version: d.version,
    command: { command: 'set_handlers', handlers: [
      { username: 'mediator01', role: 'mediator', lead: true },
      { username: 'counselor01', role: 'counselor', lead: false },
    ] },
  }, { cookie: coordinator });
  assert.equal(set.status, 200, set.text);
  return c.code;
}

test('only the counselor on the case reads a note until it is shared with the party\'s consent', async () => {
  const code = await caseWithCounselor();
  const empty = await notes(code, counselor);
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.json, { code, notes: [], may_write: true });
  const blank = await write(code, '  ');
  assert.equal(blank.status, 422, blank.text);
  assert.equal(blank.json.error.field, 'text');
  const made = await write(code, '当事人长期失眠，情绪焦虑，建议转介心理门诊');
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.notes.length, 1);
  assert.equal(made.json.notes[0].may_share, true);

  for (const who of ['mediator01', 'coordinator', 'district']) {
    const cookie = (await app.login(who)).cookie;
    const seen = await notes(code, cookie);
    assert.equal(seen.status, 200, `${who}: ${seen.text}`);
    assert.deepEqual(seen.json.notes, [], `${who} reads no confidential note`);
    assert.equal(seen.json.may_write, false);
    assert.doesNotMatch(seen.text, /失眠/);
    assert.equal((await write(code, '试图写入', cookie)).status, 403, `${who} writes none`);
  }
  for (const who of ['admin', 'police01']) {
    const cookie = (await app.login(who)).cookie;
    assert.equal((await notes(code, cookie)).status, 404, `${who} does not reach the case`);
  }
  // A counselor not on this case reads nothing of it either.
  const other = await app.caseInProgress();
  assert.equal((await notes(other.code, counselor)).status, 404);
  assert.equal((await write(other.code, 'x')).status, 404);

  const log = await app.get(`/api/admin/audit?scope=zh01&target=${code}`, { cookie: (await app.login('admin')).cookie });
  assert.equal(log.status, 200, log.text);
  assert.ok(log.json.entries.some((e) => e.action === 'confidential.note_written' && e.target === code && e.actor === 'counselor01'),
    'the audit log says a note exists');
  assert.doesNotMatch(log.text, /失眠/, 'and never what it says');

  const share = (body, cookie = counselor) =>
    app.post(`/api/staff/confidential/${encodeURIComponent(`${code}~1`)}/share`, body, { cookie });
  const mediator = (await app.login('mediator01')).cookie;
  assert.equal((await share({ party: 'applicant', how: '同意' }, mediator)).status, 403, 'only the counselor shares');
  const noHow = await share({ party: 'applicant', how: '' });
  assert.equal(noHow.status, 422, noHow.text);
  assert.equal(noHow.json.error.field, 'how');
  const shared = await share({ party: 'applicant', how: '2026年12月3日会谈时书面同意' });
  assert.equal(shared.status, 200, shared.text);
  assert.equal(shared.json.notes[0].note.shared.party, 'applicant');
  assert.equal((await share({ party: 'applicant', how: 'again' })).status, 409);
  const team = (await notes(code, mediator)).json;
  assert.equal(team.notes.length, 1, 'shared with consent, the team reads it');
  assert.equal(team.notes[0].note.shared.how, '2026年12月3日会谈时书面同意');
  assert.equal((await app.post(`/api/staff/confidential/${encodeURIComponent(`${code}~9`)}/share`, { party: 'applicant', how: 'x' }, { cookie: counselor })).status, 404);
});
