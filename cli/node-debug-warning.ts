import type { CliIO } from './io.js';

/** Node's debug sections that print request headers, `Authorization` included. */
const LEAKY_SECTIONS = ['http', 'http2', 'net', 'tls'] as const;

/**
 * The sections of {@link LEAKY_SECTIONS} that a `NODE_DEBUG` value turns on, matched the way
 * Node matches them: a comma-separated list, case-insensitive, `*` as a wildcard.
 *
 * @example
 * leakyDebugSections('fs,HTTP') // → ['http']
 * leakyDebugSections('*')       // → ['http', 'http2', 'net', 'tls']
 */
export function leakyDebugSections(nodeDebug: string | undefined): string[] {
  if (nodeDebug === undefined || nodeDebug === '') return [];
  const patterns = nodeDebug.split(',').map((part) => new RegExp(`^${part.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'));
  return LEAKY_SECTIONS.filter((section) => patterns.some((pattern) => pattern.test(section)));
}

/**
 * Warns once on stderr when `NODE_DEBUG` makes Node itself print request headers: grafts keeps
 * tokens out of its own output, but cannot stop Node's debug log from showing them.
 */
export function warnIfNodeDebugLeaks(io: CliIO): void {
  const sections = leakyDebugSections(io.env['NODE_DEBUG']);
  if (sections.length === 0) return;
  io.stderr.write(
    `warning: NODE_DEBUG turns on Node's ${sections.join(', ')} debug output, which prints request headers including Authorization: your Grafana token or password will appear in this log. Unset NODE_DEBUG (never set it in CI).\n`,
  );
}
