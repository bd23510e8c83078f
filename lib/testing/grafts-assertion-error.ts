/**
 * An assertion of `grafts/testing` failed. The message names what was checked and lists every
 * problem, one per line, so a test runner (vitest, jest, `node --test`) shows them all at once;
 * `problems` holds the same lines.
 *
 * @example
 * try { assertValidDashboard({ ...api.build(), title: 1 }, 'api.json') }
 * catch (e) { if (e instanceof GraftsAssertionError) console.log(e.subject, e.problems) }
 * // → api.json does not match the dashboard schema [ '/title must be string' ]
 */
export class GraftsAssertionError extends Error {
  constructor(
    /** What was checked, e.g. `dashboard "api.json" does not match the dashboard schema`. */
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(problems.length === 0 ? subject : `${subject}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'GraftsAssertionError';
  }
}
