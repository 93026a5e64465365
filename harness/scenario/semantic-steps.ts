/**
 * Semantic checks of steps: each step's own module checks it (steps/<kind>.ts) against a small
 * model of the run replayed so far (steps/model.ts), so an impossible sequence is reported where
 * it is written. Declarations come first (a wait or expect may name a flush written later).
 */
import { getStepAction } from './doc.js';
import type { SemanticContext } from './semantic-context.js';
import type { StepCheck } from './steps/definition.js';
import { getStep, isStepKind } from './steps/index.js';
import { makeStepModel } from './steps/model.js';

export function checkSteps(ctx: SemanticContext): void {
  const steps = ctx.doc.steps ?? [];
  const model = makeStepModel(ctx.nodeNames);
  const each = (visit: (body: never, at: StepCheck, kind: string) => void) =>
    steps.forEach((step, index) => {
      const kind = getStepAction(step);
      if (isStepKind(kind)) visit(step[kind] as never, { ctx, model, path: ['steps', index, kind], index }, kind);
    });
  each((body, at, kind) => getStep(kind as never).declare?.(body, at));
  each((body, at, kind) => getStep(kind as never).check(body, at));
}
