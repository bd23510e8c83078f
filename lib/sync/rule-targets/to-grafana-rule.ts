import { createHash } from 'node:crypto';
import { formatGrafanaDuration, parseGrafanaDuration } from '../../util/grafana-duration.js';
import type { AlertRuleJson } from '../../mixin/alert-rule.js';
import type { RecordingRuleJson } from '../../mixin/recording-rule.js';
import type { RuleGroupJson } from '../../mixin/rule-group.js';
import { canonicalRuleGroup } from '../../promql/normalize-promql.js';
import { contentHash } from '../managed-marker.js';
import { GraftsError } from '../../errors/grafts-error.js';

/**
 * Conversion of Prometheus-style alerting rules (what mixins produce) into Grafana-managed alert
 * rules (`ProvisionedAlertRule` of the alerting provisioning API), and back for comparison.
 *
 * Shape of a converted rule (refIds fixed):
 * - `A`: the PromQL `expr` as an instant query on the Prometheus data source, over
 *   `relativeTimeRange` (default the last 600 s).
 * - `B`: Grafana expression `reduce` (`last`) of `A`: one number per series; templates read it as
 *   `$values.B.Value`.
 * - `C`: the condition. Default (`'series'`): math `is_number($B) || is_nan($B) || is_inf($B)`,
 *   true for every series the PromQL returns, whatever its value — Prometheus' semantics (an
 *   alert fires for each returned series, so `up == 0`, whose value is 0, fires). With
 *   `condition: 'threshold'`: threshold `B > 0` (fires only for positive values; `up == 0`
 *   would never fire).
 */

/** A query or expression of a Grafana-managed rule (`AlertQuery`). */
export interface GrafanaAlertQuery {
  refId: string;
  queryType?: string;
  relativeTimeRange?: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

/** No-data / error states of a Grafana-managed rule. */
export type GrafanaNoDataState = 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
export type GrafanaExecErrState = 'Error' | 'Alerting' | 'OK' | 'KeepLast';

/** `ProvisionedAlertRule` of `/api/v1/provisioning/*` (json keys exact; response-only keys optional). */
export interface ProvisionedAlertRule {
  id?: number;
  uid: string;
  orgID: number;
  folderUID: string;
  ruleGroup: string;
  title: string;
  condition: string;
  data: GrafanaAlertQuery[];
  updated?: string;
  /** Alerting rules only (Grafana ignores it on recording rules, so grafts leaves it out there). */
  noDataState?: GrafanaNoDataState;
  /** Alerting rules only (as `noDataState`). */
  execErrState?: GrafanaExecErrState;
  /** Alerting rules only (as `noDataState`). */
  for?: string;
  keep_firing_for?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  provenance?: string;
  isPaused: boolean;
  notification_settings?: unknown;
  /** Set on recording rules only: the series `metric` stores the result of query `from`. */
  record?: GrafanaRecord;
}

/** `record` of a Grafana-managed recording rule (`Record` in Grafana's OpenAPI). */
export interface GrafanaRecord {
  metric: string;
  from: string;
  target_datasource_uid?: string;
}

/** `AlertRuleGroup` of the rule-groups endpoints (`interval` in seconds). */
export interface GrafanaAlertRuleGroup {
  title: string;
  folderUid: string;
  interval: number;
  rules: ProvisionedAlertRule[];
}

/** Options of the conversion. */
export interface GrafanaRuleConversionOptions {
  /** Uid of the Prometheus data source the PromQL runs on (required). */
  prometheusDatasourceUid: string;
  /** Seconds back from now query `A` covers. @default 600 */
  relativeTimeRangeSeconds?: number;
  /** @default "OK" — Prometheus alerts do not fire when the query returns nothing. */
  noDataState?: GrafanaNoDataState;
  /** @default "Error" */
  execErrState?: GrafanaExecErrState;
  /** How the condition decides firing (see the module documentation). @default "series" */
  condition?: 'series' | 'threshold';
  /** Group evaluation interval in seconds when the group sets none (a multiple of 10). @default 60 */
  defaultIntervalSeconds?: number;
}

/**
 * The annotation every rule grafts writes carries (annotations are stored as given, and unlike
 * labels they take no part in alert identity or routing). `listGroups` reports only groups with
 * a rule carrying it.
 */
export const GRAFANA_RULE_MANAGED_ANNOTATION = 'grafts_managed';

/**
 * The annotation holding a hash of the rule as grafts wrote it (in canonical form), so that a
 * rule changed in Grafana's UI since (provenance `none`) is told apart from an older version of
 * the code's: the plan refuses to overwrite such a change without `--force`.
 */
export const GRAFANA_RULE_HASH_ANNOTATION = 'grafts_content_hash';

/** Data source uid of Grafana's server-side expressions. */
export const GRAFANA_EXPRESSION_DATASOURCE = '__expr__';

const EXPR_DS = { type: GRAFANA_EXPRESSION_DATASOURCE, uid: GRAFANA_EXPRESSION_DATASOURCE } as const;
const SERIES_CONDITION = 'is_number($B) || is_nan($B) || is_inf($B)';
const UID_RE = /^[A-Za-z0-9_-]{1,40}$/;
/** What Prometheus (and so Grafana's `record.metric`) accepts as a metric name. */
const PROMETHEUS_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * True when `name` is a valid Prometheus metric name (what a recording rule may record).
 *
 * @example
 * isPrometheusMetricName('job:up:sum') // → true
 * isPrometheusMetricName('1bad-name') // → false
 */
export function isPrometheusMetricName(name: string): boolean {
  return PROMETHEUS_METRIC_NAME.test(name);
}

/** A rule or group that cannot be made a Grafana-managed rule (invalid recorded metric names, group limits, bad intervals). */
export class UnsupportedRuleError extends GraftsError {}

/**
 * The uid of a converted rule: readable prefix from the alert name plus a hash of namespace
 * (folder uid), group, alert name and ordinal (the n-th rule of that name in the group, 0 for
 * the first; mixins repeat names with different severities). At most 40 chars of
 * `[A-Za-z0-9_-]`; the same inputs always give the same uid.
 *
 * @example
 * grafanaRuleUid('infra', 'node-exporter', 'NodeDown') // → 'NodeDown-3f0c9a1b2d4e' (hash varies by input)
 */
export function grafanaRuleUid(namespace: string, group: string, alert: string, ordinal = 0): string {
  const hash = createHash('sha256').update(`${namespace}\0${group}\0${alert}\0${ordinal}`).digest('hex').slice(0, 12);
  const slug = alert
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 27);
  return slug ? `${slug}-${hash}` : hash;
}

