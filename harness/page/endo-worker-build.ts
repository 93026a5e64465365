/**
 * Builds `endo-worker.js` next to the page, as a Vite build of its own, after the page's build.
 * Why separate: the endo worker must resolve every @endo/* package and `ses` — its own imports,
 * the harness host's and apps', endo's — to the checkout's copies, while the page and reference
 * workers keep the published ones. Two builds cannot mix them; one build with conditional
 * aliases could. Without OCAPN_ENDO_PATH the same file is a stub that names the variable.
 * Randomness endo draws (`@noble/hashes/crypto`, `node:crypto`) resolves to the seeded module.
 */
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { findEndoCheckouts } from '../drivers/endo/checkout.js';
import { ENDO_DRIVER_NAME, endoWorkerFile } from '../drivers/endo/info.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SEEDED_CRYPTO = here('../drivers/endo/seeded-crypto.ts');
const RANDOMNESS = new Set(['@noble/hashes/crypto', '@noble/hashes/crypto.js', 'node:crypto', 'crypto']);

function isEndoPackage(source: string): boolean {
  return source.startsWith('@endo/') || source === 'ses' || source.startsWith('ses/');
}

/** Resolves @endo/* and ses imported from outside the checkout as if imported from its root. */
function checkoutResolution(root: string): Plugin {
  const realRoot = realpathSync(root);
  const anchor = join(realRoot, 'package.json');
  return {
    name: 'ocapn-endo-checkout',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (RANDOMNESS.has(source)) return SEEDED_CRYPTO;
      if (!isEndoPackage(source) || !importer) return null;
      if (importer.startsWith(realRoot) || importer.startsWith(root)) return null;
      const resolved = await this.resolve(source, anchor, { skipSelf: true });
      if (!resolved) this.error(`endo worker: ${source} does not resolve from ${root}`);
      return resolved;
    },
  };
}

async function buildOne(outDir: string, file: string, root: string | undefined): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: here('.'),
    plugins: root !== undefined ? [checkoutResolution(root)] : [],
    resolve: { preserveSymlinks: false },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      copyPublicDir: false,
      rollupOptions: {
        input: { [file.replace(/\.js$/, '')]: here(root !== undefined ? './endo-worker.ts' : './endo-worker-missing.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
}

/**
 * One bundle per usable checkout (`endo-worker-<commit>.js`, its column's; info.ts
 * endoWorkerFile), plus `endo-worker.js` for the bare `endo` column: the first checkout's
 * build when there is one, else the stub that names the variable.
 */
export async function buildEndoWorker(outDir: string): Promise<void> {
  const usable = findEndoCheckouts().filter((c) => !c.problem);
  await buildOne(outDir, endoWorkerFile(ENDO_DRIVER_NAME), usable[0]?.root);
  for (const checkout of usable) {
    if (checkout.driver !== ENDO_DRIVER_NAME) await buildOne(outDir, endoWorkerFile(checkout.driver), checkout.root);
  }
}

/** The page config's hook: the endo worker is built whenever the page is, next to it (also when
 * the build's outDir is overridden, as the CLI's private builds and the sharding test do). */
export function endoWorkerPlugin(): Plugin {
  let outDir: string | undefined;
  return {
    name: 'ocapn-endo-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      if (outDir === undefined) throw new Error('ocapn-endo-worker: the build config was never resolved');
      await buildEndoWorker(outDir);
    },
  };
}
