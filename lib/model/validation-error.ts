import { GraftsError } from '../errors/grafts-error.js';
import { problemList } from '../errors/problem-list.js';

/** One problem found while building, with where it is (`['dashboards/api.dash.ts', 'dashboard "API"', 'panel "Errors"']`). */
export interface Problem {
  readonly path: readonly string[];
  readonly message: string;
}

/** `file › dashboard "X" › panel "Y": message` */
export function formatProblem(problem: Problem): string {
  return problem.path.length > 0 ? `${problem.path.join(' › ')}: ${problem.message}` : problem.message;
}

/**
 * Thrown once with every problem found, so one run shows them all.
 *
 * @example
 * try { dashboard('API').row(row('x').panel(timeseries('Errors'))).build() }
 * catch (e) { if (e instanceof ValidationError) console.log(e.problems) }
 * // → [{ path: ['dashboard "API"', 'row "x"', 'panel "Errors"'], message: 'timeseries panel has no queries' }]
 */
export class ValidationError extends GraftsError {
  declare readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} found:\n` + problems.map((p) => `  ${formatProblem(p)}`).join('\n'), { problems });
  }

  /** `invalid dashboards (2 problems):` (or mixins, when every path is in one) and one problem a line. */
  override get summary(): string {
    const mixins = this.problems.filter((p) => p.path.some((segment) => /^mixins\[\d+\]$|^mixin "/.test(segment))).length;
    const title = mixins === 0 ? 'invalid dashboards' : mixins === this.problems.length ? 'invalid mixins' : 'invalid dashboards and mixins';
    return problemList(title, this.problems.map(formatProblem), 'problem');
  }
}

/** True for a ValidationError from any copy of the library. */
export function isValidationError(error: unknown): error is ValidationError {
  return error instanceof Error && error.name === 'ValidationError' && Array.isArray((error as ValidationError).problems);
}
