import { GraftsError } from '../../errors/grafts-error.js';
import { NOTHING_WRITTEN } from '../nothing-written.js';

/**
 * Input that cannot be imported as a dashboard: not JSON, not an object, or a part the
 * importer cannot carry over (nesting deeper than {@link MAX_JSON_DEPTH}). The message names
 * the source file and the JSON path inside it.
 *
 * @example
 * throw new ImportError('dashboards/api.json', '$.panels[3]', 'nesting deeper than 64 levels');
 * // → ImportError: dashboards/api.json › $.panels[3]: nesting deeper than 64 levels
 */
export class ImportError extends GraftsError {
  constructor(
    readonly source: string,
    readonly jsonPath: string,
    readonly reason: string,
  ) {
    super(`${source} › ${jsonPath}: ${reason}`, { hint: NOTHING_WRITTEN });
  }
}

/** True for an {@link ImportError} (works across copies of the library). */
export function isImportError(value: unknown): value is ImportError {
  return value instanceof Error && value.name === 'ImportError' && typeof (value as ImportError).jsonPath === 'string';
}

/** The deepest JSON nesting the importer accepts; real dashboards stay far below it. */
export const MAX_JSON_DEPTH = 64;
