import { dashboard, type DashboardBuilder } from '../model/dashboard.js';
import type { DatasourceLike } from '../model/datasource.js';
import type { ThresholdStep } from '../model/field-config/thresholds.js';
import { timeseries, type TimeseriesPanel } from '../model/panels/timeseries-panel.js';
import { loki } from '../model/queries/loki-query.js';
import { prometheus } from '../model/queries/prometheus-query.js';
import { row, type RowBuilder } from '../model/row.js';
import { logs } from '../model/panels/logs-panel.js';
import { hasData } from '../model/show-hide-rule.js';
import { tab } from '../model/tab.js';
import { labelMatchers, selector, withSelectors, type LabelMatcher, type Matchers } from './selector.js';
import { standardVariables, type TemplateLevel } from './templating.js';
import { logsLink, traceLink } from '../model/trace-links.js';
import {
  serviceLogsPanel,
  slowAndFailedTracesPanel,
  streamSelectorOf,
  traceDatasourceOf,
  traceIdLabelOf,
  RED_CORRELATION_LAYOUT,
  type RedLogsOptions,
  type RedTracesOptions,
} from './red-correlation.js';

/**
 * Which kind of Prometheus histogram the duration metric is.
 *
 * @example
 * red.row({ service: 'api', variables: vars, histogram: 'native' })
 */
export type HistogramKind = 'classic' | 'native';

/**
 * Fixed colours of the status classes in request-rate panels (Grafana's named colours, so
 * they follow the theme): successes green, redirects blue, client errors orange, server
 * errors red.
 *
 * @example
 * STATUS_CLASS_COLORS['5xx'] // → 'red'
 */
export const STATUS_CLASS_COLORS: Readonly<Record<string, string>> = Object.freeze({
  '1xx': 'purple',
  '2xx': 'green',
  '3xx': 'blue',
  '4xx': 'orange',
  '5xx': 'red',
});

/**
 * Fixed colours of the latency series.
 *
 * @example
 * LATENCY_COLORS.p99 // → 'orange'
 */
export const LATENCY_COLORS: Readonly<Record<string, string>> = Object.freeze({ p99: 'orange', p50: 'green', mean: 'blue' });

/**
 * Grid sizes of a RED row. Rate and errors stack in the left half, latency fills the right
 * half at their combined height: with the flow layout the panels are added as rate, latency,
 * errors, so errors wraps under rate.
 *
 * @example
 * RED_LAYOUT.latency // → { width: 12, height: 14 } (= rate 8 + errors 6)
 */
export const RED_LAYOUT = Object.freeze({
  rate: Object.freeze({ width: 12, height: 8 }),
  errors: Object.freeze({ width: 12, height: 6 }),
  latency: Object.freeze({ width: 12, height: 14 }),
});

const DEFAULT_ERROR_THRESHOLDS: readonly [number, number] = [0.01, 0.05];

/**
 * Label variables plus their data source, e.g. the result of {@link standardVariables}.
 *
 * @example
 * const variables: RedVariables = { datasource: ds, matchers: { job } };
 */
export interface RedVariables {
  readonly datasource: DatasourceLike<'prometheus'>;
  readonly matchers: Matchers;
}

/**
 * Options of the Prometheus RED queries (see {@link redQueries}).
 *
 * @example
 * redQueries({ requestsMetric: 'grpc_server_handled_total', statusLabel: 'grpc_code', errorStatus: 'Internal|Unavailable' })
 */
export interface RedQueryOptions {
  /** Variables whose matchers go on every selector (e.g. `standardVariables()`); also supplies the data source. */
  readonly variables?: RedVariables;
  /** Further matchers on every selector, after the variables', e.g. `{ service: 'checkout' }`. */
  readonly selector?: Matchers | readonly LabelMatcher[];
  /** The requests counter (default `http_requests_total`). */
  readonly requestsMetric?: string;
  /** The request duration histogram, without `_bucket` (default `http_request_duration_seconds`). */
  readonly durationMetric?: string;
  /** `classic` (`_bucket` series with `le`, default) or `native`. */
  readonly histogram?: HistogramKind;
  /** The label holding the HTTP status code (default `code`; e.g. `status_code`). */
  readonly statusLabel?: string;
  /** Regex of the status values counted as errors (default `5..`). */
  readonly errorStatus?: string;
  /** The range of `rate()` (default `$__rate_interval`). */
  readonly rateInterval?: string;
}

