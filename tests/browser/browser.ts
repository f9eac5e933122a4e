import { mkdirSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

export const SCREENSHOTS = 'artifacts/screenshots';

/** Headless Debian Chromium (CHROMIUM_PATH to use another); Playwright gives each launch a fresh profile. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

/** Types into a react-admin autocomplete found by its label and picks the option that contains `option`. */
export async function pick(page: Page, label: string, typed: string, option: string | RegExp = typed): Promise<void> {
  const input = page.getByRole('combobox', { name: labelled(label) });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** A form label as react-admin renders it: the text, with ` *` when the input is required. */
export const labelled = (label: string): RegExp => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);

/** Signs in on the login page with the given account and waits for the menu. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel(labelled('Email')).fill(email);
  await page.getByLabel(labelled('Password')).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('menuitem', { name: 'Statements' }).waitFor();
}
