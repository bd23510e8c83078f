import { parsePromQL } from '../../promql/parse.js';
import type { VariableView } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/**
 * A variable's sample value, as Grafana would interpolate it: its current value, else its first
 * option, else (custom and textbox variables) its first listed value. Undefined when unknown.
 */
export function sampleValue(v: VariableView): string | undefined {
  const current = v.json['current'];
  if (typeof current === 'object' && current !== null) {
    const value = (current as Record<string, unknown>)['value'];
    if (typeof value === 'string' && value !== '' && value !== '$__all') return value;
    if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string') && !value.includes('$__all')) return value.join('|');
  }
  const options = v.json['options'];
  if (Array.isArray(options) && typeof options[0]?.value === 'string' && options[0].value !== '$__all') return options[0].value as string;
  const query = v.json['query'];
  if ((v.type === 'custom' || v.type === 'textbox' || v.type === 'constant') && typeof query === 'string' && query !== '') {
    const first = query.split(',')[0]!;
    const colon = first.indexOf(' : ');
    return (colon === -1 ? first : first.slice(colon + 3)).trim();
  }
  return undefined;
}

/**
 * Whether the query parses once variables with a known value are replaced by that value (the way
 * grafana/dashboard-linter expands them). Catches variables that stand for operators or
 * keywords (`x $op y` with values `or`/`unless`), which no same-length placeholder can represent.
 */
function parsesWithValues(expr: string, variables: readonly VariableView[]): boolean {
  const { masked } = parsePromQL(expr);
  let out = '';
  let cursor = 0;
  let replaced = false;
  for (const span of masked.spans) {
    const variable = span.name.startsWith('__') ? undefined : variables.find((v) => v.name === span.name);
    const value = variable ? sampleValue(variable) : undefined;
    out += masked.text.slice(cursor, span.from) + (value ?? masked.text.slice(span.from, span.to));
    if (value !== undefined) replaced = true;
    cursor = span.to;
  }
  out += masked.text.slice(cursor);
  return replaced && parsePromQL(out).error === undefined;
}

/** `promql-syntax`: every PromQL target parses (Grafana variables expanded first). */
export const promqlSyntax: LintRule = {
  id: 'promql-syntax',
  severity: 'error',
  description: 'every PromQL query parses once Grafana variables ($var, ${var:fmt}, [[var]], $__rate_interval, …) are expanded',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          if (target.language !== 'promql') continue;
          const { error } = target.promql();
          if (!error || parsesWithValues(target.expr!, d.variables)) continue;
          findings.push({
            source: d.source,
            location: { ...d.location(panel, target), offset: error.offset },
            message: `invalid PromQL at offset ${error.offset}: ${error.message}: ${error.snippet}`,
          });
        }
      }
    }
    return findings;
  },
};
