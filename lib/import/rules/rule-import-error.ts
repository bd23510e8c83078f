import { GraftsError } from '../../errors/grafts-error.js';
import { NOTHING_WRITTEN } from '../nothing-written.js';

/**
 * A rule file that cannot be imported (invalid YAML, not `{ groups: [...] }`, a value with no
 * literal). The message names the file and where in it: `alerts.yaml › groups[2].rules: …`.
 */
export class RuleImportError extends GraftsError {
  constructor(
    /** The file as given to the importer. */
    readonly source: string,
    /** Where in the file (`groups[2].rules`), empty for the whole file. */
    readonly at: string,
    detail: string,
    /**
     * `not-a-rule-file`: valid YAML that is not a rule file at all (no top-level `groups`), which a
     * folder walk may skip; `invalid`: everything else (broken YAML, a broken rule file).
     */
    readonly kind: 'not-a-rule-file' | 'invalid' = 'invalid',
  ) {
    super(`${source}${at === '' ? '' : ` › ${at}`}: ${detail}`, { hint: NOTHING_WRITTEN });
  }
}
