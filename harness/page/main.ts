/**
 * The harness page: owns the network and the virtual clock, starts one Web Worker per node, and
 * exposes one small API on `window` for Playwright. No UI beyond a status line.
 */
import { harnessApi } from './harness-api.js';
import { benchApi } from './bench.js';
import { relaySmoke } from './smoke.js';

const api = { ...harnessApi, ...benchApi, relaySmoke };

declare global {
  interface Window {
    ocapnHarness: typeof api;
  }
}

window.ocapnHarness = api;
document.getElementById('status')!.textContent = 'ready';
