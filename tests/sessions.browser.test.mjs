// Browser test of mediation sessions at phone size (390×844): a mediator proposes three times
// from the case screen, each party answers from its own link (no account) in a fresh browser
// context, the mediator reads the tally and confirms a time, and the party's page and the
// mediator's agenda both show the confirmed session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot } from './browser.mjs';
import { startApp, DEMO_PASSWORD } from './harness.mjs';


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

/** A fresh phone: its own cookies and storage. */
async function phone(locale = 'en-US') {
  const page = await newPhone(browser, locale);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.base });
  return page;
}

async function shot(page, name) {
  await screenshot(page, name);
}

/** Switches the page to Chinese, takes a screenshot, and switches back. */
async function shotBoth(page, name) {
  await shot(page, `${name}-en`);
  await page.getByRole('button', { name: 'Switch to English' }).or(page.getByRole('button', { name: '切换到中文' })).first().click();
  await page.waitForTimeout(150);
  await shot(page, `${name}-zh`);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForTimeout(150);
}

const caseInProgress = () => app.caseInProgress();

const TIMES = [['2031-03-04', '09:00'], ['2031-03-05', '14:00'], ['2031-03-06', '10:00']];
// Each proposed time names its weekday (a phone's date alone leaves the resident counting).
const SLOT_LEGENDS = ['Tue 4 Mar 2031, 09:00', 'Wed 5 Mar 2031, 14:00', 'Thu 6 Mar 2031, 10:00'];

