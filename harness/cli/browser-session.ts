/**
 * A headless browser session for the CLI (`run`, `explore`): builds the harness page with Vite,
 * serves the bundle with `vite preview` on a free 127.0.0.1 port (COOP/COEP from the page's Vite
 * config) and opens it in Chromium through playwright-core. The Playwright test runner does the
 * same through playwright.config.ts's webServer; this is its stand-alone twin for one-off runs.
 * Each session builds into a private temporary folder: a test run or another session rebuilding
 * dist/page must never pull the bundle from under a long exploration (its workers load the
 * bundle again for every node they start).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

const VITE_CONFIG = 'harness/page/vite.config.ts';

export interface BrowserSession {
  page: Page;
  /** Opens a fresh page on the harness (one per case keeps cases independent). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** `rebuild: false` serves the last build in dist/page as it is (built first when there is none). */
export async function openBrowserSession(options: { rebuild?: boolean } = {}): Promise<BrowserSession> {
  let privateOut: string | undefined;
  if (options.rebuild !== false) {
    privateOut = mkdtempSync(path.join(tmpdir(), 'ocapn-page-'));
    await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: privateOut } });
  } else if (!existsSync('dist/page/index.html')) {
    await build({ configFile: VITE_CONFIG, logLevel: 'warn' });
  }
  const removeBuild = () => {
    if (privateOut) rmSync(privateOut, { recursive: true, force: true });
  };
  let server: PreviewServer;
  try {
    server = await preview({
      configFile: VITE_CONFIG,
      logLevel: 'warn',
      preview: { port: 0, strictPort: false, host: '127.0.0.1' },
      ...(privateOut ? { build: { outDir: privateOut } } : {}),
    });
  } catch (error) {
    removeBuild();
    throw error;
  }
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report a TCP address');
  const url = `http://127.0.0.1:${address.port}/`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    removeBuild();
    throw new Error(
      `could not start Chromium (${(error as Error).message.split('\n')[0]}); install Debian's "chromium" or set CHROMIUM_PATH`,
      { cause: error },
    );
  }
  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(url);
    return page;
  };
  const page = await newPage();
  return {
    page,
    newPage,
    close: async () => {
      await browser.close();
      await server.close();
      removeBuild();
    },
  };
}
