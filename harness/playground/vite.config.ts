/**
 * Vite build of the playground page (`ocapn-conformance playground`): the same family as the
 * harness page (its node workers, built from harness/page/worker.ts) and the replay viewer (its
 * model and drawing), one static folder served by the CLI with everything inlined or local, so
 * the page needs no network beyond its own 127.0.0.1 server.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export const PLAYGROUND_OUT_DIR = fileURLToPath(new URL('../../dist/playground', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: PLAYGROUND_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
});
