/**
 * Golden comparison text: where an expected and an actual transcript first diverge (event index,
 * connection and direction, expected vs actual operation view), then a compact line diff. When
 * the events differ only in timing (atMs, and the signature and sha256 bytes that follow from
 * it), that is said first ("timing-only difference in N events") with one example and the
 * command that accepts the new golden, and no line diff is put in the message.
 * Spec anchor: README.md "Goldens" (first divergent event before the full diff); Playwright
 * matchers return results with a message.
 * Guarantees: pure; `text` is bounded (`maxLines` diff lines) so a broken run never floods a
 * report; `full` keeps the whole diff for the evidence file.
 */
import { eventLines } from './canonical-json.js';

interface EventLike {
  seq?: number;
  kind?: string;
  phase?: string;
  frame?: number;
  connection?: string;
  source?: string;
  target?: string;
  label?: string;
  op?: unknown;
  node?: string;
  event?: unknown;
}

function parse(line: string | undefined): EventLike | undefined {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line) as EventLike;
  } catch {
    return undefined;
  }
}

/** `frame 17 sent c2 a→b: {"op":"op:deliver",…}` or `app event at b: {...}` — one event, readable. */
export function describeEvent(line: string | undefined): string {
  if (line === undefined) return '(no event: the transcript ends here)';
  const e = parse(line);
  if (!e) return line;
  if (e.kind === 'frame') {
    const what = e.op !== undefined ? JSON.stringify(e.op) : (e.label ?? '');
    return `frame ${e.frame} ${e.phase} ${e.connection} ${e.source}→${e.target}: ${what}`;
  }
  return line;
}

function sectionLines(text: string): string[] {
  return text.split('\n').filter((l) => /^"(header|nodes|links|outcome)":/.test(l));
}

/** Longest-common-subsequence line diff; falls back to a positional diff when too large. */
function lineDiff(a: string[], b: string[], maxLines: number): string[] {
  const n = a.length;
  const m = b.length;
  const out: string[] = [];
  if (n * m > 4_000_000) {
    for (let i = 0; i < Math.max(n, m) && out.length < maxLines; i++) {
      if (a[i] === b[i]) continue;
      if (a[i] !== undefined) out.push(`- ${a[i]}`);
      if (b[i] !== undefined) out.push(`+ ${b[i]}`);
    }
    return out;
  }
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  let i = 0;
  let j = 0;
  let lastShown = -1;
  while ((i < n || j < m) && out.length < maxLines) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (lastShown !== i && i > 0) out.push(`@@ event ${i} @@`);
    lastShown = i;
    if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out;
}

/** Signature-like op fields: their bytes follow from what was signed, which can include times. */
const SIGNATURE_KEY = /sig(nature)?$/i;

function withoutSignatures(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSignatures);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SIGNATURE_KEY.test(k) ? '(signature)' : withoutSignatures(v);
  return out;
}

/**
 * An event line with its timing removed: `atMs`, signature values inside the op view, and the
 * frame's `sha256` (judged separately: hashFollowsFromSignatures).
 * `hex` of an undecodable frame stays: its bytes are all there is to compare.
 */
function timingFree(line: string | undefined): string | undefined {
  const e = parse(line) as (EventLike & Record<string, unknown>) | undefined;
  if (!e) return line;
  const { atMs: _atMs, sha256: _sha, ...rest } = e;
  if (rest.op !== undefined) rest.op = withoutSignatures(rest.op);
  return JSON.stringify(rest);
}

/**
 * A different sha256 counts as timing only when the op views differ (in signatures, as the
 * caller has checked): with identical views, the bytes differ somewhere the view does not show
 * (an encoding difference), which is a real change.
 */
function hashFollowsFromSignatures(expected: string, actual: string): boolean {
  const a = parse(expected) as Record<string, unknown>;
  const b = parse(actual) as Record<string, unknown>;
  if (a.sha256 === b.sha256) return true;
  return JSON.stringify(a.op) !== JSON.stringify(b.op);
}

/** `atMs 56.392 → 57.1; op.locationSig …; sha256 6561d862… → 7a16a90d…`: what differs in one event. */
function timingChange(expected: string, actual: string): string {
  const a = parse(expected) as Record<string, unknown>;
  const b = parse(actual) as Record<string, unknown>;
  const parts: string[] = [];
  if (a.atMs !== b.atMs) parts.push(`atMs ${String(a.atMs)} → ${String(b.atMs)}`);
  if (JSON.stringify(a.op) !== JSON.stringify(b.op)) parts.push('signature bytes in the op');
  const short = (v: unknown): string => (typeof v === 'string' ? `${v.slice(0, 8)}…` : String(v));
  if (a.sha256 !== b.sha256) parts.push(`sha256 ${short(a.sha256)} → ${short(b.sha256)}`);
  return parts.join('; ');
}