/** True for a recording rule. */
function isRecording(rule: AlertRuleJson | RecordingRuleJson): rule is RecordingRuleJson {
  return typeof (rule as RecordingRuleJson).record === 'string';
}

/**
 * Why `group` cannot be converted, one message per problem (empty when it can): a recording
 * rule whose name is no valid Prometheus metric name, a `limit`, an interval that is not a
 * positive multiple of 10 s.
 */
export function unsupportedInGrafana(group: RuleGroupJson): string[] {
  const problems: string[] = [];
  for (const rule of group.rules) {
    if (isRecording(rule) && !PROMETHEUS_METRIC_NAME.test(rule.record)) {
      problems.push(
        `group "${group.name}": recording rule "${rule.record}" records no valid Prometheus metric name (letters, digits, "_" and ":", not starting with a digit)`,
      );
    }
  }
  if (group.limit !== undefined && group.limit !== 0) {
    problems.push(`group "${group.name}": "limit: ${group.limit}" has no Grafana-managed equivalent`);
  }
  if (group.interval !== undefined) {
    const ms = parseGrafanaDuration(group.interval);
    if (ms === undefined || ms <= 0 || ms % 10_000 !== 0) {
      problems.push(`group "${group.name}": interval "${group.interval}" must be a positive multiple of 10s for Grafana-managed rules`);
    }
  }
  return problems;
}

/**
 * Rewrites a Prometheus annotation template for Grafana-managed rules: inside `{{ … }}`,
 * `$value` becomes `$values.B.Value` (the reduced number of the series). In Grafana-managed
 * rules `$value` is a string describing every query and expression (`[ var='A' labels={…}
 * value=5 ], …`), so `humanizePercentage $value` would fail. `$labels.x` works unchanged.
 *
 * @example
 * toGrafanaTemplate('{{ $labels.instance }} at {{ $value | humanizePercentage }}')
 * // → '{{ $labels.instance }} at {{ $values.B.Value | humanizePercentage }}'
 */
export function toGrafanaTemplate(text: string): string {
  return text.replace(/\{\{[\s\S]*?\}\}/g, (block) => block.replace(/\$value(?![A-Za-z0-9_.])/g, '$values.B.Value'));
}

/** The inverse of {@link toGrafanaTemplate}. */
export function fromGrafanaTemplate(text: string): string {
  return text.replace(/\{\{[\s\S]*?\}\}/g, (block) => block.replace(/\$values\.B\.Value(?![A-Za-z0-9_])/g, '$value'));
}

