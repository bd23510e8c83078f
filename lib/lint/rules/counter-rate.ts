import { enclosingAggregateOrFunction, vectorSelectors, type ParsedPromQL } from '../../promql/parse.js';
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
    out.push({ metric: s.metric, offset: s.from });
  }
  return out;
}

/** A selector with a range (`x[5m]`) or inside a subquery is consumed by a range function. */
function inRange(node: ReturnType<typeof vectorSelectors>[number]['node']): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === 'MatrixSelector' || n.name === 'SubqueryExpr') return true;
  }
  return false;
}

/** `counter-rate`: counters are graphed through rate/irate/increase, never raw. */
export const counterRate: LintRule = {
  id: 'counter-rate',
  severity: 'warning',
  description: 'counters (*_total, *_count, *_sum, *_bucket) go through rate/irate/increase (or another range function), never graphed raw: their value resets on restart',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          if (target.language !== 'promql') continue;
          const parsed = target.promql();
          if (parsed.error) continue;
          const raw = rawCounters(parsed);
          if (raw.length === 0) continue;
          const names = [...new Set(raw.map((r) => r.metric))];
          findings.push({
            source: d.source,
            location: { ...d.location(panel, target), offset: raw[0]!.offset },
            message: `counter ${names.join(', ')} used raw: wrap it in rate(…[$__rate_interval]) or increase(…)`,
          });
        }
      }
    }
    return findings;
  },
};
