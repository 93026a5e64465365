/**
 * gcBalanced: per session and export position, references the exporter sent minus the
 * `op:gc-exports` wire deltas it received never goes negative (the zero-at-teardown half is
 * judged from table snapshots by tablesEmptyAtTeardown).
 * Property: README.md (this folder), `gcBalanced` (counting is per occurrence in a message, as
 * the CapTP draft's op:gc-exports says).
 * View: the exporter's — sends count when written, releases when delivered to it.
 */
import type { Transcript } from '../transcript/types.js';
import { indexTranscript } from './transcript-index.js';
import { descriptorsIn, gcExportsOf } from './wire-facts.js';
import { holds, unknown, violated, type Checker } from './verdict.js';

export interface ExportBalance {
  sent: number;
  released: number;
  frames: number[];
}

/**
 * Replays the wire up to (not including) event `beforeSeq` and returns the balance of every
 * export position of `exporter` on `connection`; `onRelease` sees each release as it lands.
 */
export function exportBalances(
  t: Transcript,
  connection: string,
  exporter: string,
  beforeSeq = Infinity,
  onRelease?: (position: number, balance: ExportBalance) => boolean | void,
): Map<number, ExportBalance> {
  const index = indexTranscript(t);
  const balances = new Map<number, ExportBalance>();
  const get = (n: number): ExportBalance => {
    let b = balances.get(n);
    if (!b) balances.set(n, (b = { sent: 0, released: 0, frames: [] }));
    return b;
  };
  for (const e of t.events) {
    if (e.seq >= beforeSeq) break;
    if (e.kind !== 'frame' || e.connection !== connection) continue;
    const op = index.frames.get(e.frame)?.sent.op;
    if (!op) continue;
    if (e.phase === 'sent' && e.source === exporter) {
      for (const d of descriptorsIn(op)) {
        if (d.kind !== 'import-object' && d.kind !== 'import-promise') continue;
        const b = get(d.position);
        b.sent++;
        b.frames.push(e.frame);
      }
    } else if (e.phase === 'delivered' && e.target === exporter) {
      for (const { position, delta } of gcExportsOf(op) ?? []) {
        const b = get(position);
        b.released += delta;
        b.frames.push(e.frame);
        if (onRelease?.(position, b) === false) return balances;
      }
    }
  }
  return balances;
}

export const gcBalanced: Checker = {
  name: 'gcBalanced',
  needs: ['frames'],
  describe: 'per export position, references sent minus op:gc-exports deltas received never goes negative',
  check(t) {
    const index = indexTranscript(t);
    let exercised = 0;
    for (const d of index.directions.values()) {
      // d.writer is the importer here when it sends gc-exports; check the opposite end's exports.
      let bad: { position: number; balance: ExportBalance } | undefined;
      exportBalances(t, d.connection, d.reader, Infinity, (position, balance) => {
        exercised++;
        if (balance.sent - balance.released < 0) {
          bad = { position, balance: { ...balance, frames: [...balance.frames] } };
          return false;
        }
      });
      if (bad) {
        const { position, balance } = bad;
        const last = balance.frames.slice(-3);
        return violated(exercised, `${d.reader} export ${position} on ${d.connection}: sent ${balance.sent}, released ${balance.released} (frames ${last.join(', ')})`, {
          frames: last,
        });
      }
    }
    if (exercised === 0) return unknown('no op:gc-exports in the run');
    return holds(exercised, `${exercised} releases, no export balance went negative`);
  },
};
