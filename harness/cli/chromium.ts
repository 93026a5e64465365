/**
 * Which Chromium to launch and how, shared by playwright.config.ts (the test runner) and
 * browser-session.ts (the CLI's stand-alone runs). The choice itself is made once at install
 * time by harness/tools/find-browser.mjs and recorded in `.browser.json`.
 */
import { existsSync, readFileSync } from 'node:fs';

/** The flags our machines need: no network beyond package registries, run as root (sandboxed CI
 * containers); `--expose-gc` gives workers `gc()`, which the endo driver's release forces (endo
 * drops an import only when the engine collects it). No other node calls it. */
export const CHROMIUM_ARGS = [
  '--js-flags=--expose-gc',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `undefined` means Playwright's own Chromium. */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return (JSON.parse(readFileSync('.browser.json', 'utf8')) as { executablePath?: string }).executablePath;
  } catch {
    // No install-time choice recorded (e.g. `npm install --ignore-scripts`): look once more.
    return ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
  }
}
