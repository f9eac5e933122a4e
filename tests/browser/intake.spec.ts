import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, signIn } from './browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningApp, startApp } from './server';

/** An editor pastes an article, finds its statements and saves one as a draft; imports actors from a CSV and exports them. */

const RUN = Date.now().toString(36);
const ARTICLE = `Azerbaijan's Ministry of Defence said "we do not target civilians ${RUN}" on Wednesday. The talks resumed later that week.`;

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('adds a draft statement from a pasted article', async () => {
  await signIn(page, app.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
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

test('imports actors from a CSV, parent after child, then exports them from the actors list', async () => {
  const csv = [
    'slug,kind,name,name_ar,parentSlug',
    `e2e-office-${RUN},government_body,E2E Office ${RUN},مكتب ${RUN},e2e-state-${RUN}`,
    `e2e-state-${RUN},state,E2E State ${RUN},دولة ${RUN},`,
  ].join('\r\n');
  await page.goto(`${app.baseUrl}/#/intake/import`);
  await page.getByRole('combobox', { name: 'What to import' }).click();
  await page.getByRole('option', { name: 'Actors' }).click();
  await page.getByTestId('intake-file').setInputFiles({ name: 'actors.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  const result = page.getByTestId('intake-import-result');
  await result.getByText('Check passed: 2 would be created, 0 updated.').waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await result.getByText('Imported: 2 created, 0 updated.').waitFor();
  await screenshot(page, '22-intake-import-actors');

  await page.goto(`${app.baseUrl}/#/actors?filter=${encodeURIComponent(JSON.stringify({ q: RUN }))}`);
  await page
    .getByRole('cell', { name: `E2E Office ${RUN}` })
    .first()
    .waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^actors-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(exported.startsWith('\uFEFFid,slug,kind,name,')).toBe(true);
  expect(exported).toContain(`e2e-office-${RUN},government_body,E2E Office ${RUN}`);
  expect(exported).toContain(`E2E State ${RUN} > E2E Office ${RUN}`);
  expect(exported.trimEnd().split('\r\n')).toHaveLength(3);
});
