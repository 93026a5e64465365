/**
 * The replay viewer's model: a transcript read as a sequence of instants (one per event), and
 * what the viewer shows at each — the frame under the cursor with its decoded operation, frames
 * in flight on their links, every node's tables, and which events checks named as witnesses.
 * Pure and DOM-free, so it is unit-tested in Node and bundled into the viewer page as is.
 * Spec anchor: README.md "The replay viewer".
 * Guarantees: the cursor is an event index in transcript order; tables at a cursor come from the
 * latest snapshot at or before it, else are rebuilt from the node's own events up to it.
 */
import type { CheckReport } from '../../checks/index.js';
import type { OpViewJson, SentFrame, TableSnapshot, Transcript, TranscriptEvent, TranscriptFrame } from '../../transcript/types.js';

/** What a viewer page is given: the transcript and, from an evidence folder, its verdicts. */
export interface ViewerData {
  transcript: Transcript;
  verdicts?: CheckReport;
  /** Where the data came from, shown in the page's title bar. */
  source?: string;
}

/** A frame between its sending and its delivery (or drop), for drawing on its link. */
export interface InFlight {
  frame: number;
  source: string;
  target: string;
  label: string;
  /** 0 at sending, 1 at arrival; by virtual time. */
  progress: number;
  /** The frame under the cursor. */
  current: boolean;
}

export type NodeTables =
  | { node: string; from: 'snapshot'; label: string; seq: number; snapshot: TableSnapshot }
  | { node: string; from: 'events'; snapshot: TableSnapshot }
  | { node: string; from: 'none' };

export class ReplayModel {
  readonly events: readonly TranscriptEvent[];
  readonly nodes: readonly string[];
  private readonly sent = new Map<number, SentFrame>();
  private readonly arrival = new Map<number, TranscriptFrame>();
  private readonly witnesses = new Map<string, string[]>();

  constructor(readonly data: ViewerData) {
    const t = data.transcript;
    this.events = t.events;
    this.nodes = t.nodes.map((n) => n.name);
    for (const e of t.events) {
      if (e.kind !== 'frame') continue;
      if (e.phase === 'sent') this.sent.set(e.frame, e);
      else this.arrival.set(e.frame, e);
    }
    for (const v of data.verdicts?.verdicts ?? []) {
      if (v.verdict !== 'violated' || !v.witness) continue;
      for (const f of v.witness.frames ?? []) this.addWitness(`frame:${f}`, v.name);
      for (const s of v.witness.events ?? []) this.addWitness(`seq:${s}`, v.name);
    }
  }

  private addWitness(key: string, check: string): void {
    const list = this.witnesses.get(key) ?? [];
    if (!list.includes(check)) list.push(check);
    this.witnesses.set(key, list);
  }

  get length(): number {
    return this.events.length;
  }

  /** The links to draw: one per unordered pair of nodes the scenario connects or frames cross. */
  links(): Array<[string, string]> {
    const pairs = new Map<string, [string, string]>();
    const add = (a: string, b: string): void => {
      const [x, y] = a < b ? [a, b] : [b, a];
      pairs.set(`${x}\u0000${y}`, [x, y]);
    };
    for (const l of this.data.transcript.links) add(l.source, l.target);
    for (const f of this.sent.values()) add(f.source, f.target);
    return [...pairs.values()];
  }

  /** Checks that name this event (or its frame) as part of a violation's witness. */
  witnessOf(index: number): string[] {
    const e = this.events[index];
    if (!e) return [];
    const byFrame = e.kind === 'frame' ? this.witnesses.get(`frame:${e.frame}`) ?? [] : [];
    const bySeq = this.witnesses.get(`seq:${e.seq}`) ?? [];
    return [...new Set([...byFrame, ...bySeq])];
  }

  /** The event index where frame `n` is first seen (its sending), or -1. */
  indexOfFrame(n: number): number {
    return this.events.findIndex((e) => e.kind === 'frame' && e.frame === n);
  }

  /** The next (dir 1) or previous (dir -1) frame event from `index`, or `index` when none. */
  stepFrame(index: number, dir: 1 | -1): number {
    for (let i = index + dir; i >= 0 && i < this.events.length; i += dir) if (this.events[i].kind === 'frame') return i;
    return index;
  }

  /** The decoded operation of the frame under the cursor (a delivery shows what was sent). */
  opAt(index: number): { frame: TranscriptFrame; op?: OpViewJson; decodeError?: string } | undefined {
    const e = this.events[index];
    if (!e || e.kind !== 'frame') return undefined;
    const sent = this.sent.get(e.frame);
    return { frame: e, ...(sent?.op ? { op: sent.op } : {}), ...(sent?.decodeError ? { decodeError: sent.decodeError } : {}) };
  }

