import { isPlainObject } from '../../model/deep-merge.js';
import type { VariableBuilder } from '../../model/variables/variable-builder.js';
import { call, json, type Expr } from './code-model.js';
import type { ImportContext } from './import-context.js';
import { normalizeVariable } from './round-trip-normalize.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };

const SORT_NAMES = [
  'none',
  'alphabetical-asc',
  'alphabetical-desc',
  'numerical-asc',
  'numerical-desc',
  'alphabetical-ci-asc',
  'alphabetical-ci-desc',
  'natural-asc',
  'natural-desc',
];
const VISIBILITY = ['label-and-value', 'value-only', 'hidden'];

/**
 * Declares one dashboard variable as a named constant (`const job = queryVariable('job')…`)
 * and returns the constant's name, or undefined when the entry is not a variable at all (it
 * then stays in the dashboard's raw templating list).
 */
export function importVariable(ctx: ImportContext, variable: unknown): string | undefined {
  if (!isPlainObject(variable) || typeof variable.name !== 'string' || variable.name === '') return undefined;
  const v = normalizeVariable(variable);
  const name = v.name as string;
  let expr = kindChain(ctx, v, name);
  if (typeof v.label === 'string') expr = call(expr, 'label', json(v.label));
  if (typeof v.description === 'string') expr = call(expr, 'description', json(v.description));
  if ((v.hide === 1 || v.hide === 2) && !(v.type === 'constant' && v.hide === 2)) expr = call(expr, 'visibility', json(VISIBILITY[v.hide]));
  if (v.skipUrlSync === true) expr = call(expr, 'skipUrlSync');
  expr = ctx.finish(expr, v, (b: VariableBuilder) => normalizeVariable(b.build() as unknown as Json));
  const constant = ctx.names.take(name);
  ctx.declare(constant, expr);
  ctx.variables.set(name, constant);
  if (v.type === 'datasource' && typeof v.query === 'string' && v.query !== '') ctx.datasourceKinds.set(constant, v.query);
  return constant;
}

function kindChain(ctx: ImportContext, v: Json, name: string): Chain {
  const multiValue = (expr: Chain, allowAllValue: boolean): Chain => {
    if (v.multi === true) expr = call(expr, 'multi');
    if (v.includeAll === true) {
      const allValue = typeof v.allValue === 'string' && v.allValue !== '' && allowAllValue ? [json({ allValue: v.allValue })] : [];
      expr = call(expr, 'includeAll', ...allValue);
    }
    return expr;
  };
  switch (v.type) {
    case 'query': {
      let expr = ctx.factory('queryVariable', json(name));
      const ds = ctx.datasource(v.datasource);
      if (ds) expr = call(expr, 'datasource', ds.expr);
      if (typeof v.query === 'string' && v.query !== '') {
        const isQueryText = ds === undefined || ds.kind === 'prometheus' || ds.kind === 'loki';
        expr = call(expr, 'query', isQueryText ? ctx.queryText(v.query) : ctx.text(v.query));
      }
      if (typeof v.regex === 'string' && v.regex !== '') expr = call(expr, 'regex', json(v.regex));
      expr = multiValue(expr, true);
      if (v.refresh === 2) expr = call(expr, 'refresh', json('time-range-change'));
      if (typeof v.sort === 'number' && v.sort >= 1 && v.sort <= 8 && Number.isInteger(v.sort)) expr = call(expr, 'sort', json(SORT_NAMES[v.sort]));
      return expr;
    }
    case 'datasource': {
      if (typeof v.query !== 'string' || v.query === '') break;
      let expr = ctx.factory('datasourceVariable', json(name), json(v.query));
      if (typeof v.regex === 'string' && v.regex !== '') expr = call(expr, 'regex', json(v.regex));
      if (v.multi === true) expr = call(expr, 'multi');
      if (v.includeAll === true) expr = call(expr, 'includeAll');
      const current = currentValue(v.current);
      if (current !== undefined) expr = call(expr, 'defaultValue', json(current));
      return expr;
    }
    case 'custom': {
      if (typeof v.query !== 'string') break;
      const values = v.query === '' ? [] : v.query.split(/(?<!\\),/).map((s) => s.trim());
      let expr = ctx.factory('customVariable', json(name), json(values));
      expr = multiValue(expr, true);
      const current = currentValue(v.current);
      if (current !== undefined && values.includes(current)) expr = call(expr, 'defaultValue', json(current));
      return expr;
    }
    case 'interval': {
      if (typeof v.query !== 'string') break;
      const values = v.query === '' ? [] : v.query.split(',').map((s) => s.trim());
      let expr = ctx.factory('intervalVariable', json(name), json(values));
      if (v.auto === true) {
        const options: Json = {};
        if (typeof v.auto_count === 'number' && Number.isFinite(v.auto_count)) options.steps = v.auto_count;
        if (typeof v.auto_min === 'string') options.min = v.auto_min;
        expr = call(expr, 'auto', json(options));
      }
      const current = currentValue(v.current);
      if (current !== undefined) expr = call(expr, 'defaultValue', json(current));
      return expr;
    }
    case 'constant':
      if (typeof v.query === 'string') return ctx.factory('constantVariable', json(name), json(v.query));
      break;
    case 'textbox':
      return typeof v.query === 'string' && v.query !== ''
        ? ctx.factory('textboxVariable', json(name), json(v.query))
        : ctx.factory('textboxVariable', json(name));
    case 'adhoc': {
      const ds = ctx.datasource(v.datasource);
      if (ds) return ctx.factory('adhocVariable', json(name), ds.expr);
      break;
    }
  }
  // No builder fits: a textbox variable, reshaped into the original by `$merge`.
  ctx.notes.push(`variable "${name}": ${typeof v.type === 'string' ? `type ${v.type}` : 'no type'} has no builder here; kept verbatim through $merge`);
  return ctx.factory('textboxVariable', json(name));
}

function currentValue(current: unknown): string | undefined {
  if (!isPlainObject(current)) return undefined;
  return typeof current.value === 'string' && current.value !== '' && current.text === current.value ? current.value : undefined;
}
