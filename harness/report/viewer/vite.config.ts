/**
 * Vite build of the replay viewer: one self-contained script (IIFE, no chunks, no imports) at
 * dist/viewer/viewer.js, which page.ts inlines into a static HTML file with the transcript, so a
 * viewer page opens from disk (file://) without a server.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export const VIEWER_OUT_DIR = fileURLToPath(new URL('../../../dist/viewer', import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: VIEWER_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: fileURLToPath(new URL('./app.ts', import.meta.url)),
      formats: ['iife'],
      name: 'ocapnViewer',
      fileName: () => 'viewer.js',
    },
  },
});