/** The number of differing events when every difference is timing only, else 0. */
export function timingOnlyDifferences(want: string[], got: string[]): { count: number; first: number } {
  if (want.length !== got.length) return { count: 0, first: -1 };
  let count = 0;
  let first = -1;
  for (let i = 0; i < want.length; i++) {
    if (want[i] === got[i]) continue;
    if (timingFree(want[i]) !== timingFree(got[i])) return { count: 0, first: -1 };
    if (!hashFollowsFromSignatures(want[i], got[i])) return { count: 0, first: -1 };
    if (first < 0) first = i;
    count++;
  }
  return { count, first };
}

export interface GoldenDiff {
  equal: boolean;
  /** Index into `events` of the first difference, or -1 if only header/outcome differ. */
  firstIndex: number;
  /** Events that differ, when they differ only in timing (atMs, signatures, sha256); else 0. */
  timingOnly: number;
  /** The short account for a failure message (bounded by `maxLines`). */
  text: string;
  /** The same account with the whole line diff, for the evidence file. */
  full: string;
}

export interface DiffOptions {
  /** Lines of line diff in `text` (the `full` text has them all). */
  maxLines?: number;
  /** The command that accepts the actual transcript as the new golden. */
  acceptCommand?: string;
}

export function diffTranscriptTexts(expected: string, actual: string, options: DiffOptions | number = {}): GoldenDiff {
  const { maxLines = 60, acceptCommand } = typeof options === 'number' ? { maxLines: options } : options;
  if (expected === actual) return { equal: true, firstIndex: -1, timingOnly: 0, text: '', full: '' };
  const want = eventLines(expected);
  const got = eventLines(actual);
  const lead: string[] = [];
  const sectionsA = sectionLines(expected);
  const sectionsB = sectionLines(actual);
  let sectionsDiffer = false;
  for (let k = 0; k < Math.max(sectionsA.length, sectionsB.length); k++) {
    if (sectionsA[k] === sectionsB[k]) continue;
    sectionsDiffer = true;
    lead.push(`section differs:\n  expected: ${sectionsA[k] ?? '(missing)'}\n  actual:   ${sectionsB[k] ?? '(missing)'}`);
  }
  let first = 0;
  while (first < want.length && first < got.length && want[first] === got[first]) first++;
  const eventsDiffer = first < want.length || first < got.length;
  const timing = eventsDiffer && !sectionsDiffer ? timingOnlyDifferences(want, got) : { count: 0, first: -1 };
  const accept = acceptCommand ? [`accept the actual transcript as the new golden: ${acceptCommand}`] : [];
  let diffLines: string[] = [];
  if (eventsDiffer) {
    const e = parse(want[first]) ?? parse(got[first]);
    const link = e?.kind === 'frame' ? ` on ${e.connection} ${e.source}→${e.target}` : e?.node ? ` at ${e.node}` : '';
    if (timing.count > 0) {
      // Timing alone moved (a latency model or clock change): say so before any diff, since a
      // reader otherwise scrolls through every event to find nothing of substance.
      lead.push(
        `timing-only difference in ${timing.count} event${timing.count === 1 ? '' : 's'}: the same ${want.length} events in the same order; only virtual times (atMs) and bytes that follow from them (signatures, frame sha256) differ`,
        `  e.g. event #${timing.first}: ${timingChange(want[timing.first], got[timing.first])}`,
        `    ${describeEvent(got[timing.first])}`,
        ...accept.map((a) => `${a}   (if the new timing is intended)`),
      );
    } else {
      lead.push(
        `first divergent event: #${first}${link} (expected ${want.length} events, got ${got.length})\n` +
          `  expected: ${describeEvent(want[first])}\n` +
          `  actual:   ${describeEvent(got[first])}`,
      );
    }
    diffLines = lineDiff(want, got, Number.MAX_SAFE_INTEGER);
  }
  const diffText = (lines: string[]): string[] => (lines.length === 0 ? [] : ['diff (- expected, + actual):', ...lines]);
  const bounded = diffLines.length > maxLines ? [...diffLines.slice(0, maxLines), `… (diff truncated: ${diffLines.length - maxLines} more lines in the full diff)`] : diffLines;
  const tail = timing.count > 0 ? [] : accept.map((a) => `if the change is intended, ${a}`);
  return {
    equal: false,
    firstIndex: eventsDiffer ? first : -1,
    timingOnly: timing.count,
    text: [...lead, ...(timing.count > 0 ? [] : diffText(bounded)), ...tail].join('\n'),
    full: [...lead, ...diffText(diffLines), ...tail].join('\n') + '\n',
  };
}
