// Test helper: compact table snapshots.
import type { SessionTables, TableEntry, TableSnapshot } from '../../../harness/drivers/driver.js';

export const entry = (position: number, kind: TableEntry['kind'], refcount = 1, extra: Partial<TableEntry> = {}): TableEntry => ({
  position,
  kind,
  refcount,
  ...extra,
});

export function session(peer: string, parts: Partial<Omit<SessionTables, 'peer'>> = {}): SessionTables {
  return { peer, sessionId: 'ab'.repeat(32), exports: [], imports: [], answers: [], questions: [], gifts: [], ...parts };
}

export const snapshot = (node: string, ...sessions: SessionTables[]): TableSnapshot => ({ node, sessions });
