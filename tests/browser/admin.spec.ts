/// <reference lib="dom" />
// page.evaluate() callbacks run in the browser.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { labelled, launchChromium, pick, screenshot } from './browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningApp, startApp } from './server';

/** What an editor and an analyst do in the admin UI, in one session, step by step. */

const RUN = Date.now().toString(36);
const TEXT = `أكدت الوزارة أن قوافل الإغاثة وصلت إلى خانكندي صباح الأربعاء (e2e ${RUN})`;
const SEARCH_WITHOUT_HAMZA = `قوافل الاغاثة ${RUN}`;
const TAG = `e2e-tag-${RUN}`;
const SOURCE = `E2E wire ${RUN}`;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let statementUrl = '';

async function logIn(target: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await target.goto(`${app.baseUrl}/#/login`);
  await target.getByLabel(labelled('Email')).fill(email);
  await target.getByLabel(labelled('Password')).fill(password);
  await target.getByRole('button', { name: 'Sign in' }).click();
  await target.getByRole('menuitem', { name: 'Statements' }).waitFor();
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('logs in', async () => {
  await logIn(page);
  await page.getByRole('table').waitFor();
  await screenshot(page, '01-statements-list');
});

test('creates a statement with Arabic text, a stance, a new tag and a new source', async () => {
  await page.goto(`${app.baseUrl}/#/statements/create`);
  await page.getByLabel(labelled('Text')).fill(TEXT);
  await pick(page, 'Language', 'Arabic');
  await page.getByLabel(labelled('Said on')).fill('2023-09-20');
  await pick(page, 'Actor', 'Ministry of Defence of Azerbaijan');

  await pick(page, 'Source', SOURCE, new RegExp(SOURCE));
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Outlet').fill('E2E News Agency');
  await dialog.getByLabel('Credit (agency or wire)').fill('AFP');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });

  await pick(page, 'Tags', TAG, new RegExp(TAG));

  await page.getByRole('button', { name: 'Add' }).last().click();
  await pick(page, 'Target actor', 'Armenia', /^Armenia$/);
  const slider = page.getByRole('slider').first();
  await slider.focus();
  await slider.press('ArrowLeft');
  await slider.press('ArrowLeft');
  await screenshot(page, '02-statement-form');

  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('statement-text').waitFor();
  expect(await page.getByTestId('statement-text').textContent()).toBe(TEXT);
  expect(await page.getByTestId('statement-text').getAttribute('dir')).toBe('auto');
  await page
    .getByText(/strongly opposes/)
    .first()
    .waitFor();
  await page.getByTestId('chain').getByText(SOURCE).waitFor();
  statementUrl = page.url();
  await screenshot(page, '03-statement-show');
});

test('finds it with an Arabic search that differs in hamza', async () => {
  await page.goto(`${app.baseUrl}/#/statements`);
  await page.getByPlaceholder('Search').fill(SEARCH_WITHOUT_HAMZA);
  await page.getByRole('cell', { name: TEXT }).waitFor();
  await screenshot(page, '04-search-hamza');
});

test('marks the words a search matched, in another form of the word, in the list and on the statement page', async () => {
  const search = `${app.baseUrl}/#/statements?filter=${encodeURIComponent(JSON.stringify({ q: `والقوافل ${RUN}` }))}`;
  await page.goto(search);
  const row = page.getByRole('row').filter({ hasText: TEXT });
  await row.getByTestId('search-match').filter({ hasText: 'قوافل' }).waitFor();
  expect(await row.getByTestId('search-match').allTextContents()).toEqual(expect.arrayContaining(['قوافل', RUN]));
  await screenshot(page, '04b-search-highlight');
  await row.getByRole('cell', { name: TEXT }).click();
  await page.getByTestId('statement-text').getByTestId('search-match').filter({ hasText: 'قوافل' }).waitFor();
  await page.goto(`${app.baseUrl}/#/statements?filter=${encodeURIComponent(JSON.stringify({ q: SEARCH_WITHOUT_HAMZA }))}`);
  await page.getByRole('cell', { name: TEXT }).waitFor();
});

