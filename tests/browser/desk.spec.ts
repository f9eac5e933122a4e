/// <reference lib="dom" />
// page.evaluate() callbacks run in the browser.
import type { Browser, Page } from 'playwright-core';
import { labelled, launchChromium, screenshot } from './browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type RunningApp, startApp } from './server';

/**
 * The desk and the board as an editor meets them: every main screen fits the window at desktop
 * and phone widths in English and Arabic (no sideways page scroll), with a screenshot of each.
 */

let app: RunningApp;
let browser: Browser;
let session: { accessToken: string; user: unknown };
let statementId = '';

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${app.baseUrl}/api/${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}`, ...init.headers },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A signed-in page in the given language and window width (the session and locale as the admin stores them). */
async function openPage(locale: 'en' | 'ar', width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: 'en-US' });
  await context.addInitScript(
    ([token, user, lang]) => {
      localStorage.setItem('stance.accessToken', token);
      localStorage.setItem('stance.user', user);
      localStorage.setItem('RaStorestance.locale', JSON.stringify(lang));
    },
    [session.accessToken, JSON.stringify(session.user), locale],
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && console.error(`console: ${message.text().slice(0, 300)}`));
  return page;
}

/** How far the page reaches past the window sideways, in CSS pixels (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  session = (await response.json()) as typeof session;
  const [longest] = await api<Array<{ id: string }>>(`statements?sort=${encodeURIComponent('["saidOn","DESC"]')}&range=[0,0]`);
  statementId = longest.id;
  // Two edits, so that the history has entries to show.
  for (const notes of ['checked against the wire', 'checked against the wire and the video']) {
    const record = await api<Record<string, unknown>>(`statements/${statementId}`);
    await api(`statements/${statementId}`, { method: 'PUT', body: JSON.stringify({ ...record, notes }) });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const SCREENS: Array<{ name: string; path: () => string; ready: (page: Page) => Promise<unknown> }> = [
  {
    name: 'list',
    path: () => '/statements',
    ready: (page) => page.locator('.RaList-main .RaDataTable-table, .RaList-main ul').first().waitFor(),
  },
  { name: 'form', path: () => `/statements/${statementId}`, ready: (page) => page.locator('[name=text]').waitFor() },
  { name: 'show', path: () => `/statements/${statementId}/show`, ready: (page) => page.getByTestId('chain').waitFor() },
  { name: 'history', path: () => `/statements/${statementId}/show`, ready: (page) => page.getByTestId('history-entry').first().waitFor() },
  { name: 'board', path: () => '/positions', ready: (page) => page.getByTestId('positions-matrix').waitFor() },
  {
    name: 'audit',
    path: () => '/audit',
    ready: (page) => page.locator('.RaList-main .RaDataTable-table, .RaList-main ul').first().waitFor(),
  },
];

describe.each([
  ['en', 1440],
  ['en', 390],
  ['ar', 1440],
  ['ar', 390],
] as const)('in %s at %i px', (locale, width) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(locale, width);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test.each(SCREENS.map((screen) => [screen.name, screen] as const))('the %s fits the window', async (name, screen) => {
    await page.goto(`${app.baseUrl}/#${screen.path()}`);
    await screen.ready(page);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await screenshot(page, `desk-${name}-${locale}-${width}`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });
});

