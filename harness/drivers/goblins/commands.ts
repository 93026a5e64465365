/**
 * What the harness says to a Goblins peer process (peer.scm) and how it reads the answers.
 * Commands are s-expressions, one a line, read by Guile's `read` (data, never evaluated); the
 * peer answers with JSON lines. JSON values travel as: strings, numbers (always written as
 * floats, since the harness's calls carry JS numbers), #t/#f, `null`, `#(…)` arrays and
 * `(obj (KEY . VALUE) …)` objects.
 * Guarantees: `sexpr` writes every JSON value so that `read` gives it back (strings escaped,
 * -0, NaN and infinities spelled as Guile spells them); `parsePeerLine` never throws.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function sexprString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function sexprNumber(n: number): string {
  if (Number.isNaN(n)) return '+nan.0';
  if (n === Infinity) return '+inf.0';
  if (n === -Infinity) return '-inf.0';
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A JSON value as an s-expression `read` gives back as the peer's JSON form. */
export function sexpr(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? '#t' : '#f';
  if (typeof value === 'number') return sexprNumber(value);
  if (typeof value === 'string') return sexprString(value);
  if (Array.isArray(value)) return `#(${value.map(sexpr).join(' ')})`;
  return `(obj ${Object.entries(value).map(([k, v]) => `(${sexprString(k)} . ${sexpr(v)})`).join(' ')})`;
}

/** An alist of string pairs: `(("a" . "b") …)`. */
function pairs(entries: [string, string][]): string {
  return `(${entries.map(([k, v]) => `(${sexprString(k)} . ${sexprString(v)})`).join(' ')})`;
}

/** The peer's init file: who it is and what it hosts. */
export function initSexpr(init: { name: string; designator: string; apps: readonly ({ name: string; app: string } & Record<string, unknown>)[]; sturdyrefs: readonly { swiss: string; object: string }[] }): string {
  const apps = init.apps.map(({ name, app, ...config }) => `(${sexprString(name)} ${sexprString(app)} ${sexpr(config as Json)})`);
  return `(init (name . ${sexprString(init.name)}) (designator . ${sexprString(init.designator)}) (apps ${apps.join(' ')}) (sturdyrefs ${init.sturdyrefs.map((s) => `(${sexprString(s.swiss)} . ${sexprString(s.object)})`).join(' ')}))\n`;
}

/** Where the peer reaches each other node (a relay the harness listens on, or its own locator). */
export function peersCommand(id: number, locators: Record<string, string>): string {
  return `(peers ${id} ${pairs(Object.entries(locators))})\n`;
}

export interface KickoffCommand {
  kickoff: string;
  tag: { sender: string; ref: string; n: number };
  op: 'call' | 'fetch' | 'listen';
  target: { kind: 'sturdyref'; node: string; swiss: string } | { kind: 'result'; kickoff: string };
  method: string | null;
  args: Json[];
  route?: string[];
}

export function kickoffCommand(id: number, send: KickoffCommand): string {
  const tag = `((${sexprString('sender')} . ${sexprString(send.tag.sender)}) (${sexprString('ref')} . ${sexprString(send.tag.ref)}) (${sexprString('n')} . ${send.tag.n}))`;
  const target = send.target.kind === 'sturdyref' ? `(sturdyref ${sexprString(send.target.node)} ${sexprString(send.target.swiss)})` : `(result ${sexprString(send.target.kickoff)})`;
  const route = `(${(send.route ?? []).map(sexprString).join(' ')})`;
  return `(kickoff ${id} ${sexprString(send.kickoff)} ${tag} ${send.op} ${target} ${send.method === null ? '#f' : sexprString(send.method)} #(${send.args.map(sexpr).join(' ')}) ${route})\n`;
}

export function shutdownCommand(id: number): string {
  return `(shutdown ${id})\n`;
}

export type PeerLine =
  | { t: 'ack'; id: number }
  | { t: 'ev'; ev: Record<string, unknown> }
  | { t: 'error'; message: string }
  /** A traced code path of a harness app (a `mark` node event, e.g. forward:route-revisits-node). */
  | { t: 'mark'; name: string }
  | { t: 'unreadable'; line: string };

/** One stdout line of the peer after its locator. */
export function parsePeerLine(line: string): PeerLine {
  try {
    const value = JSON.parse(line) as { t?: unknown };
    if (value && (value.t === 'ack' || value.t === 'ev' || value.t === 'error')) return value as PeerLine;
    if (value && value.t === 'mark' && typeof (value as { name?: unknown }).name === 'string') return value as PeerLine;
  } catch {
    // Not JSON: reported as unreadable below.
  }
  return { t: 'unreadable', line };
}