test('filters by a parent actor (its subtree included)', async () => {
  await pick(page, 'Actor', 'Azerbaijan', /^Azerbaijan$/);
  await page.waitForURL(/actorId/);
  await page.getByRole('cell', { name: TEXT }).waitFor();
  await page.getByText('Azerbaijan › Ministry of Defence of Azerbaijan').first().waitFor();
  await screenshot(page, '05-filter-parent-actor');
});

test('tags and publishes the selected statements in bulk', async () => {
  const row = page.getByRole('row').filter({ hasText: TEXT });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Add tags' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox').fill('Condemnation');
  await page.getByRole('option', { name: 'Condemnation' }).first().click();
  await dialog.getByRole('button', { name: 'Add tags' }).click();
  await row.getByText('Condemnation').waitFor();

  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Publish' }).click();
  await row.getByText('Published').waitFor();
});

test("exports the server's CSV with the current filters", async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = csv.slice(1).trim().split(/\r?\n/);
  expect(header.split(',')).toEqual(expect.arrayContaining(['id', 'text']));
  expect(rows).toHaveLength(1);
  expect(csv).toContain(TEXT);
});

test('a stale edit from a second session is reported, not saved', async () => {
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const second = await other.newPage();
  second.setDefaultTimeout(15_000);
  try {
    await logIn(second);
    const editUrl = statementUrl.replace(/\/show$/, '');
    await page.goto(editUrl);
    await second.goto(editUrl);
    const loaded = (text: string) => (document.querySelector('[name=text]') as HTMLTextAreaElement | null)?.value === text;
    await page.waitForFunction(loaded, TEXT);
    await second.waitForFunction(loaded, TEXT);
    await page.getByLabel(labelled('Notes')).fill('first session');
    await second.getByLabel(labelled('Notes')).fill('second session');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('statement-text').waitFor();

    await second.getByRole('button', { name: 'Save' }).click();
    await second.getByTestId('conflict').waitFor();
    await second.waitForFunction(() => (document.querySelector('[name=notes]') as HTMLTextAreaElement | null)?.value === 'first session');
    await screenshot(second, '06-edit-conflict');
  } finally {
    await other.close();
  }
});

test("shows the statement's history and the record as it was at an entry", async () => {
  await page.goto(statementUrl);
  const entry = page.getByTestId('history-entry').filter({ hasText: 'first session' }).first();
  await entry.waitFor();
  await entry.getByRole('button', { name: 'View as it was' }).click();
  const dialog = page.getByTestId('history-as-of');
  await dialog.getByText('first session').waitFor();
  await dialog.getByText(TEXT).waitFor();
  await screenshot(page, '06b-history');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
});

test('adds a cross-reference to another statement', async () => {
  await page.goto(statementUrl);
  await pick(page, 'Other statement (search its text)', 'عدوانا جديدا', /عدوان/);
  await page.getByRole('button', { name: 'Add cross-reference' }).click();
  await page.getByTestId('relation').first().waitFor();
  await screenshot(page, '07-cross-reference');
});

