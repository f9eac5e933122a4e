import type { Browser, Page } from 'playwright-core';
import { labelled, launchChromium, screenshot } from './browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningApp, startApp } from './server';

/** An editor pastes an article, finds its statements and saves one as a draft. */

const RUN = Date.now().toString(36);
const ARTICLE = `Azerbaijan's Ministry of Defence said "we do not target civilians ${RUN}" on Wednesday. The talks resumed later that week.`;

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('adds a draft statement from a pasted article', async () => {
  await page.goto(`${app.baseUrl}/#/login`);
  await page.getByLabel(labelled('Email')).fill(ADMIN_EMAIL);
  await page.getByLabel(labelled('Password')).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('menuitem', { name: 'Add from article' }).click();

  await page.getByTestId('intake-text').fill(ARTICLE);
  await page.getByRole('button', { name: 'Find statements' }).click();
  const cards = page.getByTestId('intake-candidate');
  await cards.first().waitFor();
  await page.getByTestId('intake-highlighted').locator('mark').first().waitFor();

  const count = await cards.count();
  for (let i = 1; i < count; i++) await cards.nth(i).getByRole('checkbox').uncheck();
  await screenshot(page, '20-intake-candidates');
  await page.getByRole('button', { name: /Save selected as drafts/ }).click();
  const result = page.getByTestId('intake-save-result');
  await result.waitFor();
  await screenshot(page, '20b-intake-saved');
  expect(await result.textContent()).toContain('Saved: 1. Failed: 0.');

  await page.getByRole('link', { name: 'See draft statements' }).click();
  await page
    .getByRole('cell', { name: new RegExp(RUN) })
    .first()
    .waitFor();
  await screenshot(page, '21-intake-drafts');
});
