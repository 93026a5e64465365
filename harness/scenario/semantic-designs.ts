/**
 * Semantic checks of `designs:` and `expect.byDesign` (what the schema cannot say): byDesign
 * names only designs the scenario lists, each design's expectations name kickoffs, nodes and
 * snapshots that exist (as the common ones must), a design does not both name a check and
 * expect it violated, and the design list owns options.flush.
 */
import type { ExpectDoc, SometimesDoc, TablesDoc } from './doc.js';
import { mergeExpect } from './normalise-expect.js';
import { report, type Path, type SemanticContext } from './semantic-context.js';
import { checkResults, checkTables, snapshotNames } from './semantic-expect.js';
import { didYouMean } from './suggest.js';
import { defaultDesign, designsWhere } from './design-facts.js';

/** Each sometimes entry has exactly one form (mark, frame or violated). */
export function checkSometimes(ctx: SemanticContext, path: Path, entries: readonly SometimesDoc[] | undefined): void {
  (entries ?? []).forEach((entry, index) => {
    if (typeof entry === 'string') return;
    const forms = (['mark', 'frame', 'violated'] as const).filter((k) => entry[k] !== undefined);
    if (forms.length !== 1) report(ctx, [...path, index], `needs exactly one of mark, frame, violated (got ${forms.length ? forms.join(', ') : 'none'})`);
  });
}

/** A check the design expects violated must not also be one it requires to hold. */
function checkViolatedNotRequired(ctx: SemanticContext, path: Path, e: ExpectDoc, design: string | undefined): void {
  const named = Array.isArray(e.checks) ? e.checks : [];
  (e.sometimes ?? []).forEach((s) => {
    if (typeof s === 'string' || s.violated === undefined || !named.includes(s.violated)) return;
    const under = design ? ` under ${design}` : '';
    report(ctx, path, `${s.violated} is expected violated in some seed${under} and also named in checks; drop it from that design's checks`);
  });
}

/**
 * Strict forwarding is a rule of the fenced shortening designs (a design's `fenced` fact): with
 * handoffs: proxy nothing is shortened, and under a design that builds no fence nothing holds
 * calls back, so the option would be silently meaningless — refused instead.
 */
function checkStrictForwarding(ctx: SemanticContext, listed: readonly string[] | undefined): void {
  const { doc } = ctx;
  if (doc.options?.strictForwarding !== true) return;
  const path: Path = ['options', 'strictForwarding'];
  if (doc.options.handoffs !== 'shorten') {
    report(ctx, path, 'strict forwarding is a rule of promise shortening; set options.handoffs: shorten, or drop strictForwarding');
    return;
  }
  const fenced = designsWhere(ctx.designFacts, (f) => f.fenced);
  const designs = listed ?? [doc.options.flush ?? defaultDesign(ctx.designFacts, (doc.steps ?? []).some(isFlushStep))];
  const unfenced = designs.filter((d) => !fenced.includes(d));
  if (unfenced.length > 0) {
    const where = listed ? 'designs' : 'options.flush';
    report(ctx, path, `strict forwarding needs a fenced design (${fenced.join(', ')}); ${unfenced.join(', ')} builds no fence for it to keep calls behind — drop ${unfenced.join(', ')} from ${where}, or drop strictForwarding`);
  }
}

/** A step document that flushes (steps are checked as written: any entry may be malformed). */
function isFlushStep(step: unknown): boolean {
  return step !== null && typeof step === 'object' && (step as { flush?: unknown }).flush !== undefined;
}

/** `listed`: the scenario's `designs:` (keys/designs.ts), if it has one. */
export function checkDesigns(listed: readonly string[] | undefined, ctx: SemanticContext): void {
  const { doc } = ctx;
  const designs = listed ?? [];
  const byDesign = doc.expect?.byDesign;
  if (listed && doc.options?.flush !== undefined) {
    report(ctx, ['options', 'flush'], `designs: sets the flush design of each case; drop options.flush (designs: ${designs.join(', ')})`);
  }
  if (byDesign && !listed) report(ctx, ['expect', 'byDesign'], 'byDesign needs designs: at the top of the scenario (the designs to run under)', true);
  const explicit = designsWhere(ctx.designFacts, (f) => f.explicitFlush);
  const without = designs.filter((d) => !explicit.includes(d));
  if (listed && without.length > 0) {
    (doc.steps ?? []).forEach((step, index) => {
      if (isFlushStep(step)) {
        report(ctx, ['steps', index, 'flush'], `an explicit flush step is the ${explicit.join(', ')} design's; under ${without.join(', ')} nodes fence on their own when a promise shortens (list only ${explicit.join(', ')}, or drop the step)`);
      }
    });
  }
  checkStrictForwarding(ctx, listed);
  checkSometimes(ctx, ['expect', 'sometimes'], doc.expect?.sometimes);
  if (!listed) checkViolatedNotRequired(ctx, ['expect', 'checks'], doc.expect ?? {}, undefined);
  for (const design of designs) {
    const own = byDesign?.[design];
    const merged = mergeExpect(doc.expect, own);
    checkViolatedNotRequired(ctx, own?.checks ? ['expect', 'byDesign', design, 'checks'] : ['expect', 'checks'], merged, design);
  }
  for (const [design, e] of Object.entries(byDesign ?? {})) {
    const path: Path = ['expect', 'byDesign', design];
    if (listed && !designs.includes(design)) {
      report(ctx, path, `"${design}" is not among this scenario's designs (${designs.join(', ')})${didYouMean(design, designs)}`, true);
      continue;
    }
    checkResults(ctx, [...path, 'results'], e.results);
    checkTables(ctx, [...path, 'tables'], e.tables, snapshotNames(ctx));
    checkTables(ctx, [...path, 'sessions'], e.sessions as TablesDoc | undefined);
    checkSometimes(ctx, [...path, 'sometimes'], e.sometimes);
  }
}