/**
 * Options of {@link red.row}.
 *
 * @example
 * red.row({ service: 'api', datasource: ds, selector: { job: 'api' }, errorThresholds: [0.001, 0.01] })
 * red.row({ service: 'api', datasource: ds, traces: { datasource: tempoDs, kind: 'tempo' },
 *   logs: { datasource: lokiDs, streamSelector: { app: 'api' } } })
 */
export interface RedRowOptions extends RedQueryOptions {
  /** The service: the row's title. */
  readonly service: string;
  /** The Prometheus data source; required unless `variables` supplies one, or `logs` stands in for metrics. */
  readonly datasource?: DatasourceLike<'prometheus'>;
  /**
   * The service's traces: the p99 latency query fetches exemplars, whose trace id field links
   * to the trace, and (Tempo) a "Slow and failed traces" table is added.
   */
  readonly traces?: RedTracesOptions;
  /**
   * The service's logs: a logs panel (its trace id field links to the trace when `traces` is
   * set) and a "Logs of <service>" link on the error ratio line. Without a Prometheus data
   * source, the row's rate, errors and latency are computed from these logs.
   */
  readonly logs?: RedLogsOptions;
  /** Error ratio thresholds `[warning, critical]` (default `[0.01, 0.05]`, i.e. 1 % and 5 %). */
  readonly errorThresholds?: readonly [number, number];
  /** Starts the row collapsed. */
  readonly collapsed?: boolean;
}

/**
 * The PromQL of a RED row.
 *
 * @example
 * redQueries().errorRatio
 * // → 'sum(rate(http_requests_total{code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))'
 */
export interface RedQueryTexts {
  /** Requests per second by status class (`2xx`, `4xx`, …; non-numeric statuses as they are), label `status`. */
  readonly requestsByStatus: string;
  /** Share of requests that failed, 0–1. */
  readonly errorRatio: string;
  /** 99th percentile latency. */
  readonly latencyP99: string;
  /** Median latency. */
  readonly latencyP50: string;
  /** Mean latency. */
  readonly latencyMean: string;
}

function matcherList(options: RedQueryOptions): LabelMatcher[] {
  return [...(options.variables ? labelMatchers(options.variables.matchers) : []), ...(options.selector ? labelMatchers(options.selector) : [])];
}

/**
 * The PromQL of a RED row, every selector carrying the variables' and `selector` matchers: for
 * panels of your own, recording rules or alerts that must agree with the dashboard.
 *
 * @example
 * redQueries({ variables: standardVariables(), histogram: 'native' }).latencyP99
 * // → 'histogram_quantile(0.99, sum(rate(http_request_duration_seconds{job=~"$job", instance=~"$instance"}[$__rate_interval])))'
 */
