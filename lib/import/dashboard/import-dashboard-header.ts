import { isPlainObject } from '../../model/deep-merge.js';
import type { Problem } from '../../model/validation-error.js';
import { call, json, ref, type Expr } from './code-model.js';
import { importAnnotation, importLink } from './import-annotation.js';
import type { ImportContext } from './import-context.js';
import { importVariable } from './import-variable.js';
import { importStandardVariables } from './house-style.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };

/**
 * The `dashboard(title)` chain for everything of a (normalised) classic dashboard but its
 * panels: uid, settings, time, variables (declared as constants, house-style sets recognised),
 * annotations and links. Shared by the classic and the schema v2 import (which maps its header
 * to the classic form first).
 *
 * @example
 * importDashboardHeader(ctx, { uid: 'api', title: 'API', refresh: '30s', templating: { list: [{ type: 'custom', name: 'env', query: 'a,b' }] } })
 * // → dashboard('API').uid('api').refresh('30s').variable(env)   (and `const env = customVariable('env', …)` declared in ctx)
 */
export function importDashboardHeader(ctx: ImportContext, desired: Json): Chain {
  const title = typeof desired.title === 'string' && desired.title.trim() !== '' ? desired.title : 'Untitled';

  // Variables first: everything else may reference them.
  const variableRefs: Expr[] = [];
  const templating = isPlainObject(desired.templating) && Array.isArray(desired.templating.list) ? desired.templating.list : [];
  // House-style sets, one after another (a second one is prefixed, e.g. Loki next to Prometheus).
  let standard = 0;
  for (let found = importStandardVariables(ctx, templating); found > 0; found = importStandardVariables(ctx, templating.slice(standard))) standard += found;
  for (const name of ctx.variables.values()) variableRefs.push(ref(name));
  for (const v of templating.slice(standard)) {
    const name = importVariable(ctx, v);
    if (name !== undefined) variableRefs.push(ref(name));
  }

  let expr: Chain = ctx.factory('dashboard', ctx.text(title));
  if (typeof desired.uid === 'string' && desired.uid !== '') expr = call(expr, 'uid', json(desired.uid));
  if (typeof desired.description === 'string') expr = call(expr, 'description', json(desired.description));
  if (Array.isArray(desired.tags) && desired.tags.length > 0 && desired.tags.every((t) => typeof t === 'string')) {
    expr = call(expr, 'tags', ...desired.tags.map((t) => json(t)));
  }
  if (typeof desired.timezone === 'string') expr = call(expr, 'timezone', json(desired.timezone));
  if (typeof desired.editable === 'boolean') expr = call(expr, 'editable', json(desired.editable));
  if (desired.graphTooltip === 1 || desired.graphTooltip === 2)
    expr = call(expr, 'graphTooltip', json(desired.graphTooltip === 1 ? 'shared-crosshair' : 'shared-tooltip'));
  if (isPlainObject(desired.time) && typeof desired.time.from === 'string' && typeof desired.time.to === 'string') {
    expr = call(expr, 'time', json(desired.time.from), ...(desired.time.to === 'now' ? [] : [json(desired.time.to)]));
  }
  if (typeof desired.refresh === 'string' && desired.refresh !== '') expr = call(expr, 'refresh', json(desired.refresh));
  const timepicker = simpleTimepicker(desired.timepicker);
  if (timepicker) expr = call(expr, 'timepicker', json(timepicker));
  if (typeof desired.fiscalYearStartMonth === 'number' && Number.isInteger(desired.fiscalYearStartMonth))
    expr = call(expr, 'fiscalYearStartMonth', json(desired.fiscalYearStartMonth));
  if (typeof desired.weekStart === 'string') expr = call(expr, 'weekStart', json(desired.weekStart));
  if (desired.liveNow === true) expr = call(expr, 'liveNow');
  if (variableRefs.length > 0) expr = call(expr, 'variable', ...variableRefs);

  const annotations = isPlainObject(desired.annotations) && Array.isArray(desired.annotations.list) ? desired.annotations.list : [];
  const annotationExprs = annotations.map((a) => importAnnotation(ctx, a)).filter((a): a is Chain => a !== undefined);
  if (annotationExprs.length > 0) expr = call(expr, 'annotation', ...annotationExprs);
  const links = Array.isArray(desired.links) ? desired.links : [];
  const linkExprs = links.map((l) => importLink(ctx, l)).filter((l): l is Chain => l !== undefined);
  if (linkExprs.length > 0) expr = call(expr, 'link', ...linkExprs);
  return expr;
}

/**
 * Variables the dashboard uses without defining them (Grafana leaves them as written) are kept
 * on purpose, named, so that validation lets exactly those through: `.allowUndefinedVariables(…)`
 * appended, with a note. The allowance changes validation only, not the rendered JSON.
 */
export function allowUndefinedVariables(expr: Chain, problems: readonly Problem[], notes: string[]): Chain {
  const undefinedNames = [...new Set(problems.flatMap((p) => /^unknown variable \$(\w+) in /.exec(p.message)?.[1] ?? []))].sort();
  if (undefinedNames.length === 0) return expr;
  const list = undefinedNames.map((n) => `$${n}`).join(', ');
  notes.push(
    `${list} ${undefinedNames.length === 1 ? 'is' : 'are'} used but not defined by the dashboard (Grafana leaves ${undefinedNames.length === 1 ? 'it' : 'them'} as written; a typo?): kept with .allowUndefinedVariables()`,
  );
  return call(expr, 'allowUndefinedVariables', ...undefinedNames.map((n) => json(n)));
}

function simpleTimepicker(value: unknown): Json | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Json = {};
  if (typeof value.hidden === 'boolean') out.hidden = value.hidden;
  if (Array.isArray(value.refresh_intervals) && value.refresh_intervals.every((v) => typeof v === 'string')) out.refresh_intervals = value.refresh_intervals;
  if (typeof value.nowDelay === 'string') out.nowDelay = value.nowDelay;
  return Object.keys(out).length > 0 ? out : undefined;
}
