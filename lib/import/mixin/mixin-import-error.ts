import { GraftsError } from '../../errors/grafts-error.js';
import { NOTHING_WRITTEN } from '../nothing-written.js';

/**
 * A rendered mixin that cannot be imported, or an import that cannot be written. Holds every
 * problem found (each naming its file), so one run reports them all.
 */
export class MixinImportError extends GraftsError {
  declare readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
      problems,
      hint: NOTHING_WRITTEN,
    });
  }
}
