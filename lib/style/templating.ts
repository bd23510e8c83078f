import { datasourceVariable, type DatasourceVariable, type NamedDatasource } from '../model/variables/datasource-variable.js';
import { labelValues, type QueryVariable } from '../model/variables/query-variable.js';
import { pickerVariable } from './picker-variable.js';
import type { VariableBuilder } from '../model/variables/variable-builder.js';
import { selector, withSelectors, type LabelMatcher } from './selector.js';

/**
 * Optional levels above `job`, in the order they are placed: `cluster`, then `namespace`.
 *
 * @example
 * standardVariables({ levels: ['cluster', 'namespace'] satisfies TemplateLevel[] })
 */
export type TemplateLevel = 'cluster' | 'namespace';

/**
 * Data source plugins the standard variables can be built for.
 *
 * @example
 * standardVariables({ datasourceType: 'loki' }).datasource // → a `loki` data source variable
 */
export type StandardDatasourceType = 'prometheus' | 'loki';

const LEVEL_ORDER: readonly TemplateLevel[] = ['cluster', 'namespace'];

/**
 * Options of {@link standardVariables}.
 *
 * @example
 * standardVariables({ infoMetric: 'app_build_info', levels: ['namespace'] })
 */
export interface StandardVariablesOptions<
  L extends readonly TemplateLevel[] = readonly TemplateLevel[],
  K extends StandardDatasourceType = StandardDatasourceType,
> {
  /** The data source plugin (default `prometheus`). */
  readonly datasourceType?: K;
  /**
   * The series the values are discovered from (Prometheus only; default `up`). A metric name
   * or a selector such as `app_build_info{env="prod"}`; the chained matchers are added to it.
   */
  readonly infoMetric?: string;
  /** Levels above `job`, e.g. `['cluster', 'namespace']`; always placed cluster → namespace → job. */
  readonly levels?: L;
  /**
   * Put before every variable name (`loki_` → `loki_datasource`, `loki_job`, …), so that a
   * second set, e.g. for Loki next to Prometheus, can sit on the same dashboard. The label
   * matchers keep the label names (`{job=~"$loki_job"}`) and each set's queries run on its own
   * data source variable. Letters, digits and `_`, not starting with a digit.
   */
  readonly prefix?: string;
  /** Put before every variable's display label (`Logs ` → `Logs Job`), to tell two sets apart in the UI. */
  readonly labelPrefix?: string;
  /**
   * Data sources defined as code (`prometheusDatasource(...)`, …) the `datasource` variable
   * lists, and nothing else: its regex matches exactly their names. The first is the default.
   */
  readonly datasources?: readonly NamedDatasource<NoInfer<K>>[];
}

/**
 * The label variables of {@link StandardVariables}, keyed by label, in dashboard order.
 *
 * @example
 * withSelectors('up', standardVariables().matchers) // → 'up{job=~"$job", instance=~"$instance"}'
 */
export type StandardMatchers<L extends readonly TemplateLevel[]> = { readonly [P in L[number]]: QueryVariable } & {
  readonly job: QueryVariable;
  readonly instance: QueryVariable;
};

/**
 * The house-style variables: `datasource`, the requested levels, `job` and `instance`. A level
 * that was not requested does not exist in the type.
 *
 * @example
 * const vars = standardVariables({ levels: ['cluster'] });
 * vars.cluster;                       // QueryVariable
 * standardVariables().cluster;        // compile error: not requested
 */
export type StandardVariables<L extends readonly TemplateLevel[] = [], K extends StandardDatasourceType = 'prometheus'> = {
  /** The data source picker, named `datasource`, labelled `Data source`. */
  readonly datasource: DatasourceVariable<K>;
  /** Values of `job`, filtered by the levels above it. */
  readonly job: QueryVariable;
  /** Values of `instance`, filtered by `job` and the levels. */
  readonly instance: QueryVariable;
  /** Every variable in dashboard order: datasource, levels, job, instance. */
  readonly all: readonly VariableBuilder[];
  /**
   * The label variables keyed by label, for {@link withSelectors} and {@link selector}:
   * `{ cluster?, namespace?, job, instance }`.
   */
  readonly matchers: StandardMatchers<L>;
} & { readonly [P in L[number]]: QueryVariable };

const LABELS: Record<TemplateLevel | 'job' | 'instance', string> = {
  cluster: 'Cluster',
  namespace: 'Namespace',
  job: 'Job',
  instance: 'Instance',
};

