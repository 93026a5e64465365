/**
 * Semantic phase: what JSON Schema cannot say about a scenario — every name it uses exists and
 * every reference can be resolved. Runs only on data that passed the schema.
 * Order matters: topology first (nodes), then kickoffs (names), then steps (which use both),
 * then expectations (which may name flushes declared in steps).
 */
import type { ScenarioDoc, TablesDoc } from './doc.js';
import type { ScenarioError } from './errors.js';
import { makeContext, report, type SemanticContext } from './semantic-context.js';
import { checkKeys } from './keys/index.js';
import { checkExternalNodes } from './semantic-external.js';
import { checkKickoffs, checkStepStarts } from './semantic-kickoffs.js';
import { checkResults, checkTables, snapshotNames } from './semantic-expect.js';
import { checkSteps } from './semantic-steps.js';
import { checkSeeds, checkTopology } from './semantic-topology.js';
import type { OriginTree } from './origins.js';
import { LIMITS } from './vocabulary.js';
import { getDesignFacts } from './schema-validator.js';

export function checkSemantics(doc: ScenarioDoc, origins: OriginTree): ScenarioError[] {
  const ctx = makeContext(doc, origins, getDesignFacts());
  checkLimits(ctx);
  checkSeeds(ctx);
  checkTopology(ctx);
  checkExternalNodes(ctx);
  checkKickoffs(ctx);
  checkSteps(ctx);
  checkStepStarts(ctx);
  checkResults(ctx, ['expect', 'results'], doc.expect?.results);
  checkTables(ctx, ['expect', 'tables'], doc.expect?.tables, snapshotNames(ctx));
  // Same node → peer shape as tables: the same name checks apply.
  checkTables(ctx, ['expect', 'sessions'], doc.expect?.sessions as TablesDoc | undefined);
  // The optional top-level keys (keys/index.ts): designs, explore, …
  checkKeys(ctx);
  return ctx.errors;
}

/** The documented size limits (vocabulary.ts `LIMITS`). */
function checkLimits(ctx: SemanticContext): void {
  const nodes = Object.keys(ctx.doc.topology.nodes).length;
  if (nodes > LIMITS.nodes) report(ctx, ['topology', 'nodes'], `${nodes} nodes; a scenario may have at most ${LIMITS.nodes}`, true);
  const kickoffs = ctx.doc.kickoffs ?? [];
  if (kickoffs.length > LIMITS.kickoffs) report(ctx, ['kickoffs'], `${kickoffs.length} kickoffs; a scenario may have at most ${LIMITS.kickoffs}`, true);
  const sends = kickoffs.reduce((sum, k) => sum + (k.count ?? 1), 0);
  if (sends > LIMITS.sends) report(ctx, ['kickoffs'], `${sends} sends (the sum of the kickoffs' counts); a scenario may make at most ${LIMITS.sends}`, true);
}
