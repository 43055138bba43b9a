// Browser test of the places on a community's directory screen at phone size (390×844): the
// admin changes a mediation room's capacity and adds a room, saves, and after a reload (within
// the minute browsers may keep the directory) the screen and the public directory both show
// the change. A capacity out of range is refused beside the places section. The street's
// judge workstation is on the street's settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium, newPhone, screenshot, SHOTS } from './browser.mjs';
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

async function signIn(page, username, password = DEMO_PASSWORD) {
  await page.goto(app.base + '/staff');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin changes a room capacity and adds a room; both survive a reload and reach the directory', async () => {
  const a = await newPhone(browser);
  await signIn(a, 'admin');
  await a.getByRole('link', { name: 'Directory' }).click();
  await a.getByRole('heading', { name: 'Street directory' }).waitFor();
  await a.getByRole('link', { name: 'Zhonghua Road (zh01)' }).click();
  await a.getByRole('heading', { level: 1, name: 'Zhonghua Road' }).waitFor();
  const section = a.getByRole('region', { name: 'Mediation rooms and judge workstations' });
  await section.waitFor();

  const room = section.getByRole('group', { name: 'Zhonghua Road mediation room (zh01-room)' });
  await room.getByText('Mediation room · Zhonghua Road').waitFor();
  assert.equal(await room.getByLabel('Place id').getAttribute('readonly'), '');
  assert.equal(await room.getByLabel('Capacity (people)').inputValue(), '8');

  // A capacity out of range is named beside the section; nothing is sent.
  await room.getByLabel('Capacity (people)').fill('900');
  await a.getByRole('button', { name: 'Save community' }).click();
  await section.getByRole('alert').getByText('Check the places').waitFor();
  await room.getByLabel('Capacity (people)').fill('10');

  await section.getByRole('button', { name: 'Add a place' }).click();
  const added = section.getByRole('group', { name: 'New place' });
  await added.getByLabel('Place id').fill('zh01-room-b');
  await added.getByLabel('Name in Chinese').fill('中华路第二调解室');
  await added.getByLabel('Name in English').fill('Zhonghua Road second room');
  await added.getByLabel('Kind').selectOption({ label: 'Mediation room' });
  await added.getByLabel('Capacity (people)').fill('6');
  for (const input of await added.locator('input, select').all()) {
    const box = await input.boundingBox();
    assert.ok(box.height >= 44, `touch target ${box.height}px high`);
  }
  await added.screenshot({ path: join(SHOTS, 'places-1-new-place-en.png') });

  await a.getByRole('button', { name: 'Save community' }).click();
  await a.getByText('Community saved').waitFor();

  await a.reload();
  await a.getByRole('heading', { level: 1, name: 'Zhonghua Road' }).waitFor();
  const again = a.getByRole('region', { name: 'Mediation rooms and judge workstations' });
  const saved = again.getByRole('group', { name: 'Zhonghua Road second room (zh01-room-b)' });
  await saved.getByText('Mediation room · Zhonghua Road').waitFor();
  assert.equal(await saved.getByLabel('Capacity (people)').inputValue(), '6');
  assert.equal(await saved.getByLabel('Place id').getAttribute('readonly'), '');
  const reloaded = again.getByRole('group', { name: 'Zhonghua Road mediation room (zh01-room)' });
  assert.equal(await reloaded.getByLabel('Capacity (people)').inputValue(), '10');
  await again.getByRole('heading', { name: 'Mediation rooms and judge workstations' }).scrollIntoViewIfNeeded();
  await screenshot(a, 'places-2-section-en', { fullPage: false });
  await a.getByRole('button', { name: /Switch to English|切换到中文/ }).click();
  const zh = a.getByRole('heading', { name: '调解室和法官工作站' });
  await zh.waitFor();
  await zh.scrollIntoViewIfNeeded();
  await screenshot(a, 'places-3-section-zh', { fullPage: false });

  // The street's judge workstation is shared by the whole street: on the street's settings.
  await a.getByRole('link', { name: /Back to the directory|返回目录/ }).click();
  await a.getByRole('link', { name: /Street settings|街道设置/ }).first().click();
  const shared = a.getByRole('region', { name: /Mediation rooms and judge workstations|调解室和法官工作站/ });
  const workstation = shared.getByRole('group', { name: /Zhonghua Road judge workstation|中华路法官工作站/ });
  await workstation.getByText(/Judge workstation · Whole street|法官工作站 · 全街道共用/).waitFor();

  const directory = await app.get('/api/directory');
  assert.equal(directory.status, 200);
  const places = directory.json.places;
  assert.equal(places.find((p) => p.id === 'zh01-room').capacity, 10);
  assert.deepEqual(places.find((p) => p.id === 'zh01-room-b'), {
    id: 'zh01-room-b',
    name: { zh: '中华路第二调解室', en: 'Zhonghua Road second room' },
    kind: 'mediation_room',
    street: 'zhonghua-road',
    community: 'zh01',
    capacity: 6,
  });

  assert.deepEqual(a.errors, []);
});
