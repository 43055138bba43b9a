// Browser tests of the standard documents: a mediator makes an acceptance notice from the
// case page on a phone, sees the A4 sheet in Chinese, English or both, prints it to PDF (its
// text read back with pdftotext, its pages counted, each page rendered to PNG to look at),
// and voids it with a reason (an empty reason is refused beside the field, the typed text
// kept); a reader who may not make documents is offered none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, newPhone, screenshot, openCase, SHOTS } from './browser.mjs';
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

async function signIn(page, username, { label = 'Username', password = 'Password', button = 'Sign in' } = {}) {
  await page.goto(`${app.base}/staff`);
  await page.getByLabel(label).fill(username);
  await page.getByLabel(password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: button }).click();
}

/** Prints the page to an A4 PDF under tests/artifacts/, renders each page to PNG, and
 * answers its text and page count. */
async function printed(page, name) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(SHOTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, name)]);
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)[1]) };
}

test('a mediator makes an acceptance notice on a phone, prints it on A4 in both languages, and voids it', async () => {
  const c = await app.caseInProgress();
  const page = await newPhone(browser);
  await signIn(page, 'mediator01');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await openCase(page, c.code);
  const section = page.locator('section.case-documents');
  await section.getByText('No documents yet.').waitFor();
  await section.getByRole('button', { name: 'Make Notice of acceptance' }).click();
  await page.waitForURL(/\/staff\/documents\//);
  const sheet = page.locator('article.paper');
  await sheet.first().waitFor();
  assert.equal(await sheet.count(), 1, 'the reader\'s language only');
  const title = await sheet.locator('.paper-title').textContent();
  assert.match(title, /acceptance/i);
  const number = await sheet.locator('.paper-number').textContent();
  assert.match(number, /Acceptance No\. \d{4} \(\d{4}\)/, 'the number as the English rendering spells it');
  await page.getByLabel('Both').check();
  await page.locator('article.paper[lang="zh-CN"]').waitFor();
  assert.equal(await sheet.count(), 2);
  await screenshot(page, 'document-phone-en');

  const { text, pages } = await printed(page, 'document-acceptance-both');
  assert.ok(text.includes('受理通知书'), 'the Chinese title prints');
  assert.ok(text.includes(c.code), 'the case code prints');
  assert.ok(/受字第 \d{4} 号/.test(text), 'the number prints');
  assert.ok(/acceptance/i.test(text), 'the English rendering prints');
  assert.ok(!text.includes('Void this document') && !text.includes('Language of the document'), 'no screen chrome on paper');
  assert.ok(pages >= 2, `one sheet per language, each from a new page (${pages} pages)`);

  // Void it: an empty reason is refused beside the field; the reason given is printed.
  await page.getByRole('button', { name: 'Void', exact: true }).click();
  await page.locator('#void-reason-error').getByText('Give the reason for voiding').waitFor();
  assert.equal(await page.locator('#void-reason').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Reason for voiding').fill('Wrong address of service');
  await page.getByRole('button', { name: 'Void', exact: true }).click();
  await page.locator('.void-stamp').first().getByText('Wrong address of service').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Void', exact: true }).count(), 0, 'voided once');

  // Back on the case, the document is listed with its mark; a new notice takes the next number.
  await page.getByRole('link', { name: 'Back to the case' }).click();
  await section.locator('.document-list li').first().waitFor();
  assert.match(await section.locator('.document-list').textContent(), /Void/);
  await screenshot(page, 'documents-section-phone-en');
  await page.context().close();
});

test('in Chinese the sheet is the official text, and a coordinator sees it print on one A4 page', async () => {
  const c = await app.caseInProgress();
  const page = await newPhone(browser, 'zh-CN');
  await signIn(page, 'coordinator', { label: '用户名', password: '密码', button: '登录' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goto(`${app.base}/staff/cases/${c.code}`, { waitUntil: 'commit' });
  const section = page.locator('section.case-documents');
  await section.getByRole('button', { name: '制作 人民调解申请书' }).click();
  await page.waitForURL(/\/staff\/documents\//);
  const sheet = page.locator('article.paper[lang="zh-CN"]');
  await sheet.waitFor();
  assert.match(await sheet.locator('.paper-title').textContent(), /申请书/);
  await screenshot(page, 'document-phone-zh');
  const { text, pages } = await printed(page, 'document-application-zh');
  assert.ok(text.includes('申请书'));
  assert.ok(text.includes('申请人'), 'the applicant is named');
  assert.equal(pages, 1, 'an application fits one A4 page');
  await page.context().close();
});

test('a reader who may read but not make documents is offered none', async () => {
  const c = await app.caseInProgress();
  const coordinator = (await app.login('coordinator')).cookie;
  const made = await app.post(`/api/staff/cases/${c.code}/documents`, { kind: 'acceptance_notice' },
    { cookie: coordinator, 'Idempotency-Key': `browser-${Date.now()}-accept` });
  assert.equal(made.status, 201, made.text);
  // A judge assigned to the case reads it and its documents, and makes none.
  const detail = (await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator })).json;
  const handlers = [...detail.handlers, { username: 'judge', role: 'judge', lead: false }];
  const set = await app.post(`/api/staff/cases/${c.code}/commands`,
    { version: detail.version, command: { command: 'set_handlers', handlers } }, { cookie: coordinator });
  assert.equal(set.status, 200, set.text);
  const page = await newPhone(browser);
  await signIn(page, 'judge');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goto(`${app.base}/staff/cases/${c.code}`, { waitUntil: 'commit' });
  const section = page.locator('section.case-documents');
  await section.locator('.document-list li').first().waitFor();
  assert.equal(await section.getByRole('button').count(), 0, 'no document offered');
  await section.locator('.document-link').first().click();
  await page.locator('article.paper').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Void', exact: true }).count(), 0, 'no voiding offered');
  await page.context().close();
});

test('the case file prints a cover with its index, every document and the history, internal notes only when asked, in the language chosen', async () => {
  const c = await app.caseInProgress();
  const coordinator = (await app.login('coordinator')).cookie;
  const made = await app.post(`/api/staff/cases/${c.code}/documents`, { kind: 'acceptance_notice' },
    { cookie: coordinator, 'Idempotency-Key': `file-${Date.now()}-accept` });
  assert.equal(made.status, 201, made.text);
  const d = (await app.get(`/api/staff/cases/${c.code}`, { cookie: coordinator })).json;
  const note = await app.post(`/api/staff/cases/${c.code}/commands`, {
    version: d.version, command: { command: 'add_note', text: 'Internal: the respondent works nights', visibility: 'internal' },
  }, { cookie: coordinator });
  assert.equal(note.status, 200, note.text);

  const page = await newPhone(browser);
  await signIn(page, 'coordinator');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await openCase(page, c.code);
  await page.getByRole('link', { name: 'Case file (print to archive)' }).click();
  await page.waitForURL(/\/file$/);
  const cover = page.locator('article.case-file-cover');
  const language = page.getByRole('group', { name: 'Language of the document' });
  // The reader's language first: an English reader sees the English rendering.
  await cover.getByText("People's mediation case file").waitFor();
  assert.ok(await language.getByLabel('English', { exact: true }).isChecked(), 'the reader\'s language first');
  assert.match(await cover.locator('.file-index').textContent(), /Notice of acceptance.*Acceptance No\. \d{4} \(\d{4}\)/s);
  await screenshot(page, 'case-file-phone-en');

  // The official Chinese text, its cover, index and history in Chinese too.
  await language.getByLabel('Chinese', { exact: true }).check();
  await cover.getByText('人民调解卷宗').waitFor();
  assert.equal(new URL(page.url()).search, '?lang=zh', 'the choice is kept in the address');
  assert.match(await cover.locator('.file-index').textContent(), /受理通知书.*受字第 \d{4} 号/s);
  const without = await printed(page, 'case-file');
  assert.ok(without.text.includes(c.code), 'the case code prints');
  assert.ok(without.text.includes('受理通知书'), 'the document prints');
  assert.ok(without.text.includes('办理经过'), 'the history prints');
  assert.ok(!/Notice\s+of\s+Acceptance\s+for\s+Mediation/.test(without.text), 'no English rendering unless chosen');
  assert.ok(!without.text.includes('respondent works nights'), 'no internal note unless asked');
  assert.ok(without.pages >= 3, `cover, document and history each from a new page (${without.pages} pages)`);
  await page.getByLabel('Include internal notes').check();
  const withNotes = await printed(page, 'case-file-internal');
  assert.ok(withNotes.text.includes('respondent works nights'), 'the internal note when asked');

  // The English rendering, kept through a reload.
  await language.getByLabel('English', { exact: true }).check();
  await cover.getByText("People's mediation case file").waitFor();
  assert.equal(new URL(page.url()).search, '?lang=en');
  await page.reload();
  await page.locator('article.paper[lang="en"] .paper-title').getByText('Notice of Acceptance for Mediation').waitFor();
  assert.ok(await language.getByLabel('English', { exact: true }).isChecked(), 'the choice survives a reload');
  const english = await printed(page, 'case-file-en');
  assert.ok(/Notice\s+of\s+Acceptance\s+for\s+Mediation/.test(english.text), 'the English rendering prints');
  assert.ok(english.text.includes('How the case was handled'), 'the history prints in English');
  assert.ok(english.text.includes(c.code), 'the case code prints');
  assert.ok(!english.text.includes('受理通知书'), 'no Chinese text unless chosen');
  assert.ok(english.pages >= 3, `cover, document and history each from a new page (${english.pages} pages)`);
  await page.context().close();
});
