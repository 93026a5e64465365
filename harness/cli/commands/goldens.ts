/**
 * `goldens prune [--dry-run]`: lists and removes golden transcripts (fixtures/golden/) that no
 * conformance case produces any more — a scenario renamed or deleted, a seed dropped, a driver
 * gone. The produced set is the catalog's conforming, non-skipped cases of scenarios with
 * `expect.golden` (the same cases the `conformance` project compares), plus the cases skipped
 * only because this machine lacks an external implementation (no OCAPN_ENDO_PATH): their goldens
 * are real, just not reproducible here — for endo, the goldens of every endo commit.
 * Refuses to prune while a scenario file does not load: its goldens would look stale.
 */
import { goldenPath, listGoldens, pruneGoldens } from '../../transcript/golden.js';
import { isEndoDriver } from '../../drivers/endo/info.js';
import { loadCatalog } from '../../case/catalog.js';
import { isEnvironmentSkip } from '../../case/driver-skips.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance goldens prune [--dry-run]';

/**
 * endo goldens are recorded per endo commit (`endo@<commit>-seed-N.json`); a machine has only
 * some of those checkouts, so every endo commit's golden of a produced endo case is kept.
 */
function endoGoldensOf(id: string, seed: number): string[] {
  const dir = goldenPath(id, 'endo', seed).replace(/[^/]+$/, '');
  return listGoldens().filter((p) => p.startsWith(dir) && new RegExp(`/endo(@[0-9a-f]+)?-seed-${seed}\\.json$`).test(p));
}

export function producedGoldens(): { produced: string[]; broken: string[] } {
  const catalog = loadCatalog();
  const produced = catalog.flatMap((e) =>
    e.plan?.expect.golden
      ? e.cases
          .filter((c) => !c.skip || isEnvironmentSkip(c.skip))
          .flatMap((c) => [goldenPath(c.plan.id, c.driver, c.seed), ...(isEndoDriver(c.driver) ? endoGoldensOf(c.plan.id, c.seed) : [])])
      : [],
  );
  return { produced, broken: catalog.filter((e) => e.errors !== undefined).map((e) => e.file) };
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  const unknown = rest.filter((a) => a !== '--dry-run');
  if (sub !== 'prune' || unknown.length > 0) {
    io.stderr(`goldens: ${sub === undefined ? 'name a subcommand' : sub !== 'prune' ? `unknown subcommand "${sub}"` : `unknown option ${unknown[0]}`}\n${USAGE}`);
    return 2;
  }
  const dryRun = rest.includes('--dry-run');
  const { produced, broken } = producedGoldens();
  if (broken.length > 0) {
    io.stderr(`goldens prune: not pruning while these scenarios do not load (their goldens would look stale):\n${broken.join('\n')}`);
    return 1;
  }
  const stale = pruneGoldens(produced, { dryRun });
  for (const p of stale) io.stdout(`${dryRun ? 'stale' : 'removed'} ${p}`);
  io.stdout(`${stale.length} stale golden(s)${dryRun ? ' (dry run: nothing removed)' : stale.length ? ' removed' : ''}; ${produced.length} produced by the pack`);
  return 0;
}