function mapRecord(record: Record<string, string>, fn: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

/**
 * One alerting or recording rule as a Grafana-managed rule in folder `folderUid`, group `group`.
 * A recording rule becomes query `A` (its PromQL) with `record: { metric, from: 'A' }` and
 * condition `A`; it has no `for`, no-data or error state (Grafana ignores them on recording rules).
 *
 * @throws {UnsupportedRuleError} for a recording rule whose name is no valid Prometheus metric name.
 * @example
 * toGrafanaRule({ record: 'job:up:sum', expr: 'sum by (job) (up)' }, { folderUid: 'infra', group: 'node' }, { prometheusDatasourceUid: 'prom' })
 * // → { uid: 'job-up-sum-…', title: 'job:up:sum', condition: 'A', data: [{ refId: 'A', … }], record: { metric: 'job:up:sum', from: 'A' }, … }
 */
export function toGrafanaRule(
  rule: AlertRuleJson | RecordingRuleJson,
  where: { folderUid: string; group: string; ordinal?: number },
  options: GrafanaRuleConversionOptions,
): ProvisionedAlertRule {
  if (isRecording(rule)) return toGrafanaRecordingRule(rule, where, options);
  const condition: Record<string, unknown> =
    (options.condition ?? 'series') === 'series'
      ? { refId: 'C', type: 'math', expression: SERIES_CONDITION, datasource: EXPR_DS }
      : { refId: 'C', type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }], datasource: EXPR_DS };
  const out: ProvisionedAlertRule = {
    uid: grafanaRuleUid(where.folderUid, where.group, rule.alert, where.ordinal ?? 0),
    orgID: 1,
    folderUID: where.folderUid,
    ruleGroup: where.group,
    title: rule.alert,
    condition: 'C',
    data: [
      promqlQuery(rule.expr, options),
      {
        refId: 'B',
        queryType: '',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: GRAFANA_EXPRESSION_DATASOURCE,
        model: { refId: 'B', type: 'reduce', expression: 'A', reducer: 'last', datasource: EXPR_DS },
      },
      { refId: 'C', queryType: '', relativeTimeRange: { from: 0, to: 0 }, datasourceUid: GRAFANA_EXPRESSION_DATASOURCE, model: condition },
    ],
    noDataState: options.noDataState ?? 'OK',
    execErrState: options.execErrState ?? 'Error',
    for: rule.for ?? '0s',
    annotations: { ...mapRecord(rule.annotations ?? {}, toGrafanaTemplate), [GRAFANA_RULE_MANAGED_ANNOTATION]: 'true' },
    isPaused: false,
  };
  if (rule.keep_firing_for !== undefined) out.keep_firing_for = rule.keep_firing_for;
  if (rule.labels && Object.keys(rule.labels).length > 0) out.labels = { ...rule.labels };
  if (!UID_RE.test(out.uid)) throw new UnsupportedRuleError(`internal: derived uid "${out.uid}" is invalid`);
  out.annotations = { ...out.annotations, [GRAFANA_RULE_HASH_ANNOTATION]: grafanaRuleHash(out) };
  return out;
}

function promqlQuery(expr: string, options: GrafanaRuleConversionOptions): GrafanaAlertQuery {
  const ds = { type: 'prometheus', uid: options.prometheusDatasourceUid };
  return {
    refId: 'A',
    queryType: '',
    relativeTimeRange: { from: options.relativeTimeRangeSeconds ?? 600, to: 0 },
    datasourceUid: options.prometheusDatasourceUid,
    model: { refId: 'A', expr, instant: true, range: false, datasource: ds },
  };
}

function toGrafanaRecordingRule(
  rule: RecordingRuleJson,
  where: { folderUid: string; group: string; ordinal?: number },
  options: GrafanaRuleConversionOptions,
): ProvisionedAlertRule {
  if (!PROMETHEUS_METRIC_NAME.test(rule.record)) {
    throw new UnsupportedRuleError(`recording rule "${rule.record}" records no valid Prometheus metric name`);
  }
  const out: ProvisionedAlertRule = {
    uid: grafanaRuleUid(where.folderUid, where.group, rule.record, where.ordinal ?? 0),
    orgID: 1,
    folderUID: where.folderUid,
    ruleGroup: where.group,
    title: rule.record,
    // Grafana evaluates `record.from`; the condition names the same query for versions that require one.
    condition: 'A',
    data: [promqlQuery(rule.expr, options)],
    annotations: { [GRAFANA_RULE_MANAGED_ANNOTATION]: 'true' },
    isPaused: false,
    record: { metric: rule.record, from: 'A' },
  };
  if (rule.labels && Object.keys(rule.labels).length > 0) out.labels = { ...rule.labels };
  if (!UID_RE.test(out.uid)) throw new UnsupportedRuleError(`internal: derived uid "${out.uid}" is invalid`);
  out.annotations = { ...out.annotations, [GRAFANA_RULE_HASH_ANNOTATION]: grafanaRuleHash(out) };
  return out;
}

