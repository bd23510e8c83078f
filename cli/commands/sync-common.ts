import { InvalidArgumentError } from 'commander';
import { ExitError } from '../errors.js';
import { escapeControl } from '../../lib/util/escape-control.js';
import type { CliIO } from '../io.js';

/**
 * Prints errors of targets and sync (bad target name, auth, unreachable Grafana, refused
 * writes, existing files for init) as `error: …` with the hint they carry, and ends the run with
 * exit code 1. Project errors (config, load, type, validation) and bugs are rethrown for the
 * program's own handling. Messages of these errors never contain credentials.
 */
export function reportSyncError(io: CliIO, error: unknown): never {
  if (isUserFacing(error)) {
    io.stderr.write(userFacingText(error));
    throw new ExitError(1);
  }
  throw error;
}

/**
 * The `error: …` text of one failed target of a fleet, as a single run would print it (sync
 * errors with their hint, config and validation errors, such as a target's own mixins'); undefined
 * for a bug, which the caller rethrows.
 */
export async function targetErrorText(error: unknown): Promise<string | undefined> {
  if (isUserFacing(error)) return userFacingText(error);
  const { formatKnownError } = await import('../errors.js');
  return formatKnownError(error);
}

function userFacingText(error: Error): string {
  const hint = (error as { suggestion?: unknown }).suggestion;
  // Messages quote what servers said (titles, error bodies): no control character reaches the terminal.
  const message = error.message.split('\n').map(escapeControl).join('\n');
  return `error: ${message}\n${typeof hint === 'string' && hint !== '' ? `  hint: ${escapeControl(hint)}\n` : ''}`;
}

function isUserFacing(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (/^(Grafana\w*|Target\w*|ResolveTarget\w*|FileTarget\w*|Kubernetes\w*|Conflict|Init|Sync\w*)Error$/.test(error.name)) return true;
  return typeof (error as { suggestion?: unknown }).suggestion === 'string';
}

/** Commander option parser: a positive integer up to `max`. */
export function positiveInt(max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected an integer from 1 to ${max}, got "${value}"`);
    return n;
  };
}

/** Commander option collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
