import type { SourceProblem } from '../project/errors.js';
import type { Problem } from '../model/validation-error.js';

/**
 * A validation problem (`['a.dash.ts', 'dashboard "API"', 'panel "Errors"']`) placed on a line
 * of its source file, so that watch can print `a.dash.ts:12:5: …` like it does for syntax and
 * type errors. Builders do not record where they were called, so the line is found by looking
 * for the innermost named element's title as a string literal in the file (`'Errors'`,
 * `"Errors"` or `` `Errors` ``), then the next outer one; without a match the problem keeps the
 * file only.
 *
 * @example
 * locateProblem({ path: ['a.dash.ts', 'dashboard "API"', 'panel "Errors"'], message: 'no queries' },
 *   "import …\nexport default dashboard('API')\n  .panel(timeseries('Errors'))\n")
 * // → { file: 'a.dash.ts', line: 3, column: 21, message: 'dashboard "API" › panel "Errors": no queries' }
 */
export function locateProblem(problem: Problem, sourceText: string | undefined): SourceProblem {
  const [file, ...rest] = problem.path;
  const message = rest.length > 0 ? `${rest.join(' › ')}: ${problem.message}` : problem.message;
  if (file === undefined) return { message };
  if (sourceText !== undefined) {
    for (const segment of [...rest].reverse()) {
      const name = /"(.*)"$/.exec(segment)?.[1];
      if (name === undefined || name === '') continue;
      const found = findLiteral(sourceText, name);
      if (found) return { file, ...found, message };
    }
  }
  return { file, message };
}

function findLiteral(text: string, name: string): { line: number; column: number } | undefined {
  let best = -1;
  for (const quote of ["'", '"', '`']) {
    const at = text.indexOf(`${quote}${name}${quote}`);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  if (best < 0) return undefined;
  const before = text.slice(0, best);
  const line = before.split('\n').length;
  return { line, column: best - before.lastIndexOf('\n') };
}
