/** Finds scenario files: every `*.yaml`/`*.yml` below the given paths, sorted, `_`-prefixed skipped. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function findScenarioFiles(paths: string[]): string[] {
  const found: string[] = [];
  const walk = (p: string): void => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (!entry.startsWith('_') && !entry.startsWith('.')) walk(path.join(p, entry));
      }
    } else if (/\.ya?ml$/.test(p)) {
      found.push(p);
    }
  };
  paths.forEach(walk);
  return [...new Set(found)].sort();
}
