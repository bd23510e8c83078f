/**
 * What a target, a panel or a rule came to:
 * - `data`: at least one series with a (non-NaN) value;
 * - `no-data`: nothing, and nothing says it may be empty (a failure);
 * - `empty-ok`: nothing, but the query selects failures only or the panel is marked optional;
 * - `error`: Prometheus rejected the query (or a variable it needs failed);
 * - `skipped`: not checked (another data source such as Loki or Tempo, a hidden query, a library panel).
 */
export type CheckStatus = 'data' | 'no-data' | 'empty-ok' | 'error' | 'skipped';

/** One query of a panel. */
export interface CheckedTarget {
  refId: string;
  /** The expression as sent, variables interpolated (as written when skipped). */
  expr: string;
  status: CheckStatus;
  /** Series with data: the larger of the instant and the range query's counts. */
  series: number;
  /** Why there is no data (`job="checkoutt" matches nothing; job has: cart, checkout`). */
  hint?: string;
  /** Why it may be empty (`empty-ok`) or was not checked (`skipped`). */
  reason?: string;
  /** Prometheus' error message (`error`). */
  error?: string;
  /** For a query with `"exemplar": true` that has data: whether exemplars arrive. */
  exemplars?: CheckedExemplars;
}

/**
 * Whether a query's exemplars (the dots on a latency graph that open a trace) arrive, from
 * `/api/v1/query_exemplars` over the check window:
 * - `arriving`: `count` exemplars on `series` series, with these label names (e.g. `trace_id`);
 * - `missing`: none, with a hint saying whether Prometheus or the service is not set up for them;
 * - `error`: the request failed or its answer had the wrong shape (`error` names the request).
 */
export interface CheckedExemplars {
  status: 'arriving' | 'missing' | 'error';
  count: number;
  series: number;
  labels?: string[];
  hint?: string;
  error?: string;
}

/** One panel and its queries. */
export interface CheckedPanel {
  id?: number;
  title: string;
  /** The row it sits in. */
  row?: string;
  /** The worst of its targets: error, then no-data, then data, then empty-ok; skipped when all are. */
  status: CheckStatus;
  /** Declared optional (description marker or the `optional` list). */
  optional?: boolean;
  /** Why the whole panel was skipped. */
  reason?: string;
  targets: CheckedTarget[];
}

/** One dashboard variable as resolved. */
export interface CheckedVariable {
  name: string;
  type: string;
  /** The query as sent, with earlier variables interpolated. */
  query?: string;
  /** The first options found (up to `maxValues`). */
  values: string[];
  /** How many options were found. */
  count: number;
  /** What is selected: `All` or the values. */
  selected: 'All' | string[];
  error?: string;
  skipped?: string;
}

/** One dashboard. */
export interface CheckedDashboard {
  /** Where it came from (the `.dash.ts` entry or the JSON file), relative to `cwd`. */
  source: string;
  uid: string;
  title: string;
  variables: CheckedVariable[];
  panels: CheckedPanel[];
}

/** One rule of a rule file, evaluated as an instant query. */
export interface CheckedRule {
  source: string;
  group: string;
  /** The `record` or `alert` name. */
  name: string;
  kind: 'record' | 'alert';
  expr: string;
  /** `data`, `empty` (fine for an alert that is not firing) or `error`. */
  status: 'data' | 'empty' | 'error';
  series: number;
  error?: string;
}

/** Totals of a check. */
export interface CheckCounts {
  dashboards: number;
  panels: number;
  data: number;
  noData: number;
  emptyOk: number;
  error: number;
  skipped: number;
  variableErrors: number;
  rules: number;
  ruleErrors: number;
  ruleEmpty: number;
  /** Queries with `"exemplar": true` whose exemplars arrive, are missing, or could not be read. */
  exemplarsArriving: number;
  exemplarsMissing: number;
  exemplarErrors: number;
}

/** What `runCheck` returns; also `dash check --json`. */
export interface CheckResult {
  prometheus: { url: string; version?: string };
  /** The window queried: ISO times, durations as Grafana would interpolate them. */
  window: { start: string; end: string; step: string; scrapeInterval: string; rateInterval: string };
  dashboards: CheckedDashboard[];
  rules: CheckedRule[];
  counts: CheckCounts;
  /**
   * False when a panel errored, a non-optional panel had no data, a variable or a rule failed,
   * or exemplars asked for (`"exemplar": true`) are missing or could not be read.
   */
  ok: boolean;
  durationMs: number;
}
