/** `expect`: check now (after the previous step) results settled so far and table shapes. */
import type { ResultDoc, TablesDoc } from '../doc.js';
import { makeResults, makeTables } from '../normalise-expect.js';
import { checkResults, checkSnapshotName, checkTables, snapshotNames } from '../semantic-expect.js';
import { resultsDoc, tablesDoc } from '../write-expect.js';
import { defineStep } from './definition.js';

type Body = { name?: string; results?: Record<string, ResultDoc>; tables?: TablesDoc };

export const expect = defineStep({
  schema: {
    type: 'object',
    additionalProperties: false,
    description: 'Check now (after the previous step): results settled so far and table shapes.',
    properties: {
      name: {
        $ref: '#/definitions/name',
        description: 'Names this step\'s table snapshot (of every node), so a later table row can compare with it (same: name).',
      },
      results: {
        $ref: '#/definitions/results',
      },
      tables: {
        $ref: '#/definitions/tables',
      },
    },
  },
  /** `name`: this step's table snapshot (of every node) can be compared with by later rows (`same`). */
  normalise: (e: Body) => ({
    results: makeResults(e.results),
    tables: makeTables(e.tables),
    ...(e.name !== undefined ? { name: e.name } : {}),
  }),
  check: (e, { ctx, path, index }) => {
    checkResults(ctx, [...path, 'results'], e.results);
    checkTables(ctx, [...path, 'tables'], e.tables, snapshotNames(ctx, index));
    checkSnapshotName(ctx, [...path, 'name'], e.name, index);
  },
  effect: async (step, sim) => {
    // A named step is a baseline later rows compare with (`same`), so every node is snapshotted.
    const nodes = step.tables.length > 0 && step.name === undefined ? [...new Set(step.tables.map((t) => t.node))] : undefined;
    await sim.snapshotTables(`step ${step.index}`, nodes);
  },
  write: (s) => ({ ...(s.name !== undefined ? { name: s.name } : {}), ...(s.results.length ? { results: resultsDoc(s.results) } : {}), ...(s.tables.length ? { tables: tablesDoc(s.tables) } : {}) }),
});
