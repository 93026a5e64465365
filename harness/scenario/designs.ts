/**
 * One plan per op:flush design: a scenario that lists `designs:` runs once under each, with that
 * design as every node's `flush` option and that design's expectations (`expect` merged with
 * `expect.byDesign.<design>`, normalise.ts). Each design's plan is a plan like any other, with
 * the id `<scenario>@<design>`, so test titles, goldens, the matrix and `run` name scenario ×
 * design without knowing about designs.
 * Guarantees: a plan without `designs` comes back alone and unchanged; the design plans keep
 * the scenario's seeds, topology, kickoffs and steps and carry no `designs` themselves.
 */
import { FEATURES } from './features.js';
import type { Plan } from './plan.js';

export const DESIGN_SEPARATOR = '@';

export function designPlanId(scenario: string, design: string): string {
  return `${scenario}${DESIGN_SEPARATOR}${design}`;
}

export function designPlans(plan: Plan): Plan[] {
  if (!plan.designs) return [plan];
  const { designs: _designs, ...base } = plan;
  return plan.designs.map(({ name, expect }) => withDesign(base, name, expect));
}

/**
 * `plan` under one design: that design's flush option, feature and id, and `expect` (the plan's
 * own by default — what `compare-flush` uses for a scenario that lists no designs).
 */
export function withDesign(plan: Plan, name: string, expect: Plan['expect'] = plan.expect): Plan {
  const { designs: _designs, ...base } = plan;
  // The design's own feature (when registered) replaces any other design's, so a driver that
  // lacks one design skips only that design's cases.
  const feature = `op:flush/${name}`;
  const features = [...base.features.filter((f) => !f.startsWith('op:flush/')), ...(feature in FEATURES ? [feature] : [])];
  return {
    ...base,
    id: designPlanId(plan.id, name),
    features,
    options: { ...base.options, flush: name },
    design: { name, scenario: plan.id },
    expect,
  };
}
