// Browser tests of the resident's pages on a phone: the home page carried in the HTML (it
// paints and its links and language button work with no app at all, and it fetches the
// filing's bundle ahead), and the code and secret shown after filing (they survive a reload until saved,
// leaving first asks, and a case remembered on this phone opens with one tap).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot } from './browser.mjs';
import { startApp, goodFiling, DEMO_PASSWORD } from './harness.mjs';

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

/** Holds back the resident bundle's wasm until `release()` is called. */
async function holdWasm(page, name = 'resident') {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(`**/pkg/${name}_bg.wasm`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('the home page is the HTML itself: it paints in the chosen language, its links and language button work with no app, and it fetches the filing ahead', async () => {
  const page = await newPhone(browser);
  const wasm = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname); });
  await page.goto(`${app.base}/`);
  const english = page.getByRole('heading', { name: 'Trouble near home? We can help' });
  await english.waitFor();
  assert.equal(await page.getByRole('heading', { name: '有烦心事，我们帮您调解' }).count(), 0, 'the other language stays hidden');
  assert.equal(await page.getByRole('link', { name: /Report a problem/ }).getAttribute('href'), '/report');
  assert.equal(await page.getByRole('link', { name: /Track my case/ }).getAttribute('href'), '/track');
  assert.equal(await page.title(), 'Accord');
  await screenshot(page, 'resident-home-en');

  // The language button works without any app, and the choice is kept for the next page.
  await page.getByRole('button', { name: 'Switch to Chinese' }).or(page.getByRole('button', { name: '切换到中文' })).click();
  await page.getByRole('heading', { name: '有烦心事，我们帮您调解' }).waitFor();
  assert.equal(await page.title(), '邻里调解 · Accord');
  await screenshot(page, 'resident-home-zh');
  const headings = await page.locator('h1').evaluateAll((els) => els.filter((el) => el.offsetParent !== null).map((el) => el.textContent));
  assert.deepEqual(headings, ['有烦心事，我们帮您调解'], 'one home page, in the language chosen');
  // The filing's bundle is fetched ahead; no app runs on the home page.
  assert.deepEqual(await page.locator('link[rel=prefetch]').evaluateAll((els) => els.map((el) => el.getAttribute('href'))), ['/pkg/report.js', '/pkg/report_bg.wasm']);
  assert.equal(await page.locator('link[rel=modulepreload]').count(), 0);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(wasm, ['/pkg/report_bg.wasm'], 'only the filing, fetched ahead');
  await page.getByRole('link', { name: /反映问题/ }).last().click();
  await page.getByRole('heading', { name: '反映问题' }).waitFor();
  assert.equal(await page.locator('#prerendered').count(), 0, 'the filing app removed the copy');
  await page.context().close();
});

test('the copy of the home page stays hidden on other pages while their app loads', async () => {
  const page = await newPhone(browser);
  const release = await holdWasm(page, 'report');
  await page.goto(`${app.base}/report`);
  await page.waitForLoadState('domcontentloaded');
  assert.equal(await page.getByRole('heading', { name: 'Trouble near home? We can help' }).isVisible(), false);
  release();
  await page.getByRole('heading', { name: 'Report a problem' }).waitFor();
  await page.context().close();
});

async function fileThroughTheWizard(page) {
  await page.goto(`${app.base}/report`);
  await page.getByRole('radio', { name: /A hazard/ }).check();
  await page.locator('.radio-list input[type=radio]').first().check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('What happened?').fill('The fire escape on the third floor is blocked by furniture.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Community').selectOption({ label: 'Zhonghua Road' });
  await page.getByLabel('Grid').selectOption({ label: 'Grid 2' });
  await page.getByLabel('Address').fill('Zhonghua Road 12, stairwell B');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Your name').fill('Wang Fang');
  await page.getByLabel('Phone number').fill('13812345678');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  const code = (await page.getByLabel('Case code', { exact: true }).textContent()).trim();
  const secret = (await page.getByLabel('Secret', { exact: true }).textContent()).trim();
  return { code, secret };
}

