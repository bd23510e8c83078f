import { createRequire } from 'node:module';
import type ts from 'typescript';
import { isPlainObject } from '../../model/deep-merge.js';

/** A data source setting most dashboards of a mixin share, worth a config key. */
export interface RepeatedDatasourceSetting {
  readonly value: string;
  /** Prometheus data source variables holding it. */
  readonly count: number;
  /** Prometheus data source variables. */
  readonly of: number;
}

/** What {@link findDatasourceSettings} found. */
export interface DatasourceSettings {
  /** The data source selected by default (`current`), e.g. `default` or `Prometheus`. */
  readonly datasource?: RepeatedDatasourceSetting;
  /** The regex limiting which data sources the variable lists. */
  readonly datasourceRegex?: RepeatedDatasourceSetting;
}

/**
 * The default data source and the data source regex that at least half of the Prometheus data
 * source variables (`type: datasource`, `query: prometheus`) of `dashboards` share.
 *
 * @example
 * findDatasourceSettings([{ templating: { list: [{ type: 'datasource', query: 'prometheus', regex: 'prod-.*', current: { text: 'default', value: 'default' } }] } }])
 * // → { datasource: { value: 'default', count: 1, of: 1 }, datasourceRegex: { value: 'prod-.*', count: 1, of: 1 } }
 */
export function findDatasourceSettings(dashboards: readonly unknown[]): DatasourceSettings {
  const regexes: string[] = [];
  const defaults: string[] = [];
  let of = 0;
  for (const d of dashboards) {
    const list = isPlainObject(d) && isPlainObject(d['templating']) && Array.isArray(d['templating']['list']) ? d['templating']['list'] : [];
    for (const v of list) {
      if (!isPlainObject(v) || v['type'] !== 'datasource' || v['query'] !== 'prometheus') continue;
      of++;
      if (typeof v['regex'] === 'string' && v['regex'] !== '') regexes.push(v['regex']);
      const current = v['current'];
      if (isPlainObject(current) && typeof current['value'] === 'string' && current['value'] !== '' && current['text'] === current['value']) {
        defaults.push(current['value']);
      }
    }
  }
  const datasource = mostCommon(defaults, of);
  const datasourceRegex = mostCommon(regexes, of);
  return { ...(datasource && { datasource }), ...(datasourceRegex && { datasourceRegex }) };
}

/**
 * Rewrites generated dashboard code so that the Prometheus data source variables read the lifted
 * settings from config: in `datasourceVariable(…, 'prometheus')…` chains, `.regex('<lifted>')`
 * becomes `.regex(c.<regexKey>)` and `.defaultValue('<lifted>')` becomes
 * `.defaultValue(c.<defaultKey>)`. Only string literals equal to the lifted values are replaced
 * (found with the TypeScript parser), so the code builds the same dashboard at the defaults.
 *
 * @example
 * liftDatasource("datasourceVariable('ds', 'prometheus').regex('prod-.*')", { regex: { value: 'prod-.*', code: 'c.datasourceRegex' } })
 * // → "datasourceVariable('ds', 'prometheus').regex(c.datasourceRegex)"
 */
export function liftDatasource(code: string, lifted: { regex?: { value: string; code: string }; defaultValue?: { value: string; code: string } }): string {
  if (!lifted.regex && !lifted.defaultValue) return code;
  const typescript = createRequire(import.meta.url)('typescript') as typeof ts;
  const file = typescript.createSourceFile('dashboard.ts', code, typescript.ScriptTarget.ES2022, true, typescript.ScriptKind.TS);
  const edits: { from: number; to: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression) && node.arguments.length === 1) {
      const method = node.expression.name.text;
      const arg = node.arguments[0]!;
      const target = method === 'regex' ? lifted.regex : method === 'defaultValue' ? lifted.defaultValue : undefined;
      if (target && typescript.isStringLiteralLike(arg) && arg.text === target.value && isPrometheusDatasourceChain(typescript, node.expression.expression)) {
        edits.push({ from: arg.getStart(file), to: arg.getEnd(), text: target.code });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return out;
}

/** Whether a builder chain starts with `datasourceVariable(<name>, 'prometheus')`. */
function isPrometheusDatasourceChain(typescript: typeof ts, node: ts.Expression): boolean {
  let current: ts.Expression = node;
  while (typescript.isCallExpression(current)) {
    const callee = current.expression;
    if (typescript.isIdentifier(callee)) {
      const plugin = current.arguments[1];
      return callee.text === 'datasourceVariable' && plugin !== undefined && typescript.isStringLiteralLike(plugin) && plugin.text === 'prometheus';
    }
    if (!typescript.isPropertyAccessExpression(callee)) return false;
    current = callee.expression;
  }
  return false;
}

function mostCommon(values: readonly string[], of: number): RepeatedDatasourceSetting | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const [value, count] of counts) if (!best || count > best[1] || (count === best[1] && value < best[0])) best = [value, count];
  if (!best || best[1] * 2 < of) return undefined;
  return { value: best[0], count: best[1], of };
}