export function redQueries(options: RedQueryOptions = {}): RedQueryTexts {
  const requests = options.requestsMetric ?? 'http_requests_total';
  const duration = options.durationMetric ?? 'http_request_duration_seconds';
  const status = options.statusLabel ?? 'code';
  const errorStatus = options.errorStatus ?? '5..';
  const range = options.rateInterval ?? '$__rate_interval';
  const matchers = matcherList(options);
  const apply = (expr: string) => withSelectors(expr, matchers);
  const errorSelector = selector([{ label: status, op: '=~', value: errorStatus }]);

  // Numeric codes become classes (503 → 5xx); names such as gRPC's `OK` are kept as they are.
  const requestsByStatus =
    `sum by (status) (label_replace(label_replace(rate(${requests}[${range}]), ` +
    `"status", "\${1}xx", "${status}", "([0-9]).."), "status", "\${1}", "${status}", "([a-zA-Z]+)"))`;
  const errorRatio = `sum(rate(${requests}${errorSelector}[${range}])) / sum(rate(${requests}[${range}]))`;
  const quantile = (q: string) =>
    options.histogram === 'native'
      ? `histogram_quantile(${q}, sum(rate(${duration}[${range}])))`
      : `histogram_quantile(${q}, sum by (le) (rate(${duration}_bucket[${range}])))`;
  const latencyMean =
    options.histogram === 'native'
      ? `sum(histogram_sum(rate(${duration}[${range}]))) / sum(histogram_count(rate(${duration}[${range}])))`
      : `sum(rate(${duration}_sum[${range}])) / sum(rate(${duration}_count[${range}]))`;
  return {
    requestsByStatus: apply(requestsByStatus),
    errorRatio: apply(errorRatio),
    latencyP99: apply(quantile('0.99')),
    latencyP50: apply(quantile('0.5')),
    latencyMean: apply(latencyMean),
  };
}

function thresholdSteps(thresholds: readonly [number, number] | undefined): ThresholdStep[] {
  const [warning, critical] = thresholds ?? DEFAULT_ERROR_THRESHOLDS;
  return [{ color: 'green' }, { value: warning, color: 'orange' }, { value: critical, color: 'red' }];
}

function withFixedColors<P extends TimeseriesPanel<string>>(panel: P, colors: Readonly<Record<string, string>>): P {
  return Object.entries(colors).reduce<P>((p, [name, color]) => p.overrideByName(name, { color: { mode: 'fixed', fixedColor: color } }), panel);
}

function ratePanel<K extends string>(ds: DatasourceLike<K>, description: string): TimeseriesPanel<K> {
  const panel = timeseries('Request rate')
    .description(description)
    .datasource(ds)
    .unit('reqps')
    .min(0)
    .stacking('normal')
    .fillOpacity(60)
    .lineWidth(1)
    .size(RED_LAYOUT.rate.width, RED_LAYOUT.rate.height);
  return withFixedColors(panel, STATUS_CLASS_COLORS);
}

function errorPanel<K extends string>(ds: DatasourceLike<K>, description: string, thresholds?: readonly [number, number]): TimeseriesPanel<K> {
  return timeseries('Error ratio')
    .description(description)
    .datasource(ds)
    .unit('percentunit')
    .min(0)
    .thresholds(thresholdSteps(thresholds))
    .thresholdsStyle('dashed')
    .size(RED_LAYOUT.errors.width, RED_LAYOUT.errors.height)
    .overrideByName('errors', { color: { mode: 'fixed', fixedColor: 'red' } });
}

function latencyPanel<K extends string>(ds: DatasourceLike<K>, description: string, unit: 's' | 'ms'): TimeseriesPanel<K> {
  const panel = timeseries('Latency').description(description).datasource(ds).unit(unit).min(0).size(RED_LAYOUT.latency.width, RED_LAYOUT.latency.height);
  return withFixedColors(panel, LATENCY_COLORS);
}

