import { renderDashboard } from '../../model/dashboard-render.js';
import type { DashboardBuilder } from '../../model/dashboard.js';
import { call, chain, evaluateExpr, json, object, type Expr } from './code-model.js';
import type { ImportContext } from './import-context.js';
import { jsonEqual } from './json-equal.js';
import { normalizeForRoundTrip } from './round-trip-normalize.js';

type Chain = Expr & { kind: 'chain' };

// Calls `red.dashboard()` makes itself; kept only when they set something else, and undone
// (back to what a dashboard without them renders) when the dashboard does not make them.
const HELPER_SETS: Readonly<Record<string, unknown>> = { editable: false, graphTooltip: 'shared-crosshair' };
const UNSET: Readonly<Record<string, unknown>> = { editable: true, graphTooltip: 'off' };

/**
 * Recognises a whole dashboard that is `red.dashboard()` output: only the standard variables and
 * RED rows (already recognised as `red.row()` calls sharing one `variables` constant), each row
 * told apart by one `<serviceLabel>="<service>"` matcher. Returns
 * `red.dashboard(title, services, options)` followed by the dashboard setters the helper does
 * not cover (uid, tags, time, …), and drops the constants it no longer needs — or `undefined`,
 * unless the new code renders exactly what `expr` renders.
 *
 * @example
 * recognizeRedDashboard(ctx, expr)
 * // → red.dashboard('Shop', ['checkout', { service: 'search', histogram: 'native' }], { description: '…' }).uid('shop')
 */
export function recognizeRedDashboard(ctx: ImportContext, expr: Chain): Chain | undefined {
  if (expr.factory !== 'dashboard' || expr.args.length !== 1) return undefined;
  const rows = expr.calls.filter((c) => c.method === 'row');
  const variableCalls = expr.calls.filter((c) => c.method === 'variable');
  if (rows.length !== 1 || variableCalls.length !== 1 || expr.calls.some((c) => ['panel', 'annotation', 'link', '$merge'].includes(c.method))) return undefined;
  // The module holds just the standard variables and the rows' shared variables.
  const [standard, shared, ...others] = ctx.constants;
  if (!standard?.destructure || !shared || others.length > 0 || standard.expr.kind !== 'chain' || standard.expr.factory !== 'standardVariables')
    return undefined;
  const variableOptions = standard.expr.args[0]?.kind === 'json' ? (standard.expr.args[0].value as Record<string, unknown>) : {};
  if (variableOptions.datasourceType !== undefined) return undefined;
  const bound = standard.destructure.map((b) => b.name);
  const listed = variableCalls[0]!.args.map((a) => (a.kind === 'ref' ? a.name : undefined));
  if (!jsonEqual(listed, bound)) return undefined;

  const specs: { service: string; selector?: Expr; rest: (readonly [string, Expr])[] }[] = [];
  for (const r of rows[0]!.args) {
    const options = r.kind === 'chain' && r.factory === 'red.row' && r.calls.length === 0 && r.args[0]?.kind === 'object' ? r.args[0].entries : undefined;
    const entry = (key: string) => options?.find(([k]) => k === key)?.[1];
    const service = plainText(entry('service'));
    const variables = entry('variables');
    if (!options || service === undefined || variables?.kind !== 'ref' || variables.name !== shared.name) return undefined;
    const selector = entry('selector');
    specs.push({ service, ...(selector ? { selector } : {}), rest: options.filter(([k]) => k !== 'service' && k !== 'variables' && k !== 'selector') });
  }
  // Services are told apart by `<label>="<service>"`: the label most rows use that way (default `job`).
  const labelOf = (spec: (typeof specs)[number]) =>
    spec.selector?.kind === 'object' && spec.selector.entries.length === 1 && plainText(spec.selector.entries[0]![1]) === spec.service
      ? spec.selector.entries[0]![0]
      : undefined;
  const votes = new Map<string, number>();
  for (const spec of specs) {
    const label = labelOf(spec);
    if (label !== undefined) votes.set(label, (votes.get(label) ?? 0) + 1);
  }
  const serviceLabel = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'job';
  const names = specs.map((spec) => spec.service);
  const services = specs.map((spec) => {
    // Another selector is the service's own; none at all is an empty one (the helper would add the label).
    const own: (readonly [string, Expr])[] = labelOf(spec) === serviceLabel ? [] : [['selector', spec.selector ?? { kind: 'array', items: [] }]];
    const rest = [...own, ...spec.rest];
    return rest.length === 0 ? json(spec.service) : object([['service', json(spec.service)], ...rest]);
  });

  const description = expr.calls.find((c) => c.method === 'description')?.args[0];
  const defaultDescription = `Rate, errors and duration of ${names.join(', ')}.`;
  if (description?.kind !== 'json' || typeof description.value !== 'string') return undefined;
  const options: [string, Expr][] = [
    ...(description.value === defaultDescription ? [] : [['description', description] as [string, Expr]]),
    ...(variableOptions.levels !== undefined ? [['levels', json(variableOptions.levels)] as [string, Expr]] : []),
    ...(variableOptions.infoMetric !== undefined ? [['infoMetric', json(variableOptions.infoMetric)] as [string, Expr]] : []),
    ...(serviceLabel !== 'job' ? [['serviceLabel', json(serviceLabel)] as [string, Expr]] : []),
  ];
  let candidate = chain('red.dashboard', expr.args[0]!, { kind: 'array', items: services }, ...(options.length > 0 ? [object(options)] : []));
  for (const c of expr.calls) {
    if (c.method === 'variable' || c.method === 'row' || c.method === 'description') continue;
    if (Object.hasOwn(HELPER_SETS, c.method) && c.args.length === 1 && c.args[0]!.kind === 'json' && c.args[0]!.value === HELPER_SETS[c.method]) continue;
    candidate = call(candidate, c.method, ...c.args);
  }
  for (const [method, value] of Object.entries(UNSET)) {
    if (!expr.calls.some((c) => c.method === method)) candidate = call(candidate, method, json(value));
  }
  // The title must not reference the variables whose constants go away.
  if (JSON.stringify(candidate).includes('"ref"')) return undefined;
  try {
    const before = normalizeForRoundTrip(
      renderDashboard((evaluateExpr(expr, ctx.scope) as DashboardBuilder).parts()).json as unknown as Record<string, unknown>,
    );
    const after = normalizeForRoundTrip(
      renderDashboard((evaluateExpr(candidate, ctx.scope) as DashboardBuilder).parts()).json as unknown as Record<string, unknown>,
    );
    if (!jsonEqual(before, after)) return undefined;
  } catch {
    return undefined;
  }
  ctx.constants.splice(0, ctx.constants.length);
  ctx.imports.delete('standardVariables');
  ctx.imports.delete('dashboard');
  // The notes on the variables and rows it replaces become one.
  const replaced = ctx.notes.filter((n) => / are the house-style standardVariables\(\)$| is the house-style red\.row\(\)$/.test(n));
  for (const n of replaced) ctx.notes.splice(ctx.notes.indexOf(n), 1);
  ctx.notes.push(`the dashboard is the house-style red.dashboard() for ${names.join(', ')}`);
  return candidate;
}

/** The string an expression stands for when it references nothing. */
function plainText(value: Expr | undefined): string | undefined {
  if (value?.kind === 'json' && typeof value.value === 'string') return value.value;
  if (value?.kind === 'template' && value.parts.every((p) => typeof p === 'string')) return value.parts.join('');
  return undefined;
}