test('the code and secret survive a reload until saved, leaving first asks, and a remembered case opens with one tap', async () => {
  const page = await newPhone(browser);
  const { code, secret } = await fileThroughTheWizard(page);
  assert.match(code, /^ZH01-\d{4}-\d{4}$/);
  assert.equal(new URL(page.url()).pathname, '/track', 'the tracking bundle shows the code and secret');
  assert.ok(!page.url().includes(secret.replaceAll('-', '')));

  // Leaving before the secret was saved asks first; the reloaded screen shows the same pair.
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.accept(); });
  await page.getByLabel('Case code', { exact: true }).click(); // the page has been used
  await page.reload();
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  assert.deepEqual(dialogs, ['beforeunload']);
  assert.equal((await page.getByLabel('Case code', { exact: true }).textContent()).trim(), code);
  assert.equal((await page.getByLabel('Secret', { exact: true }).textContent()).trim(), secret);

  // Remembered on this phone: saved, so a reload no longer asks.
  await page.getByLabel('Remember this case on this phone').check();
  await screenshot(page, 'resident-filed-remembered');
  await page.reload();
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  assert.deepEqual(dialogs, ['beforeunload'], 'no second question once saved');
  assert.ok(await page.getByLabel('Remember this case on this phone').isChecked());

  // On to tracking: the pair goes to the form in memory and is looked up.
  await page.getByRole('button', { name: 'Track this case' }).click();
  await page.getByRole('heading', { name: code }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Track my case' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Your report has been sent' }).count(), 0, 'left on purpose: not shown again');

  // Another tab of the same phone: the remembered case opens with one tap, and is forgotten.
  const later = await page.context().newPage();
  await later.goto(`${app.base}/track`);
  await later.getByRole('heading', { name: 'Cases remembered on this phone' }).waitFor();
  await later.getByRole('button', { name: `Open ${code}` }).click();
  await later.getByRole('heading', { name: code }).waitFor();
  await screenshot(later, 'resident-track-remembered');
  await later.getByRole('button', { name: `Forget ${code}` }).click();
  await later.getByRole('heading', { name: 'Cases remembered on this phone' }).waitFor({ state: 'detached' });
  assert.equal(await later.evaluate(() => localStorage.getItem('accord.remembered')), null, 'nothing of the case left on the phone');
  await page.context().close();
});

test('done asks before leaving an unsaved secret, and a second phone never sees the pair', async () => {
  const page = await newPhone(browser, 'zh-CN');
  await page.goto(`${app.base}/`);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const { code } = await fileThroughTheWizard(page);
  const asked = [];
  page.on('dialog', (dialog) => { asked.push(dialog.message()); dialog.dismiss(); });
  await page.getByRole('button', { name: 'Done' }).click();
  assert.equal(asked.length, 1, 'asked once');
  assert.match(asked[0], /not copied, printed or remembered/);
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  page.removeAllListeners('dialog');
  page.on('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Trouble near home? We can help' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('accord.filed')), null, 'nothing kept once done');
  const other = await newPhone(browser);
  await other.goto(`${app.base}/track`);
  await other.getByRole('heading', { name: 'Track my case' }).waitFor();
  assert.equal(await other.getByText(code).count(), 0);
  await other.context().close();
  await page.context().close();
});