function redRow(options: RedRowOptions): RowBuilder {
  const ds = options.datasource ?? options.variables?.datasource;
  const where = `red.row("${options.service}")`;
  const traceDs = options.traces ? traceDatasourceOf(where, options.traces) : undefined;
  if (!ds) {
    if (!options.logs) throw new Error(`${where}: pass a datasource or variables`);
    const fromLogs = logRedPanels({
      ...options.logs,
      service: options.service,
      ...(options.errorThresholds ? { errorThresholds: options.errorThresholds } : {}),
    });
    return correlatedRow(options, fromLogs.rate, fromLogs.latency, fromLogs.errors, traceDs);
  }
  const q = redQueries(options);
  const requests = options.requestsMetric ?? 'http_requests_total';
  const duration = options.durationMetric ?? 'http_request_duration_seconds';
  const status = options.statusLabel ?? 'code';
  const rate = ratePanel(ds, `Requests per second of ${options.service} by status class, from \`${requests}\` (label \`${status}\`).`).target(
    prometheus(q.requestsByStatus).legend('{{status}}'),
  );
  const errors = errorPanel(
    ds,
    `Share of ${options.service} requests answered with status \`${options.errorStatus ?? '5..'}\`, from \`${requests}\`.`,
    options.errorThresholds,
  ).target(prometheus(q.errorRatio).legend('errors'));
  const kind = options.histogram === 'native' ? 'native' : 'classic';
  const p99 = prometheus(q.latencyP99).legend('p99');
  const latency = latencyPanel(
    ds,
    `99th percentile, median and mean duration of ${options.service} requests, from the ${kind} histogram \`${duration}\`.`,
    's',
  ).target(traceDs ? p99.exemplar() : p99, prometheus(q.latencyP50).legend('p50'), prometheus(q.latencyMean).legend('mean'));
  if (!traceDs && !options.logs) {
    const out = row(options.service).panel(rate, latency, errors);
    return options.collapsed ? out.collapsed() : out;
  }
  // Exemplars (dots on the p99 line) carry the trace id in a label; the link opens that trace.
  const linked = traceDs && options.traces ? latency.fieldLinkFor(traceIdLabelOf(options.traces), traceLink('Open trace', traceDs)) : latency;
  return correlatedRow(options, rate, linked, errors, traceDs);
}

/** A RED row with its logs and traces panels under the RED panels. */
function correlatedRow(
  options: RedRowOptions,
  rate: TimeseriesPanel<string>,
  latency: TimeseriesPanel<string>,
  errors: TimeseriesPanel<string>,
  traceDs: DatasourceLike<'tempo' | 'zipkin'> | undefined,
): RowBuilder {
  const logsOptions = options.logs;
  // On the `errors` series (a field link): clicking the error line opens the service's logs.
  const errorsPanel = logsOptions
    ? errors.fieldLinkFor('errors', logsLink(`Logs of ${options.service}`, logsOptions.datasource, streamSelectorOf(logsOptions)))
    : errors;
  // Under the RED panels (whose height is the latency panel's): traces on the left, logs beside them.
  const top = RED_LAYOUT.latency.height;
  const extra = [];
  if (options.traces && traceDs?.kind === 'tempo')
    extra.push(slowAndFailedTracesPanel(options.service, options.traces, traceDs as DatasourceLike<'tempo'>).position(0, top));
  if (logsOptions) {
    const x = extra.length > 0 ? RED_CORRELATION_LAYOUT.traces.width : 0;
    extra.push(serviceLogsPanel(options.service, logsOptions, traceDs, 24 - x).position(x, top));
  }
  const out = row(options.service).panel(rate, latency, errorsPanel, ...extra);
  return options.collapsed ? out.collapsed() : out;
}

/**
 * How a log line states its duration (see {@link red.logsRow}).
 *
 * @example
 * redLogQueries({ streamSelector: '{app="a"}', durationFormat: 'duration' }).latencyMean
 * // → 'avg_over_time({app="a"} | json | unwrap duration_seconds(duration) | __error__="" [$__auto]) by ()'
 */
export type LogDurationFormat = 'seconds' | 'milliseconds' | 'duration';

/**
 * Options of {@link red.logsRow}.
 *
 * @example
 * red.logsRow({ service: 'legacy', datasource: logs, streamSelector: '{app="legacy"}', parser: 'logfmt', statusField: 'code' })
 */
export interface RedLogsRowOptions {
  /** The service: the row's title. */
  readonly service: string;
  /** The Loki data source. */
  readonly datasource: DatasourceLike<'loki'>;
  /** The service's streams: a selector such as `{app="checkout", job=~"$job"}`, or its matchers. */
  readonly streamSelector: string | Matchers | readonly LabelMatcher[];
  /** The parser that extracts fields from lines (default `json`). */
  readonly parser?: 'json' | 'logfmt';
  /** The field holding the HTTP status (default `status`). */
  readonly statusField?: string;
  /** The field holding the request duration (default `duration`). */
  readonly durationField?: string;
  /** `seconds` (a number, default), `milliseconds` (a number), or `duration` (Go style, e.g. `1.5ms`). */
  readonly durationFormat?: LogDurationFormat;
  /** The range of the range aggregations (default `$__auto`). */
  readonly interval?: string;
  /** Error ratio thresholds `[warning, critical]` (default `[0.01, 0.05]`). */
  readonly errorThresholds?: readonly [number, number];
  /** Starts the row collapsed. */
  readonly collapsed?: boolean;
}

