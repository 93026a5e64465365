// `node --import ./harness/serve/endo-peer-loader.mjs harness/serve/endo-peer.ts --endo <checkout> …`:
// registers tsx (the harness is TypeScript) and then the checkout resolution hooks, which run
// first (the last registered hook is asked first). The checkout comes from `--endo <folder>` on
// the command line, so two checkouts can run side by side; nothing else is read here.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

const at = process.argv.indexOf('--endo');
const root = at > 0 ? process.argv[at + 1] : undefined;
if (!root) {
  process.stderr.write('endo tcp peer: name the endo checkout with --endo <folder> (a folder from which @endo/ocapn resolves)\n');
  process.exit(2);
}
registerTsx();
register('./endo-peer-hooks.mjs', import.meta.url, { data: { root } });
