// A category's extra questions over HTTP: the district's admin sets them (a street's admin may
// not), a malformed question is a 422 naming it, the directory publishes them, a filing's answers
// are checked against them (a 422 naming the question by its place), a case keeps its answers
// with the questions as they were asked when the wording changes later, staff intake asks them
// too, and retention keeps the structured answers but not the words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApp, goodFiling } from './harness.mjs';

let app;
const cookies = {};
before(async () => {
  app = await startApp();
  for (const name of ['admin', 'district-admin', 'coordinator', 'grid02']) {
    cookies[name] = (await app.login(name)).cookie;
  }
});
after(async () => { await app?.stop(); });

const fireEscape = async () => (await app.get('/api/directory')).json.categories.find((c) => c.id === 'fire_escape');
const saveQuestions = (questions, who = 'district-admin', category = 'fire_escape') =>
  app.post(`/api/admin/directory/categories/${category}/questions`, { questions }, { cookie: cookies[who] });

const hazard = (answers, overrides = {}) => goodFiling({
  kind: 'hazard', category: 'fire_escape', description: '3号楼消防通道被电动车堵住', respondent_name: null,
  community: 'zh01', grid: 'zh01-g1', address: '中华路3号楼', answers, ...overrides,
});

let questions;
test('the demo publishes its questions, and only the district admin changes them', async () => {
  const demo = await fireEscape();
  assert.equal(demo.questions_version, 1);
  assert.deepEqual(demo.questions.map((q) => [q.id, q.kind, q.required]), [['in_danger', 'yes_no', false], ['blocked_by', 'choice', false]]);
  questions = structuredClone(demo.questions);
  questions[0].required = true;
  questions.push({ id: 'people', label: { zh: '大约有多少户受影响？', en: 'About how many households are affected?' }, kind: 'number', required: false });
  questions.push({ id: 'details', label: { zh: '补充说明', en: 'Anything else' }, kind: 'text', required: false });

  const street = await saveQuestions(questions, 'admin');
  assert.equal(street.status, 403, street.text);
  const coordinator = await saveQuestions(questions, 'coordinator');
  assert.equal(coordinator.status, 403, coordinator.text);
  const unknown = await saveQuestions(questions, 'district-admin', 'no_such_category');
  assert.equal(unknown.status, 404, unknown.text);

  const saved = await saveQuestions(questions);
  assert.equal(saved.status, 200, saved.text);
  const stored = await fireEscape();
  assert.equal(stored.questions_version, 2);
  assert.equal(stored.questions.length, 4);
  // The same questions again: the version stays.
  assert.equal((await saveQuestions(questions)).status, 200);
  assert.equal((await fireEscape()).questions_version, 2);
});

test('a malformed question is refused naming it, and nothing changes', async () => {
  const bad = [
    [(q) => { q[1].choices = q[1].choices.slice(0, 1); }, 'questions.1'],
    [(q) => { q[2].id = 'Bad Id'; }, 'questions.2'],
    [(q) => { q[3].id = q[0].id; }, 'questions.3'],
    [(q) => { q[0].label.en = ''; }, 'questions.0'],
    [(q) => { q[3].label.zh = '长'.repeat(121); }, 'questions.3'],
    [(q) => { q[2].choices = [{ id: 'a', label: { zh: '甲', en: 'A' } }]; }, 'questions.2'],
    [(q) => { for (let i = 0; i < 5; i++) q.push({ ...q[3], id: `extra${i}` }); }, 'questions'],
  ];
  for (const [change, field] of bad) {
    const q = structuredClone(questions);
    change(q);
    const res = await saveQuestions(q);
    assert.equal(res.status, 422, `${field}: ${res.text}`);
    assert.equal(res.json.error.field, field);
  }
  const wrongType = await app.post('/api/admin/directory/categories/fire_escape/questions', { questions: [{ id: 'x', label: { zh: '问', en: 'Q' }, kind: 'essay' }] }, { cookie: cookies['district-admin'] });
  assert.equal(wrongType.status, 400, wrongType.text);
  assert.equal((await fireEscape()).questions_version, 2);
});

let filed;
test('a filing answers the questions; a wrong or missing answer names its question', async () => {
  for (const [answers, field, code] of [
    [{}, 'answers.0', 'required'],
    [{ in_danger: 'maybe' }, 'answers.0', 'invalid_format'],
    [{ in_danger: 'no', blocked_by: 'cars' }, 'answers.1', 'invalid_format'],
    [{ in_danger: 'no', people: 'a lot' }, 'answers.2', 'invalid_format'],
    [{ in_danger: 'no', details: '长'.repeat(501) }, 'answers.3', 'too_long'],
  ]) {
    const res = await app.fileCase(hazard(answers));
    assert.equal(res.status, 422, `${JSON.stringify(answers)}: ${res.text}`);
    assert.equal(res.json.error.field, field);
    assert.equal(res.json.error.code, code);
  }
  const numberType = await app.fileCase(hazard({ in_danger: 'no', people: 12 }));
  assert.equal(numberType.status, 400, numberType.text);

  const res = await app.fileCase(hazard({ in_danger: 'yes', blocked_by: 'ebikes', people: '1,200', details: '每天晚上都停满', removed_question: 'ignored' }));
  assert.equal(res.status, 201, res.text);
  filed = res.json;
  const detail = await app.detail(cookies.coordinator, filed.code);
  assert.equal(detail.status, 200);
  assert.equal(detail.json.questions_version, 2);
  assert.deepEqual(detail.json.answers.map((a) => [a.question, a.value]), [
    ['in_danger', { kind: 'yes_no', yes: true }],
    ['blocked_by', { kind: 'choice', choice: 'ebikes', label: { zh: '电动车或自行车', en: 'E-bikes or bicycles' } }],
    ['people', { kind: 'number', number: '1200' }],
    ['details', { kind: 'text', text: '每天晚上都停满' }],
  ]);
  assert.equal(detail.json.answers[0].label.en, 'Is anyone in danger now?');
  // A category without questions takes a filing without answers as before.
  assert.equal((await app.fileCase(goodFiling())).status, 201);
});

