// Accessibility checked by axe-core (WCAG 2.1 A and AA rules, colour contrast included) on
// every page of every audience, in Chinese and English, at phone and desktop size: zero
// violations. Also: the filing works with the keyboard alone, a failed step moves the focus to
// its first error, and every control a finger taps is at least 44 px high.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium, PHONE } from './browser.mjs';
import { startApp, goodFiling, DEMO_PASSWORD } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = { phone: PHONE, desktop: { viewport: { width: 1280, height: 800 } } };
const LOCALES = { zh: 'zh-CN', en: 'en-US' };

let app;
let browser;
let filed;
let partyToken;
let inProgress;
const checked = [];

before(async () => {
  app = await startApp();
  browser = await launchChromium();
  filed = (await app.fileCase(goodFiling({ community: 'zh01', grid: 'zh01-g1' }))).json;
  inProgress = await app.caseInProgress();
  const mediator = (await app.login('mediator01')).cookie;
  const day = new Date(Date.now() + 28 * 86400_000);
  day.setUTCDate(day.getUTCDate() + ((4 - day.getUTCDay() + 7) % 7));
  const at = (hhmm) => new Date(`${day.toISOString().slice(0, 10)}T${hhmm}:00+08:00`).toISOString();
  const made = await app.post(`/api/staff/cases/${inProgress.code}/sessions`, {
    title: '第一次调解', length_minutes: 60, buffer_minutes: 15,
    venue: { kind: 'place', place: 'zh01-room' }, staff: ['mediator01'], parties: ['applicant', 'respondent'],
    slots: [at('10:00'), at('14:00')],
  }, { cookie: mediator });
  assert.equal(made.status, 201, made.text);
  partyToken = made.json.party_links.find((l) => l.role === 'applicant').token;
});

after(async () => {
  await app?.stop();
  await browser?.close();
  console.log(`axe: ${checked.length} page states checked, 0 violations`);
});

/** Runs axe on what the page shows now; fails listing every violation and where. */
async function axe(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(found, [], `${name}: axe violations`);
  checked.push(name);
}

