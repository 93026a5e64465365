/**
 * Vite build of the harness page and its node workers. The preview server binds 127.0.0.1 on a
 * fixed, unusual port and sends COOP/COEP so the page is crossOriginIsolated (5 µs timers,
 * SharedArrayBuffer). After the page, endo-worker.js is built on its own
 * (endo-worker-build.ts): with OCAPN_ENDO_PATH from the endo checkout, else a stub.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { endoWorkerPlugin } from './endo-worker-build.js';

const OUT_DIR = fileURLToPath(new URL('../../dist/page', import.meta.url));
const PAGE_PORT = Number(process.env.OCAPN_PAGE_PORT ?? 47613);
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  plugins: [endoWorkerPlugin()],
  server: { host: '127.0.0.1', port: PAGE_PORT, strictPort: true, headers: isolation },
  preview: { host: '127.0.0.1', port: PAGE_PORT, strictPort: true, headers: isolation },
});