test('a change to the questions leaves a case filed under the old ones as it was', async () => {
  const reworded = structuredClone(questions);
  reworded[0].label = { zh: '有人被困吗？', en: 'Is anyone trapped?' };
  reworded.splice(1, 1);
  assert.equal((await saveQuestions(reworded)).status, 200);
  assert.equal((await fireEscape()).questions_version, 3);
  const old = await app.detail(cookies.coordinator, filed.code);
  assert.equal(old.json.questions_version, 2);
  assert.equal(old.json.answers.length, 4);
  assert.equal(old.json.answers[0].label.en, 'Is anyone in danger now?');
  assert.equal(old.json.answers[1].value.label.en, 'E-bikes or bicycles');
  // Commands on the old case still work.
  const accept = await app.post(`/api/staff/cases/${filed.code}/commands`, { version: old.json.version, command: { command: 'accept' } }, { cookie: cookies.coordinator });
  assert.equal(accept.status, 200, accept.text);
  // A new filing is asked the new questions: the removed one's answer is ignored.
  const res = await app.fileCase(hazard({ in_danger: 'no', blocked_by: 'ebikes' }));
  assert.equal(res.status, 201, res.text);
  const fresh = await app.detail(cookies.coordinator, res.json.code);
  assert.equal(fresh.json.questions_version, 3);
  assert.deepEqual(fresh.json.answers.map((a) => [a.question, a.label.en]), [['in_danger', 'Is anyone trapped?']]);
  // Put the demo's questions back for the tests after.
  questions = reworded;
});

test('the district settings screen saving categories keeps their questions', async () => {
  const dir = (await app.get('/api/directory')).json;
  const edit = {
    categories: dir.categories.map(({ id, kind, name }) => ({ id, kind, name })),
    time_limits: dir.time_limits,
    retention_days: dir.retention_days,
  };
  const res = await app.post('/api/admin/directory/district', edit, { cookie: cookies['district-admin'] });
  assert.equal(res.status, 200, res.text);
  const kept = await fireEscape();
  assert.equal(kept.questions_version, 3);
  assert.equal(kept.questions.length, questions.length);
});

test('staff intake asks the questions too, naming a wrong answer', async () => {
  const patrol = {
    channel: 'grid_patrol', kind: 'hazard', category: 'fire_escape', description: '华北路3号楼消防通道堆放杂物',
    community: 'zh02', grid: 'zh02-g1', address: '华北路3号楼', name: '', phone: '',
  };
  const missing = await app.post('/api/staff/intake', patrol, { cookie: cookies.grid02, 'Idempotency-Key': randomUUID() });
  assert.equal(missing.status, 422, missing.text);
  assert.equal(missing.json.error.field, 'answers.0');
  const res = await app.post('/api/staff/intake', { ...patrol, answers: { in_danger: 'no' } }, { cookie: cookies.grid02, 'Idempotency-Key': randomUUID() });
  assert.equal(res.status, 201, res.text);
  const detail = await app.detail(cookies.grid02, res.json.code);
  assert.deepEqual(detail.json.answers.map((a) => a.value), [{ kind: 'yes_no', yes: false }]);
});

test('retention drops the words of an answer and keeps the structured ones', async () => {
  const t0 = '2032-03-01T00:00:00Z';
  const clock = { 'X-Accord-Test-Now': t0 };
  const filedAt = await app.post('/api/cases', hazard({ in_danger: 'yes', people: '3', details: '张三家门口' }), { 'Idempotency-Key': randomUUID(), ...clock });
  assert.equal(filedAt.status, 201, filedAt.text);
  const code = filedAt.json.code;
  for (const cmd of [
    { command: 'accept' },
    { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
    { command: 'start' }, { command: 'resolve', outcome: 'problem_fixed', note: 'cleared' },
    { command: 'begin_follow_up' }, { command: 'close' },
  ]) {
    const d = await app.detail(cookies.coordinator, code);
    const res = await app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command: cmd }, { cookie: cookies.coordinator, ...clock });
    assert.equal(res.status, 200, `${cmd.command}: ${res.text}`);
  }
  const dir = (await app.get('/api/directory')).json;
  const later = new Date(Date.parse(t0) + (dir.retention_days + 2) * 86400_000).toISOString();
  const run = await app.post('/api/admin/retention/run', {}, { cookie: cookies.admin, 'X-Accord-Test-Now': later });
  assert.equal(run.status, 200, run.text);
  const erased = await app.detail(cookies.coordinator, code);
  assert.doesNotMatch(erased.text, /张三家门口/);
  assert.deepEqual(erased.json.answers.map((a) => a.question), ['in_danger', 'people']);
});
