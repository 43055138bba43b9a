// Browser test of the closed loop at phone size (390×844), each person in their own browser
// context: a resident's case is accepted and assigned by the coordinator, handled, resolved
// and followed up by the mediator, confirmed and rated by the resident, closed, reopened by
// the coordinator, and the resident sees it in progress again. Also: two tabs of one case,
// a change in one, an action in the other shows the "case changed" banner and keeps the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

/** A separate phone (own cookies and storage) with one page open. */
async function phone() {
  const page = await newPhone(browser);
  return { context: page.context(), page, errors: page.errors };
}

async function shot(page, name) {
  await screenshot(page, name);
}

async function signIn(page, username) {
  await page.goto(app.base + '/staff');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
}

async function switchLanguage(page) {
  await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
}

test('the closed loop: accept, assign, handle, resolve, follow up, feedback, close, reopen', async () => {
  const filed = await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g2' }));
  assert.equal(filed.status, 201, filed.text);
  const { code, secret } = filed.json;

  // The coordinator accepts the case and makes mediator01 the lead handler.
  const coordinator = await phone();
  const c = coordinator.page;
  await signIn(c, 'coordinator');
  await c.getByRole('link', { name: code }).click();
  await c.getByRole('heading', { name: 'Actions' }).waitFor();
  await shot(c, 'loop-staff-detail-reported-en');
  await act(c, 'Accept', 'Accepted', async () => {
    await c.getByLabel('Note (optional)').fill('Called the applicant; a visit is arranged.');
  });
  await c.getByRole('button', { name: 'Set handlers', exact: true }).click();
  await c.getByRole('checkbox', { name: /Li, mediator/ }).check();
  await c.getByRole('checkbox', { name: /Zhou, police officer/ }).check();
  await c.getByRole('radio', { name: /Li, mediator.*leads/ }).check();
  await shot(c, 'loop-staff-detail-actions-en');
  await switchLanguage(c);
  await c.getByRole('heading', { name: '办理', exact: true }).waitFor();
  await shot(c, 'loop-staff-detail-actions-zh');
  await switchLanguage(c);
  await c.getByRole('button', { name: 'Confirm' }).click();
  await expectStatus(c, 'Assigned');
  await c.getByText(/李调解 \(Li, mediator, Zhonghua Road\) · Mediator/).first().waitFor();

  // The mediator, on another phone, starts, resolves and begins the follow-up.
  const mediator = await phone();
  const m = mediator.page;
  await signIn(m, 'mediator01');
  await m.getByRole('button', { name: 'My work' }).click();
  await m.getByRole('link', { name: code }).waitFor();
  await shot(m, 'loop-staff-queue-mine-en');
  await openCase(m, code);
  await act(m, 'Start handling', 'In progress');
  await act(m, 'Resolve', 'Resolved', async () => {
    await m.getByRole('radio', { name: 'An agreement was reached' }).check();
    await m.getByLabel('Note (optional)').fill('Both sides signed: no drilling after 20:00.');
  });
  await act(m, 'Begin follow-up', 'Follow-up');

  // The resident looks the case up and gives feedback.
  const resident = await phone();
  const r = resident.page;
  await r.goto(app.base + '/track');
  await r.getByLabel('Case code').fill(code);
  await r.getByLabel('Secret').fill(secret);
  await r.getByRole('button', { name: 'Look up' }).click();
  await r.getByRole('heading', { name: 'Your feedback' }).waitFor();
  await r.getByText('An agreement was reached').first().waitFor();
  await shot(r, 'loop-track-feedback-en');
  await switchLanguage(r);
  await r.getByRole('heading', { name: '您的评价' }).waitFor();
  await shot(r, 'loop-track-feedback-zh');
  await switchLanguage(r);
  // Sending without answers explains what is missing beside the questions.
  await r.getByRole('button', { name: 'Send feedback' }).click();
  await r.getByText('Please choose one').first().waitFor();
  await r.getByRole('radio', { name: 'Yes, it is settled' }).check();
  await r.getByRole('radio', { name: '4 — Satisfied' }).check();
  await r.getByLabel(/Anything else/).fill('Quiet at night now, thank you.');
  await r.getByRole('button', { name: 'Send feedback' }).click();
  await r.getByText('Thank you for your feedback!').waitFor();
  await r.getByText(/The resident confirmed it is settled · Satisfaction 4 of 5/).first().waitFor();
  assert.equal(await r.getByRole('heading', { name: 'Your feedback' }).count(), 0);
  await shot(r, 'loop-track-thanks-en');

  // The mediator closes the case; the coordinator reopens it.
  await openCase(m, code);
  await m.getByText(/Satisfaction 4 of 5/).first().waitFor();
  await act(m, 'Close', 'Closed');
  await openCase(c, code);
  await expectStatus(c, 'Closed');
  await c.getByRole('button', { name: 'Reopen', exact: true }).click();
  // A reason is required: the error shows beside the field.
  await c.getByRole('button', { name: 'Confirm' }).click();
  await c.getByText('Please fill this in').first().waitFor();
  await c.getByLabel('Reason').fill('The agreement was not honoured: drilling again last night.');
  await c.getByRole('button', { name: 'Confirm' }).click();
  await expectStatus(c, 'In progress');
  await shot(c, 'loop-staff-detail-reopened-en');

  // The resident sees the case in progress again.
  await r.getByRole('button', { name: 'Look up' }).click();
  await r.getByRole('definition').getByText('In progress', { exact: true }).waitFor();
  await r.getByText('Reopened').first().waitFor();
  await shot(r, 'loop-track-reopened-en');

  for (const p of [coordinator, mediator, resident]) {
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test('a stale page gets the "case changed" banner and keeps what was typed', async () => {
  const filed = await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }));
  assert.equal(filed.status, 201, filed.text);
  const { code } = filed.json;
  const coordinator = await phone();
  await signIn(coordinator.page, 'coordinator');
  const first = coordinator.page;
  const second = await coordinator.context.newPage();
  await openCase(first, code);
  await openCase(second, code, app.base);

  // The first tab changes the case.
  await act(first, 'Accept', 'Accepted');

  // The second tab still shows the old version and acts on it.
  const typed = 'Resident phoned again: noise continues.';
  await second.getByRole('button', { name: 'Add a note', exact: true }).click();
  await second.getByLabel('Note', { exact: true }).fill(typed);
  await second.getByRole('button', { name: 'Confirm' }).click();
  await second.getByText('This case changed while you were looking at it').waitFor();
  await expectStatus(second, 'Accepted');
  assert.equal(await second.getByLabel('Note', { exact: true }).inputValue(), typed);
  await shot(second, 'loop-staff-version-conflict-en');

  // Trying again now goes through.
  await second.getByRole('button', { name: 'Confirm' }).click();
  await second.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
  await second.getByText(typed).first().waitFor();
  assert.equal(await second.getByText('This case changed while you were looking at it').isVisible(), false);
  assert.deepEqual(coordinator.errors, []);
  await coordinator.context.close();
});
