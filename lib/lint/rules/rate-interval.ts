import { enclosingFunction, type ParsedPromQL } from '../../promql/parse.js';
import { variableName } from '../../promql/variables.js';
import type { TargetView } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/**
 * Functions whose range should be `$__rate_interval`: the per-second and per-range rates of
 * counters and gauges. `*_over_time` and `changes`/`resets` are left alone: their window is
 * usually a deliberate choice (`max_over_time(up[1d])`), not a sampling detail.
 */
export const RATE_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'irate', 'increase', 'delta', 'idelta']);

interface RangeUse {
  fn: string;
  from: number;
  to: number;
  text: string;
  variable: string | undefined;
}

/** Ranges of rate functions in a parsed query, with their text as written. */
export function rateRanges(parsed: ParsedPromQL): RangeUse[] {
  const out: RangeUse[] = [];
  parsed.tree.iterate({
    enter(ref) {
      if (ref.name !== 'MatrixSelector') return undefined;
      const fn = enclosingFunction(ref.node, parsed.expr);
      const range = ref.node.getChild('DurationExpr');
      if (fn && range && RATE_FUNCTIONS.has(fn.name)) {
        const text = parsed.expr.slice(range.from, range.to);
        out.push({ fn: fn.name, from: range.from, to: range.to, text, variable: variableName(text) });
      }
      return undefined;
    },
  });
  return out;
}

/** Whether a range is acceptable: `$__rate_interval`, `$__range` (a whole-range total) or a user variable. */
function acceptable(range: RangeUse): boolean {
  if (range.variable === undefined) return false;
  if (range.variable === '__rate_interval' || range.variable.startsWith('__range')) return true;
  return !range.variable.startsWith('__');
}

function isIntervalVariable(range: RangeUse): boolean {
  return range.variable === '__interval';
}

function promqlTargets(ctx: Parameters<LintRule['check']>[0]) {
  return ctx.dashboards.flatMap((d) =>
    d.panels.flatMap((panel) => panel.targets.filter((t) => t.language === 'promql' && !t.promql().error).map((target) => ({ d, panel, target }))),
  );
}

/** `rate-interval`: rate-like functions use `[$__rate_interval]`. */
export const rateInterval: LintRule = {
  id: 'rate-interval',
  severity: 'warning',
  description: 'rate/irate/increase/delta/idelta use [$__rate_interval] (not a fixed range like [5m], not [$__interval]) so panels work at every zoom and scrape interval',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { d, panel, target } of promqlTargets(ctx)) {
      for (const range of rateRanges(target.promql())) {
        if (acceptable(range)) continue;
        const why = isIntervalVariable(range)
          ? '$__interval can be shorter than two scrapes, leaving gaps'
          : range.variable !== undefined
            ? `$${range.variable} is not meant for rate ranges`
            : 'a fixed range is too short when zoomed out and too coarse when zoomed in';
        findings.push({
          source: d.source,
          location: { ...d.location(panel, target), offset: range.from },
          message: `${range.fn}(…[${range.text}]): use [$__rate_interval]; ${why}`,
          ...(isIntervalVariable(range) && { fixable: true }),
        });
      }
    }
    return findings;
  },
  fix(ctx) {
    let fixed = 0;
    for (const { target } of promqlTargets(ctx)) fixed += fixTarget(target);
    return fixed;
  },
};

function fixTarget(target: TargetView): number {
  const expr = target.expr!;
  const spans = rateRanges(target.promql()).filter(isIntervalVariable);
  if (spans.length === 0) return 0;
  let out = expr;
  for (const span of [...spans].sort((a, b) => b.from - a.from)) out = `${out.slice(0, span.from)}$__rate_interval${out.slice(span.to)}`;
  target.json['expr'] = out;
  return spans.length;
}
