/**
 * Files of the research reference kept beside the repository (`../shared/reference/`). CI always
 * checks the repository out next to it, so a test that needs one fails, naming the path, rather
 * than passing without having looked.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './validate-schema.js';

/**
 * The absolute path of `relative` under ../shared/reference; throws when it is absent.
 *
 * @example
 * const dir = requireSharedReference('grafana-jsonschema'); // → /…/shared/reference/grafana-jsonschema
 */
export function requireSharedReference(relative: string): string {
  const absolute = path.resolve(repoRoot, '..', 'shared', 'reference', relative);
  if (!existsSync(absolute)) {
    throw new Error(`${absolute} is absent: this test needs the shared reference checked out beside the repository (../shared/reference)`);
  }
  return absolute;
}
