/**
 * Thrown by a command that has already printed what it had to say and only needs the process to
 * end with `exitCode` (for example `dash diff --exit-code` finding changes).
 */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}

/**
 * Formats an error the user can act on (bad project, invalid dashboards, unsafe output dir, a
 * file-system error such as ENOTDIR or ENOSPC) as the text to print, or returns undefined for
 * anything else (a bug). Loaded only on failure.
 */
export async function formatKnownError(error: unknown): Promise<string | undefined> {
  const [{ ProjectError, ConfigError, LoadError, TypeCheckError }, { isValidationError }] = await Promise.all([
    import('../lib/project/errors.js'),
    import('../lib/render/validation-error.js'),
  ]);
  let title: string;
  let lines: string[];
  let noun = 'problem';
  if (isValidationError(error)) {
    const mixins = error.problems.filter((p) => p.path.some((segment) => /^mixins\[\d+\]$|^mixin "/.test(segment))).length;
    title = mixins === 0 ? 'invalid dashboards' : mixins === error.problems.length ? 'invalid mixins' : 'invalid dashboards and mixins';
    lines = error.problems.map((p) => (p.path.length > 0 ? `${p.path.join(' › ')}: ${p.message}` : p.message));
  } else if (error instanceof ProjectError) {
    lines = error.message.split('\n');
    if (error instanceof TypeCheckError) {
      title = 'type check failed';
      noun = 'error';
    } else if (error instanceof LoadError) {
      title = 'could not load the project';
    } else {
      if (error.problems.length === 1) return `error: ${error.message}\n`;
      title = error instanceof ConfigError ? 'invalid project' : 'could not write output';
    }
  } else {
    const { formatFileSystemError } = await import('./file-system-error.js');
    return formatFileSystemError(error);
  }
  const count = isValidationError(error) || error instanceof ProjectError ? error.problems.length : lines.length;
  return `error: ${title} (${count} ${noun}${count === 1 ? '' : 's'}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
