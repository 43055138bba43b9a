// A category's extra questions in the browser at phone size: the district's admin makes one
// required and adds one on the category's screen (a bad one is blamed beside it), a resident
// filing a blocked fire escape is asked them on the "what happened" step (a missing required
// answer is named there, with what was typed kept), and staff see the answers on the case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot, openCase } from './browser.mjs';
import { startApp, DEMO_PASSWORD } from './harness.mjs';

let app;
let browser;
before(async () => {
  app = await startApp();
  browser = await launchChromium();
});
after(async () => {
  await app?.stop();
  await browser?.close();
});

async function signIn(page, username) {
  await page.goto(app.base + '/staff');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

test('the district admin edits a category\'s questions; a bad one is blamed beside it', async () => {
  const page = await newPhone(browser);
  await signIn(page, 'district-admin');
  await page.goto(app.base + '/staff/admin/directory/district');
  await page.getByRole('link', { name: 'Extra questions (2)' }).first().waitFor();
  await page.goto(app.base + '/staff/admin/directory/categories/fire_escape');
  await page.getByRole('heading', { name: /Extra questions · Blocked fire escape/ }).waitFor();
  await page.getByText('Questions version 1').waitFor();
  const first = page.getByRole('group', { name: 'Question 1' });
  await first.getByRole('checkbox', { name: 'Must be answered' }).check();
  await page.getByRole('button', { name: 'Add a question' }).click();
  const third = page.getByRole('group', { name: 'Question 3' });
  await third.getByLabel('Question (Chinese)').fill('大约有几户受影响？');
  // Without its English wording the question is refused beside it, and what was typed stays.
  await page.getByRole('button', { name: 'Save the questions' }).click();
  await third.getByText(/Give the question in both languages/).waitFor();
  assert.equal(await third.getByLabel('Question (Chinese)').inputValue(), '大约有几户受影响？');
  await third.getByLabel('Question (English)').fill('About how many households are affected?');
  await third.getByLabel('Answered with').selectOption({ label: 'A number' });
  await screenshot(page, 'questions-admin-phone-en');
  await page.getByRole('button', { name: 'Save the questions' }).click();
  await page.getByText('Questions saved').waitFor();
  await page.getByText('Questions version 2').waitFor();
  const stored = (await app.get('/api/directory')).json.categories.find((c) => c.id === 'fire_escape');
  assert.equal(stored.questions_version, 2);
  assert.deepEqual(stored.questions.map((q) => [q.id, q.kind, q.required]), [
    ['in_danger', 'yes_no', true], ['blocked_by', 'choice', false], ['q1', 'number', false],
  ]);
  await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
  await page.getByRole('heading', { name: /补充问题 · 消防通道堵塞/ }).waitFor();
  await screenshot(page, 'questions-admin-phone-zh');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a resident answers the questions while filing, and staff see the answers', async () => {
  const page = await newPhone(browser);
  await page.goto(`${app.base}/report`);
  await page.getByRole('radio', { name: /A hazard/ }).check();
  await page.getByRole('radio', { name: 'Blocked fire escape', exact: true }).first().check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('What happened?').fill('The fire escape on the third floor is blocked by e-bikes.');
  const danger = page.getByRole('group', { name: 'Is anyone in danger now?' });
  await danger.waitFor();
  await page.getByLabel('About how many households are affected? (optional)').fill('12');
  // The required question left out is named on this step; what was typed stays.
  await page.getByRole('button', { name: 'Next' }).click();
  await danger.getByText('Please fill this in').waitFor();
  assert.equal(await page.getByLabel('About how many households are affected? (optional)').inputValue(), '12');
  await screenshot(page, 'questions-resident-error-phone-en');
  await danger.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('group', { name: 'What blocks it? (optional)' }).getByRole('radio', { name: 'E-bikes or bicycles' }).check();
  await screenshot(page, 'questions-resident-phone-en');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Community').selectOption({ label: 'Zhonghua Road' });
  await page.getByLabel('Grid').selectOption({ label: 'Grid 2' });
  await page.getByLabel('Address').fill('Zhonghua Road 12, stairwell B');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Your name').fill('Wang Fang');
  await page.getByLabel('Phone number').fill('139 0013 8001');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  const code = (await page.getByLabel('Case code', { exact: true }).textContent()).trim();
  assert.match(code, /^ZH01-\d{4}-\d{4}$/);
  assert.deepEqual(page.errors, []);

  const staff = await newPhone(browser);
  await signIn(staff, 'coordinator');
  await openCase(staff, code);
  await staff.getByRole('heading', { name: 'Extra questions' }).waitFor();
  const answers = staff.locator('dl.answers');
  assert.equal(await answers.getByRole('definition').nth(0).textContent(), 'No');
  assert.equal(await answers.getByRole('definition').nth(1).textContent(), 'E-bikes or bicycles');
  assert.equal(await answers.getByRole('definition').nth(2).textContent(), '12');
  await screenshot(staff, 'questions-case-phone-en');
  await staff.context().close();
  await page.context().close();
});
