/**
 * A lazily started async load that is shared while it runs or after it succeeds, and forgotten
 * when it fails, so the next caller starts it again instead of seeing a stale rejection.
 *
 * @example
 * const index = new RetryAfterFailure(() => scanDirectory(dir));
 * await index.get(); // scans once; later calls share the result
 * index.reset(); // the next get() scans again
 */
export class RetryAfterFailure<T> {
  readonly #load: () => Promise<T>;
  #pending: Promise<T> | undefined;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  /** The shared load, started on first use or after a failure or {@link reset}. */
  get(): Promise<T> {
    this.#pending ??= this.#load().catch((error: unknown) => {
      this.#pending = undefined;
      throw error;
    });
    return this.#pending;
  }

  /** Forgets the result, so the next {@link get} loads again. */
  reset(): void {
    this.#pending = undefined;
  }
}
