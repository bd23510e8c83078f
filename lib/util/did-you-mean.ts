/**
 * Levenshtein distance between two strings (insertions, deletions and substitutions each
 * cost 1). With `limit`, stops early and returns `limit + 1` once the distance must exceed it.
 *
 * @example
 * editDistance('NodeClockSkw', 'NodeClockSkew') // → 1
 * editDistance('abc', 'xyz', 1)                // → 2 (more than the limit)
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/**
 * The candidate closest to `name`, if one is close enough (default: within a third of the
 * name's length, at least 2): what a typo most likely meant. A candidate counts as close when
 * the whole name is within {@link editDistance} of it, or when the name is a slightly mistyped
 * start of it (one more step than the typo), since names are often cut short
 * (`NodeClockSkw` for `NodeClockSkewDetected`). Ties go to the candidate that sorts first, so
 * the answer does not depend on the candidates' order.
 *
 * @example
 * closestName('NodeClockSkw', ['NodeClockSkewDetected', 'NodeDown']) // → 'NodeClockSkewDetected'
 * closestName('zzz', ['NodeDown'])                                  // → undefined
 */
export function closestName(name: string, candidates: Iterable<string>, maxDistance = Math.max(2, Math.floor(name.length / 3))): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const whole = editDistance(name, candidate, maxDistance);
    const start = candidate.length > name.length ? editDistance(name, candidate.slice(0, name.length), maxDistance) + 1 : whole;
    const distance = Math.min(whole, start);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}

/**
 * ` (did you mean "X"?)` for the closest candidate, or an empty string: ready to append to an
 * error message.
 *
 * @example
 * `no alert named "NodeClockSkw"${didYouMean('NodeClockSkw', alertNames)}`
 * // → 'no alert named "NodeClockSkw" (did you mean "NodeClockSkewDetected"?)'
 */
export function didYouMean(name: string, candidates: Iterable<string>, format: (candidate: string) => string = (c) => JSON.stringify(c)): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : ` (did you mean ${format(best)}?)`;
}
