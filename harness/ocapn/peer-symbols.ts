/**
 * Symbols a peer sends as data. A passable symbol is a registered one (`Symbol.for`), and the
 * registry is process-wide and never shrinks: a peer that sends a fresh name in every frame would
 * grow it for ever. So every name a peer gets registered is counted here, for the whole process,
 * and bounded by `maxSymbolBytes` (each name) and `maxPeerSymbols` (all names).
 * Guarantees: a name over either limit is a ProtocolViolation naming the limit, raised before
 * `Symbol.for` sees it; a name already counted costs nothing more.
 */
import { limitReason, type Limits } from './limits.js';
import { violation } from './violation.js';

const registered = new Set<string>();
const encoder = new TextEncoder();

export function internPeerSymbol(name: string, limits: Pick<Limits, 'maxSymbolBytes' | 'maxPeerSymbols'>): symbol {
  if (!registered.has(name)) {
    // Three bytes per UTF-16 unit bound the UTF-8 length; only encode when that bound is unclear.
    if (name.length * 3 > limits.maxSymbolBytes) {
      // UTF-8 takes at least one byte per UTF-16 unit, so a long name is refused without encoding.
      const bytes = name.length > limits.maxSymbolBytes ? name.length : encoder.encode(name).length;
      if (bytes > limits.maxSymbolBytes) violation(limitReason('maxSymbolBytes', `a symbol of ${bytes} bytes or more exceeds ${limits.maxSymbolBytes}`));
    }
    if (registered.size >= limits.maxPeerSymbols) {
      violation(limitReason('maxPeerSymbols', `this process already registered ${registered.size} symbol names from peers`));
    }
    registered.add(name);
  }
  return Symbol.for(name);
}

/** How many names peers made this process register (tests read it). */
export function peerSymbolCount(): number {
  return registered.size;
}
