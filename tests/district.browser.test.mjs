// Browser test of the district at phone size (390×844), each person on their own phone: the
// boards of what escalation sends to a street and to the district; a resident of Zhoushuizi
// files through the wizard and gets a ZS01 code, the street's coordinator accepts it and makes
// its mediator the handler, Zhonghua Road's coordinator neither lists nor opens it, and the
// district coordinator moves it to Xinzhaizi with a reason (a version conflict on the way keeps
// what was typed), lands on the new XZ01 case, and the old one names where it continues.
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

/** A fresh phone signed in as `username`, on the queue. */
async function signedIn(username) {
  const page = await newPhone(browser);
  await page.goto(app.base + '/staff');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
  return page;
}

/** Waits until the queue shows its rows or says it is empty. */
async function queueLoaded(page) {
  await page.locator('.queue-table tbody tr, main .empty-state').first().waitFor();
}

/** A phone-sized screenshot with the move form at the top of the screen. */
async function shotOfForm(page, name) {
  await page.locator('#action-form-transfer_out').evaluate((form) => form.parentElement.scrollIntoView({ block: 'start' }));
  await screenshot(page, name, { fullPage: false });
}

async function switchLanguage(page) {
  await page.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
}

const at = (iso) => ({ 'X-Accord-Test-Now': iso });

