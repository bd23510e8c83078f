/**
 * Errors raised while loading, type-checking and writing a grafts project.
 *
 * Every message follows the project convention: one problem per line, each line starting with
 * the place it is about (`dashboards/api.dash.ts:3:14: ...`), so that a CLI, an editor or a CI
 * log can show them as they are. The structured `problems` are kept for programmatic callers.
 */
import { GraftsError } from '../errors/grafts-error.js';
import { problemList } from '../errors/problem-list.js';

/** One problem located in a user's file. `line` and `column` are 1-based. */
export interface SourceProblem {
  /** Path relative to the project directory, with forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  /** A compiler code such as `TS2345`, when there is one. */
  code?: string;
  message: string;
}

/**
 * Formats a problem as `file:line:col: CODE message`.
 *
 * @example
 * formatSourceProblem({ file: 'a.dash.ts', line: 3, column: 7, code: 'TS2345', message: 'bad' })
 * // 'a.dash.ts:3:7: TS2345 bad'
 */
export function formatSourceProblem(problem: SourceProblem): string {
  let where = problem.file ?? '';
  if (where && problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const text = problem.code ? `${problem.code} ${problem.message}` : problem.message;
  return where ? `${where}: ${text}` : text;
}

/** How {@link ProjectError.summary} titles the list of problems. */
export interface ProblemListTitle {
  readonly title: string;
  /** What one problem is called (`problem`, `error`). */
  readonly noun: string;
  /** A single problem is printed as it is, without the title. */
  readonly untitledWhenOne: boolean;
}

/** Base class of every error of `lib/project`; `problems` lists each problem once. */
export class ProjectError extends GraftsError {
  declare readonly problems: readonly SourceProblem[];

  constructor(problems: readonly SourceProblem[], options?: ErrorOptions) {
    super(problems.map(formatSourceProblem).join('\n'), { ...options, problems });
  }

  /** The title above the problems in {@link summary}. */
  protected get listTitle(): ProblemListTitle {
    return { title: 'invalid project', noun: 'problem', untitledWhenOne: true };
  }

  /** One problem as it is; several under a title with their count: `invalid project (2 problems):`. */
  override get summary(): string {
    const { title, noun, untitledWhenOne } = this.listTitle;
    if (untitledWhenOne && this.problems.length === 1) return this.message;
    return problemList(title, this.message.split('\n'), noun, this.problems.length);
  }
}

/** `dash.config.ts` is missing, ambiguous or holds an invalid value. */
export class ConfigError extends ProjectError {}

/**
 * User code could not be loaded: a syntax error, an unresolved import, an exception thrown while
 * the module was evaluated, or a file without a default export.
 */
export class LoadError extends ProjectError {
  protected override get listTitle(): ProblemListTitle {
    return { title: 'could not load the project', noun: 'problem', untitledWhenOne: false };
  }
}

/** The TypeScript compiler reported errors in the user's files. */
export class TypeCheckError extends ProjectError {
  protected override get listTitle(): ProblemListTitle {
    return { title: 'type check failed', noun: 'error', untitledWhenOne: false };
  }
}

/** The output directory cannot be written safely (foreign content, bad file names, I/O). */
export class OutputError extends ProjectError {
  constructor(message: string, options?: ErrorOptions) {
    super([{ message }], options);
  }

  protected override get listTitle(): ProblemListTitle {
    return { title: 'could not write output', noun: 'problem', untitledWhenOne: true };
  }
}
