import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DATA_DIR } from './test-temporal.ts';

/** Failure screenshots land here (inside the gitignored data folder) so a red run can be looked at. */
export const ARTIFACTS_DIR = path.join(DATA_DIR, 'test-artifacts');

/**
 * A headless Chromium for tests that drive a real web UI. Debian's chromium by default, as
 * playwright-core ships no browser of its own. `launch` gives every browser a fresh temporary
 * profile and removes it on close, so runs share no cookies or local storage.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Saves a full-page screenshot named after the test, and returns its path. Call it from a catch
 * before rethrowing: it must never hide the original failure, so its own errors are reported
 * on stderr only.
 */
export async function saveFailureScreenshot(page: Page, name: string): Promise<string | undefined> {
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}-${Date.now()}.png`);
  try {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    console.error(`failure screenshot: ${path.relative(process.cwd(), file)}`);
    return file;
  } catch (error) {
    console.error(`could not save a failure screenshot: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
