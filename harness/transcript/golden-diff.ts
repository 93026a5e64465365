/**
 * Golden comparison text: where an expected and an actual transcript first diverge (event index,
 * connection and direction, expected vs actual operation view), then a compact line diff.
 * Spec anchor: README.md "Goldens" (first divergent event before the full diff); Playwright
 * matchers return results with a message.
 * Guarantees: pure; diff output is bounded (`maxLines`) so a broken run never floods a report.
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
  if (out.length >= maxLines) out.push('… (diff truncated)');
  return out;
}

export interface GoldenDiff {
  equal: boolean;
  /** Index into `events` of the first difference, or -1 if only header/outcome differ. */
  firstIndex: number;
  text: string;
}

export function diffTranscriptTexts(expected: string, actual: string, maxLines = 60): GoldenDiff {
  if (expected === actual) return { equal: true, firstIndex: -1, text: '' };
  const want = eventLines(expected);
  const got = eventLines(actual);
  const parts: string[] = [];
  const sectionsA = sectionLines(expected);
  const sectionsB = sectionLines(actual);
  for (let k = 0; k < Math.max(sectionsA.length, sectionsB.length); k++) {
    if (sectionsA[k] !== sectionsB[k]) parts.push(`section differs:\n  expected: ${sectionsA[k] ?? '(missing)'}\n  actual:   ${sectionsB[k] ?? '(missing)'}`);
  }
  let first = 0;
  while (first < want.length && first < got.length && want[first] === got[first]) first++;
  const eventsDiffer = first < want.length || first < got.length;
  if (eventsDiffer) {
    const e = parse(want[first]) ?? parse(got[first]);
    const link = e?.kind === 'frame' ? ` on ${e.connection} ${e.source}→${e.target}` : e?.node ? ` at ${e.node}` : '';
    parts.push(
      `first divergent event: #${first}${link} (expected ${want.length} events, got ${got.length})\n` +
        `  expected: ${describeEvent(want[first])}\n` +
        `  actual:   ${describeEvent(got[first])}`,
    );
    parts.push(['diff (- expected, + actual):', ...lineDiff(want, got, maxLines)].join('\n'));
  }
  return { equal: false, firstIndex: eventsDiffer ? first : -1, text: parts.join('\n') };
}
