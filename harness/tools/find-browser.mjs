#!/usr/bin/env node
/**
 * Chromium resolution for Playwright, run once at install time (npm postinstall) and reused by
 * playwright.config.ts through `.browser.json`.
 * Order: CHROMIUM_PATH; Playwright's own Chromium; a system Chromium; as root on Debian/Ubuntu,
 * `apt-get install chromium`; else a clear message naming what to install.
 * Why here and not in the config: installing a package takes ~30 s and must never happen in the
 * middle of a test run, and Playwright cannot download its own browser on our machines.
 */
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const browserFile = path.join(root, '.browser.json');

/** Real binaries first: the /usr/bin/chromium wrapper prints a harmless shell error. */
export const systemCandidates = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
];

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Pure decision, exported for the unit test: where does the browser come from? */
export function chooseBrowser({ env, exists, playwrightPath, chromiumOnPath }) {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) {
      return { error: `CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist` };
    }
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  if (playwrightPath) return { executablePath: undefined, source: 'playwright' };
  for (const candidate of systemCandidates) {
    if (exists(candidate)) return { executablePath: candidate, source: 'system' };
  }
  if (chromiumOnPath) return { executablePath: chromiumOnPath, source: 'system' };
  return undefined;
}

function isDebianRoot() {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && !!onPath('apt-get');
}

const missingMessage = [
  'ocapn-conformance: no Chromium found for the browser tests.',
  'Install one of:',
  '  - Debian/Ubuntu: sudo apt-get install chromium   (binary at /usr/lib/chromium/chromium)',
  '  - or set CHROMIUM_PATH=/path/to/chrome-or-chromium',
  'Playwright\'s own download (npx playwright install chromium) works too where the network allows it.',
].join('\n');

export async function resolveBrowser({ install }) {
  const probe = async () =>
    chooseBrowser({
      env: process.env,
      exists: existsSync,
      playwrightPath: await playwrightChromium(),
      chromiumOnPath: onPath('chromium') ?? onPath('chromium-browser'),
    });
  let found = await probe();
  if (!found && install && isDebianRoot()) {
    console.log('ocapn-conformance: installing Debian package "chromium" (apt-get, ~30 s)...');
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    found = await probe();
  }
  return found;
}

export function readBrowserFile() {
  try {
    return JSON.parse(readFileSync(browserFile, 'utf8'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = await resolveBrowser({ install: process.env.OCAPN_NO_BROWSER_INSTALL !== '1' });
  if (!found || found.error) {
    // Do not fail `npm install`: Node-only commands (decode, check) work without a browser.
    console.warn(found?.error ?? missingMessage);
    process.exitCode = 0;
  } else {
    writeFileSync(browserFile, JSON.stringify(found, null, 2) + '\n');
    console.log(`ocapn-conformance: browser from ${found.source}: ${found.executablePath ?? '(playwright)'}`);
  }
}
