/**
 * Link latency models: how long one frame takes from `source` to `target` on a directed link.
 * Spec anchor: docs/architecture.md (link latencies are functions of the seed); Plan `PlanLink`.
 * View: the page-owned network, sampling once per frame from the link's own forked stream.
 * Guarantees: samples are finite, ≥ 0 and integer-free (virtual ms may be fractional); the same
 * stream yields the same samples. Per-connection FIFO is NOT this module's job (see pipe.ts).
 */
import type { Random } from '../../ocapn/world.js';
import { randomUnit } from '../../ocapn/random.js';
import type { LatencyModel, PlanLink } from '../../scenario/plan.js';

export type { LatencyModel };

/** A directed link's model as the network uses it (a PlanLink without the endpoints). */
export interface LinkModel {
  latency: LatencyModel;
  /** Extra uniform [0, jitterMs] per frame. */
  jitterMs: number;
}

export function linkModelOf(link: Pick<PlanLink, 'latency' | 'jitterMs'>): LinkModel {
  return { latency: link.latency, jitterMs: link.jitterMs };
}

/** Box–Muller with one draw pair per sample: spending the twin value would make a sample depend
 * on whether the previous call was even or odd, which is harder to reason about in replays. */
function standardNormal(random: Random): number {
  // 1 - u keeps the log argument in (0, 1].
  const u = 1 - randomUnit(random);
  const v = randomUnit(random);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One latency sample in virtual ms. Normal samples are clamped at 0: a frame cannot arrive
 * before it was sent. */
export function sampleLatencyMs(model: LinkModel, random: Random): number {
  const { latency } = model;
  let ms: number;
  switch (latency.kind) {
    case 'fixed':
      ms = latency.ms;
      break;
    case 'uniform':
      ms = latency.msMin + randomUnit(random) * (latency.msMax - latency.msMin);
      break;
    case 'normal':
      ms = latency.msMean + standardNormal(random) * latency.msStddev;
      break;
  }
  if (model.jitterMs > 0) ms += randomUnit(random) * model.jitterMs;
  // Round to µs so recordings print short, stable numbers on every engine.
  return Math.max(0, Math.round(ms * 1000) / 1000);
}

/** A lower bound of every sample `sampleLatencyMs` can draw for this model (normal: 0, clamped). */
export function minLatencyMs(model: LinkModel): number {
  const { latency } = model;
  const least = latency.kind === 'fixed' ? latency.ms : latency.kind === 'uniform' ? latency.msMin : 0;
  // Samples are rounded to µs: rounding down here keeps the bound below every rounded sample.
  return Math.max(0, Math.floor(least * 1000) / 1000);
}

/** Human summary for the Recording (`RecordedLink.latency`). */
export function describeLinkModel(model: LinkModel): string {
  const { latency } = model;
  let text: string;
  switch (latency.kind) {
    case 'fixed':
      text = `fixed ${latency.ms} ms`;
      break;
    case 'uniform':
      text = `uniform ${latency.msMin}..${latency.msMax} ms`;
      break;
    case 'normal':
      text = `normal mean ${latency.msMean} ms sd ${latency.msStddev} ms`;
      break;
  }
  return model.jitterMs > 0 ? `${text} + jitter 0..${model.jitterMs} ms` : text;
}