test('the district and a street each have a board of what escalation sent them', async () => {
  // A Qianguan case filed twelve days ago climbs the ladder to the district.
  const t0 = Date.now() - 12 * 24 * 3600_000;
  const hours = (h) => new Date(t0 + h * 3600_000).toISOString();
  const filed = await app.post('/api/cases', goodFiling({ community: 'zs02', grid: 'zs02-g1' }),
    { 'Idempotency-Key': randomUUID(), ...at(hours(0)) });
  assert.equal(filed.status, 201, filed.text);
  const { code } = filed.json;
  const district = (await app.login('district')).cookie;
  for (const h of [73, 145, 217]) {
    const run = await app.post('/api/staff/escalations/run', {}, { cookie: district, ...at(hours(h)) });
    assert.equal(run.status, 200, run.text);
  }
  const calm = await app.fileCase(goodFiling({ community: 'zs03', grid: 'zs03-g1' }));
  assert.equal(calm.status, 201, calm.text);

  const d = await signedIn('district');
  await d.getByRole('button', { name: 'Escalated to the district' }).click();
  await d.getByRole('link', { name: code }).waitFor();
  assert.equal(await d.getByRole('link', { name: calm.json.code }).count(), 0, 'a case not escalated is not on the board');
  await screenshot(d, 'district-board-district-en');
  await switchLanguage(d);
  await d.getByRole('button', { name: '已上报区' }).waitFor();
  await screenshot(d, 'district-board-district-zh');
  // The district has no street board, a street no district board.
  assert.equal(await d.getByRole('button', { name: '已上报街道' }).count(), 0);

  const zs = await signedIn('coordinator-zs');
  assert.equal(await zs.getByRole('button', { name: 'Escalated to the district' }).count(), 0);
  await zs.getByRole('button', { name: 'Escalated to the street' }).click();
  await zs.getByRole('link', { name: code }).waitFor();
  assert.equal(await zs.getByRole('link', { name: calm.json.code }).count(), 0);
  await screenshot(zs, 'district-board-street-en');
  await switchLanguage(zs);
  await zs.getByRole('button', { name: '已上报街道' }).waitFor();
  await screenshot(zs, 'district-board-street-zh');

  // Another street's board does not list it.
  const zh = await signedIn('coordinator');
  await zh.getByRole('button', { name: 'Escalated to the street' }).click();
  await queueLoaded(zh);
  assert.equal(await zh.getByRole('link', { name: code }).count(), 0);
  // A mediator has neither board.
  const m = await signedIn('mediator-zs01');
  await m.getByRole('button', { name: 'My work' }).waitFor();
  assert.equal(await m.getByRole('button', { name: /^Escalated/ }).count(), 0);
  for (const page of [d, zs, zh, m]) {
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a Zhoushuizi case: filed, handled by its street, unseen by another, moved by the district', async () => {
  // (a) A resident of Zhoushuizi files through the wizard, choosing the community under its street.
  const r = await newPhone(browser);
  await r.goto(app.base + '/');
  await r.getByRole('link', { name: /Report a problem/ }).click();
  await r.getByRole('radio', { name: /A dispute/ }).check();
  await r.getByRole('radio', { name: 'Neighbours', exact: true }).check();
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByLabel('What happened?').fill('Water leaks from the flat above into our kitchen every evening.');
  await r.getByLabel(/Name of the other person/).fill('Mrs Wang, flat 402');
  await r.getByRole('button', { name: 'Next' }).click();
  const community = r.getByLabel('Community');
  assert.equal(await community.locator('optgroup[label="Zhoushuizi Street"] option[value="zs01"]').count(), 1,
    'the community is listed under its street');
  await community.selectOption('zs01');
  await r.getByLabel('Grid').selectOption({ label: 'Grid 1' });
  await r.getByLabel('Address').fill('Zhoushuizi Road 8, unit 2, flat 302');
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByLabel('Your name').fill('Liu Fang');
  await r.getByLabel('Phone number').fill('139 8765 4321');
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByText('Liu Fang').first().waitFor();
  await r.getByRole('button', { name: 'Send' }).click();
  await r.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  const code = (await r.getByLabel('Case code', { exact: true }).textContent()).trim();
  assert.match(code, /^ZS01-\d{4}-\d{4}$/);
  assert.deepEqual(r.errors, []);
  await r.context().close();

  // (b) Zhoushuizi's coordinator finds it, accepts it and makes its mediator the handler.
  const zs = await signedIn('coordinator-zs');
  await zs.getByRole('link', { name: code }).click();
  await zs.getByRole('heading', { name: 'Actions' }).waitFor();
  assert.equal(await zs.getByRole('button', { name: 'Move to another street' }).count(), 0,
    'only the district moves a case between streets');
  await act(zs, 'Accept', 'Accepted');
  await act(zs, 'Set handlers', 'Assigned', async () => {
    await zs.getByRole('checkbox', { name: /Shui, mediator/ }).check();
  });
  await zs.getByText(/水调解 \(Shui, mediator, Zhoushuizi\) · Mediator/).first().waitFor();
  const m = await signedIn('mediator-zs01');
  await m.getByRole('button', { name: 'My work' }).click();
  await m.getByRole('link', { name: code }).waitFor();

  // (c) Zhonghua Road's coordinator neither lists it nor opens it.
  const zh = await signedIn('coordinator');
  await queueLoaded(zh);
  assert.equal(await zh.getByRole('link', { name: code }).count(), 0);
  await zh.goto(`${app.base}/staff/cases/${code}`);
  await zh.getByText('No such case: the code may be wrong, or it is outside your communities.').waitFor();

  // (d) The district coordinator moves it to Xinzhaizi.
  const d = await signedIn('district');
  await d.getByRole('link', { name: code }).click();
  await d.getByRole('heading', { name: 'Actions' }).waitFor();
  await d.getByRole('button', { name: 'Move to another street', exact: true }).click();
  const target = d.getByLabel('Receiving community (another street)');
  const streets = await target.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.label));
  assert.deepEqual(streets, ['Zhonghua Road Street', 'Xinzhaizi Street'], 'only other streets are offered');
  assert.equal(await target.locator('option[value^="zs"]').count(), 0);
  // Every field is required; the first missing one is named beside it.
  await d.getByRole('button', { name: 'Move the case' }).click();
  await d.getByText('Please choose one').first().waitFor();
  assert.equal(await target.getAttribute('aria-invalid'), 'true');
  await shotOfForm(d, 'district-move-refused-en');
  await target.selectOption('xz01');
  await d.getByLabel('Grid there').selectOption({ label: 'Grid 2' });
  await d.getByRole('button', { name: 'Move the case' }).click();
  await d.getByText('Please fill this in').first().waitFor();
  assert.equal(await d.getByLabel('Why it moves').getAttribute('aria-invalid'), 'true');
  const reason = 'The building is across the boundary: it belongs to Xinzhaizi.';
  await d.getByLabel('Why it moves').fill(reason);
  await shotOfForm(d, 'district-move-form-en');
  await switchLanguage(d);
  await d.getByRole('button', { name: '确认移交' }).waitFor();
  assert.equal(await d.getByLabel('移交原因').inputValue(), reason);
  await shotOfForm(d, 'district-move-form-zh');
  await switchLanguage(d);

  // The case changes meanwhile: the page reloads it and keeps what was typed.
  const cookie = (await app.login('coordinator-zs')).cookie;
  const now = (await app.detail(cookie, code)).json;
  const note = await app.post(`/api/staff/cases/${code}/commands`, {
    version: now.version, command: { command: 'add_note', text: 'Called the resident.', visibility: 'internal' },
  }, { cookie });
  assert.equal(note.status, 200, note.text);
  await d.getByRole('button', { name: 'Move the case' }).click();
  await d.getByText('This case changed while you were looking at it').waitFor();
  assert.equal(await d.getByLabel('Receiving community (another street)').inputValue(), 'xz01');
  assert.equal(await d.getByLabel('Grid there').inputValue(), 'xz01-g2');
  assert.equal(await d.getByLabel('Why it moves').inputValue(), reason);
  await screenshot(d, 'district-move-conflict-en', { fullPage: false });
  await d.getByRole('button', { name: 'Move the case' }).click();

  // It lands on the new case, which says where it came from.
  await d.getByRole('heading', { name: /^XZ01-\d{4}-\d{4}$/ }).waitFor();
  const moved = (await d.getByRole('heading', { level: 1 }).textContent()).trim();
  assert.ok(d.url().endsWith(`/staff/cases/${moved}`), d.url());
  await d.getByText(`Moved here from ${code}`).waitFor();
  await expectStatus(d, 'Reported');
  await screenshot(d, 'district-moved-new-en');

  // The old case is closed and names where it continues, with a link there.
  await openCase(d, code);
  await expectStatus(d, 'Closed');
  await d.getByText('Moved to another street: continues as').waitFor();
  assert.equal(await d.getByRole('button', { name: 'Move to another street' }).count(), 0);
  await screenshot(d, 'district-moved-old-en');
  await switchLanguage(d);
  await d.getByText('已移交到其他街道，在那里继续办理，新编号：').waitFor();
  await screenshot(d, 'district-moved-old-zh');
  await switchLanguage(d);
  await d.getByRole('link', { name: moved }).click();
  await d.getByText(`Moved here from ${code}`).waitFor();

  const detail = (await app.detail((await app.login('district')).cookie, moved)).json;
  assert.equal(detail.community, 'xz01');
  assert.equal(detail.grid, 'xz01-g2');
  assert.equal(detail.moved_from, code);
  for (const page of [zs, m, zh, d]) {
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
