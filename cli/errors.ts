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
