/**
 * The flush designs as the scenario layer knows them: by the facts each declares
 * (harness/ocapn/design-facts.ts), never by name. The table comes from the generated schema
 * (`x-facts` on its flushDesign definition, getDesignFacts in schema-validator.ts), which
 * harness/tools/schemas.ts fills from the node's design registry.
 * Guarantees: a name missing from the table has no facts (callers treat it as unknown, which
 * the schema's enum has already reported).
 */
import type { FlushDesignFacts } from '../ocapn/design-facts.js';

export type DesignFactsTable = Readonly<Record<string, FlushDesignFacts>>;

/** The designs whose facts satisfy `test`, in registry order. */
export function designsWhere(table: DesignFactsTable, test: (facts: FlushDesignFacts) => boolean): string[] {
  return Object.entries(table)
    .filter(([, facts]) => test(facts))
    .map(([name]) => name);
}

/** The design a scenario without options.flush runs under. */
export function defaultDesign(table: DesignFactsTable, aStepFlushes: boolean): string {
  const when = aStepFlushes ? 'a-step-flushes' : 'no-step-flushes';
  const [name, ...more] = designsWhere(table, (f) => f.defaultWhen === when);
  if (name === undefined || more.length > 0) throw new Error(`exactly one flush design must be the default when ${when.replace(/-/g, ' ')} (got ${[name, ...more].filter(Boolean).join(', ') || 'no design'})`);
  return name;
}