/** Every control a finger taps, visible, at least 44 px high (links inside running text aside). */
async function tapTargets(page, name) {
  const small = await page.evaluate(() => [...document.querySelectorAll('button, input:not([type=hidden]), select, a.button, .site-nav a, label.radio-row, label.radio-card')]
    .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden'))
    .map((el) => ({ el, r: el.getBoundingClientRect() }))
    .filter(({ el, r }) => r.height > 0 && r.height < 43.5
      && !(el.matches('input[type=radio], input[type=checkbox]') && el.closest('label')))
    .map(({ el, r }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.innerText || el.value || '').slice(0, 20)}" ${Math.round(r.height)}px`));
  assert.deepEqual(small, [], `${name}: controls under 44 px`);
}

async function visit(page, path, ready) {
  await page.goto(`${app.base}${path}`);
  await ready(page);
}

const h1 = (page) => page.locator('main h1:visible').first().waitFor();

for (const [size, device] of Object.entries(SIZES)) {
  for (const [lang, locale] of Object.entries(LOCALES)) {
    test(`resident, party and public pages: ${size}, ${lang}`, async () => {
      const context = await browser.newContext({ ...device, locale });
      const page = await context.newPage();
      const states = [
        ['home', '/', h1],
        ['report step 1', '/report', (p) => p.locator('.step-bar').waitFor()],
        ['track form', '/track', (p) => p.locator('#f-code').waitFor()],
        ['public figures', '/figures', h1],
        ['not found', '/no-such-page', h1],
      ];
      for (const [name, path, ready] of states) {
        await visit(page, path, ready);
        await axe(page, `${name} ${size} ${lang}`);
        if (size === 'phone') await tapTargets(page, `${name} ${size} ${lang}`);
      }
      // A step sent empty: its errors shown, the focus on the first one, still clean.
      await visit(page, '/report', (p) => p.locator('.step-bar').waitFor());
      await page.locator('form button[type=submit]').last().click();
      await page.locator('.has-error, [aria-invalid=true]').first().waitFor();
      // The focus moves once the errors are drawn (the next animation frame).
      const focused = await page.waitForFunction(() => {
        const first = document.querySelector('.has-error, [aria-invalid=true]');
        return !!first && (first === document.activeElement || first.contains(document.activeElement));
      }, null, { timeout: 3000 }).then(() => true, () => false);
      assert.ok(focused, 'the focus is on the first error');
      await axe(page, `report errors ${size} ${lang}`);
      // A case tracked with its code and secret.
      await visit(page, '/track', (p) => p.locator('#f-code').waitFor());
      await page.locator('#f-code').fill(filed.code);
      await page.locator('#f-secret').fill(filed.secret);
      await page.locator('#f-secret').press('Enter');
      await page.locator('#track-result').waitFor();
      await axe(page, `tracked case ${size} ${lang}`);
      // A party's session page.
      await page.goto(`${app.base}/s#${partyToken}`);
      await page.locator('.place-name').waitFor();
      await axe(page, `party session ${size} ${lang}`);
      if (size === 'phone') await tapTargets(page, `party session ${size} ${lang}`);
      await context.close();
    });

    test(`staff console: ${size}, ${lang}`, async () => {
      const context = await browser.newContext({ ...device, locale });
      const page = await context.newPage();
      await visit(page, '/staff', (p) => p.locator('#f-username').waitFor());
      await axe(page, `staff sign-in ${size} ${lang}`);
      await page.locator('#f-username').fill('coordinator');
      await page.locator('#f-password').fill(DEMO_PASSWORD);
      await page.locator('#f-password').press('Enter');
      await page.locator('.queue-table, .empty-state').first().waitFor();
      const states = [
        ['queue', '/staff', (p) => p.locator('.queue-table').waitFor()],
        ['search', `/staff`, async (p) => {
          await p.locator('.queue-table').waitFor();
          await p.locator('#queue-q').fill('张三');
          await p.locator('#queue-q').press('Enter');
          await p.locator('.search-results').waitFor();
        }],
        ['case', `/staff/cases/${inProgress.code}`, (p) => p.locator('#actions-title').waitFor()],
        ['intake', '/staff/intake', h1],
        ['agenda', '/staff/agenda', h1],
        ['hours', '/staff/availability', h1],
        ['notices', '/staff/notices', h1],
        ['volunteers', '/staff/volunteers', h1],
        ['figures', '/staff/figures', (p) => p.locator('main h1').first().waitFor()],
        ['password', '/staff/password', h1],
      ];
      for (const [name, path, ready] of states) {
        await visit(page, path, ready);
        await axe(page, `staff ${name} ${size} ${lang}`);
        if (size === 'phone') await tapTargets(page, `staff ${name} ${size} ${lang}`);
      }
      await context.close();

      const adminContext = await browser.newContext({ ...device, locale });
      const admin = await adminContext.newPage();
      await visit(admin, '/staff', (p) => p.locator('#f-username').waitFor());
      await admin.locator('#f-username').fill('admin');
      await admin.locator('#f-password').fill(DEMO_PASSWORD);
      await admin.locator('#f-password').press('Enter');
      await admin.locator('main h1').first().waitFor();
      for (const [name, path] of [
        ['users', '/staff/admin/users'],
        ['directory', '/staff/admin/directory'],
        ['community', '/staff/admin/directory/communities/zh01'],
        ['audit', '/staff/admin/audit'],
        ['import', '/staff/admin/import'],
        ['open311', '/staff/admin/open311'],
      ]) {
        await visit(admin, path, (p) => p.locator('main h1').first().waitFor());
        await admin.waitForTimeout(200);
        await axe(admin, `admin ${name} ${size} ${lang}`);
        if (size === 'phone') await tapTargets(admin, `admin ${name} ${size} ${lang}`);
      }
      await adminContext.close();
    });
  }
}

test('a resident files with the keyboard alone', async () => {
  const context = await browser.newContext({ ...SIZES.desktop, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${app.base}/report`);
  await page.locator('.step-bar').waitFor();
  // Tab to the first choice, pick it with the arrow keys and space, and go on with Enter.
  const tabTo = async (selector, limit = 60) => {
    for (let i = 0; i < limit; i += 1) {
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  await tabTo('.radio-card input[type=radio]');
  await page.keyboard.press('Space');
  await tabTo('.radio-list input[type=radio]');
  await page.keyboard.press('Space');
  await tabTo('.action-bar .button.primary');
  await page.keyboard.press('Enter');
  await page.getByText('2 / 5').waitFor();
  await tabTo('textarea');
  await page.keyboard.type('The fire escape on the third floor is blocked by furniture.');
  await tabTo('.action-bar .button.primary');
  await page.keyboard.press('Enter');
  await page.getByText('3 / 5').waitFor();
  // Selects move with the arrow keys.
  await tabTo('select');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SELECT', 'the grid comes next');
  await page.keyboard.press('ArrowDown');
  await tabTo('input[type=text]');
  await page.keyboard.type('Zhonghua Road 12, stairwell B');
  await tabTo('.action-bar .button.primary');
  await page.keyboard.press('Enter');
  await page.getByText('4 / 5').waitFor();
  await tabTo('input');
  await page.keyboard.type('Wang Fang');
  await tabTo('input[type=tel]');
  await page.keyboard.type('13812345678');
  await tabTo('.action-bar .button.primary');
  await page.keyboard.press('Enter');
  await page.getByText('5 / 5').waitFor();
  await tabTo('.action-bar .button.primary');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  await context.close();
});
