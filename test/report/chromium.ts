/**
 * A real Chromium for the report's browser test, driven by playwright-core,
 * headless and offline, that `npm install` alone brings: the build shipped
 * inside the npm package `@sparticuz/chromium` (a devDependency). No apt
 * step, no system browser needed.
 *
 * Which browser runs:
 *  - `MMU_CHROMIUM=/path/to/chromium` picks that binary (e.g. Debian's
 *    `/usr/bin/chromium`), launched with the flags a desktop build needs;
 *  - otherwise the npm one, always — a system browser is never picked up
 *    implicitly, so every machine renders the page with the same build.
 *
 * The package's own `executablePath()` unpacks into the shared `/tmp` and
 * then trusts whatever `/tmp/chromium` holds (any version, or a file another
 * process is still writing). So it is unpacked here, once per package version,
 * into a staging folder beside `node_modules/.cache/sparticuz-chromium-<v>/`
 * and renamed into place when complete; later runs reuse it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Environment variable naming another Chromium binary to use instead of the npm one. */
export const CHROMIUM_ENV = 'MMU_CHROMIUM';

/** Flags for a desktop Chromium build (such as Debian's) run headless in a container. */
const DESKTOP_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser binary a launch uses, and where it came from. */
export interface ChromiumBinary {
  executablePath: string;
  args: string[];
  /** "npm @sparticuz/chromium <version>" or "MMU_CHROMIUM". */
  source: string;
}

/** Root folder and version of the installed @sparticuz/chromium package. */
function sparticuzPackage(): { root: string; version: string } {
  // The package exports only its entry point (build/cjs/index.cjs): its root is two folders up.
  const root = dirname(dirname(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'))));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { root, version };
}

/**
 * Unpack the npm Chromium into `target` (a folder laid out like the
 * package's /tmp: `chromium` beside the SwiftShader libraries it loads).
 * The package unpacks into `os.tmpdir()`, read from TMPDIR on every call,
 * so TMPDIR points at a fresh staging folder while it runs; this runs before
 * any test in the worker, so nothing else reads TMPDIR meanwhile.
 */
async function unpackInto(target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(`${target}.partial-`);
  const saved = process.env.TMPDIR;
  try {
    process.env.TMPDIR = staging;
    await sparticuz.executablePath();
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(staging, target);
  } catch (err) {
    // Another process unpacked the same version first: keep theirs.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'chromium'))) throw err;
  }
}

/** The Chromium to launch: MMU_CHROMIUM when set, else the npm one (unpacked on first use). */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumBinary> {
  const chosen = env[CHROMIUM_ENV];
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) throw new Error(`${CHROMIUM_ENV}=${chosen} does not exist: unset ${CHROMIUM_ENV} to use the Chromium that npm installed.`);
    return { executablePath: chosen, args: DESKTOP_ARGS, source: CHROMIUM_ENV };
  }
  const { root, version } = sparticuzPackage();
  const dir = join(dirname(dirname(root)), '.cache', `sparticuz-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpackInto(dir);
  return { executablePath: join(dir, 'chromium'), args: sparticuz.args, source: `npm @sparticuz/chromium ${version}` };
}

/** A launched browser and how to dispose of it. */
export interface LaunchedBrowser {
  binary: ChromiumBinary;
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch Chromium headless (playwright makes a fresh profile and removes it on close). */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const binary = await findChromium();
  const browser = await chromium.launch({ executablePath: binary.executablePath, args: binary.args, headless: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return {
    binary,
    browser,
    context,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}