/**
 * The LogQL of a RED row from logs (see {@link redLogQueries}).
 *
 * @example
 * redLogQueries({ streamSelector: '{app="a"}' }).latencyP99
 * // → 'quantile_over_time(0.99, {app="a"} | json | unwrap duration | __error__="" [$__auto]) by ()'
 */
export type RedLogQueryTexts = RedQueryTexts;

/**
 * The LogQL of a RED row computed from access logs: for services without metrics.
 *
 * @example
 * redLogQueries({ service: 'legacy', datasource: logs, streamSelector: { app: 'legacy', job } }).errorRatio
 * // → 'sum(rate({app="legacy", job=~"$job"} | json | __error__="" | status >= 500 [$__auto]))
 * //    / sum(rate({app="legacy", job=~"$job"} | json | __error__="" [$__auto]))'
 */
export function redLogQueries(options: Omit<RedLogsRowOptions, 'datasource' | 'service'>): RedLogQueryTexts {
  const stream = typeof options.streamSelector === 'string' ? options.streamSelector : selector(options.streamSelector);
  const parse = `| ${options.parser ?? 'json'}`;
  const status = options.statusField ?? 'status';
  const field = options.durationField ?? 'duration';
  const range = options.interval ?? '$__auto';
  const lines = `${stream} ${parse} | __error__=""`;
  const unwrap = options.durationFormat === 'duration' ? `unwrap duration_seconds(${field})` : `unwrap ${field}`;
  const samples = `${stream} ${parse} | ${unwrap} | __error__=""`;
  return {
    requestsByStatus:
      `sum by (status) (label_replace(label_replace(rate(${lines} [${range}]), ` +
      `"status", "\${1}xx", "${status}", "([0-9]).."), "status", "\${1}", "${status}", "([a-zA-Z]+)"))`,
    errorRatio: `sum(rate(${lines} | ${status} >= 500 [${range}])) / sum(rate(${lines} [${range}]))`,
    latencyP99: `quantile_over_time(0.99, ${samples} [${range}]) by ()`,
    latencyP50: `quantile_over_time(0.5, ${samples} [${range}]) by ()`,
    latencyMean: `avg_over_time(${samples} [${range}]) by ()`,
  };
}

function redLogsRow(options: RedLogsRowOptions): RowBuilder {
  const { rate, latency, errors } = logRedPanels(options);
  const out = row(options.service).panel(rate, latency, errors);
  return options.collapsed ? out.collapsed() : out;
}

/** The rate, latency and error panels of a RED row computed from logs. */
function logRedPanels(options: Omit<RedLogsRowOptions, 'collapsed'>): {
  rate: TimeseriesPanel<'loki'>;
  latency: TimeseriesPanel<'loki'>;
  errors: TimeseriesPanel<'loki'>;
} {
  const q = redLogQueries(options);
  const status = options.statusField ?? 'status';
  const field = options.durationField ?? 'duration';
  const ds = options.datasource;
  const rate = ratePanel(ds, `Log lines (requests) per second of ${options.service} by status class, from the \`${status}\` field.`).target(
    loki(q.requestsByStatus).legend('{{status}}'),
  );
  const errors = errorPanel(ds, `Share of ${options.service} requests logged with a \`${status}\` of 500 or more.`, options.errorThresholds).target(
    loki(q.errorRatio).legend('errors'),
  );
  const latency = latencyPanel(
    ds,
    `99th percentile, median and mean of the \`${field}\` field of ${options.service} requests.`,
    options.durationFormat === 'milliseconds' ? 'ms' : 's',
  ).target(loki(q.latencyP99).legend('p99'), loki(q.latencyP50).legend('p50'), loki(q.latencyMean).legend('mean'));
  return { rate, latency, errors };
}

