/**
 * What one optional top-level key of the scenario language is (`designs`, `explore`, …), written
 * once in its own module (keys/<key>.ts) and assembled by keys/index.ts, as steps/ does for step
 * kinds: its schema fragment, its semantic check, and its normalisation to the Plan field of the
 * same name (which is also that field's type: plan.ts reads the registry's types). The
 * document type `ScenarioDoc` holds only the core keys: a key's body reaches its own module.
 * The core keys every scenario has (id, topology, kickoffs, steps, expect, options) stay in
 * schema-source.ts and normalise.ts: they are the language's frame, not growing words.
 */
import type { ScenarioDoc } from '../doc.js';
import type { SemanticContext } from '../semantic-context.js';
import type { SchemaFragment } from '../vocabulary.js';

export interface KeyDefinition<Body, Field> {
  /** The key's JSON Schema fragment (a top-level property), its description in it. */
  schema: SchemaFragment;
  /** Reports what is wrong with the key (and what it implies for the rest of the document);
   * runs on every document that passed the schema, with the key (`body`) or without it. */
  check(body: Body | undefined, ctx: SemanticContext): void;
  /** The key's body → its Plan field, every default filled in; only when the key is written, so
   * plans of scenarios without it keep their shape. */
  normalise(body: Body, doc: ScenarioDoc): Field;
}
