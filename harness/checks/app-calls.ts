/**
 * Tagged-call helpers for the application-level checkers: the harness embeds (sender, ref, n)
 * in every call it originates, and apps report originations, dispatches and forwards.
 * See README.md (this folder), "Tagged calls" and the application-level properties.
 * View: per node, in event order; the frame a call arrived on is the last frame delivered to
 * that node before the app event (lock-step: one delivery, then its effects).
 */
import type { AppEvent, CallTag, Transcript } from '../transcript/types.js';

export type TaggedAppEvent = AppEvent & { tag: CallTag };

export const tagKey = (tag: CallTag): string => `${tag.sender}|${tag.ref}|${tag.n}`;
export const streamKey = (tag: CallTag): string => `${tag.sender}|${tag.ref}`;

export function taggedEvents(t: Transcript, event: AppEvent['event']): TaggedAppEvent[] {
  return t.events.filter((e): e is TaggedAppEvent => e.kind === 'app' && e.event === event && e.tag !== undefined);
}

/** For each app event seq: the frame last delivered to its node before it (undefined if none). */
export function arrivalFrames(t: Transcript): Map<number, number> {
  const lastTo = new Map<string, number>();
  const out = new Map<number, number>();
  for (const e of t.events) {
    if (e.kind === 'frame' && e.phase === 'delivered') lastTo.set(e.target, e.frame);
    else if (e.kind === 'app') {
      const f = lastTo.get(e.node);
      if (f !== undefined) out.set(e.seq, f);
    }
  }
  return out;
}

/** `(frames 38, 41)` for two app events, from their arrival frames; '' if unknown. */
export function arrivalText(arrivals: Map<number, number>, ...events: TaggedAppEvent[]): { text: string; frames: number[] } {
  const frames = events.map((e) => arrivals.get(e.seq)).filter((f): f is number => f !== undefined);
  if (frames.length === 0) return { text: '', frames };
  return { text: frames.length === 1 ? ` (frame ${frames[0]})` : ` (frames ${frames.join(', ')})`, frames };
}

/**
 * The route each tagged call has taken so far, for every tagged dispatch and forward event:
 * `bob>erin>carol` at carol's dispatch and forward. Calls are comparable for ordering only when
 * they reached a node along the same route (the same chain of references); a forwarder that
 * routes calls differently (random routes, `value` = next node) makes them different streams.
 */
export function routesSoFar(t: Transcript): Map<number, string> {
  const path = new Map<string, string[]>();
  const forwarded = new Set<string>();
  const out = new Map<number, string>();
  for (const e of t.events) {
    if (e.kind !== 'app' || !e.tag) continue;
    const key = tagKey(e.tag);
    if (e.event === 'call-dispatched') {
      // A dispatch not preceded by a forward of the same tag is another call that happens to
      // carry the same tag (e.g. two kickoffs numbering from 1): its route starts afresh.
      const p = forwarded.has(key) ? [...(path.get(key) ?? []), e.node] : [e.node];
      forwarded.delete(key);
      path.set(key, p);
      out.set(e.seq, p.join('>'));
    } else if (e.event === 'call-forwarded') {
      forwarded.add(key);
      out.set(e.seq, (path.get(key) ?? [e.node]).join('>'));
    }
  }
  return out;
}

export interface Origination {
  seq: number;
  /** Position among the sender's originations on this reference (0, 1, …): the FIFO order. */
  order: number;
  kickoff?: string;
  /** False for calls without a method (a sturdyref fetch is not an app dispatch). */
  hasMethod: boolean;
}

/** Originations per tag, in origination order (a tag may repeat across kickoffs). */
export function originations(t: Transcript): Map<string, Origination[]> {
  const perStream = new Map<string, number>();
  const out = new Map<string, Origination[]>();
  for (const e of taggedEvents(t, 'call-originated')) {
    const order = perStream.get(streamKey(e.tag)) ?? 0;
    perStream.set(streamKey(e.tag), order + 1);
    const list = out.get(tagKey(e.tag)) ?? [];
    list.push({ seq: e.seq, order, hasMethod: e.method !== undefined, ...(e.kickoff ? { kickoff: e.kickoff } : {}) });
    out.set(tagKey(e.tag), list);
  }
  return out;
}

/** `z#3` when the kickoff is known, else `#3`. */
export const callName = (n: number, o?: Origination): string => `${o?.kickoff ?? ''}#${n}`;

/** The next node a forward went to, when the app reports it (`value`). */
export function nextHopOf(e: AppEvent): string | undefined {
  return typeof e.value === 'string' ? e.value : undefined;
}