test('switches to Arabic and lays out right to left', async () => {
  await page.goto(`${app.baseUrl}/#/statements`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('menuitem', { name: 'العربية' }).click();
  await page.getByRole('menuitem', { name: 'التصريحات' }).waitFor();
  expect(await page.evaluate(() => document.dir)).toBe('rtl');
  await screenshot(page, '08-arabic-rtl');
  await page.goto(statementUrl);
  await page.getByTestId('chain').waitFor();
  await screenshot(page, '08-arabic-statement');
  await page.goto(`${app.baseUrl}/#/positions`);
  await page.getByTestId('positions-matrix').waitFor();
  await screenshot(page, '08-arabic-positions');
  await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.getByRole('menuitem', { name: 'Statements' }).waitFor();
});

test("opens the positions board and a cell's statements", async () => {
  await page.goto(`${app.baseUrl}/#/positions`);
  await page.getByTestId('positions-matrix').waitFor();
  await page.getByTestId('position-cell').first().getByRole('button', { name: 'Monthly timeline' }).click();
  await page.getByTestId('timeline').waitFor();
  await screenshot(page, '09-positions-board');
  await page.getByTestId('position-cell').first().getByRole('button').first().click();
  await page.waitForURL(/#\/statements\?filter=/);
  await page.getByRole('table').waitFor();
  const filter = JSON.parse(decodeURIComponent(new URL(page.url().replace('#/', '')).searchParams.get('filter')!));
  expect(filter.actorId).toBeDefined();
  await screenshot(page, '10-cell-statements');
});

test('browses actors as a tree and edits a person with roles', async () => {
  await page.goto(`${app.baseUrl}/#/actors`);
  await page.getByRole('cell', { name: 'Armenia › Government of Armenia' }).waitFor();
  await screenshot(page, '11-actors');
  await page.getByPlaceholder('Search').fill('Pashinyan');
  await page.getByRole('cell', { name: 'Nikol Pashinyan', exact: true }).first().click();
  await page.getByText('Roles').first().waitFor();
  expect(await page.getByLabel(labelled('Title')).first().inputValue()).not.toBe('');
  await screenshot(page, '12-actor-edit');

  await page.goto(`${app.baseUrl}/#/actors?filter=${encodeURIComponent('{"kind":"state"}')}`);
  await page.getByRole('cell', { name: 'Armenia', exact: true }).first().click();
  await page.getByText('Directly below').waitFor();
  await page.getByRole('cell', { name: 'Government of Armenia', exact: true }).first().waitFor();
});

test('shows the history of changes', async () => {
  await page.goto(`${app.baseUrl}/#/audit`);
  await page.getByRole('table').waitFor();
  await screenshot(page, '13-history');
});

test('an admin creates an analyst, who reads and exports but cannot edit', async () => {
  const email = `analyst-${RUN}@example.org`;
  await page.goto(`${app.baseUrl}/#/users/create`);
  await page.getByLabel(labelled('Email')).fill(email);
  await page.getByLabel(labelled('Name')).fill('محللة الاختبار');
  await page.getByLabel(labelled('Password')).fill('analyst-password-1');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('cell', { name: email }).waitFor();

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const analyst = await other.newPage();
  analyst.setDefaultTimeout(15_000);
  try {
    await logIn(analyst, email, 'analyst-password-1');
    await analyst.getByRole('button', { name: 'Export' }).waitFor();
    expect(await analyst.getByRole('link', { name: 'Create' }).count()).toBe(0);
    expect(await analyst.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
  } finally {
    await other.close();
  }
});

test('deletes a statement to the trash and restores it', async () => {
  const list = (filter: object) => `${app.baseUrl}/#/statements?filter=${encodeURIComponent(JSON.stringify(filter))}`;
  await page.goto(list({ q: SEARCH_WITHOUT_HAMZA }));
  let row = page.getByRole('row').filter({ hasText: TEXT });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await row.waitFor({ state: 'detached' });

  await page.goto(list({ q: SEARCH_WITHOUT_HAMZA, deleted: true }));
  row = page.getByRole('row').filter({ hasText: TEXT });
  await row.waitFor();
  await page.waitForLoadState('networkidle');
  // react-admin may keep the row's selection from the list it was deleted from, and may drop it when
  // the trash's data arrives (the bulk toolbar then slides away under the click): select the row if
  // needed and click Restore, again if the click did not land.
  const checkbox = row.getByRole('checkbox');
  const restore = page.getByRole('button', { name: 'Restore' });
  for (let attempt = 1; ; attempt++) {
    if (!(await checkbox.isChecked())) await checkbox.check();
    await restore.waitFor();
    if (attempt === 1) await screenshot(page, '14-trash');
    try {
      await restore.click({ timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
  await row.waitFor({ state: 'detached' });

  await page.goto(list({ q: SEARCH_WITHOUT_HAMZA }));
  await page.getByRole('row').filter({ hasText: TEXT }).waitFor();
});
