import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn } from './browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningApp, startApp } from './server';

/**
 * A list with more rows than the server counts (TOTALS_EXACT_UP_TO, 3 here against the seeded
 * statements) shows the bound as "3+" and pages on past it with the next button.
 */

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const before = process.env.TOTALS_EXACT_UP_TO;
  process.env.TOTALS_EXACT_UP_TO = '3';
  try {
    app = await startApp();
  } finally {
    if (before === undefined) delete process.env.TOTALS_EXACT_UP_TO;
    else process.env.TOTALS_EXACT_UP_TO = before;
  }
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('shows a bounded total as "3+" and pages on past it', async () => {
  await signIn(page, app.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto(`${app.baseUrl}/#/statements?perPage=5&page=1`);
  await page.getByText('1-5 of 3+').waitFor();
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await page.getByText('6-10 of 3+').waitFor();
  expect(await page.getByRole('row').count()).toBeGreaterThan(1);
});
