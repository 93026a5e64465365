/**
 * Which object a reference in a result designates. A kickoff's result is recorded as plain data in
 * which a presence shows as its interface name: `[remotable Alleged: bob import 3]` (the holder's
 * import 3 from bob) or `[remotable Alleged: counter c@bob]` (the holder's own app object). An
 * import is followed to its exporter's `export-added` event for that position, which names what
 * was exported (an app object, or again a presence the exporter imported from a third node), hop
 * by hop until an app object `name@node` is reached: that is `node.name`.
 * Spec anchor: scenarios/README.md (`$ref` in expected results).
 * View: `app` events (who holds the result, when it settled) and `node` export-added events.
 * Guarantees: pure; a presence that cannot be followed (the exporter's driver does not name its
 * exports, a hop is missing) is left as it was recorded, so the comparison fails and shows it.
 */
import type { Transcript } from '../transcript/types.js';

const REMOTABLE = /^\[remotable (.*)\]$/;
const IMPORT = /^Alleged: (\S+) import (\d+)$/;
const APP_OBJECT = /^Alleged: \S+ ([^@\s]+)@(\S+)$/;
/** A chain of handoffs longer than this is a loop in the recording, not a route. */
const MAX_HOPS = 64;

/** Whether an expected value mentions a reference (`{ $ref: node.object }`) anywhere inside. */
export function hasReferences(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasReferences);
  if (value === null || typeof value !== 'object') return false;
  if (isRef(value)) return true;
  return Object.values(value).some(hasReferences);
}

/** The nodes hosting the objects an expected value's references (`{ $ref: node.object }`) name. */
export function referencedNodes(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencedNodes(v, out);
  else if (value !== null && typeof value === 'object') {
    if (isRef(value)) out.add(value.$ref.split('.')[0]);
    else for (const v of Object.values(value)) referencedNodes(v, out);
  }
  return out;
}

function isRef(value: object): value is { $ref: string } {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$ref' && typeof (value as { $ref: unknown }).$ref === 'string';
}

/** The object (`node.name`) that interface name `iface`, seen on `holder`, designates. */
export function designatedObject(iface: string, holder: string, transcript: Transcript, beforeSeq = Infinity): string | undefined {
  let current = iface;
  let at = holder;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const own = APP_OBJECT.exec(current);
    if (own) return `${own[2]}.${own[1]}`;
    const imported = IMPORT.exec(current);
    if (!imported) return undefined;
    const [, exporter, position] = imported;
    let object: string | undefined;
    for (const e of transcript.events) {
      if (e.seq >= beforeSeq) break;
      if (e.kind === 'node' && e.node === exporter && e.event.type === 'export-added' && e.event.peer === at && e.event.position === Number(position)) {
        object = e.event.object;
      }
    }
    if (object === undefined) return undefined;
    current = object;
    at = exporter;
  }
  return undefined;
}

/**
 * `value` (a recorded result of kickoff `name`) with every presence that can be followed replaced
 * by `{ $ref: node.object }`. The holder is the node that made the kickoff's calls; exports are
 * looked up as they stood when the kickoff last settled.
 */
export function identifyReferences(value: unknown, name: string, transcript: Transcript): unknown {
  let holder: string | undefined;
  let settledAt = Infinity;
  for (const e of transcript.events) {
    if (e.kind !== 'app' || e.kickoff !== name) continue;
    if (e.event === 'call-originated' && holder === undefined) holder = e.node;
    if (e.event === 'settled') settledAt = e.seq + 1;
  }
  if (holder === undefined) return value;
  const at = holder;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = REMOTABLE.exec(v);
      const object = m ? designatedObject(m[1], at, transcript, settledAt) : undefined;
      return object === undefined ? v : { $ref: object };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}

/** Exporters named by presences left in `value` that reported no export-added event at all in
 * the run: their driver does not name its exports, so no reference through them can be judged. */
export function silentExporters(value: unknown, transcript: Transcript): string[] {
  const named = new Set<string>();
  for (const e of transcript.events) if (e.kind === 'node' && e.event.type === 'export-added' && e.event.object !== undefined) named.add(e.node);
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = REMOTABLE.exec(v);
      const imported = m ? IMPORT.exec(m[1]) : null;
      if (imported && !named.has(imported[1])) out.add(imported[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out];
}
