/**
 * Table snapshots for the harness: every entry of every table of a session, by position.
 * View: ours; the shapes are the node-facing types of node-types.ts. Read-only: taking a snapshot never changes a table (no probing of positions).
 */
import './endo-setup.js';
import { passStyleOf } from '@endo/pass-style';
import type { SessionTables, TableEntry } from './node-types.js';
import type { Session } from './session/session.js';
import type { GiftTable } from './handoff/exporter.js';


function styleOf(value: unknown): string | undefined {
  // Promises first: passStyleOf also checks a promise's own properties, and under Node's
  // async_hooks those come and go with timing, so the answer would vary between identical runs.
  if (value instanceof Promise) return 'promise';
  try {
    return passStyleOf(value as never);
  } catch {
    return undefined;
  }
}

function row(position: bigint, kind: TableEntry['kind'], refcount: number, value: unknown, settled: string | undefined, promiseLike: boolean): TableEntry {
  const out: TableEntry = { position: Number(position), kind, refcount };
  const style = styleOf(value);
  if (style !== undefined) out.passStyle = style;
  if (promiseLike) out.resolved = settled !== undefined;
  return out;
}

export function snapshotSession(session: Session, gifts?: GiftTable): SessionTables {
  return {
    peer: session.peerName,
    sessionId: session.sessionIdHex,
    exports: session.exports.sorted().map((e) => row(e.position, e.kind, e.refcount, e.value, e.settled, e.kind === 'promise')),
    imports: session.imports.sorted().map((e) => row(e.position, e.kind, e.refcount, e.value, e.settled, e.kind === 'promise')),
    answers: session.answers.sorted().map((e) => row(e.position, 'answer', 0, e.promise, e.settled, true)),
    questions: session.questions.sorted().map((e) => row(e.position, 'question', 0, e.promise, e.settled, true)),
    gifts: gifts ? gifts.rows(session, styleOf) : [],
  };
}