describe('an edit conflict', () => {
  let page: Page;
  let id = '';
  let target = '';
  const other = { email: `other-editor-${Date.now().toString(36)}@example.org`, name: 'Second Editor', password: 'second-editor-pw-1' };

  beforeAll(async () => {
    page = await openPage('en', 1440);
    const seeded = await api<{ actorId: string; stances: Array<{ targetActorId: string | null }> }>(`statements/${statementId}`);
    target = seeded.stances.find((stance) => stance.targetActorId)?.targetActorId ?? seeded.actorId;
    const created = await api<{ id: string }>('statements', {
      method: 'POST',
      body: JSON.stringify({
        text: 'Conflict test statement',
        lang: 'en',
        kind: 'quote',
        actorId: seeded.actorId,
        saidOn: '2023-09-20',
        translations: { ar: 'نص أول' },
        stances: [{ targetActorId: target, value: -1 }],
      }),
    });
    id = created.id;
    await api('users', { method: 'POST', body: JSON.stringify({ ...other, role: 'editor' }) });
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test('shows who saved meanwhile and every differing field, and saves the merge chosen field by field', async () => {
    await page.goto(`${app.baseUrl}/#/statements/${id}`);
    await page.locator('[name="translationList.0.text"]').waitFor();

    // Another editor saves a new translation and notes while this form is open.
    const login = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: other.email, password: other.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const stored = await api<Record<string, unknown>>(`statements/${id}`);
    const theirs = { ...stored, notes: 'their notes', translations: { ar: 'نص أول', fr: 'leur traduction' } };
    const put = await fetch(`${app.baseUrl}/api/statements/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(theirs),
    });
    expect(put.status).toBe(200);

    // This editor changes the Arabic translation and the stance, then saves the stale version.
    await page.locator('[name="translationList.0.text"]').fill('نص معدل');
    const slider = page.getByRole('slider').first();
    await slider.focus();
    await slider.press('ArrowRight');
    await slider.press('ArrowRight');
    await page.getByRole('button', { name: 'Save' }).click();

    const panel = page.getByTestId('conflict');
    await panel.getByText('Saved by Second Editor').waitFor();
    const rows = panel.getByTestId('conflict-field');
    await rows.first().waitFor();
    const fields = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-field')));
    expect(fields).toEqual(['translations', 'stances', 'notes']);
    const stancesRow = panel.locator('[data-field=stances]');
    expect(await stancesRow.locator('[data-side=theirs]').textContent()).toContain('\u22121');
    expect(await stancesRow.locator('[data-side=mine]').textContent()).toContain('+1');
    await screenshot(page, 'desk-conflict-en-1440');

    await stancesRow.getByRole('button', { name: 'Mine' }).click();
    await panel.locator('[data-field=translations]').getByRole('button', { name: 'Both' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('statement-text').waitFor();

    const saved = await api<{ notes: string; translations: Record<string, string>; stances: Array<{ value: number }> }>(`statements/${id}`);
    expect(saved.notes).toBe('their notes');
    expect(saved.translations).toEqual({ ar: 'نص معدل', fr: 'leur traduction' });
    expect(saved.stances.map((stance) => stance.value)).toEqual([1]);
  });
});

describe('the positions board', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage('en', 1440);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test('counts published statements by default, keeps its filters in the URL, and explains its colours', async () => {
    await page.goto(`${app.baseUrl}/#/positions`);
    await page.getByTestId('positions-matrix').waitFor();
    expect(await page.getByRole('combobox', { name: 'Status' }).textContent()).toBe('Published');
    await page.getByTestId('positions-legend').getByText('strongly opposes').waitFor();

    const shared = encodeURIComponent(JSON.stringify({ status: 'draft', rollup: true }));
    await page.goto(`${app.baseUrl}/#/positions?filter=${shared}`);
    await page.getByTestId('positions-matrix').or(page.getByText('No stances match these filters.')).waitFor();
    expect(await page.getByRole('combobox', { name: 'Status' }).textContent()).toBe('Draft');
    expect(
      await page.getByRole('switch', { name: 'Roll up sub-actors' }).or(page.getByLabel('Roll up sub-actors')).first().isChecked(),
    ).toBe(true);
  });

  test("opens, from every cell, a list of exactly the cell's count, its filters shown and removable", async () => {
    await page.goto(`${app.baseUrl}/#/positions?filter=${encodeURIComponent('{"status":"published"}')}`);
    await page.getByTestId('positions-matrix').waitFor();
    const cells = await page.locator('[data-count]').count();
    expect(cells).toBeGreaterThan(10);
    for (let index = 0; index < cells; index++) {
      const cell = page.locator('[data-count]').nth(index);
      const count = Number(await cell.getAttribute('data-count'));
      await cell.click();
      await page.waitForURL(/#\/statements\?filter=/);
      await page.locator('.RaList-main tbody tr').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.RaList-main tbody tr').count()).toBe(count);
      // The drill-down's own filters are on screen: "this actor only" and the target.
      await page.getByLabel('This actor only (not its sub-actors)').waitFor();
      if (index === 0) await screenshot(page, 'desk-board-drilldown-en-1440');
      await page.goBack();
      await page.getByTestId('positions-matrix').waitFor();
    }
  });
});

describe('the Arabic UI', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage('ar', 1440);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test('names actors, paths, topics and board headers in Arabic, with dates in the Arabic locale', async () => {
    const statement = await api<{ actorId: string; saidOn: string; topics: Array<{ id: string }> }>(`statements/${statementId}`);
    const actor = await api<{ names: Record<string, string>; path: Array<{ id: string }> }>(`actors/${statement.actorId}`);
    const top = await api<{ name: string; names: Record<string, string> }>(`actors/${actor.path[0].id}`);
    expect(actor.names.ar).toBeTruthy();
    expect(top.names.ar).toBeTruthy();

    await page.goto(`${app.baseUrl}/#/statements/${statementId}/show`);
    const chain = page.getByTestId('chain');
    await chain.getByText(actor.names.ar).waitFor();
    await chain.getByText(top.names.ar).waitFor();
    const arabicDate = new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${statement.saidOn}T00:00:00Z`),
    );
    await chain.getByText(arabicDate).first().waitFor();

    // A signed stance reads `−2` (the sign left of the digit) inside right-to-left text.
    const chip = page.locator('[data-stance="-2"] bdi[dir=ltr]').first();
    await chip.waitFor();
    const [sign, digit] = await chip.evaluate((element) => {
      const text = element.firstChild!;
      return [0, 1].map((offset) => {
        const range = document.createRange();
        range.setStart(text, offset);
        range.setEnd(text, offset + 1);
        return range.getBoundingClientRect().left;
      });
    });
    expect(await chip.textContent()).toBe('\u22122');
    expect(sign).toBeLessThan(digit);

    await page.goto(`${app.baseUrl}/#/statements`);
    await page.locator('.RaList-main tbody').getByText(top.names.ar).first().waitFor();

    await page.goto(`${app.baseUrl}/#/positions`);
    const board = page.getByTestId('positions-matrix');
    await board.locator('tbody th').getByText(actor.names.ar, { exact: true }).waitFor();
    expect(
      await board
        .locator('tbody th')
        .filter({ hasText: /^[A-Za-z ()-]+$/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'desk-arabic-names-board');
  });
});

describe("a statement's history", () => {
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

  test('reads as names and labels, one line per changed field, in either language', async () => {
    for (const [locale, notesLabel] of [
      ['en', 'Notes'],
      ['ar', 'ملاحظات'],
    ] as const) {
      const page = await openPage(locale, 1440);
      try {
        await page.goto(`${app.baseUrl}/#/statements/${statementId}/show`);
        const history = page.getByTestId('history');
        const latest = history.getByTestId('history-entry').first();
        await latest.locator('li[data-field=notes]').waitFor();
        expect(await latest.locator('li').count()).toBe(1);
        expect(await latest.locator('li').textContent()).toMatch(
          new RegExp(`^${notesLabel}: checked against the wire\\s*→\\s*checked against the wire and the video$`),
        );
        const text = (await history.textContent()) ?? '';
        expect(text).not.toMatch(UUID);
        expect(text).not.toMatch(/updatedBy|createdBy|actorPath|speakerName|\[\{|\{"/);
        await screenshot(page, `desk-history-readable-${locale}`);
      } finally {
        await page.context().close();
      }
    }
  });

  test('restores an earlier version as a new edit', async () => {
    const page = await openPage('en', 1440);
    try {
      await page.goto(`${app.baseUrl}/#/statements/${statementId}/show`);
      const entries = page.getByTestId('history-entry');
      await entries.nth(1).waitFor();
      const before = await entries.count();
      await entries.nth(1).getByRole('button', { name: 'View as it was' }).click();
      await page.getByTestId('history-as-of').getByRole('button', { name: 'Restore this version' }).click();
      await page.getByTestId('history-as-of').waitFor({ state: 'detached' });
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid=history-entry]').length === count + 1, before);
      const restored = await api<{ notes: string }>(`statements/${statementId}`);
      expect(restored.notes).toBe('checked against the wire');
    } finally {
      await page.context().close();
    }
  });
});

describe('the trash', () => {
  test('is a menu entry listing deleted statements with when and by whom, each readable but not editable', async () => {
    const seeded = await api<{ actorId: string }>(`statements/${statementId}`);
    const created = await api<{ id: string }>('statements', {
      method: 'POST',
      body: JSON.stringify({ text: 'Trash test statement', lang: 'en', kind: 'quote', actorId: seeded.actorId, saidOn: '2023-09-21' }),
    });
    await api(`statements/${created.id}`, { method: 'DELETE' });
    const page = await openPage('en', 1440);
    try {
      await page.goto(`${app.baseUrl}/#/statements`);
      await page.getByRole('menuitem', { name: 'Trash' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Trash test statement' });
      await row.waitFor();
      await row.getByText('Administrator').waitFor();
      await screenshot(page, 'desk-trash-en-1440');
      await row.getByText('Trash test statement').click();
      const view = page.getByTestId('trash-show');
      await view.getByTestId('statement-text').getByText('Trash test statement').waitFor();
      await view.getByTestId('history-entry').first().waitFor();
      expect(await page.getByRole('button', { name: 'Add cross-reference' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe('small things editors expect', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage('en', 1440);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test('moves through the list with the keyboard, hidden bulk buttons out of reach', async () => {
    await page.goto(`${app.baseUrl}/#/statements`);
    const rows = page.locator('.RaDataTable-clickableRow');
    await rows.nth(1).waitFor();
    expect(await page.locator('.RaBulkActionsToolbar-collapsed').evaluate((bar) => getComputedStyle(bar).visibility)).toBe('hidden');
    expect(await rows.first().getAttribute('tabindex')).toBe('0');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await rows.nth(1).evaluate((row) => row === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/show$/);
  });

  test('tags in bulk with a new tag, then removes it in bulk', async () => {
    const tag = `bulk-${Date.now().toString(36)}`;
    const seeded = await api<{ actorId: string }>(`statements/${statementId}`);
    await api('statements', {
      method: 'POST',
      body: JSON.stringify({ text: `Bulk tagging ${tag}`, lang: 'en', kind: 'quote', actorId: seeded.actorId, saidOn: '2023-09-22' }),
    });
    await page.goto(`${app.baseUrl}/#/statements?filter=${encodeURIComponent(JSON.stringify({ q: tag }))}`);
    const row = page.getByRole('row').filter({ hasText: `Bulk tagging ${tag}` });
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Add tags' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').fill(tag);
    await page
      .getByRole('option', { name: new RegExp(tag) })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Add tags' }).click();
    await row.locator('.MuiChip-root', { hasText: tag }).waitFor();

    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Remove tags' }).click();
    await dialog.getByRole('combobox').fill(tag);
    await page.getByRole('option', { name: tag }).first().click();
    await dialog.getByRole('button', { name: 'Remove tags' }).click();
    await row.locator('.MuiChip-root', { hasText: tag }).waitFor({ state: 'detached' });
  });

  test("shows on a body's page the people who hold roles there", async () => {
    const [body] = await api<Array<{ id: string }>>(`actors?filter=${encodeURIComponent('{"q":"Government of Armenia"}')}`);
    await page.goto(`${app.baseUrl}/#/actors/${body.id}`);
    await page.getByTestId('role-holders').getByText('Nikol Pashinyan').waitFor();
  });

  test('offers as cross-reference other statements only, each with its actor and date', async () => {
    await page.goto(`${app.baseUrl}/#/statements/${statementId}/show`);
    const own = await api<{ text: string }>(`statements/${statementId}`);
    const picker = page.getByRole('combobox', { name: labelled('Other statement (search its text)') });
    await picker.click();
    await picker.fill(own.text.split(' ').slice(0, 2).join(' '));
    await page.waitForLoadState('networkidle');
    const options = await page.getByRole('option').allTextContents();
    expect(options.some((option) => option.startsWith(own.text.slice(0, 40)))).toBe(false);
    await picker.fill('أذربيجان');
    await page.getByRole('option').first().waitFor();
    expect(await page.getByRole('option').first().textContent()).toMatch(/ — .+ · [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  });
});
