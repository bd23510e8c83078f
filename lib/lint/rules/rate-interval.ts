import { enclosingFunction, type ParsedPromQL } from '../../promql/parse.js';
import { variableName } from '../../promql/variables.js';
import type { PanelView, TargetView } from '../model.js';
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

/** Window totals: their range is part of what they mean (`increase(x[1w])` = this week's count). */
const WINDOW_TOTALS: ReadonlySet<string> = new Set(['increase', 'delta']);

/**
 * Whether a range is acceptable: `$__rate_interval`, `$__range` (a whole-range total), a user
 * variable, or a fixed window that is deliberate: the window of a total (`increase(x[1w])`), or one
 * the panel names in its title or legend (`Errors [1h]`).
 */
function acceptable(range: RangeUse, panel: PanelView, target: TargetView): boolean {
  const legend = typeof target.json['legendFormat'] === 'string' ? target.json['legendFormat'] : '';
  const escaped = range.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(?<![\\w$])${escaped}(?![\\w])`).test(`${panel.title} ${legend}`)) return true;
  if (range.variable === undefined) return WINDOW_TOTALS.has(range.fn);
  if (range.variable === '__rate_interval' || range.variable.startsWith('__range')) return true;
  return !range.variable.startsWith('__');
}

function isIntervalVariable(range: RangeUse): boolean {
  return range.variable === '__interval';
}

/**
 * Replacing `$__interval` keeps the meaning only for per-second functions: `rate` and `irate`
 * return the same quantity over any window, while `increase`/`delta` return totals per window.
 */
function safelyFixable(range: RangeUse): boolean {
  return isIntervalVariable(range) && (range.fn === 'rate' || range.fn === 'irate');
}

/** Per-interval totals (`increase(x[$__interval])`) are deliberate when the panel sets a min interval. */
function perIntervalTotal(range: RangeUse, panel: Record<string, unknown>): boolean {
  const min = panel['interval'];
  return isIntervalVariable(range) && (range.fn === 'increase' || range.fn === 'delta') && typeof min === 'string' && min.trim() !== '';
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
  description:
    'rate/irate/idelta use [$__rate_interval], not a fixed range like [5m] (unless the title names it) nor [$__interval]; increase/delta may use a fixed window but not a bare [$__interval]',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const { d, panel, target } of promqlTargets(ctx)) {
      for (const range of rateRanges(target.promql())) {
        if (acceptable(range, panel, target) || perIntervalTotal(range, panel.json)) continue;
        const why = isIntervalVariable(range)
          ? safelyFixable(range)
            ? '$__interval can be shorter than two scrapes, leaving gaps'
            : `$__interval can be shorter than two scrapes, leaving gaps (for per-interval totals keep it and set the panel's min interval)`
          : range.variable !== undefined
            ? `$${range.variable} is not meant for rate ranges`
            : 'a fixed range is too short when zoomed out and too coarse when zoomed in';
        findings.push({
          source: d.source,
          location: { ...d.location(panel, target), offset: range.from },
          message: `${range.fn}(…[${range.text}]): use [$__rate_interval]; ${why}`,
          ...(safelyFixable(range) && { fixable: true }),
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
  const spans = rateRanges(target.promql()).filter(safelyFixable);
  if (spans.length === 0) return 0;
  let out = expr;
  for (const span of [...spans].sort((a, b) => b.from - a.from)) out = `${out.slice(0, span.from)}$__rate_interval${out.slice(span.to)}`;
  target.json['expr'] = out;
  return spans.length;
}
