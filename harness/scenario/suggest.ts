/**
 * Did-you-mean for scenario errors: the closest known word to a misspelt key, node or enum value.
 * Hand-written Levenshtein distance with swaps (a dozen lines; a dependency would weigh more).
 * Guarantees: suggests only when the distance is small relative to the word, never the word itself.
 */

/**
 * Edit distance between `a` and `b`: insert, delete, substitute and swap two neighbours, each
 * cost 1 (optimal string alignment). Swaps count once because "edno" for "endo" is one slip.
 */
export function getEditDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, if close enough to be a plausible typo: at most a third of the
 * longer word's length (at least 1), a case-insensitive match, or one word starting the other.
 * Ties go to the earlier candidate, so suggestions follow the order the schema or scenario uses.
 */
export function getSuggestion(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    if (candidate.toLowerCase() === word.toLowerCase()) return candidate;
    // A clipped or padded word ("hop" for "hopper", "bobby" for "bob") is far in edits but
    // obvious to a reader.
    const clipped = word.length >= 3 && candidate.startsWith(word);
    const padded = candidate.length >= 3 && word.startsWith(candidate);
    if ((clipped || padded) && best === undefined) {
      best = candidate;
      bestDistance = Math.abs(candidate.length - word.length);
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

/** "a forwarder", "an echo": app names in sentences. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}
