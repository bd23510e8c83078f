import { isPlainObject, type JsonObject } from '../../model/deep-merge.js';
import { mixedDatasource } from '../../model/datasource.js';
import { BUILDER_FACTORIES, OTHER_IMPORTS } from './builder-scope.js';
import { call, chain, evaluateExpr, json, type EvalScope, type Expr } from './code-model.js';
import { mergePatch } from './merge-patch.js';
import { IdentifierPool } from './naming.js';
import { templated } from './template-text.js';

/**
 * The hook `dash import --mixin` uses to lift repeated query text into the mixin config.
 *
 * @example
 * { rewriteExpr: (expr) => '`' + expr.replace('job="node"', '${c.selector}') + '`', paramType: 'Readonly<NodeConfig>',
 *   preamble: "import type { NodeConfig } from '../config.js';" }
 */
export interface ImportConfigHook {
  /** TypeScript expression source to emit for a Prometheus/Loki query text (return `undefined` to keep it). */
  rewriteExpr?(expr: string): string | undefined;
  /** Source inserted verbatim after the imports. */
  preamble?: string;
  /** When set, the module exports `function (c: <paramType>): DashboardBuilder` instead of a dashboard. */
  paramType?: string;
}

/** A module-level (or, with a config, function-level) constant of the generated code. */
export interface ConstantDecl {
  readonly name: string;
  readonly expr: Expr;
  /** Declared as `const { property: name, … } = expr` instead (then `name` is unused). */
  readonly destructure?: readonly { readonly property: string; readonly name: string }[];
  /** A JSDoc-free one-line comment placed above it. */
  readonly comment?: string;
}

/** Everything the import of one dashboard accumulates. */
export class ImportContext {
  readonly names = new IdentifierPool([...Object.keys(BUILDER_FACTORIES), ...OTHER_IMPORTS, 'c']);
  /** Dashboard variable name → constant name, for variables declared so far. */
  readonly variables = new Map<string, string>();
  /** Constant name → data source plugin id, for constants usable as a data source. */
  readonly datasourceKinds = new Map<string, string>();
  readonly constants: ConstantDecl[] = [];
  readonly imports = new Set<string>();
  readonly notes: string[] = [];
  readonly scope: EvalScope & { constants: Map<string, unknown>; cache: WeakMap<object, unknown> };
  readonly #fixedDatasources = new Map<string, string>();

  constructor(readonly config: ImportConfigHook | undefined) {
    this.scope = { factories: BUILDER_FACTORIES, constants: new Map<string, unknown>([['mixedDatasource', mixedDatasource]]), cache: new WeakMap() };
  }

  /** A chain starting with a builder factory (recorded as an import). */
  factory(name: string, ...args: Expr[]): Expr & { kind: 'chain' } {
    this.imports.add(name);
    return chain(name, ...args);
  }

  /** Declares a constant and evaluates it into the scope. */
  declare(name: string, expr: Expr, comment?: string): unknown {
    const value = evaluateExpr(expr, this.scope);
    this.constants.push(comment === undefined ? { name, expr } : { name, expr, comment });
    this.scope.constants.set(name, value);
    return value;
  }

  /** Declares `const { property: name, … } = expr` and evaluates it into the scope. */
  declareDestructured(expr: Expr, bindings: readonly { property: string; name: string }[]): void {
    const value = evaluateExpr(expr, this.scope) as Record<string, unknown>;
    this.constants.push({ name: bindings.map((b) => b.name).join(', '), expr, destructure: bindings });
    for (const b of bindings) this.scope.constants.set(b.name, value[b.property]);
  }

  /** Text with references to declared variables turned into references to their constants. */
  text(value: string): Expr {
    return templated(value, this.variables);
  }

  /** A Prometheus/Loki query text: through the config hook when there is one, else templated. */
  queryText(value: string): Expr {
    const rewritten = this.config?.rewriteExpr?.(value);
    if (rewritten !== undefined && rewritten !== null) return { kind: 'code', code: rewritten, value };
    return this.text(value);
  }

  /**
   * An expression for a data source reference, when one fits exactly: a data source variable
   * (`{ type, uid: '${name}' }`), the mixed data source, or a shared `datasource(type, uid)`
   * constant. Undefined for anything else (it stays raw JSON).
   */
  datasource(value: unknown): { expr: Expr; kind: string } | undefined {
    if (!isPlainObject(value) || typeof value.type !== 'string' || typeof value.uid !== 'string') return undefined;
    if (Object.keys(value).length !== 2 || value.type === '') return undefined;
    if (value.type === 'datasource' && value.uid === '-- Mixed --') {
      this.imports.add('mixedDatasource');
      return { expr: { kind: 'ref', name: 'mixedDatasource' }, kind: 'datasource' };
    }
    const braced = /^\$\{(\w+)\}$/.exec(value.uid);
    if (braced) {
      const constant = this.variables.get(braced[1]!);
      if (constant !== undefined && this.datasourceKinds.get(constant) === value.type) return { expr: { kind: 'ref', name: constant }, kind: value.type };
    }
    const key = `${value.type}\u0000${value.uid}`;
    let name = this.#fixedDatasources.get(key);
    if (name === undefined) {
      name = this.names.take(`${value.type}Datasource`, '');
      this.#fixedDatasources.set(key, name);
      this.declare(name, this.factory('datasource', json(value.type), json(value.uid)));
      this.datasourceKinds.set(name, value.type);
    }
    return { expr: { kind: 'ref', name }, kind: value.type };
  }

  /**
   * Evaluates `expr`, renders it with `render`, and appends the `$merge` that makes the result
   * equal `desired` (nothing when it already is).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the evaluated builder's type depends on the chain
  finish(expr: Expr & { kind: 'chain' }, desired: Record<string, unknown>, render: (builder: any) => Record<string, unknown>): Expr & { kind: 'chain' } {
    const builder = evaluateExpr(expr, this.scope) as { $merge(patch: JsonObject): unknown };
    const patch = mergePatch(render(builder), desired);
    if (patch === undefined) return expr;
    const merged = call(expr, '$merge', json(patch satisfies JsonObject));
    this.scope.cache.set(merged, builder.$merge(patch));
    return merged;
  }
}
