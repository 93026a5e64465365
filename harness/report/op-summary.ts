/**
 * Short, human labels for frames in diagrams: `deliver e1.forward a3`, `fulfill →e7`,
 * `gc-exports 3`, `flush 7`; and the colour family of each op kind.
 * Colour per op kind: deliver/resolve/flush/listen/gift.
 * Guarantees: pure; labels are at most ~48 characters.
 */
import type { OpViewJson } from '../transcript/types.js';

export type OpFamily = 'session' | 'deliver' | 'fulfill' | 'break' | 'listen' | 'pick' | 'gc' | 'flush' | 'abort' | 'gift' | 'undecoded';

export const FAMILY_COLOURS: Record<OpFamily, string> = {
  session: '#555555',
  deliver: '#1f6feb',
  fulfill: '#1a7f37',
  break: '#cf222e',
  listen: '#8250df',
  pick: '#0a7b83',
  gc: '#8c959f',
  flush: '#d4650a',
  abort: '#a40e26',
  gift: '#bf3989',
  undecoded: '#e000e0',
};

function desc(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const [[key, value]] = Object.entries(node as Record<string, unknown>).concat([['', '']]);
  const short: Record<string, string> = { export: 'e', answer: 'a', importObject: 'o', importPromise: 'p' };
  return short[key] !== undefined ? `${short[key]}${String(value)}` : '';
}

function selector(args: unknown): string | undefined {
  const first = Array.isArray(args) ? (args[0] as { symbol?: unknown } | undefined) : undefined;
  return typeof first?.symbol === 'string' ? first.symbol : undefined;
}

export function opFamily(op: OpViewJson | undefined): OpFamily {
  if (!op) return 'undecoded';
  switch (op.op) {
    case 'op:start-session':
      return 'session';
    case 'op:abort':
      return 'abort';
    case 'op:listen':
      return 'listen';
    case 'op:get':
    case 'op:index':
    case 'op:untag':
      return 'pick';
    case 'op:gc-exports':
    case 'op:gc-export':
    case 'op:gc-answers':
    case 'op:gc-answer':
      return 'gc';
    case 'op:flush':
    case 'op:flush-done':
      return 'flush';
  }
  const method = selector(op.args);
  if (method === 'fulfill') return 'fulfill';
  if (method === 'break') return 'break';
  if (method === 'deposit-gift' || method === 'withdraw-gift') return 'gift';
  return 'deliver';
}

export function opSummary(op: OpViewJson | undefined): string {
  if (!op) return 'undecodable';
  const label = op.op.replace(/^op:/, '');
  let text: string;
  switch (op.op) {
    case 'op:deliver':
    case 'op:deliver-only': {
      const method = selector(op.args);
      const to = desc(op.to);
      if (method === 'fulfill' || method === 'break') text = `${method} →${to}`;
      else text = `${label} ${to}${method ? `.${method}` : ''}${typeof op.answer === 'number' ? ` a${op.answer}` : ''}`;
      break;
    }
    case 'op:listen':
      text = `listen ${desc(op.to)}`;
      break;
    case 'op:get':
    case 'op:index':
    case 'op:untag':
      text = `${label} ${desc(op.receiver)} a${String(op.answer)}`;
      break;
    case 'op:gc-exports':
    case 'op:gc-export':
      text = `${label} ${(op.exportPositions as unknown[] | undefined)?.join(',') ?? ''}`;
      break;
    case 'op:gc-answers':
    case 'op:gc-answer':
      text = `${label} ${(op.answerPositions as unknown[] | undefined)?.join(',') ?? ''}`;
      break;
    case 'op:flush':
    case 'op:flush-done':
      text = op.position !== undefined ? `${label} ${String(op.position)}` : `${label} ${desc(op.to)}`;
      break;
    case 'op:abort':
      text = `abort "${String(op.reason)}"`;
      break;
    default:
      text = label;
  }
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/** Virtual time for display: at most 3 decimals, no float noise (`1397.081 ms`). */
export const msText = (ms: number): string => `${Number(ms.toFixed(3))} ms`;