/**
 * A service of {@link red.dashboard}: its name, and anything its row does differently.
 *
 * @example
 * const services: RedService[] = ['checkout', { service: 'search', histogram: 'native', selector: { app: 'search' } }];
 */
export type RedService = string | (Omit<RedRowOptions, 'variables' | 'datasource'> & { readonly service: string });

/**
 * Options of {@link red.dashboard}: row options shared by every service, and the variables.
 *
 * @example
 * red.dashboard('Shop', ['checkout'], { levels: ['cluster'], serviceLabel: 'service', histogram: 'native' })
 */
export interface RedDashboardOptions extends Omit<RedRowOptions, 'service' | 'variables' | 'datasource' | 'selector' | 'logs'> {
  /** Levels above `job` (see {@link standardVariables}). */
  readonly levels?: readonly TemplateLevel[];
  /** The series the variables are discovered from (default `up`). */
  readonly infoMetric?: string;
  /** The label that tells services apart: a service `checkout` gets `<serviceLabel>="checkout"` (default `job`). */
  readonly serviceLabel?: string;
  /** A description of the dashboard. */
  readonly description?: string;
  /**
   * `rows` (default): one RED row per service. `tabs` (schema v2): one tab per service holding
   * its RED row, and with `logs` a logs section that Grafana hides while it has no data.
   */
  readonly layout?: 'rows' | 'tabs';
  /**
   * A Loki data source: with `layout: 'tabs'`, each tab gets a logs section (lines of
   * `{<serviceLabel>="<service>"}`) that Grafana hides while it has no data; with `rows`, nothing.
   *
   * Or correlation options (see {@link RedRowOptions.logs}) given once for every service: each
   * row gets its logs panel over `{<serviceLabel>="<service>"}`, unless the service sets its
   * own `logs`.
   */
  readonly logs?: DatasourceLike<'loki'> | RedDashboardLogsOptions;
}

/**
 * The correlation logs options of {@link red.dashboard}: those of a row, with the stream
 * selector defaulting to `{<serviceLabel>="<service>"}` for each service.
 *
 * @example
 * red.dashboard('Shop', ['checkout'], { logs: { datasource: lokiDs, traceIdField: 'traceID' } })
 */
export type RedDashboardLogsOptions = Omit<RedLogsOptions, 'streamSelector'>;

function isDatasourceLike(value: DatasourceLike<'loki'> | RedDashboardLogsOptions): value is DatasourceLike<'loki'> {
  return typeof (value as DatasourceLike<'loki'>).toRef === 'function';
}

function redDashboard(title: string, services: readonly RedService[], options: RedDashboardOptions = {}): DashboardBuilder {
  const { levels, infoMetric, serviceLabel = 'job', description, layout = 'rows', logs: logsOption, ...shared } = options;
  // A bare data source is the tabs' logs section (as before correlation); an options object correlates every row.
  const logsDatasource = logsOption && isDatasourceLike(logsOption) ? logsOption : undefined;
  const sharedLogs = logsOption && !isDatasourceLike(logsOption) ? logsOption : undefined;
  const variables = standardVariables({ ...(levels ? { levels } : {}), ...(infoMetric ? { infoMetric } : {}) });
  const rows = services.map((service) => {
    const spec = typeof service === 'string' ? { service } : service;
    const selectorOf = spec.selector ?? [{ label: serviceLabel, op: '=' as const, value: spec.service }];
    const rowLogs = spec.logs ?? (sharedLogs ? { ...sharedLogs, streamSelector: [{ label: serviceLabel, op: '=' as const, value: spec.service }] } : undefined);
    return redRow({ ...shared, ...spec, selector: selectorOf, variables, ...(rowLogs ? { logs: rowLogs } : {}) });
  });
  const base = dashboard(title)
    .description(description ?? `Rate, errors and duration of ${services.map((s) => (typeof s === 'string' ? s : s.service)).join(', ')}.`)
    .editable(false)
    .graphTooltip('shared-crosshair')
    .variable(...variables.all);
  if (layout === 'rows') return base.row(...rows);
  // One tab per service; its logs section shows only when the service has log lines in the range.
  const tabs = services.map((service, i) => {
    const name = typeof service === 'string' ? service : service.service;
    const sections = [rows[i]!];
    if (logsDatasource) {
      const stream = `{${serviceLabel}="${name}"}`;
      sections.push(
        row('Logs')
          .showIf(hasData())
          .panel(logs(`${name} logs`).datasource(logsDatasource).target(loki(stream)).width(24)),
      );
    }
    return tab(name).row(...sections);
  });
  return base.tabs(...tabs);
}

