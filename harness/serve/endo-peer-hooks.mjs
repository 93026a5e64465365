// Module resolution hooks for the endo TCP peer (endo-peer.ts): every `@endo/*` and `ses` import
// from outside the endo checkout resolves as if made from the checkout's root, so the harness's
// apps and endo's own code share ONE copy of each endo package (two copies of pass-style do not
// recognise each other's passables). Same rule as the endo worker's bundle (harness/page/endo-worker-build.ts).
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let root;
let anchor;

export function initialize(data) {
  root = realpathSync(data.root);
  anchor = pathToFileURL(join(root, 'package.json')).href;
}

const isEndoPackage = (specifier) => specifier.startsWith('@endo/') || specifier === 'ses' || specifier.startsWith('ses/');

const insideCheckout = (url) => {
  if (!url || !url.startsWith('file:')) return false;
  try {
    return realpathSync(fileURLToPath(url)).startsWith(root);
  } catch {
    return fileURLToPath(url).startsWith(root);
  }
};

export async function resolve(specifier, context, next) {
  if (root && isEndoPackage(specifier) && !insideCheckout(context.parentURL)) return next(specifier, { ...context, parentURL: anchor });
  return next(specifier, context);
}
