import type { DatasourceLike } from '../model/datasource.js';
import { queryVariable, type QueryVariable } from '../model/variables/query-variable.js';

/** Options of {@link pickerVariable}. */
export interface PickerVariableOptions {
  /** The picker's label, e.g. `Job`. */
  readonly label: string;
  readonly datasource: DatasourceLike;
  /** Where its values come from, usually a `labelValues(...)` query. */
  readonly query: string;
  /** What "All" stands for: `.+` (the default) for labels every series has, `.*` for optional ones. */
  readonly allValue?: string;
}

/**
 * A house-style picker: a query variable that is multi-select with "All", refreshes on
 * time-range change and sorts alphabetically (what `standardVariables` makes for each label).
 *
 * @example
 * pickerVariable('job', { label: 'Job', datasource: ds, query: labelValues('up', 'job') })
 * // → { "type": "query", "name": "job", "label": "Job", "query": "label_values(up, job)", "multi": true,
 * //     "includeAll": true, "allValue": ".+", "refresh": 2, "sort": 1, … }
 */
export function pickerVariable(name: string, options: PickerVariableOptions): QueryVariable {
  return queryVariable(name)
    .label(options.label)
    .datasource(options.datasource)
    .query(options.query)
    .multi()
    .includeAll({ allValue: options.allValue ?? '.+' })
    .refresh('time-range-change')
    .sort('alphabetical-asc');
}
