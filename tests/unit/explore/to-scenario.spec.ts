import { expect, test } from '@playwright/test';
import { loadCatalog } from '../../../harness/case/catalog.js';
import { planToScenarioYaml, writtenBackId } from '../../../harness/explore/to-scenario.js';
import { parseScenario } from '../../../harness/scenario/load.js';
import type { Plan } from '../../../harness/scenario/plan.js';

/** A plan without provenance: where it was read from is all a written-back file may change. */
function essence(plan: Plan): unknown {
  return JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'where' || key === 'source' ? undefined : value)));
}

test.describe('a plan written back as a scenario', () => {
  for (const entry of loadCatalog()) {
    const design = entry.plan?.design;
    test(`${entry.file}${design ? ` (design ${design.name})` : ''} loads back to the same plan`, () => {
      expect(entry.plan, entry.errors).toBeDefined();
      const text = planToScenarioYaml(entry.plan!, ['written back']);
      const loaded = parseScenario(text, 'reports/explore/roundtrip.yaml');
      expect(loaded.errors?.map((e) => e.message) ?? [], text).toEqual([]);
      // One design's plan comes back as a scenario of its own that speaks that design.
      const { design: _design, ...own } = entry.plan!;
      const expected = design ? { ...own, id: writtenBackId(entry.plan!) } : entry.plan!;
      expect(essence(loaded.plan!)).toEqual(essence(expected));
    });
  }

  test('a changed plan stays changed (the writer does not fall back to defaults)', () => {
    const entry = loadCatalog().find((e) => e.plan?.id === 'fixed-route-four-hops')!;
    const plan = structuredClone(entry.plan!);
    plan.kickoffs[0].count = 2;
    plan.topology.links[0].latency = { kind: 'fixed', ms: 7 };
    const back = parseScenario(planToScenarioYaml(plan), 'x.yaml').plan!;
    expect(back.kickoffs[0].count).toBe(2);
    expect(back.topology.links[0].latency).toEqual({ kind: 'fixed', ms: 7 });
    expect(back.topology.links[1].latency).toEqual(entry.plan!.topology.links[1].latency);
  });
});