/**
 * The RED method (rate, errors, duration) in house style: one row per service, every row laid
 * out the same way so services compare at a glance.
 *
 * Layout (24 columns, flow layout): the left half holds **Request rate** (w 12, h 8: stacked
 * by status class, fixed colours, `reqps`) above **Error ratio** (w 12, h 6: `percentunit`,
 * dashed thresholds at 1 % and 5 %); the right half holds **Latency** (w 12, h 14: p99, p50 and
 * mean, unit `s`) at their combined height.
 */
export const red = Object.freeze({
  /**
   * One RED row for a service measured by Prometheus: a requests counter with a status label
   * and a duration histogram, classic or native.
   *
   * @example
   * const vars = standardVariables();
   * red.row({ service: 'checkout', variables: vars, selector: { service: 'checkout' }, histogram: 'native' })
   * // → row "checkout" with "Request rate" (x 0, w 12), "Latency" (x 12, w 12, h 14), "Error ratio" (x 0, under rate);
   * //   every selector carries job=~"$job", instance=~"$instance", service="checkout"
   *
   * // correlated: exemplars on p99 open the trace, logs below, slow and failed traces beside them
   * red.row({ service: 'checkout', variables: vars, selector: { service: 'checkout' },
   *   traces: { datasource: tempoDs, kind: 'tempo' }, logs: { datasource: lokiDs, streamSelector: { service: 'checkout' } } })
   * // → panels Request rate, Latency (p99 "exemplar": true, field trace_id → trace), Error ratio
   * //   (its errors line links "Logs of checkout"), Slow and failed traces (TraceQL), Logs (field trace_id → trace)
   */
  row: redRow,
  /**
   * One RED row for a service known only from its access logs in Loki.
   *
   * @example
   * const logs = datasourceVariable('logs', 'loki');
   * red.logsRow({ service: 'legacy', datasource: logs, streamSelector: { app: 'legacy' }, durationFormat: 'duration' })
   * // → latency target: 'quantile_over_time(0.99, {app="legacy"} | json | unwrap duration_seconds(duration) | __error__="" [$__auto]) by ()'
   */
  logsRow: redLogsRow,
  /**
   * A dashboard with the standard variables and one RED row per service, all alike.
   *
   * @example
   * red.dashboard('Shop', ['checkout', { service: 'search', histogram: 'native' }], { levels: ['cluster'] }).uid('shop-red')
   * // → variables datasource, cluster, job, instance; rows "checkout" and "search", each selector
   * //   with cluster=~"$cluster", job=~"$job", instance=~"$instance", job="<service>"
   *
   * red.dashboard('Shop', ['checkout', 'search'], { layout: 'tabs', logs: datasourceVariable('logs', 'loki') })
   * // → schema v2: variables at the top, tabs "checkout" and "search", each with its RED row and a
   * //   "Logs" row (logs of {job="<service>"}) shown only when it has data
   *
   * red.dashboard('Shop', ['checkout', 'search'], { traces: { datasource: tempoDs }, logs: { datasource: lokiDs } })
   * // → every row correlated (see red.row), logs of {job="<service>"}
   */
  dashboard: redDashboard,
});