  /** One short line for an event, as the timeline lists it. */
  describe(index: number): string {
    const e = this.events[index];
    if (!e) return '';
    switch (e.kind) {
      case 'frame': {
        const label = this.sent.get(e.frame)?.op?.op ?? (e.phase === 'sent' ? e.decodeError ?? '?' : e.label ?? '?');
        return `#${e.frame} ${e.source}→${e.target} ${label} ${e.phase}`;
      }
      case 'connection':
        return `connection ${e.connection} ${e.event} ${e.source}→${e.target}${e.reason ? ` (${e.reason})` : ''}`;
      case 'app':
        return `${e.node}: ${e.event}${e.object ? ` ${e.object}` : ''}${e.method ? `.${e.method}` : ''}${e.outcome ? ` ${e.outcome}` : ''}`;
      case 'node': {
        const { type, ...rest } = e.event;
        return `${e.node}: ${type} ${Object.values(rest).join(' ')}`.trim();
      }
      case 'fault':
        return `fault ${e.fault} ${e.nodes.join(', ')}${e.detail ? ` (${e.detail})` : ''}`;
      case 'step':
        return `step ${e.index}: ${e.step}`;
      case 'tables':
        return `tables of ${e.snapshot.node} (${e.label})`;
    }
  }

  /** Frames sent at or before the cursor and not yet arrived (or dropped) after it. */
  inFlightAt(index: number): InFlight[] {
    const now = this.events[index];
    if (!now) return [];
    const out: InFlight[] = [];
    for (const [n, s] of this.sent) {
      if (s.seq > now.seq) continue;
      const arrived = this.arrival.get(n);
      const isCurrent = now.kind === 'frame' && now.frame === n;
      if (arrived && arrived.seq < now.seq) continue;
      if (arrived && arrived.seq === now.seq && !isCurrent) continue;
      const end = arrived?.atMs ?? s.atMs;
      const span = end - s.atMs;
      const progress = arrived && arrived.seq <= now.seq ? 1 : span > 0 ? Math.min(1, Math.max(0, (now.atMs - s.atMs) / span)) : 0;
      out.push({ frame: n, source: s.source, target: s.target, label: s.op?.op ?? '(undecoded)', progress, current: isCurrent });
    }
    return out;
  }

  /** Every node's tables at the cursor. */
  tablesAt(index: number): NodeTables[] {
    return this.nodes.map((node) => {
      let last: NodeTables | undefined;
      for (let i = 0; i <= index && i < this.events.length; i++) {
        const e = this.events[i];
        if (e.kind === 'tables' && e.snapshot.node === node) last = { node, from: 'snapshot', label: e.label, seq: e.seq, snapshot: e.snapshot };
      }
      if (last) return last;
      const derived = this.derivedTables(node, index);
      return derived ? { node, from: 'events', snapshot: derived } : { node, from: 'none' };
    });
  }

  /** Sessions and exports as the node's own events tell them, when no snapshot was taken yet. */
  private derivedTables(node: string, index: number): TableSnapshot | undefined {
    const sessions = new Map<string, TableSnapshot['sessions'][number]>();
    let seen = false;
    for (let i = 0; i <= index && i < this.events.length; i++) {
      const e = this.events[i];
      if (e.kind !== 'node' || e.node !== node) continue;
      const ev = e.event;
      if (ev.type === 'mark') continue;
      seen = true;
      if (ev.type === 'session-open') {
        sessions.set(ev.peer, { peer: ev.peer, sessionId: ev.sessionId, exports: [], imports: [], answers: [], questions: [], gifts: [] });
        continue;
      }
      if (ev.type === 'session-closed') {
        sessions.delete(ev.peer);
        continue;
      }
      const s = sessions.get(ev.peer);
      if (!s) continue;
      if (ev.type === 'export-added') s.exports.push({ position: ev.position, kind: ev.kind, refcount: 1 });
      else if (ev.type === 'export-replaced') {
        const x = s.exports.find((x) => x.position === ev.position);
        if (x) x.refcount = ev.refcount;
      } else if (ev.type === 'settled' && ev.table === 'export') {
        const x = s.exports.find((x) => x.position === ev.position);
        if (x) x.resolved = true;
      }
    }
    return seen ? { node, sessions: [...sessions.values()] } : undefined;
  }
}
