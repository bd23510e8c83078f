import type { DatasourceLike } from '../datasource.js';
import { renderMultiValue, type MultiValueOptions } from './multi-value.js';
import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** When a query variable re-runs its query. */
export type VariableRefreshOn = 'dashboard-load' | 'time-range-change';

/** How a query variable sorts its values. */
export type VariableSortOrder =
  | 'none'
  | 'alphabetical-asc'
  | 'alphabetical-desc'
  | 'numerical-asc'
  | 'numerical-desc'
  | 'alphabetical-ci-asc'
  | 'alphabetical-ci-desc'
  | 'natural-asc'
  | 'natural-desc';

const SORT_CODES: Record<VariableSortOrder, number> = {
  none: 0,
  'alphabetical-asc': 1,
  'alphabetical-desc': 2,
  'numerical-asc': 3,
  'numerical-desc': 4,
  'alphabetical-ci-asc': 5,
  'alphabetical-ci-desc': 6,
  'natural-asc': 7,
  'natural-desc': 8,
};

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface QueryVariableProps extends VariableProps, MultiValueOptions {
  readonly datasource?: DatasourceLike;
  readonly query?: string;
  readonly regex?: string;
  readonly refresh?: VariableRefreshOn;
  readonly sort?: VariableSortOrder;
}

/**
 * A variable whose values come from a data source query, e.g. Prometheus
 * `label_values(up, job)`. Refreshes on dashboard load unless told otherwise, because a
 * query variable that never refreshes has no values in a dashboard built as code.
 *
 * @example
 * const job = queryVariable('job')
 *   .datasource(ds)
 *   .query(labelValues('up', 'job'))
 *   .multi()
 *   .includeAll({ allValue: '.+' })
 *   .refresh('time-range-change')
 *   .sort('alphabetical-asc');
 * // → { "type": "query", "name": "job", "datasource": { "type": "prometheus", "uid": "${datasource}" },
 * //     "query": "label_values(up, job)", "definition": "label_values(up, job)", "multi": true,
 * //     "includeAll": true, "allValue": ".+", "refresh": 2, "sort": 1 }
 */
export class QueryVariable extends VariableBuilder<QueryVariableProps> {
  protected get variableType(): 'query' {
    return 'query';
  }

  /** The data source the query runs on. */
  datasource(datasource: DatasourceLike): this {
    return this.with({ datasource });
  }

  /** The query; for Prometheus see {@link labelValues}, {@link labelNames}, {@link queryResult}. */
  query(query: string): this {
    return this.with({ query: String(query) });
  }

  /** A regex that filters (and with a capture group, extracts) the values. */
  regex(regex: string): this {
    return this.with({ regex });
  }

  /** Allows several values to be selected. */
  multi(multi = true): this {
    return this.with({ multi });
  }

  /** Adds an "All" option, standing for `allValue` when given (e.g. `.+`). */
  includeAll(options: { allValue?: string } = {}): this {
    return this.with({ includeAll: true, allValue: options.allValue });
  }

  /** When to re-run the query (default: on dashboard load). */
  refresh(on: VariableRefreshOn): this {
    return this.with({ refresh: on });
  }

  /** How to sort the values (default: as the data source returns them). */
  sort(order: VariableSortOrder): this {
    return this.with({ sort: order });
  }

  /** @internal */
  override referencedText(): string[] {
    return this.props.query !== undefined ? [this.props.query] : [];
  }

  protected renderKind(): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = {};
    if (p.datasource) out.datasource = p.datasource.toRef();
    if (p.query !== undefined) {
      out.query = p.query;
      out.definition = p.query;
    }
    if (p.regex !== undefined) out.regex = p.regex;
    Object.assign(out, renderMultiValue(p));
    out.refresh = p.refresh === 'time-range-change' ? 2 : 1;
    if (p.sort !== undefined) out.sort = SORT_CODES[p.sort];
    return out;
  }
}

/**
 * A query variable named `name` (see {@link QueryVariable}).
 *
 * @example
 * const instance = queryVariable('instance').datasource(ds).query(labelValues(`up{job=~"${job}"}`, 'instance'));
 */
export function queryVariable(name: string): QueryVariable {
  return new QueryVariable({ name, merges: [] });
}

/**
 * Prometheus variable query for the values of `label`, optionally within a series selector.
 *
 * @example
 * labelValues('up{job=~"$job"}', 'instance') // → 'label_values(up{job=~"$job"}, instance)'
 * labelValues('job')                          // → 'label_values(job)'
 */
export function labelValues(selectorOrLabel: string, label?: string): string {
  return label === undefined ? `label_values(${selectorOrLabel})` : `label_values(${selectorOrLabel}, ${label})`;
}

/**
 * Prometheus variable query for label names, optionally of the series matching a selector.
 *
 * @example
 * labelNames('up') // → 'label_names(up)'
 */
export function labelNames(selector?: string): string {
  return selector === undefined ? 'label_names()' : `label_names(${selector})`;
}

/**
 * Prometheus variable query over an instant query's result; pair it with `.regex()` to extract.
 *
 * @example
 * queryResult('topk(5, sum by (job) (up))') // → 'query_result(topk(5, sum by (job) (up)))'
 */
export function queryResult(expr: string): string {
  return `query_result(${expr})`;
}
