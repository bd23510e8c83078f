/**
 * Bounded concurrency for I/O over many items (reads of a target, writes of a plan): at most
 * `limit` calls in flight, started in item order. The one implementation in the project; sync,
 * pull, watch and the Grafana target all go through it.
 */

/**
 * Runs `fn` over `items` with at most `limit` calls in flight (at least one); rejects with the
 * first error once the calls already started have settled, and starts no new call after an error.
 *
 * @example
 * await forEachLimit(['a', 'b', 'c'], 2, async (uid) => { await read(uid); });
 * // read('a') and read('b') start at once, read('c') when one of them is done
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await fn(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(Number.isFinite(limit) ? Math.floor(limit) : 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
}

/**
 * Like {@link forEachLimit}, collecting what `fn` returns in the order of `items` (whatever the
 * order of completion).
 *
 * @example
 * await mapLimit([1, 2, 3], 2, async (n) => n * 10) // → [10, 20, 30]
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await forEachLimit(items, limit, async (item, index) => {
    results[index] = await fn(item, index);
  });
  return results;
}
