/**
 * Gathers every vocabulary from its one source and builds the JSON Schemas under
 * fixtures/schemas/ that are generated (today the scenario schema). `npm run schema` writes them
 * (write-schemas.ts); a unit test fails when the committed files differ from what this builds.
 * Why here: the registries live in different layers (operations in ocapn/, marks in ocapn/ and
 * sim/worker-side/apps/, checks in checks/, drivers in drivers/), which the scenario layer may not import;
 * the schema is how their names reach `check` and the editor.
 */
import { checkers } from '../checks/index.js';
import { drivers } from '../drivers/index.js';
import { FLUSH_MARKS } from '../ocapn/flush/marks.js';
import { TURN_MARKS } from '../ocapn/turns.js';
import { FLUSH_DESIGNS } from '../ocapn/flush/designs.js';
import { OPERATION_LABELS } from '../ocapn/wire/op-labels.js';
import { FEATURES } from '../scenario/features.js';
import { buildScenarioSchema, type ScenarioVocabularies } from '../scenario/schema-source.js';
import { APP_MARKS, APPS } from '../sim/worker-side/apps/catalog.js';

export function getVocabularies(): ScenarioVocabularies {
  return {
    features: FEATURES,
    checks: Object.fromEntries(checkers.map((c) => [c.name, c.describe])),
    operations: OPERATION_LABELS,
    marks: { ...FLUSH_MARKS, ...TURN_MARKS, ...APP_MARKS },
    drivers: Object.fromEntries(drivers.map((d) => [d.name, d.conforming ? 'a conforming driver' : `mutant: ${d.defect ?? 'a planted defect'}`])),
    apps: APPS,
    flushDesigns: Object.fromEntries(Object.entries(FLUSH_DESIGNS).map(([name, design]) => [name, { doc: design.doc, facts: design.facts }])),
  };
}

/** Repository-relative path → file text (two-space JSON and a final newline, as committed). */
export function buildSchemaFiles(): Record<string, string> {
  return {
    'fixtures/schemas/scenario.schema.json': `${JSON.stringify(buildScenarioSchema(getVocabularies()), null, 2)}\n`,
  };
}
