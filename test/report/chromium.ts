/**
 * Debian's chromium driven by playwright-core, headless and offline, with a
 * fresh profile per launch (removed on close).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian installs chromium (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** A launched browser and how to dispose of it (closes it, removes the profile). */
export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch chromium; throws a clear error when it is not installed. */
export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this).`);
  const profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
  let context: BrowserContext;
  try {
    // playwright passes the fresh profile as --user-data-dir itself.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1400, height: 900 },
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
