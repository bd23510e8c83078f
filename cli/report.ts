import { CommanderError } from 'commander';
import { isGraftsError, type GraftsError } from '../lib/errors/grafts-error.js';
import { HttpError } from '../lib/errors/http-error.js';
import { escapeControl } from '../lib/util/escape-control.js';
import { ExitError } from './errors.js';
import { formatFileSystemError } from './file-system-error.js';

/**
 * The one place the CLI turns an error into output and an exit code:
 *
 * - commander's own errors (usage, `--help`, `--version`) and {@link ExitError} were printed
 *   already: their exit code only;
 * - a {@link GraftsError} (any copy of the library): `error: <summary>` and `  hint: <hint>`
 *   once, exit code {@link GraftsError.exitCode};
 * - a file-system error (ENOSPC, EACCES, …): the path, the reason and a hint, exit 1;
 * - anything else is a bug: `internal error (this is a bug): <stack>`, exit 1.
 *
 * @example
 * const code = reportError(new GraftsError('no dashboards found', { hint: 'name a folder' }), process.stderr);
 * // stderr: "error: no dashboards found\n  hint: name a folder\n"; code 1
 */
export function reportError(error: unknown, stderr: { write(text: string): unknown }): number {
  if (error instanceof CommanderError || error instanceof ExitError) return error.exitCode;
  const text = userErrorText(error);
  stderr.write(text ?? formatBug(error));
  return text !== undefined && isGraftsError(error) ? error.exitCode : 1;
}

/**
 * What {@link reportError} prints for an error the user can act on (a {@link GraftsError}, a
 * file-system error), or undefined for a bug. A fleet run prints it in the failed target's section.
 */
export function userErrorText(error: unknown): string | undefined {
  if (isGraftsError(error)) return formatUserError(error);
  return formatFileSystemError(error);
}

/**
 * `error: <summary>` and, when the error has one, `  hint: <hint>`. Messages quote what servers
 * said (titles, error bodies): every control character is escaped, line by line. An HTTP error's
 * summary is the server's answer, so it stays one line: a body holding `\n  hint: …` must not
 * print as a hint of ours.
 */
export function formatUserError(error: GraftsError): string {
  const summary = error instanceof HttpError ? escapeControl(error.summary) : error.summary.split('\n').map(escapeControl).join('\n');
  return `error: ${summary}\n${error.hint !== undefined ? `  hint: ${escapeControl(error.hint)}\n` : ''}`;
}

/** What the CLI prints for an error it did not expect. */
export function formatBug(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `internal error (this is a bug): ${detail}\n`;
}
