/**
 * A headless browser session for the CLI (`run`, `explore`): builds the harness page with Vite,
 * serves the bundle with `vite preview` on a free 127.0.0.1 port (COOP/COEP from the page's Vite
 * config) and opens it in Chromium through playwright-core. The Playwright test runner does the
 * same through playwright.config.ts's webServer; this is its stand-alone twin for one-off runs.
 */
import { existsSync } from 'node:fs';
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

export async function openBrowserSession(options: { rebuild?: boolean } = {}): Promise<BrowserSession> {
  if (options.rebuild !== false || !existsSync('dist/page/index.html')) {
    await build({ configFile: VITE_CONFIG, logLevel: 'warn' });
  }
  const server: PreviewServer = await preview({
    configFile: VITE_CONFIG,
    logLevel: 'warn',
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report a TCP address');
  const url = `http://127.0.0.1:${address.port}/`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
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
    },
  };
}
