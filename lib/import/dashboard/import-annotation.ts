import { isPlainObject } from '../../model/deep-merge.js';
import type { AnnotationBuilder } from '../../model/annotation.js';
import type { DashboardLinkBuilder } from '../../model/dashboard-link.js';
import { call, json, type Expr } from './code-model.js';
import { normalizeLink } from './round-trip-normalize.js';
import type { ImportContext } from './import-context.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };

/** The builder chain for one annotation query, or undefined when the entry is not one. */
export function importAnnotation(ctx: ImportContext, a: unknown): Chain | undefined {
  if (!isPlainObject(a) || typeof a.name !== 'string') return undefined;
  let expr = ctx.factory('annotation', json(a.name));
  const ds = ctx.datasource(a.datasource);
  if (ds) expr = call(expr, 'datasource', ds.expr);
  if (a.enable === false) expr = call(expr, 'disabled');
  if (typeof a.hide === 'boolean') expr = call(expr, 'hideToggle', ...(a.hide ? [] : [json(false)]));
  if (typeof a.iconColor === 'string' && a.iconColor !== 'red') expr = call(expr, 'iconColor', json(a.iconColor));
  if (typeof a.expr === 'string') expr = call(expr, 'expr', ctx.queryText(a.expr));
  for (const key of ['step', 'titleFormat', 'textFormat', 'tagKeys'] as const) {
    if (typeof a[key] === 'string') expr = call(expr, key, json(a[key]));
  }
  if (typeof a.useValueForTime === 'boolean') expr = call(expr, 'useValueForTime', ...(a.useValueForTime ? [] : [json(false)]));
  return ctx.finish(expr, a, (b: AnnotationBuilder) => b.build() as unknown as Json);
}

/** The builder chain for one dashboard link, or undefined when the entry is not one. */
export function importLink(ctx: ImportContext, l: unknown): Chain | undefined {
  if (!isPlainObject(l) || typeof l.title !== 'string') return undefined;
  let expr = ctx.factory('dashboardLink', json(l.title));
  if (l.type === 'dashboards' && Array.isArray(l.tags) && l.tags.every((t) => typeof t === 'string'))
    expr = call(expr, 'toTags', ...l.tags.map((t) => json(t)));
  else if (typeof l.url === 'string') expr = call(expr, 'url', ctx.text(l.url));
  for (const key of ['asDropdown', 'targetBlank', 'includeVars', 'keepTime'] as const) if (l[key] === true) expr = call(expr, key);
  if (typeof l.tooltip === 'string' && l.tooltip !== '') expr = call(expr, 'tooltip', json(l.tooltip));
  if (typeof l.icon === 'string' && l.icon !== 'external link') expr = call(expr, 'icon', json(l.icon));
  return ctx.finish(expr, l, (b: DashboardLinkBuilder) => normalizeLink(b.build() as unknown as Json));
}