/**
 * The standard variables every house-style dashboard starts with, following what
 * dashboard-linter checks:
 *
 * - `datasource` (label `Data source`), Prometheus unless `datasourceType: 'loki'`;
 * - optional `cluster` and `namespace` levels (all-value `.*`, so series without the label
 *   still match);
 * - `job` and `instance` (labels `Job`, `Instance`; all-value `.+`).
 *
 * Each label variable is a chained `label_values` query on the info metric (default `up`),
 * filtered by every variable before it (`instance` by `job`, and both by the levels), is
 * multi-select with "All", refreshes on time-range change and sorts alphabetically. On Loki
 * the queries are `label_values({…}, label)` on the stream selector of the previous choices,
 * and the levels' all-value is `.+` too, because Loki rejects a stream selector whose
 * matchers all match the empty string.
 *
 * @example
 * const vars = standardVariables({ levels: ['cluster'], infoMetric: 'app_build_info' });
 * dashboard('API').variable(...vars.all)
 * // templating.list →
 * //   { "type": "datasource", "name": "datasource", "label": "Data source", "query": "prometheus" },
 * //   { "type": "query", "name": "cluster", "query": "label_values(app_build_info, cluster)", "allValue": ".*", … },
 * //   { "type": "query", "name": "job", "query": "label_values(app_build_info{cluster=~\"$cluster\"}, job)", "allValue": ".+", … },
 * //   { "type": "query", "name": "instance",
 * //     "query": "label_values(app_build_info{cluster=~\"$cluster\", job=~\"$job\"}, instance)", … }
 * withSelectors('sum(rate(http_requests_total[$__rate_interval]))', vars.matchers)
 * // → 'sum(rate(http_requests_total{cluster=~"$cluster", job=~"$job", instance=~"$instance"}[$__rate_interval]))'
 *
 * // Prometheus and Loki on one dashboard: the second set is prefixed.
 * const logs = standardVariables({ datasourceType: 'loki', prefix: 'loki_', labelPrefix: 'Logs ' });
 * dashboard('API').variable(...vars.all, ...logs.all)
 * // → …, { "type": "datasource", "name": "loki_datasource", "label": "Logs Data source", "query": "loki" },
 * //      { "type": "query", "name": "loki_job", "query": "label_values(job)", "datasource": { "type": "loki", "uid": "${loki_datasource}" }, … }
 * selector({ app: 'api', ...logs.matchers }) // → '{app="api", job=~"$loki_job", instance=~"$loki_instance"}'
 */
export function standardVariables<const L extends readonly TemplateLevel[] = [], K extends StandardDatasourceType = 'prometheus'>(
  options: StandardVariablesOptions<L, K> = {},
): StandardVariables<L, K> {
  const kind = (options.datasourceType ?? 'prometheus') as K;
  const infoMetric = options.infoMetric ?? 'up';
  if (kind !== 'prometheus' && options.infoMetric !== undefined) {
    throw new Error(`infoMetric applies to Prometheus only, not to ${kind}`);
  }
  const requested = new Set<TemplateLevel>(options.levels ?? []);
  for (const level of requested) {
    if (!LEVEL_ORDER.includes(level)) throw new Error(`unknown level "${String(level)}" (expected cluster or namespace)`);
  }
  const prefix = options.prefix ?? '';
  if (!/^([A-Za-z_][A-Za-z0-9_]*)?$/.test(prefix)) {
    throw new Error(`standardVariables prefix "${prefix}" must be letters, digits and "_", not starting with a digit (it starts variable names)`);
  }
  const labelPrefix = options.labelPrefix ?? '';
  const datasource = onlyThese(datasourceVariable(`${prefix}datasource`, kind).label(`${labelPrefix}Data source`), options.datasources);

  const chain: LabelMatcher[] = [];
  const byLabel: Record<string, QueryVariable> = {};
  const labels = [...LEVEL_ORDER.filter((l) => requested.has(l)), 'job', 'instance'] as const;
  for (const label of labels) {
    const within = chain.length === 0 ? undefined : kind === 'prometheus' ? withSelectors(infoMetric, chain) : selector(chain);
    const query = within === undefined ? (kind === 'prometheus' ? labelValues(infoMetric, label) : labelValues(label)) : labelValues(within, label);
    const variable = pickerVariable(`${prefix}${label}`, {
      label: `${labelPrefix}${LABELS[label]}`,
      datasource,
      query,
      allValue: label === 'job' || label === 'instance' || kind === 'loki' ? '.+' : '.*',
    });
    byLabel[label] = variable;
    chain.push({ label, op: '=~', value: String(variable) });
  }
  const matchers = Object.freeze({ ...byLabel }) as StandardMatchers<L>;
  return Object.freeze({
    datasource,
    ...byLabel,
    all: Object.freeze([datasource, ...Object.values(byLabel)]),
    matchers,
  }) as unknown as StandardVariables<L, K>;
}

function onlyThese<K extends string>(variable: DatasourceVariable<K>, datasources: readonly NamedDatasource<K>[] | undefined): DatasourceVariable<K> {
  if (datasources === undefined) return variable;
  const [first, ...rest] = datasources;
  if (first === undefined) throw new Error(`standardVariables: "datasources" is empty; leave it out to list every ${variable.kind} data source`);
  return variable.regex(first, ...rest).defaultValue(first.displayName);
}
