// The typed config of the service-red mixin and its defaults.
import { computed, type AlertSeverity, type ConfigDefaults, type HistogramKind, type RedDashboardLogsOptions, type RedTracesOptions } from 'grafts';
import { workbookBurnRateWindows, sliWindowsOf, type BurnRateWindow, type AlertClass } from './windows.js';

/** What a service promises: the share of good requests over the SLO period. */
export interface SloObjectives {
  /** Share of requests answered without an error status, e.g. 0.999 (99.9 %). */
  readonly availability: number;
  /**
   * Share of requests answered within `threshold` seconds. `threshold` must be an upper bound
   * (`le`) of the histogram's buckets, e.g. 0.5; `target` e.g. 0.99.
   */
  readonly latency: { readonly threshold: number; readonly target: number };
}

/** One SLO: the requests it covers, and how they differ from the mixin-wide settings. */
export interface ServiceSlo {
  /** The SLO's name: rule group names, the `slo` label of every series and alert, the dashboard rows. Lowercase, `a-z0-9-`. */
  readonly name: string;
  /** PromQL matchers of the requests covered, e.g. `job="checkout"` or `job=~".+"`. */
  readonly selector: string;
  /** The duration histogram's kind (default: the mixin's `histogram`). */
  readonly histogram?: HistogramKind;
  /** Objectives of this SLO (default: the mixin's `objectives`). */
  readonly objectives?: Partial<SloObjectives>;
}

/** Which Prometheus severity and `for:` an alert class gets. */
export type PerAlertClass<T> = { readonly page: T; readonly ticket: T };

export interface ServiceRedConfig {
  /** Name of the default SLO (when `services` is not set). */
  readonly serviceName: string;
  /** Matchers of the default SLO: every job with the metrics. */
  readonly serviceSelector: string;
  /** The SLOs; by default one, `serviceName` over `serviceSelector`. */
  readonly services: readonly ServiceSlo[];
  /** The labels that tell services apart inside an SLO: SLI series and alerts are per value (default `['job']`). */
  readonly serviceLabels: readonly string[];
  /** The label holding the SLO's name on recorded series and alerts (default `slo`). */
  readonly sloLabel: string;

  /** The requests counter (default `http_requests_total`). */
  readonly requestsMetric: string;
  /** The label holding the HTTP status (default `code`). */
  readonly statusLabel: string;
  /** Regex of the statuses that count as errors (default `5..`). */
  readonly errorStatus: string;
  /** Matcher of error requests, computed: `code=~"5.."`. */
  readonly errorSelector: string;
  /** The duration histogram, without `_bucket` (default `http_request_duration_seconds`). */
  readonly durationMetric: string;
  /** `classic` (`_bucket` series with `le`; default) or `native` (Prometheus native histograms, via `histogram_fraction`). */
  readonly histogram: HistogramKind;

  /** Default objectives of every SLO (availability 0.999; latency 99 % within 0.5 s). */
  readonly objectives: SloObjectives;
  /** The period the objectives are measured over (default `30d`). */
  readonly sloPeriod: string;
  /** Burn-rate alert windows, computed from `sloPeriod` as in the SRE workbook (see windows.ts); a list replaces them. */
  readonly burnRateWindows: readonly BurnRateWindow[];
  /** Every window an SLI is recorded over, computed: the windows of `burnRateWindows` plus `5m`, shortest first. */
  readonly sliWindows: readonly string[];
  /** Severity label of page and ticket alerts (default critical / warning). */
  readonly severities: PerAlertClass<AlertSeverity>;
  /** `for:` of page and ticket alerts (default 2m / 15m). */
  readonly alertFor: PerAlertClass<string>;
  /** Runbook URL of each alert: `%s` becomes the alert's name; empty: no `runbook_url`. */
  readonly runbookUrlPattern: string;
  /** Contact points the default routes send page and ticket alerts to (default `page` / `ticket`). */
  readonly receivers: PerAlertClass<string>;
  /** `group_by` of the default routes, computed: `alertname`, `sloLabel`, then `serviceLabels`. */
  readonly routeGroupBy: readonly string[];

  /** The level part of recorded series names, computed from `serviceLabels` (`job` → `job:…`). */
  readonly recordingLevel: string;

  /** Title prefix of the dashboard (default `Services / `). */
  readonly dashboardNamePrefix: string;
  /** Tags of the dashboard (default `['service-red-mixin']`). */
  readonly dashboardTags: readonly string[];
  /** uid of the dashboard (default `service-red-overview`: not `service-red`, the uid of the mixin's folder in Grafana). */
  readonly dashboardUid: string;

  /**
   * Traces of the services (Tempo or Zipkin): exemplars on the latency panels open the trace,
   * and with Tempo each RED row lists its slow and failed traces (default `null`: none).
   */
  readonly traces: RedTracesOptions | null;
  /**
   * Logs of the services (Loki): each RED row gets the logs of `{job="<SLO name>"}`, or of
   * `streamSelector` when set, their trace ids linked to the trace (default `null`: none).
   */
  readonly logs: (RedDashboardLogsOptions & { readonly streamSelector?: string }) | null;
}

export type { AlertClass, BurnRateWindow };

export const SERVICE_RED_DEFAULTS: ConfigDefaults<ServiceRedConfig> = {
  serviceName: 'http',
  serviceSelector: 'job=~".+"',
  services: computed((c: ServiceRedConfig) => [{ name: c.serviceName, selector: c.serviceSelector }]),
  serviceLabels: ['job'],
  sloLabel: 'slo',

  requestsMetric: 'http_requests_total',
  statusLabel: 'code',
  errorStatus: '5..',
  errorSelector: computed((c: ServiceRedConfig) => `${c.statusLabel}=~${JSON.stringify(c.errorStatus)}`),
  durationMetric: 'http_request_duration_seconds',
  histogram: 'classic',

  objectives: { availability: 0.999, latency: { threshold: 0.5, target: 0.99 } },
  sloPeriod: '30d',
  burnRateWindows: computed((c: ServiceRedConfig) => workbookBurnRateWindows(c.sloPeriod)),
  sliWindows: computed((c: ServiceRedConfig) => sliWindowsOf(c.burnRateWindows)),
  severities: { page: 'critical', ticket: 'warning' },
  alertFor: { page: '2m', ticket: '15m' },
  runbookUrlPattern: 'https://www.npmjs.com/package/@grafts/mixin-service-red#runbook-%s',
  receivers: { page: 'page', ticket: 'ticket' },
  routeGroupBy: computed((c: ServiceRedConfig) => ['alertname', c.sloLabel, ...c.serviceLabels]),

  recordingLevel: computed((c: ServiceRedConfig) => c.serviceLabels.join('_')),

  dashboardNamePrefix: 'Services / ',
  dashboardTags: ['service-red-mixin'],
  dashboardUid: 'service-red-overview',

  traces: null,
  logs: null,
};
