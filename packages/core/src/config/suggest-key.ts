/**
 * The known key a mistyped one was probably meant to be, for "did you mean" hints;
 * undefined when none is close enough to be worth a guess.
 */
export function suggestKey(key: string, candidates: readonly string[]): string | undefined {
  const typed = key.toLowerCase();
  // Like TypeScript's own hint: about one edit per three letters, never more than two,
  // so that short keys are not "corrected" into unrelated ones.
  const allowed = Math.min(2, Math.floor(key.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  // A known key the typed one starts with: healthcheck's --withdraw-on-down written as
  // `withdrawOnDown` instead of `withdrawOn: [down]`.
  return candidates
    .filter((candidate) => candidate.length >= 4 && typed.startsWith(candidate.toLowerCase()))
    .sort((a, b) => b.length - a.length)[0];
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const cells = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => cells[i * width + j] as number;
  for (let i = 0; i <= a.length; i++) cells[i * width] = i;
  for (let j = 0; j <= b.length; j++) cells[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, at(i - 2, j - 2) + 1);
      cells[i * width + j] = distance;
    }
  }
  return at(a.length, b.length);
}
