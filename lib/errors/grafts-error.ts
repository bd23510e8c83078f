/**
 * Errors the user can act on: a bad project, an unreachable server, a refused write. The CLI
 * prints a {@link GraftsError} as `error: <summary>` and, when there is one, `  hint: <hint>`,
 * and exits with its {@link GraftsError.exitCode}; anything else it reports as a bug.
 */

/** Marks errors of every copy of the library (a project may load its own `grafts`). */
const GRAFTS_ERROR = Symbol.for('grafts.error');

/** Options of {@link GraftsError}. */
export interface GraftsErrorOptions extends ErrorOptions {
  /** What the user can do about it, one line. */
  hint?: string | undefined;
  /** Every problem found, when the error collects several (their shape is the subclass's). */
  problems?: readonly unknown[];
  /** Exit code of the CLI. @default 1 */
  exitCode?: number;
}

/**
 * Base class of every user-facing error of the library.
 *
 * @example
 * throw new GraftsError('dashboards/api.dash.ts: unknown variable $jobb', { hint: 'declare it with .variable(...)' });
 * // dash prints:
 * // error: dashboards/api.dash.ts: unknown variable $jobb
 * //   hint: declare it with .variable(...)
 */
export class GraftsError extends Error {
  /** What the user can do about it. */
  readonly hint: string | undefined;
  /** Every problem found (empty when the message says it all). */
  readonly problems: readonly unknown[];
  /** The CLI's exit code for this error. */
  readonly exitCode: number;

  constructor(message: string, options: GraftsErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.hint = options.hint || undefined;
    this.problems = options.problems ?? [];
    this.exitCode = options.exitCode ?? 1;
  }

  /**
   * The message without the hint, as the CLI prints it above the hint. Subclasses whose message
   * also carries the hint (for callers that only print `message`) return it without.
   */
  get summary(): string {
    return this.message;
  }
}

Object.defineProperty(GraftsError.prototype, GRAFTS_ERROR, { value: true });

/**
 * True for a {@link GraftsError} of any copy of the library (`instanceof` fails across copies).
 *
 * @example
 * try { await runApply(options) } catch (e) { if (isGraftsError(e)) console.error(e.summary, e.hint) }
 */
export function isGraftsError(error: unknown): error is GraftsError {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[GRAFTS_ERROR] === true;
}
