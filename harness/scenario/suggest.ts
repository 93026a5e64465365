/**
 * Did-you-mean for scenario errors: the closest known word to a misspelt key, node or enum value.
 * Hand-written Levenshtein distance (a dozen lines; a dependency would be heavier than the code).
 * Guarantees: suggests only when the distance is small relative to the word, never the word itself.
 */

/** Edit distance (insert, delete, substitute, each cost 1) between `a` and `b`. */
export function getEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `word`, if close enough to be a plausible typo: at most a third of the
 * longer word's length (at least 1), a case-insensitive match, or a candidate `word` begins. Ties go to the earlier candidate,
 * so suggestions are stable in the order the schema or the scenario lists them.
 */
export function getSuggestion(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    if (candidate.toLowerCase() === word.toLowerCase()) return candidate;
    // A clipped word ("quiet" for "quiescent") is far in edits but obvious to a reader.
    if (word.length >= 4 && candidate.startsWith(word) && best === undefined) {
      best = candidate;
      bestDistance = candidate.length - word.length;
      continue;
    }
    const distance = getEditDistance(word, candidate);
    const allowed = Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?` or the empty string: appended to messages so tests see the whole line. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = getSuggestion(word, candidates);
  return suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
}
