// Browser test of the staff actions the closed-loop test does not click, at phone size
// (390×844), with role and label locators only: rejecting a report with where to go instead
// (and the resident reading it), changing the category and overriding the risk, a failed
// mediation referred to the judge workstation and followed up, staff intake of a grid-patrol
// hazard with its printable slip, and sessions booked at once, moved, cancelled, and one
// recorded as held with an agreement.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { launchChromium, newPhone, screenshot, openCase, expectStatus, act } from './browser.mjs';
import { startApp, goodFiling, DEMO_PASSWORD } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await startApp();
  browser = await launchChromium();
});

after(async () => {
  // The app first: closing the browser throws if a page logged an unexpected console error.
  await app?.stop();
  await browser?.close();
});

/** A fresh phone signed in as `username`, on the page the sign-in leads to. */
async function signedIn(username, path = '/staff') {
  const page = await newPhone(browser);
  await page.goto(app.base + path);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** Runs staff commands on a case through the API, as the coordinator. */
async function command(code, ...commands) {
  const cookie = (await app.login('coordinator')).cookie;
  for (const c of commands) {
    const d = await app.detail(cookie, code);
    const res = await app.post(`/api/staff/cases/${code}/commands`, { version: d.json.version, command: c }, { cookie });
    assert.equal(res.status, 200, res.text);
  }
}

async function filed(overrides = {}) {
  const res = await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1', ...overrides }));
  assert.equal(res.status, 201, res.text);
  return res.json;
}

/** A case in progress with mediator01 leading, prepared through the API. */
async function caseInProgress() {
  const c = await filed();
  await command(c.code,
    { command: 'accept' },
    { command: 'set_handlers', handlers: [{ username: 'mediator01', role: 'mediator', lead: true }] },
    { command: 'start' });
  return c;
}

/** 09:00 in Shanghai on a date is 01:00 UTC. */
const shanghai = (date, hhmm) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

test('the coordinator rejects a report with where to go instead; the resident reads both', async () => {
  const c = await filed({ description: '公司拖欠我三个月工资，老板一直不给，希望街道帮忙' });
  const page = await signedIn('coordinator');
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
  await openCase(page, c.code);
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  // Both fields are required: the first missing one is named beside it.
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Please fill this in').first().waitFor();
  const reason = 'Unpaid wages are a labour dispute; the street office cannot decide them.';
  const where = 'District labour arbitration office, 0411-12345678';
  await page.getByLabel('Reason').fill(reason);
  await page.getByLabel('Where the resident should go instead').fill(where);
  await screenshot(page, 'staff-actions-1-reject');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expectStatus(page, 'Not accepted');
  await page.getByText(where).first().waitFor();
  assert.deepEqual(page.errors, []);

  const resident = await newPhone(browser);
  await resident.goto(app.base + '/track');
  await resident.getByLabel('Case code').fill(c.code);
  await resident.getByLabel('Secret').fill(c.secret);
  await resident.getByRole('button', { name: 'Look up' }).click();
  await resident.getByText('Why it was not accepted').first().waitFor();
  await resident.getByText(reason).first().waitFor();
  await resident.getByText('Where to go instead').first().waitFor();
  await resident.getByText(where).first().waitFor();
  await resident.getByText('Not accepted', { exact: true }).first().waitFor();
  await screenshot(resident, 'staff-actions-2-track-rejected');
  assert.deepEqual(resident.errors, []);
});

test('the coordinator changes the category and overrides the risk', async () => {
  const c = await filed();
  await command(c.code, { command: 'accept' });
  const page = await signedIn('coordinator');
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
  await openCase(page, c.code);
  await page.getByRole('definition').getByText(/^(Low|Medium|High) risk$/).first().waitFor();

  await page.getByRole('button', { name: 'Change category', exact: true }).click();
  const category = page.getByLabel('New category');
  const options = await category.getByRole('option').allTextContents();
  const current = await category.evaluate((s) => s.options[s.selectedIndex]?.text);
  const next = options.find((o) => o && o !== current && !/choose/i.test(o));
  assert.ok(next, `another category among ${options}`);
  await category.selectOption({ label: next });
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
  await page.getByRole('definition').getByText(next, { exact: true }).first().waitFor();

  await act(page, 'Override risk', null, async () => {
    await page.getByLabel('Risk level').selectOption({ label: 'Critical risk' });
    await page.getByLabel('Reason for the override').fill('The respondent threatened the applicant with a knife yesterday.');
  });
  await page.getByRole('definition').getByText('Critical risk', { exact: true }).waitFor();
  await page.getByText(/Overridden by .* because:/).first().waitFor();
  await screenshot(page, 'staff-actions-3-risk');
  const detail = (await app.detail((await app.login('coordinator')).cookie, c.code)).json;
  assert.equal(detail.risk.level, 'critical');
  assert.notEqual(detail.category, goodFiling().category);
  assert.deepEqual(page.errors, []);
});

test('a failed mediation is referred to the judge workstation, then followed up', async () => {
  const c = await caseInProgress();
  const page = await signedIn('mediator01');
  await page.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
  await openCase(page, c.code);
  await expectStatus(page, 'In progress');
  await act(page, 'Mediation failed', 'Mediation failed', async () => {
    await page.getByLabel('Reason').fill('The respondent refused every proposal at two meetings.');
  });
  await act(page, 'Refer', 'Referred', async () => {
    // Without a target the refusal is named beside the choices.
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('group', { name: 'Refer to' }).getByText('Please choose one').waitFor();
    await page.getByRole('radio', { name: 'Judge workstation (judicial confirmation)' }).check();
    await page.getByLabel('Receiving body').fill('Zhonghua Road judge workstation');
    await page.getByLabel('Reason').fill('Two sessions failed; the parties agreed to let the judge confirm a settlement.');
  });
  await page.getByText('Zhonghua Road judge workstation').first().waitFor();
  await screenshot(page, 'staff-actions-4-referred');
  await act(page, 'Begin follow-up', 'Follow-up');
  await act(page, 'Record a visit', null, async () => {
    await page.getByLabel('What the visit found').fill('Visited both families; the workstation has set a hearing date.');
  });
  await page.getByText('Visited both families; the workstation has set a hearing date.').first().waitFor();
  const detail = (await app.detail((await app.login('coordinator')).cookie, c.code)).json;
  assert.equal(detail.status, 'follow_up');
  assert.deepEqual(page.errors, []);
});

test('a grid worker records a hazard found on patrol without a resident and gets a slip', async () => {
  const page = await signedIn('grid02', '/staff/intake');
  await page.getByRole('heading', { name: 'Record a walk-in, call or patrol matter' }).waitFor();
  // A walk-in needs the resident's name: the server's refusal shows beside the field.
  await page.getByRole('radio', { name: 'Walk-in' }).check();
  await page.getByRole('radio', { name: 'A hazard or public matter' }).check();
  await page.getByLabel('Category', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('What happened?').fill('Bicycles and boxes block the fire escape on the third floor of building 5.');
  await page.getByLabel('Community', { exact: true }).selectOption('zh02');
  await page.getByLabel('Grid', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Address').fill('Building 5, stairwell, third floor');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByText('Please fill this in').first().waitFor();
  assert.equal(await page.getByLabel("Resident's name").getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('region', { name: 'Receipt' }).count(), 0);
  await page.getByRole('radio', { name: 'Grid patrol' }).check();
  await page.getByRole('radio', { name: 'A hazard or public matter' }).check();
  await page.getByLabel('Category', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('What happened?').fill('Bicycles and boxes block the fire escape on the third floor of building 5.');
  await page.getByLabel('Community', { exact: true }).selectOption('zh02');
  await page.getByLabel('Grid', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Address').fill('Building 5, stairwell, third floor');
  assert.equal(await page.getByLabel("Resident's name").inputValue(), '');
  assert.equal(await page.getByLabel("Resident's phone").inputValue(), '');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const slip = page.getByRole('region', { name: 'Receipt' });
  await slip.waitFor();
  const code = (await slip.getByRole('definition').first().textContent()).trim();
  const secret = (await slip.getByRole('definition').nth(1).textContent()).trim();
  assert.match(code, /^ZH02-\d{4}-\d{4}$/);
  assert.match(secret.replace(/[\s-]/g, ''), /^[0-9A-Za-z]{32}$/);
  await slip.getByText('Grid patrol').waitFor();
  await page.getByRole('button', { name: 'Print slip' }).waitFor();
  await screenshot(page, 'staff-actions-5-slip');
  // The slip's code and secret work on the resident's track page.
  const tracked = await app.track(code, secret.replace(/[\s-]/g, ''));
  assert.equal(tracked.status, 200, tracked.text);
  const detail = (await app.detail((await app.login('coordinator')).cookie, code)).json;
  assert.equal(detail.channel, 'grid_patrol');
  assert.equal(detail.kind, 'hazard');
  assert.equal(detail.community, 'zh02');
  assert.deepEqual(page.errors, []);
});

test('sessions: book a time at once, move it, cancel it; a held session with an agreement resolves the case', async () => {
  const c = await caseInProgress();
  const page = await signedIn('mediator01');
  await page.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
  await openCase(page, c.code);
  await page.getByRole('button', { name: 'Schedule a session' }).click();
  await page.getByLabel('Title').fill('Booked session');
  await page.getByRole('radio', { name: 'Book one time now' }).check();
  await page.getByLabel('Time 1: date').fill('2031-03-11');
  await page.getByLabel('Time 1: time of day').fill('09:00');
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.getByText('11 Mar 2031, 09:00–10:00').waitFor();
  await page.getByRole('button', { name: 'Change the time' }).click();
  await page.getByRole('button', { name: 'Move to this time' }).click();
  await page.getByText('Fill in one complete time (date and time of day)').waitFor();
  await page.getByLabel('New date').fill('2031-03-12');
  await page.getByLabel('New time of day').fill('14:00');
  await page.getByRole('button', { name: 'Move to this time' }).click();
  await page.getByText('12 Mar 2031, 14:00–15:00').waitFor();
  await screenshot(page, 'staff-actions-6-moved');
  await page.getByRole('button', { name: 'Cancel the session' }).click();
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await page.getByRole('heading', { name: /Booked session\s+Cancelled/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Change the time' }).count(), 0);
  const mediator = (await app.login('mediator01')).cookie;
  const listed = (await app.get(`/api/staff/cases/${c.code}/sessions`, { cookie: mediator })).json;
  const sessions = Array.isArray(listed) ? listed : listed.sessions;
  assert.equal(sessions[0].status, 'cancelled');
  assert.equal(Date.parse(sessions[0].start), Date.parse(shanghai('2031-03-12', '14:00')));
  assert.deepEqual(page.errors, []);

  // A session booked (by the request clock) for a morning already past: the browser's own
  // clock is after its start, so the mediator can record it held.
  const d = await caseInProgress();
  const booked = await app.post(`/api/staff/cases/${d.code}/sessions`, {
    title: 'Held session', length_minutes: 60, buffer_minutes: 15, confirm: true,
    slots: [shanghai('2026-11-24', '09:00')],
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
  }, { cookie: mediator, 'X-Accord-Test-Now': shanghai('2026-11-23', '08:00') });
  assert.equal(booked.status, 201, booked.text);
  await openCase(page, d.code);
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.getByText('Choose an outcome').waitFor();
  await page.getByRole('checkbox', { name: 'Applicant' }).check();
  await page.getByRole('checkbox', { name: 'Respondent' }).check();
  await page.getByLabel('Minutes').fill('Both sides agreed: no renovation noise after 20:00.');
  await page.getByRole('radio', { name: 'Agreement reached (resolves the case)' }).check();
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.getByRole('heading', { name: /Held session\s+Held/ }).waitFor();
  await expectStatus(page, 'Resolved');
  await screenshot(page, 'staff-actions-7-held');
  const detail = (await app.detail(mediator, d.code)).json;
  assert.equal(detail.status, 'resolved');
  assert.equal(detail.outcome, 'agreement_reached');
  assert.deepEqual(page.errors, []);
});
