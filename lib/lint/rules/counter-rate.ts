import { enclosingAggregateOrFunction, enclosingFunction, vectorSelectors, type ParsedPromQL } from '../../promql/parse.js';
import type { LintRule, RuleFinding } from '../types.js';

/** Metric-name suffixes of counters (and of a histogram's or summary's counter series). */
export const COUNTER_SUFFIX = /_(?:total|count|sum|bucket)$/;

/** Where a raw counter is fine: counting or testing series, not graphing values. */
const SERIES_FUNCTIONS: ReadonlySet<string> = new Set(['count', 'count_values', 'group', 'absent', 'timestamp', 'present_over_time', 'absent_over_time']);

/** Raw uses of counters in a parsed query: `{ metric, offset }` for each. */
export function rawCounters(parsed: ParsedPromQL): { metric: string; offset: number }[] {
  const out: { metric: string; offset: number }[] = [];
  for (const s of vectorSelectors(parsed)) {
    if (s.metric === undefined || s.metricIsVariable || !COUNTER_SUFFIX.test(s.metric)) continue;
    if (inRange(s.node)) continue;
    const owner = enclosingAggregateOrFunction(s.node, parsed.expr);
    if (owner !== undefined && SERIES_FUNCTIONS.has(owner)) continue;
    if (counterDifference(s.node)) continue;
    out.push({ metric: s.metric, offset: s.from });
  }
  return out;
}

/**
 * `a_total - b_total` (allocated minus freed: what is live) is a gauge made of counters; both
 * reset together, so the raw values are meaningful.
 */
function counterDifference(node: ReturnType<typeof vectorSelectors>[number]['node']): boolean {
  let n = node;
  while (n.parent && (n.parent.name === 'ParenExpr' || n.parent.name === 'AggregateExpr' || n.parent.name === 'FunctionCallBody')) n = n.parent;
  return n.parent?.name === 'BinaryExpr' && n.parent.getChild('Sub') !== null;
}

/** A selector with a range (`x[5m]`) or inside a subquery is consumed by a range function. */
function inRange(node: ReturnType<typeof vectorSelectors>[number]['node']): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === 'MatrixSelector' || n.name === 'SubqueryExpr') return true;
  }
  return false;
}

/** Metrics a parsed query reads through a range (`x[5m]`, subqueries): known counters or gauges over time. */
export function rangedMetrics(parsed: ParsedPromQL): string[] {
  return vectorSelectors(parsed)
    .filter((s) => {
      if (s.metric === undefined || s.metricIsVariable || s.node.parent?.name !== 'MatrixSelector') return false;
      const fn = enclosingFunction(s.node.parent, parsed.expr);
      return fn !== undefined && COUNTER_FUNCTIONS.has(fn.name);
    })
    .map((s) => s.metric!);
}

/** Functions that only make sense on counters: using one on a metric shows it is a counter. */
const COUNTER_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'irate', 'increase', 'resets']);

/** Every metric name a parsed query reads. */
function metricsOf(parsed: ParsedPromQL): string[] {
  return vectorSelectors(parsed).flatMap((s) => (s.metric !== undefined && !s.metricIsVariable ? [s.metric] : []));
}

/**
 * Why `metric`, used raw, is a counter; undefined when the dashboard gives no evidence. Names
 * alone are weak evidence: exporters often name gauges `*_total` or `*_count` (users_total,
 * consumer_count), so a suffix counts only with support from the rest of the dashboard.
 */
export function counterEvidence(metric: string, ranged: ReadonlySet<string>, used: ReadonlySet<string>): string | undefined {
  if (metric.endsWith('_bucket')) return 'histogram buckets are counters';
  if (ranged.has(metric)) return 'the dashboard takes its rate elsewhere';
  const base = metric.replace(/_(?:sum|count)$/, '');
  if (base !== metric && used.has(`${base}_bucket`)) return `it belongs to the histogram ${base}`;
  return undefined;
}

/** `counter-rate`: counters are graphed through rate/irate/increase, never raw. */
export const counterRate: LintRule = {
  id: 'counter-rate',
  severity: 'warning',
  description:
    'counters (*_total, *_count, *_sum, *_bucket that the dashboard shows are counters) go through rate/irate/increase, never graphed raw: their value resets on restart',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      const queries = d.panels.flatMap((panel) =>
        panel.targets.filter((t) => t.language === 'promql' && !t.promql().error).map((target) => ({ panel, target })),
      );
      if (queries.length === 0) continue;
      const ranged = new Set(queries.flatMap(({ target }) => rangedMetrics(target.promql())));
      const used = new Set(queries.flatMap(({ target }) => metricsOf(target.promql())));
      for (const { panel, target } of queries) {
        const raw = rawCounters(target.promql())
          .map((r) => ({ ...r, why: counterEvidence(r.metric, ranged, used) }))
          .filter((r) => r.why !== undefined);
        if (raw.length === 0) continue;
        const first = raw[0]!;
        const names = [...new Set(raw.map((r) => r.metric))];
        findings.push({
          source: d.source,
          location: { ...d.location(panel, target), offset: first.offset },
          message: `counter ${names.join(', ')} used raw (${first.why}): wrap it in rate(…[$__rate_interval]) or increase(…)`,
        });
      }
    }
    return findings;
  },
};