test('each wizard step has its own address: Back goes to the previous step, and the draft survives a reload', async () => {
  const page = await newPhone(browser);
  await page.goto(`${app.base}/`);
  await page.getByRole('link', { name: /Report a problem/ }).first().click();
  await page.getByRole('radio', { name: /A dispute/ }).check();
  await page.getByRole('radio', { name: 'Neighbours', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('2 / 5').waitFor();
  assert.equal(new URL(page.url()).search, '?step=what');
  await page.getByLabel('What happened?').fill('Water drips from the flat above into our kitchen.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('3 / 5').waitFor();
  await page.getByLabel('Community').selectOption({ label: 'Zhonghua Road' });

  // A reload keeps the step and everything typed.
  await page.reload();
  await page.getByText('3 / 5').waitFor();
  assert.equal(await page.getByLabel('Community').locator('option:checked').textContent(), 'Zhonghua Road');

  // The phone's Back goes to the previous step, with its text kept; then to step 1.
  await page.goBack();
  await page.getByText('2 / 5').waitFor();
  assert.equal(await page.getByLabel('What happened?').inputValue(), 'Water drips from the flat above into our kitchen.');
  await page.goBack();
  await page.getByText('1 / 5').waitFor();
  assert.ok(await page.getByRole('radio', { name: 'Neighbours', exact: true }).isChecked());
  await page.goForward();
  await page.getByText('2 / 5').waitFor();

  // An address naming a later step than the draft reached starts at the first step to fill.
  const other = await newPhone(browser);
  await other.goto(`${app.base}/report?step=review`);
  await other.getByText('1 / 5').waitFor();
  await other.context().close();

  // Sent: the draft is gone from the tab.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Grid').selectOption({ label: 'Grid 2' });
  await page.getByLabel('Address').fill('Zhonghua Road 12, flat 402');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Your name').fill('Li Na');
  await page.getByLabel('Phone number').fill('13912345678');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('accord.draft')), null, 'nothing typed is kept once sent');
  await page.context().close();
});

test('an address that names no page answers 404 with a page that says so; the three small files exist', async () => {
  for (const path of ['/no-such-page', '/track/ZH01-2026-0001', '/reports']) {
    const response = await fetch(`${app.base}${path}`);
    assert.equal(response.status, 404, path);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/, path);
    assert.match(await response.text(), /<div id="prerendered">/, `${path} gets the app's page`);
  }
  for (const path of ['/', '/report', '/track', '/staff', '/staff/cases/ZH01-2026-0001', '/figures']) {
    assert.equal((await fetch(`${app.base}${path}`)).status, 200, path);
  }
  const manifest = await fetch(`${app.base}/manifest.json`);
  assert.equal(manifest.status, 200);
  assert.equal((await manifest.json()).start_url, '/');
  assert.match(await (await fetch(`${app.base}/robots.txt`)).text(), /User-agent/i);
  assert.match((await fetch(`${app.base}/favicon.ico`)).headers.get('content-type') ?? '', /icon/);

  const page = await newPhone(browser, 'zh-CN');
  await page.goto(`${app.base}/no-such-page`);
  await page.getByRole('heading', { name: '没有这个页面' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: '有烦心事，我们帮您调解' }).count(), 0);
  await screenshot(page, 'resident-missing-zh');
  await page.getByRole('link', { name: '首页' }).last().click();
  await page.getByRole('heading', { name: '有烦心事，我们帮您调解' }).waitFor();
  await page.context().close();
});

test('the app can be installed: the manifest names its start, colours and icons, and each icon is there', async () => {
  const manifest = await (await fetch(`${app.base}/manifest.json`)).json();
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.filter((i) => i.type === 'image/png').map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), sizes.join());
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  for (const icon of manifest.icons) {
    const res = await fetch(`${app.base}${icon.src}`);
    assert.equal(res.status, 200, icon.src);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (icon.type === 'image/png') {
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG', icon.src);
      const [w, h] = icon.sizes.split('x').map(Number);
      assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [w, h], `${icon.src} is ${icon.sizes}`);
    }
  }
});

test('a resident who lost the secret finds the office phone, and staff set a new one after checking by phone', async () => {
  const filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  const resident = await newPhone(browser, 'zh-CN');
  await resident.goto(`${app.base}/track`);
  const lost = resident.locator('.lost-secret');
  await lost.getByRole('heading', { name: '密码丢了？' }).waitFor();
  const phone = lost.getByRole('link', { name: /^0411-8666-\d{4}$/ }).first();
  assert.match(await phone.getAttribute('href'), /^tel:04118666\d{4}$/);
  await screenshot(resident, 'resident-lost-secret-zh');

  const staff = await newPhone(browser);
  await staff.goto(`${app.base}/staff/cases/${filed.code}`);
  await staff.getByLabel('Username').fill('coordinator');
  await staff.getByLabel('Password').fill(DEMO_PASSWORD);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  const card = staff.locator('section.case-secret');
  await card.getByRole('heading', { name: "The resident's secret" }).waitFor();
  staff.once('dialog', (dialog) => dialog.accept());
  await card.getByRole('button', { name: 'Set a new secret' }).click();
  const shown = (await card.locator('#reissued-secret').textContent()).trim();
  assert.match(shown, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await screenshot(staff, 'staff-secret-reissued-en');
  await staff.context().close();

  assert.equal((await app.track(filed.code, filed.secret)).status, 404, 'the old secret stopped working');
  await resident.getByLabel('查询码').fill(filed.code);
  await resident.getByLabel('查询密码').fill(shown);
  await resident.getByRole('button', { name: '查询', exact: true }).click();
  await resident.getByRole('heading', { name: filed.code }).waitFor();
  await resident.context().close();
});
