/** The n-th refId: A … Z, then AA, AB, … like spreadsheet columns. */
export function refIdAt(index: number): string {
  let n = index;
  let id = '';
  do {
    id = String.fromCharCode(65 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

/**
 * Gives every query a refId: explicit ones are kept, the others get the next letter not
 * already taken, in order.
 *
 * @example
 * assignRefIds([undefined, 'A', undefined]) // → ['B', 'A', 'C']
 */
export function assignRefIds(explicit: readonly (string | undefined)[]): string[] {
  const taken = new Set(explicit.filter((id): id is string => id !== undefined));
  let next = 0;
  return explicit.map((id) => {
    if (id !== undefined) return id;
    while (taken.has(refIdAt(next))) next++;
    const assigned = refIdAt(next++);
    taken.add(assigned);
    return assigned;
  });
}
