/**
 * `goblins setup <folder> [--mirror URI]`: Guile Goblins into a folder (drivers/goblins/setup.ts),
 * then a first load of Goblins from it, which compiles its modules into the folder's cache
 * (about a minute once). Afterwards OCAPN_GOBLINS_PATH=<folder> enables the goblins driver.
 */
import { guileVersion, goblinsInstallAt, probeGoblinsLoads } from '../../drivers/goblins/install.js';
import { GOBLINS_PATH_VARIABLE } from '../../drivers/goblins/info.js';
import { setupGoblins } from '../../drivers/goblins/setup.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance goblins setup <folder> [--mirror URI]';

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const [sub, folder, ...rest] = argv;
  if (sub !== 'setup' || !folder || folder.startsWith('-')) {
    io.stderr(USAGE);
    return 2;
  }
  let mirror: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--mirror' && rest[i + 1]) mirror = rest[++i];
    else {
      io.stderr(`goblins setup: unknown option ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  const t0 = performance.now();
  const code = setupGoblins(folder, { info: io.stdout, error: io.stderr }, mirror);
  if (code !== 0) return code;
  if (!guileVersion()) {
    io.stderr('goblins setup: the packages are in place, but there is no guile on PATH: install Guile 3.0 (Debian: apt-get install guile-3.0), then run setup again to compile Goblins');
    return 1;
  }
  io.stdout('goblins setup: loading Goblins once (compiles its modules into the folder\'s cache)…');
  const probe = probeGoblinsLoads(goblinsInstallAt(folder));
  if (!probe.loads) {
    io.stderr(`goblins setup: ${probe.detail}`);
    return 1;
  }
  io.stdout(`goblins setup: done in ${Math.round((performance.now() - t0) / 1000)} s (${probe.detail}); use it with ${GOBLINS_PATH_VARIABLE}=${folder}`);
  return 0;
}
