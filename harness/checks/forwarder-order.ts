/**
 * forwarderOrder: an intermediate node forwards a sender's calls on one reference, towards one
 * next hop, in the order it received them.
 * Property: README.md (this folder), `forwarderOrder`.
 * View: the wire first — tagged op:deliver frames the node received, against the tagged frames it
 * wrote onward on one connection to one target (what actually left the node); then the app's
 * `call-forwarded` events (next node in `value`) for runs whose calls carry no wire tag. Calls
 * that reached the node along different routes or leave towards different hops are different
 * streams (see `routesSoFar`).
 */
import type { Transcript } from '../transcript/types.js';
import { arrivalFrames, arrivalText, nextHopOf, routesSoFar, streamKey, taggedEvents, type TaggedAppEvent } from './app-calls.js';
import { indexTranscript } from './transcript-index.js';
import { callTagOf, targetOf } from './wire-facts.js';
import { holds, unknown, violated, type Checker, type CheckResult } from './verdict.js';

interface WireCall {
  key: string;
  n: number;
  frame: number;
  sender: string;
  ref: string;
}

/**
 * `base#k` for the k-th time `base` is counted in `counts`: the k-th arrival of a call pairs with
 * its k-th departure, because routes may revisit a node and two kickoffs may number calls alike.
 */
function nth(counts: Map<string, number>, base: string): string {
  const k = (counts.get(base) ?? 0) + 1;
  counts.set(base, k);
  return `${base}#${k}`;
}

/** Wire form: per node, receipt order of tagged calls vs write order per (connection, target). */
function wireOrder(t: Transcript): { result?: CheckResult; exercised: number } {
  const index = indexTranscript(t);
  const receivedAt = new Map<string, number>();
  const arrivals = new Map<string, number>();
  const departures = new Map<string, number>();
  const lastOut = new Map<string, WireCall & { receivedIndex: number }>();
  let exercised = 0;
  let counter = 0;
  for (const e of t.events) {
    if (e.kind !== 'frame' || (e.phase !== 'delivered' && e.phase !== 'sent')) continue;
    const op = index.frames.get(e.frame)?.sent.op;
    const tag = op && callTagOf(op);
    if (!tag) continue;
    const node = e.phase === 'delivered' ? e.target : e.source;
    const base = `${node}|${tag.sender}|${tag.ref}|${tag.n}`;
    if (e.phase === 'delivered') {
      receivedAt.set(nth(arrivals, base), counter++);
      continue;
    }
    const receivedIndex = receivedAt.get(nth(departures, base));
    if (receivedIndex === undefined) continue; // originated here, not forwarded
    const to = targetOf(op!);
    const stream = `${node}|${e.connection}|${to?.kind}${to?.position}|${tag.sender}|${tag.ref}`;
    const prior = lastOut.get(stream);
    const call = { key: base, n: tag.n, frame: e.frame, sender: tag.sender, ref: tag.ref, receivedIndex };
    lastOut.set(stream, call);
    if (!prior) continue;
    exercised++;
    if (receivedIndex < prior.receivedIndex) {
      const detail = `${node} forwarded ${tag.sender}'s #${tag.n} on ${tag.ref} to ${e.target} after #${prior.n} though it received #${tag.n} first (frames ${prior.frame}, ${e.frame})`;
      return { exercised, result: violated(exercised, detail, { frames: [prior.frame, e.frame] }) };
    }
  }
  return { exercised };
}

function appOrder(t: Transcript): { result?: CheckResult; exercised: number; forwards: number } {
  const routes = routesSoFar(t);
  // The k-th dispatch of a call (same route, tag) pairs with its k-th forward (nth).
  const received = new Map<string, number>();
  const dispatches = new Map<string, number>();
  taggedEvents(t, 'call-dispatched').forEach((e, i) => received.set(nth(dispatches, `${routes.get(e.seq)}|${e.tag.n}|${streamKey(e.tag)}`), i));
  const forwardCount = new Map<string, number>();
  const receivedOf = new Map<number, number | undefined>();
  const last = new Map<string, TaggedAppEvent>();
  let exercised = 0;
  let forwards = 0;
  for (const e of taggedEvents(t, 'call-forwarded')) {
    forwards++;
    const route = routes.get(e.seq);
    receivedOf.set(e.seq, received.get(nth(forwardCount, `${route}|${e.tag.n}|${streamKey(e.tag)}`)));
    const key = `${route}|${nextHopOf(e) ?? '?'}|${streamKey(e.tag)}`;
    const prior = last.get(key);
    last.set(key, e);
    if (!prior) continue;
    exercised++;
    const a = receivedOf.get(prior.seq);
    const b = receivedOf.get(e.seq);
    const inverted = a !== undefined && b !== undefined ? b < a : e.tag.n < prior.tag.n;
    if (inverted) {
      const { text, frames } = arrivalText(arrivalFrames(t), prior, e);
      const to = nextHopOf(e) ? ` to ${nextHopOf(e)}` : '';
      const detail = `${e.node} forwarded ${e.tag.sender}'s #${e.tag.n} on ${e.tag.ref}${to} after #${prior.tag.n} though it received #${e.tag.n} first${text}`;
      return { exercised, forwards, result: violated(exercised, detail, { frames, events: [prior.seq, e.seq] }) };
    }
  }
  return { exercised, forwards };
}

export const forwarderOrder: Checker = {
  name: 'forwarderOrder',
  needs: ['app-tags'],
  describe: "a forwarder forwards a sender's calls on one reference in the order it received them",
  check(t) {
    const wire = wireOrder(t);
    if (wire.result) return wire.result;
    const app = appOrder(t);
    if (app.result) return app.result;
    const exercised = Math.max(wire.exercised, app.exercised);
    if (wire.exercised === 0 && app.forwards === 0) return unknown('no tagged call was forwarded');
    if (exercised === 0) return unknown('no forwarder carried two calls of one stream to one next hop');
    return holds(exercised, `${exercised} forwarded pairs kept their order${wire.exercised ? ' on the wire' : ''}`);
  },
};
