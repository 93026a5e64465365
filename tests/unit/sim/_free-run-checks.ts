/**
 * Test helper: what a free-run recording must satisfy (no golden: it does not replay). Shared by
 * the Node and browser free-run specs. Returns a list of problems, empty when well-formed.
 */
import type { Recording } from '../../../harness/sim/recording.js';

/** Structure: seq 0..n-1, times never go back, every delivery follows its send no sooner than
 * `minLatencyMs`, and each (connection, direction) delivers in index order (FIFO). */
export function freeRunProblems(recording: Recording, minLatencyMs: number): string[] {
  const problems: string[] = [];
  if (recording.header.mode !== 'free-run') problems.push(`header mode ${recording.header.mode}`);
  const sentAt = new Map<number, number>();
  const lastIndex = new Map<string, number>();
  recording.events.forEach((e, i) => {
    if (e.seq !== i) problems.push(`event ${i} has seq ${e.seq}`);
    if (i > 0 && e.atMs < recording.events[i - 1].atMs) problems.push(`time goes back at seq ${i}`);
    if (e.kind !== 'frame') return;
    if (e.phase === 'sent') sentAt.set(e.frame, e.atMs);
    if (e.phase !== 'delivered') return;
    const sent = sentAt.get(e.frame);
    if (sent === undefined) problems.push(`frame ${e.frame} delivered, never sent`);
    else if (e.atMs - sent < minLatencyMs) problems.push(`frame ${e.frame} took ${e.atMs - sent} ms < ${minLatencyMs} ms`);
    const key = `${e.connection}:${e.source}`;
    if ((lastIndex.get(key) ?? -1) >= e.index) problems.push(`frame ${e.frame} out of order on ${key}`);
    lastIndex.set(key, e.index);
  });
  return problems;
}