test('a mediator proposes times, both parties answer from their links, the mediator confirms one', async () => {
  const filed = await caseInProgress();

  // The mediator schedules from the case screen.
  const staff = await phone();
  await staff.goto(app.base + '/staff');
  await staff.getByLabel('Username').fill('mediator01');
  await staff.getByLabel('Password').fill(DEMO_PASSWORD);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await staff.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
  await staff.goto(`${app.base}/staff/cases/${filed.code}`);
  await staff.getByRole('button', { name: 'Schedule a session' }).click();
  await staff.getByLabel('Title').fill('First mediation session');
  // Sending without times says what is missing beside them and keeps what was typed.
  await staff.getByRole('button', { name: 'Send the proposed times' }).click();
  await staff.getByText('Fill in 2 to 5 complete times').waitFor();
  assert.equal(await staff.getByLabel('Title').inputValue(), 'First mediation session');
  for (const [i, [date, time]] of TIMES.entries()) {
    await staff.getByLabel(`Time ${i + 1}: date`).fill(date);
    await staff.getByLabel(`Time ${i + 1}: time of day`).fill(time);
  }
  const mediatorName = (await app.login('mediator01')).res.json.display_name;
  assert.ok(await staff.getByRole('checkbox', { name: mediatorName }).isChecked(), 'the mediator takes part');
  await shotBoth(staff, 'sessions-1-schedule');
  await staff.getByRole('button', { name: 'Send the proposed times' }).click();
  await staff.getByRole('heading', { name: /shown only once/ }).waitFor();
  const applicantLink = await staff.getByLabel("Applicant's link").inputValue();
  const respondentLink = await staff.getByLabel("Respondent's link").inputValue();
  assert.match(applicantLink, new RegExp(`^${app.base}/s#[0-9a-f]{32,}`));
  assert.notEqual(applicantLink, respondentLink);
  await shot(staff, 'sessions-2-links-en');

  // Each party answers from its own link, in a browser that has never seen Accord.
  const answer = async (link, choices, name) => {
    const party = await phone();
    await party.goto(link);
    await party.getByRole('heading', { name: 'Which of these times can you come?' }).waitFor();
    assert.ok(!party.url().includes('#'), 'the token leaves the address bar');
    for (const [i, can] of choices.entries()) {
      await party.getByRole('group', { name: SLOT_LEGENDS[i] }).getByRole('radio', { name: can ? 'I can' : "I can't", exact: true }).check();
    }
    if (name) await shotBoth(party, name);
    await party.getByRole('button', { name: 'Send my answers' }).click();
    await party.getByText('Thank you! Your answers are in.').waitFor();
    assert.deepEqual(party.errors, []);
    return party;
  };
  const applicant = await answer(applicantLink, [false, true, true], 'sessions-3-party-answers');
  const respondent = await answer(respondentLink, [true, true, false]);
  await respondent.context().close();

  // The mediator sees who can come to each time, answers for themselves, and confirms.
  await staff.reload();
  const second = staff.getByRole('listitem').filter({ hasText: SLOT_LEGENDS[1] }).filter({ has: staff.getByRole('button', { name: /Confirm this time/ }) }).first();
  await second.getByText('Can come: Applicant, Respondent').waitFor();
  const first = staff.getByRole('listitem').filter({ hasText: SLOT_LEGENDS[0] }).filter({ has: staff.getByRole('button', { name: /Confirm this time/ }) }).first();
  await first.getByText("Can't: Applicant").waitFor();
  await staff.getByRole('group', { name: SLOT_LEGENDS[1] }).getByRole('radio', { name: 'I can', exact: true }).check();
  await staff.getByRole('button', { name: 'Save my answers' }).click();
  await staff.getByText('Answers saved').waitFor();
  await shotBoth(staff, 'sessions-4-tally');
  await staff.getByRole('button', { name: `Confirm this time · ${SLOT_LEGENDS[1]}` }).click();
  await staff.getByText('5 Mar 2031, 14:00–15:00').waitFor();
  await staff.getByRole('button', { name: 'Change the time' }).waitFor();
  await shot(staff, 'sessions-5-confirmed-en');

  // The party's page shows the fixed time and place; the party says they will come.
  await applicant.reload();
  await applicant.getByText('5 Mar 2031, 14:00–15:00').waitFor();
  await applicant.getByRole('button', { name: 'I will come' }).click();
  await applicant.getByText('You said you will come.').first().waitFor();
  assert.equal(await applicant.getByText('You said you will come.').count(), 1, 'said once, not twice');
  await applicant.getByText('Wed 5 Mar 2031, 14:00–15:00').waitFor();
  // Whom to call with a question: the street office, by phone.
  const office = applicant.getByRole('link', { name: /^0411-8666-\d{4}$/ });
  assert.match(await office.getAttribute('href'), /^tel:04118666\d{4}$/);
  const download = applicant.waitForEvent('download');
  await applicant.getByRole('button', { name: 'Add to my calendar' }).click();
  assert.equal((await download).suggestedFilename(), 'session.ics');
  await shotBoth(applicant, 'sessions-6-party-confirmed');

  // The mediator's agenda lists it on its day, leading to the case.
  await staff.getByRole('link', { name: 'Agenda' }).click();
  await staff.getByRole('heading', { name: 'Session agenda' }).waitFor();
  await staff.getByLabel('Go to date').fill('2031-03-05');
  await staff.getByLabel('Go to date').dispatchEvent('change');
  await staff.getByRole('link', { name: new RegExp(filed.code) }).waitFor();
  await staff.getByRole('heading', { name: 'Wed 5 Mar' }).waitFor();
  await shotBoth(staff, 'sessions-7-agenda');
  assert.deepEqual(staff.errors, []);

  // The resident's track page shows the confirmed session too.
  const resident = await phone();
  await resident.goto(app.base + '/track');
  await resident.getByLabel('Case code').fill(filed.code);
  await resident.getByLabel('Secret').fill(filed.secret);
  await resident.getByRole('button', { name: 'Look up' }).click();
  await resident.getByRole('heading', { name: 'Mediation sessions' }).waitFor();
  await resident.getByText(/Confirmed · 5 Mar 2031, 14:00/).waitFor();
  await shotBoth(resident, 'sessions-8-track');
  assert.deepEqual(resident.errors, []);
});

test('the hours page keeps working blocks and offers a calendar feed address once', async () => {
  const page = await phone();
  await page.goto(app.base + '/staff/availability');
  await page.getByLabel('Username').fill('mediator01');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My hours and calendar' }).waitFor();
  await page.getByRole('button', { name: 'Add leave' }).click();
  await page.getByLabel('First day').last().fill('2031-04-15');
  await page.getByLabel('Last day').last().fill('2031-04-14');
  await page.getByRole('button', { name: 'Save my hours' }).click();
  await page.getByText('the last day cannot be before the first').waitFor();
  await page.getByLabel('Last day').last().fill('2031-04-16');
  await page.getByLabel('Reason').last().fill('年假');
  await page.getByRole('button', { name: 'Save my hours' }).click();
  await page.getByText('Hours saved').waitFor();
  await page.getByRole('button', { name: 'Create a feed address' }).click();
  const feed = await page.getByLabel('Feed address').inputValue();
  assert.match(feed, new RegExp(`^${app.base}/api/calendar/`));
  const ics = await fetch(feed);
  assert.equal(ics.status, 200);
  await shotBoth(page, 'sessions-9-hours');
  const saved = (await app.get('/api/staff/availability', { cookie: (await app.login('mediator01')).cookie })).json;
  assert.deepEqual(saved.absences, [{ from: '2031-04-15', to: '2031-04-16', reason: '年假' }]);
  assert.deepEqual(page.errors, []);
});