/**
 * The hash of a Grafana-managed rule's meaning (its Prometheus form, canonical: PromQL and
 * durations normalised, marker annotations left out), as {@link GRAFANA_RULE_HASH_ANNOTATION}
 * stores it.
 */
export function grafanaRuleHash(rule: ProvisionedAlertRule): string {
  const [canonical] = canonicalRuleGroup({ name: '', rules: [fromGrafanaRule(rule)] }).rules;
  return contentHash(canonical);
}

/** True when a stored rule's content is not what grafts last wrote (its hash is missing or stale). */
export function grafanaRuleEdited(rule: ProvisionedAlertRule): boolean {
  return rule.annotations?.[GRAFANA_RULE_HASH_ANNOTATION] !== grafanaRuleHash(rule);
}

/**
 * A whole Prometheus rule group as the body of
 * `PUT /api/v1/provisioning/folder/:folderUid/rule-groups/:group`.
 *
 * @throws {UnsupportedRuleError} listing every problem of {@link unsupportedInGrafana}.
 */
export function toGrafanaRuleGroup(folderUid: string, group: RuleGroupJson, options: GrafanaRuleConversionOptions): GrafanaAlertRuleGroup {
  const problems = unsupportedInGrafana(group);
  if (problems.length > 0) throw new UnsupportedRuleError(problems.join('; '));
  const seen = new Map<string, number>();
  const rules = group.rules.map((rule) => {
    const name = isRecording(rule) ? rule.record : rule.alert;
    const ordinal = seen.get(name) ?? 0;
    seen.set(name, ordinal + 1);
    return toGrafanaRule(rule, { folderUid, group: group.name, ordinal }, options);
  });
  const interval = group.interval !== undefined ? parseGrafanaDuration(group.interval)! / 1000 : (options.defaultIntervalSeconds ?? 60);
  return { title: group.name, folderUid, interval, rules };
}

/**
 * A Grafana-managed rule back as a Prometheus alerting rule, for comparison with the code.
 * A recording rule (`record` set) comes back as `{ record: record.metric, expr, labels }`.
 * Round-trips: name (title), `expr` (model of the first non-expression query), `for` (omitted
 * when `0s`), `keep_firing_for` (omitted when `0s`), labels, annotations (templates rewritten
 * back, the managed marker removed). Not represented: data source, time range, no-data/error
 * states, paused, notification settings, uid; durations come back as Grafana formats them
 * (`90s` → `1m30s`).
 */
export function fromGrafanaRule(rule: ProvisionedAlertRule): AlertRuleJson | RecordingRuleJson {
  const query = (rule.data ?? []).find((q) => q.datasourceUid !== GRAFANA_EXPRESSION_DATASOURCE && q.datasourceUid !== '-100');
  const expr = typeof query?.model?.['expr'] === 'string' ? (query.model['expr'] as string) : '';
  if (rule.record && typeof rule.record.metric === 'string') {
    const recording: RecordingRuleJson = { record: rule.record.metric, expr };
    if (rule.labels && Object.keys(rule.labels).length > 0) recording.labels = sortRecord(rule.labels);
    return recording;
  }
  const out: AlertRuleJson = { alert: rule.title, expr };
  if (rule.for && rule.for !== '0s' && rule.for !== '0') out.for = rule.for;
  if (rule.keep_firing_for && rule.keep_firing_for !== '0s' && rule.keep_firing_for !== '0') out.keep_firing_for = rule.keep_firing_for;
  if (rule.labels && Object.keys(rule.labels).length > 0) out.labels = sortRecord(rule.labels);
  const annotations = Object.fromEntries(
    Object.entries(rule.annotations ?? {})
      .filter(([k]) => k !== GRAFANA_RULE_MANAGED_ANNOTATION && k !== GRAFANA_RULE_HASH_ANNOTATION)
      .map(([k, v]) => [k, fromGrafanaTemplate(v)]),
  );
  if (Object.keys(annotations).length > 0) out.annotations = sortRecord(annotations);
  return out;
}

/**
 * Rules of one (folder, group) back as a Prometheus rule group, in Grafana's order (callers
 * pass them sorted). `interval` is left out when it equals `defaultIntervalSeconds` (a group
 * declared without interval is written with the default), else formatted (`120` → `2m`).
 */
export function fromGrafanaRuleGroup(
  name: string,
  intervalSeconds: number | undefined,
  rules: readonly ProvisionedAlertRule[],
  defaultIntervalSeconds = 60,
): RuleGroupJson {
  const out: RuleGroupJson = { name, rules: [] };
  if (intervalSeconds !== undefined && intervalSeconds !== defaultIntervalSeconds) out.interval = formatGrafanaDuration(intervalSeconds * 1000);
  out.rules = rules.map(fromGrafanaRule);
  return out;
}

function sortRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
