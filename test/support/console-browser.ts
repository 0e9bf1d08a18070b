import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import type { RunningAxis } from './running-axis';
import { testRunDir } from './test-run';

const ROOT = resolve(__dirname, '../..');
/** Screenshots of the console tests, kept after the run (CI collects test-output/). */
export const CONSOLE_SCREENSHOT_DIR = join(ROOT, 'test-output/console');

let built: Promise<string> | undefined;

/**
 * The console built from the current sources, once per test run: each worker builds into its
 * own folder and renames it into place; a worker that loses the race uses the winner's build.
 */
export function builtConsoleDir(): Promise<string> {
  built ??= (async () => {
    const target = join(testRunDir(), 'console');
    if (existsSync(join(target, 'index.html'))) return target;
    const scratch = `${target}-${process.pid}`;
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/console/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, env: { ...process.env, CONSOLE_OUT_DIR: scratch } },
    );
    try {
      renameSync(scratch, target);
    } catch {
      rmSync(scratch, { recursive: true, force: true });
    }
    return target;
  })();
  return built;
}

/**
 * Debian's Chromium, headless, with everything that phones home switched off (the test network
 * is closed; without these flags Chromium floods it). Playwright gives each launch a fresh,
 * temporary profile directory.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.DOCAXIS_CHROMIUM ?? '/usr/bin/chromium',
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

/**
 * How long a page action or wait may take: the pages wait on the gateway, which verifies
 * signatures and renders PDF reports while CI loads the machine (a verification alone has taken
 * 16 s there), so Playwright's 30 s default raced them. A wait that succeeds costs nothing more.
 */
const PAGE_TIMEOUT_MS = 90_000;

/**
 * A browser context that presents `credential` as its TLS client certificate to the gateway,
 * as a clerk's or auditor's browser would. The gateway's certificate is from the TEST CA.
 */
export async function contextAs(
  browser: Browser,
  axis: RunningAxis,
  credential: DevPkiCredential,
  language: 'vi' | 'en' = 'vi',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    locale: language === 'vi' ? 'vi-VN' : 'en-GB',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    clientCertificates: [
      {
        origin: axis.gatewayUrl,
        cert: Buffer.from(credential.certPem),
        key: Buffer.from(credential.keyPem),
      },
    ],
  });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return context;
}

/** Saves a full-page screenshot as test-output/console/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(CONSOLE_SCREENSHOT_DIR, { recursive: true });
  const path = join(CONSOLE_SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
