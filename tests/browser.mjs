// Shared setup of the browser tests: Debian's Chromium, headless, started the way this
// machine's closed network needs, and phone-sized pages that record their errors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = new URL('./artifacts/', import.meta.url).pathname;
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Headless Chromium; every context it opens starts from an empty profile. */
/** Console messages no page may log: errors other than the browser's own line for a request
 * answered 4xx/5xx (the app handles those answers), and any content security policy report. */
function unexpected(message) {
  const text = message.text();
  if (/Content Security Policy|Refused to (apply|load|execute|connect)/i.test(text)) return true;
  if (message.type() !== 'error') return false;
  return !/^Failed to load resource: the server responded with a status of [45]\d\d/.test(text);
}

/**
 * Headless Chromium; every context it opens starts from an empty profile. Every page of every
 * context is watched: closing the browser throws if any page logged a console error or a
 * content security policy violation the test did not expect (`browser.expectConsole(re)`
 * declares one), or threw an uncaught error.
 */
export async function launchChromium() {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const problems = [];
  const expected = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('console', (message) => {
      if (unexpected(message) && !expected.some((re) => re.test(message.text()))) {
        problems.push(`${message.type()} at ${message.page()?.url() ?? '?'}: ${message.text()}`);
      }
    });
    context.on('weberror', (error) => problems.push(`uncaught at ${error.page()?.url() ?? '?'}: ${error.error()}`));
    return context;
  };
  browser.expectConsole = (re) => expected.push(re);
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    await close(...args);
    if (problems.length) {
      throw new Error(`pages logged ${problems.length} unexpected console message(s):\n${problems.slice(0, 20).join('\n')}`);
    }
  };
  return browser;
}

/** A fresh phone (its own cookies and storage) with one page open; `page.errors` collects
 * every uncaught error the page throws. */
export async function newPhone(browser, locale = 'en-US') {
  const context = await browser.newContext({ ...PHONE, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/** Saves a screenshot under tests/artifacts/. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Opens a staff case page on the app at `base` (by default the one the page is on). */
export async function openCase(page, code, base = new URL(page.url()).origin) {
  await page.goto(`${base}/staff/cases/${code}`);
  await page.getByRole('heading', { name: 'Actions' }).waitFor();
}

/** The case's status as the facts list shows it. */
export async function expectStatus(page, status) {
  await page.getByRole('definition').getByText(status, { exact: true }).first().waitFor();
}

/** Expands one action, lets `fill` fill its form, confirms, and waits for the new status. */
export async function act(page, action, status, fill = async () => {}) {
  await page.getByRole('button', { name: action, exact: true }).click();
  await fill();
  await page.getByRole('button', { name: 'Confirm' }).click();
  if (status) await expectStatus(page, status);
  await page.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
}
