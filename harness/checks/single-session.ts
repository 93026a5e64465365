/**
 * singleSession: at any time at most one live session per pair of nodes; after crossed hellos
 * exactly one survives and both sides agree which.
 * Property: README.md (this folder), `singleSession`; crossed hellos: harness/ocapn/README.md.
 * View: wire — a connection is a live session from the delivery of the second hello until its
 * first op:abort, close or reset; nodes — `session-open`/`session-closed` events, when reported.
 */
import { ENDS_INCARNATION, indexTranscript, pairKey } from './transcript-index.js';
import { framesText, holds, unknown, violated, type Checker, type CheckResult } from './verdict.js';

interface Live {
  connection: string;
  from: number;
  until: number;
  frames: number[];
}

function liveSessions(t: Parameters<Checker['check']>[0]): Map<string, Live[]> {
  const index = indexTranscript(t);
  const byPair = new Map<string, Live[]>();
  for (const c of index.connections.values()) {
    const hellos = [c.source, c.target].map((w) => index.directions.get(`${c.id}:${w}`)?.sent[0]);
    if (!hellos.every((h) => h?.op?.op === 'op:start-session')) continue;
    const arrivals = hellos.map((h) => index.frames.get(h!.frame)?.delivered?.seq);
    if (arrivals.some((s) => s === undefined)) continue;
    const from = Math.max(...(arrivals as number[]));
    const ends = c.events.filter((e) => e.event === 'close' || e.event === 'reset').map((e) => e.seq);
    for (const f of index.sent) if (f.connection === c.id && f.op?.op === 'op:abort') ends.push(f.seq);
    const until = Math.min(Infinity, ...ends);
    if (until <= from) continue;
    const key = pairKey(c.source, c.target);
    const list = byPair.get(key) ?? [];
    list.push({ connection: c.id, from, until, frames: hellos.map((h) => h!.frame) });
    byPair.set(key, list);
  }
  return byPair;
}

function nodeAgreement(t: Parameters<Checker['check']>[0], exercised: number): CheckResult | undefined {
  const open = new Map<string, Map<string, { sessionId: string; seq: number }>>();
  for (const e of t.events) {
    // A node that was killed, stopped or restarted holds no sessions any more; it reports no
    // session-closed for them, having no incarnation left to report it.
    if (e.kind === 'fault' && ENDS_INCARNATION.has(e.fault)) for (const node of e.nodes) open.get(node)?.clear();
    if (e.kind !== 'node') continue;
    const mine = open.get(e.node) ?? new Map();
    open.set(e.node, mine);
    if (e.event.type === 'session-open') {
      const prior = mine.get(e.event.peer);
      if (prior) {
        return violated(exercised, `${e.node} opened a second session with ${e.event.peer} (events ${prior.seq}, ${e.seq}) while the first was live`, { events: [prior.seq, e.seq] });
      }
      mine.set(e.event.peer, { sessionId: e.event.sessionId, seq: e.seq });
    } else if (e.event.type === 'session-closed') {
      mine.delete(e.event.peer);
    }
  }
  for (const [node, peers] of open) {
    for (const [peer, mine] of peers) {
      const theirs = open.get(peer)?.get(node);
      if (theirs && theirs.sessionId !== mine.sessionId) {
        return violated(exercised, `${node} and ${peer} disagree on their session: ${mine.sessionId.slice(0, 12)}… vs ${theirs.sessionId.slice(0, 12)}… (events ${mine.seq}, ${theirs.seq})`, {
          events: [mine.seq, theirs.seq],
        });
      }
    }
  }
  return undefined;
}

export const singleSession: Checker = {
  name: 'singleSession',
  needs: ['frames'],
  describe: 'at most one live session per pair of nodes at any time; crossed hellos leave exactly one, agreed by both',
  check(t) {
    const byPair = liveSessions(t);
    let exercised = 0;
    for (const [pair, list] of byPair) {
      list.sort((x, y) => x.from - y.from);
      exercised += list.length;
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const next = list[i];
        if (next.from < prev.until) {
          const frames = [...prev.frames, ...next.frames];
          return violated(exercised, `${pair.replace('|', ' and ')} have two live sessions: ${prev.connection} and ${next.connection} ${framesText(frames)}`, { frames });
        }
      }
    }
    const disagreement = nodeAgreement(t, exercised);
    if (disagreement) return disagreement;
    if (exercised === 0) return unknown('no session was established');
    return holds(exercised, `${exercised} sessions over ${byPair.size} pairs, never two live at once`);
  },
};
