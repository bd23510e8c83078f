import { jsonLiteral, propertyKey, stringLiteral, templateChunk } from './ts-literal.js';

/**
 * A piece of a variable reference inside a template literal: `${job}` prints `$job`;
 * `format: null` prints `${job}` (via `job.format()`), a string format `${job:regex}`.
 */
export interface TemplateRef {
  readonly ref: string;
  readonly format?: string | null;
}

/** One method call of a builder chain. */
export interface Call {
  readonly method: string;
  readonly args: readonly Expr[];
}

/**
 * The small expression language the importer generates: every expression can be printed as
 * TypeScript source and evaluated against the real builders, so what the generated file
 * builds is known (and checked) before it is written.
 */
export type Expr =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'member'; readonly object: string; readonly property: string }
  | { readonly kind: 'template'; readonly parts: readonly (string | TemplateRef)[] }
  | { readonly kind: 'chain'; readonly factory: string; readonly args: readonly Expr[]; readonly calls: readonly Call[] }
  | { readonly kind: 'array'; readonly items: readonly Expr[] }
  // An object literal whose values are expressions (e.g. a helper's options holding references).
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Expr])[] }
  // Source from a hook (the mixin config); `value` is what it evaluates to with the defaults.
  | { readonly kind: 'code'; readonly code: string; readonly value: unknown };

/** A JSON literal. */
export const json = (value: unknown): Expr => ({ kind: 'json', value });
/** A reference to a module constant. */
export const ref = (name: string): Expr => ({ kind: 'ref', name });
/** `factory(...args)` with no calls yet. */
export const chain = (factory: string, ...args: Expr[]): Expr & { kind: 'chain' } => ({ kind: 'chain', factory, args, calls: [] });

/** An object literal `{ key: expr, … }` (printed `{ key }` when `expr` is a reference named `key`). */
export const object = (entries: readonly (readonly [string, Expr])[]): Expr => ({ kind: 'object', entries });

/** `base.method(...args)` appended to a chain. */
export function call(base: Expr & { kind: 'chain' }, method: string, ...args: Expr[]): Expr & { kind: 'chain' } {
  return { ...base, calls: [...base.calls, { method, args }] };
}

/** Prints an expression as TypeScript source (unformatted; prettier lays it out). */
export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'json':
      return jsonLiteral(expr.value);
    case 'ref':
      return expr.name;
    case 'member':
      return `${expr.object}.${expr.property}`;
    case 'code':
      return expr.code;
    case 'array':
      return `[${expr.items.map(printExpr).join(', ')}]`;
    case 'object': {
      const entries = expr.entries.map(([key, value]) =>
        value.kind === 'ref' && value.name === key && key !== '__proto__' ? key : `${propertyKey(key)}: ${printExpr(value)}`,
      );
      return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
    }
    case 'template': {
      if (expr.parts.every((p) => typeof p === 'string')) return stringLiteral(expr.parts.join(''));
      const body = expr.parts
        .map((p) => {
          if (typeof p === 'string') return templateChunk(p);
          if (p.format === undefined) return `\${${p.ref}}`;
          return p.format === null ? `\${${p.ref}.format()}` : `\${${p.ref}.format(${stringLiteral(p.format)})}`;
        })
        .join('');
      return `\`${body}\``;
    }
    case 'chain': {
      const head = `${expr.factory}(${expr.args.map(printExpr).join(', ')})`;
      return head + expr.calls.map((c) => `.${c.method}(${c.args.map(printExpr).join(', ')})`).join('');
    }
  }
}

/** What evaluation resolves names against: the builder factories and the module constants. */
export interface EvalScope {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- factories of every arity and argument type, called by evaluated code
  readonly factories: Readonly<Record<string, (...args: any[]) => unknown>>;
  readonly constants: ReadonlyMap<string, unknown>;
  /** Values of chains already evaluated (builders are immutable, so they can be reused). */
  readonly cache?: WeakMap<object, unknown>;
}

/** Evaluates an expression with the real builders, as the generated module would. */
export function evaluateExpr(expr: Expr, scope: EvalScope): unknown {
  switch (expr.kind) {
    case 'json':
      return expr.value === undefined ? undefined : structuredClone(expr.value);
    case 'ref':
      return constant(scope, expr.name);
    case 'member':
      return (constant(scope, expr.object) as Record<string, unknown>)[expr.property];
    case 'code':
      return expr.value;
    case 'array':
      return expr.items.map((item) => evaluateExpr(item, scope));
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty: a key named `__proto__` stays an own property, as `["__proto__"]: x` in the source.
      for (const [key, value] of expr.entries)
        Object.defineProperty(out, key, { value: evaluateExpr(value, scope), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'template':
      return expr.parts
        .map((p) => {
          if (typeof p === 'string') return p;
          const variable = constant(scope, p.ref) as { format(f?: string): string };
          return p.format === undefined ? String(variable) : variable.format(p.format ?? undefined);
        })
        .join('');
    case 'chain': {
      if (scope.cache?.has(expr)) return scope.cache.get(expr);
      const factory = scope.factories[expr.factory];
      if (!factory) throw new Error(`importer bug: unknown factory ${expr.factory}`);
      let value = factory(...expr.args.map((a) => evaluateExpr(a, scope))) as Record<string, (...args: unknown[]) => unknown>;
      for (const c of expr.calls) {
        const method = value[c.method];
        if (typeof method !== 'function') throw new Error(`importer bug: ${expr.factory}(…) has no method ${c.method}`);
        value = method.apply(
          value,
          c.args.map((a) => evaluateExpr(a, scope)),
        ) as typeof value;
      }
      scope.cache?.set(expr, value);
      return value;
    }
  }
}

function constant(scope: EvalScope, name: string): unknown {
  if (!scope.constants.has(name)) throw new Error(`importer bug: constant ${name} used before it is defined`);
  return scope.constants.get(name);
}
