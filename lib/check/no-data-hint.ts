import { quoteLabelValue } from '../style/selector.js';
import type { PrometheusClient, QueryData } from './prometheus-client.js';
import { PrometheusError } from './prometheus-error.js';
import { vectorSelectors, type VectorSelectorInfo } from './promql-selectors.js';
import { editDistance } from '../util/did-you-mean.js';

/** How many existing label values a hint lists. */
const LISTED_VALUES = 5;

/** Answers shared by every hint of one run, so a selector used by several panels is looked into once. */
export interface HintCache {
  readonly selectors: Map<string, Promise<string | undefined>>;
  metricNames?: Promise<string[]>;
  /** Recording rules Prometheus has loaded; undefined when its rules API could not be read. */
  loadedRecordingRules?: Promise<ReadonlySet<string> | undefined>;
}

/** The rule that records a series, for the hint of a metric with no series. */
export interface RecordingRuleOrigin {
  /** The rule group's name. */
  readonly group: string;
  /** Where the rule comes from: `mixin "node-exporter"`, or the rule file. */
  readonly from: string;
}

/** A fresh cache for {@link noDataHint}. */
export function createHintCache(): HintCache {
  return { selectors: new Map() };
}

/** Options of {@link noDataHint}. */
export interface NoDataHintOptions {
  client: PrometheusClient;
  /** Evaluation time of the look-ups, Unix seconds. */
  time: number;
  /** Window for label-value look-ups, Unix seconds. */
  range: { start: number; end: number };
  cache?: HintCache;
  /**
   * Recording rules of the checked project and rule files, by the series they record: a metric
   * with no series that one of them records is explained by that rule, loaded or not.
   */
  recordedBy?: ReadonlyMap<string, RecordingRuleOrigin>;
}

/**
 * Explains why an expression returned no data, by looking at each of its vector selectors
 * that matches nothing:
 * - the metric does not exist at all → `metric foo_total has no series` (with close names
 *   that do exist, if any);
 * - it exists, but a matcher excludes every series → names the label, the requested value and
 *   a few values that exist: `job="checkoutt" matches nothing; job has: cart, checkout, search`;
 * - every matcher matches alone but not together → says so.
 * When every selector matches series, the expression itself filters everything out (too few
 * samples for the range, labels that differ across a binary operation, …), and the hint says
 * that. Returns undefined when the expression cannot be parsed.
 *
 * @example
 * await noDataHint('sum(rate(http_requests_total{job="checkoutt"}[1m]))', { client, time, range })
 * // → 'http_requests_total: job="checkoutt" matches nothing; job has: cart, checkout, search'
 */
export async function noDataHint(expr: string, options: NoDataHintOptions): Promise<string | undefined> {
  const selectors = vectorSelectors(expr);
  if (selectors === undefined || selectors.length === 0) return undefined;
  const cache = options.cache ?? createHintCache();
  const unique = [...new Map(selectors.map((s) => [s.text, s])).values()];
  const hints: string[] = [];
  for (const selector of unique) {
    let pending = cache.selectors.get(selector.text);
    if (!pending) {
      pending = selectorHint(selector, options, cache);
      cache.selectors.set(selector.text, pending);
    }
    const hint = await pending;
    if (hint !== undefined && !hints.includes(hint)) hints.push(hint);
  }
  if (hints.length > 0) return hints.join('; ');
  return 'every selector matches series, but the expression as a whole returns nothing (too few samples in a range, or labels that differ between the sides of an operation)';
}

async function count(client: PrometheusClient, selector: string, time: number): Promise<number> {
  const data = await client.query(`count(${selector})`, time);
  return sampleCount(data);
}

function sampleCount(data: QueryData): number {
  if (data.resultType !== 'vector' || data.result.length === 0) return 0;
  return Number(data.result[0]!.value[1]);
}

async function selectorHint(selector: VectorSelectorInfo, options: NoDataHintOptions, cache: HintCache): Promise<string | undefined> {
  const { client, time } = options;
  try {
    if ((await count(client, selector.text, time)) > 0) return undefined;
    const metric = selector.metric;
    const base = metric !== undefined ? `{__name__=${quoteLabelValue(metric)}}` : undefined;
    if (metric !== undefined && (await count(client, base!, time)) === 0) {
      const origin = options.recordedBy?.get(metric);
      if (origin) return recordedHint(metric, origin, client, cache);
      const similar = await similarMetricNames(metric, options, cache);
      return `metric ${metric} has no series${similar.length > 0 ? ` (did you mean ${similar.join(', ')}?)` : ''}`;
    }
    const culprits: string[] = [];
    for (const m of selector.matchers) {
      const alone =
        base !== undefined
          ? `{__name__=${quoteLabelValue(metric!)}, ${m.label}${m.op}${quoteLabelValue(m.value)}}`
          : `{${m.label}${m.op}${quoteLabelValue(m.value)}}`;
      if (base === undefined && (m.op === '!=' || m.op === '!~' || new RegExp(`^(?:${safeRegex(m.value)})$`).test(''))) continue;
      if ((await count(client, alone, time)) > 0) continue;
      const values = await client.labelValues(m.label, base !== undefined ? [base] : undefined, options.range);
      const shown = values.slice(0, LISTED_VALUES).join(', ') + (values.length > LISTED_VALUES ? `, … (${values.length} values)` : '');
      const what = `${m.label}${m.op}${quoteLabelValue(m.value)} matches nothing`;
      culprits.push(values.length > 0 ? `${what}; ${m.label} has: ${shown}` : `${what}; ${metric ?? 'no series'} has no ${m.label} label`);
    }
    const prefix = metric !== undefined ? `${metric}: ` : '';
    if (culprits.length > 0) return prefix + culprits.join('; ');
    return `${prefix}each matcher of ${selector.text} matches series alone, but no series matches them all`;
  } catch (error) {
    if (error instanceof PrometheusError && error.unreachable) throw error;
    return undefined;
  }
}

/**
 * Why a series a recording rule records is absent: the rule is not loaded in this Prometheus
 * (its `/api/v1/rules` does not list it), or it is loaded and has recorded nothing yet.
 */
async function recordedHint(metric: string, origin: RecordingRuleOrigin, client: PrometheusClient, cache: HintCache): Promise<string> {
  cache.loadedRecordingRules ??= client.recordingRuleNames().then(
    (names) => new Set(names),
    () => undefined,
  );
  const loaded = await cache.loadedRecordingRules;
  const rule = `recorded by rule ${metric} (group "${origin.group}", ${origin.from})`;
  if (loaded === undefined)
    return `metric ${metric} has no series: ${rule}; this Prometheus does not list its rules, so load that rule into it or check that it is loaded`;
  if (loaded.has(metric))
    return `metric ${metric} has no series: ${rule}, which is loaded in this Prometheus but has recorded nothing yet (its own expression returns no data)`;
  return `metric ${metric} has no series: ${rule}, not loaded in this Prometheus`;
}

function safeRegex(value: string): string {
  try {
    new RegExp(value);
    return value;
  } catch {
    return '(?!)';
  }
}

async function similarMetricNames(metric: string, options: NoDataHintOptions, cache: HintCache): Promise<string[]> {
  cache.metricNames ??= options.client.labelValues('__name__', undefined, options.range).catch(() => []);
  const names = await cache.metricNames;
  const limit = Math.max(2, Math.floor(metric.length / 5));
  return names
    .map((name) => ({ name, d: editDistance(metric, name, limit) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.name);
}
