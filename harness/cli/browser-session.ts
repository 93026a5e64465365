/**
 * A headless browser session for the CLI (`run`, `explore`): builds the harness page with Vite,
 * serves the bundle with `vite preview` on a free 127.0.0.1 port (COOP/COEP from the page's Vite
 * config) and opens it in Chromium through playwright-core. The Playwright test runner does the
 * same through playwright.config.ts's webServer; this is its stand-alone twin for one-off runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

const VITE_CONFIG = 'harness/page/vite.config.ts';

/** The Chromium flags our machines need (no network beyond package registries; toolchain.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return (JSON.parse(readFileSync('.browser.json', 'utf8')) as { executablePath?: string }).executablePath;
  } catch {
    return ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
  }
}

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
