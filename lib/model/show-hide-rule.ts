import type { VariableBuilder } from './variables/variable-builder.js';

/** How a variable condition compares the variable's current value. `matches` takes a regular expression. */
export type VariableOperator = 'equals' | 'notEquals' | 'matches' | 'notMatches';

/** One condition of a show/hide rule (schema v2 `ConditionalRendering*`). */
export type Condition =
  | { readonly kind: 'variable'; readonly variable: string; readonly operator: VariableOperator; readonly value: string }
  | { readonly kind: 'data'; readonly hasData: boolean }
  | { readonly kind: 'time-range'; readonly lessThan: string };

/** Conditions joined by `and` (all must hold) or `or` (any). */
export interface ConditionGroup {
  readonly join: 'and' | 'or';
  readonly conditions: readonly Condition[];
}

/** A show/hide rule as a section or auto-grid item holds it: when the conditions hold, show (or hide) it. */
export interface ShowHideRule extends ConditionGroup {
  readonly visibility: 'show' | 'hide';
  /** Why the conditions given cannot be one schema v2 rule (reported when the dashboard renders). */
  readonly problem?: string;
}

/** What `showIf` / `hideIf` take: conditions that must all hold, or one `allOf` / `anyOf` group. */
export type RuleInput = readonly [ConditionGroup] | readonly Condition[];

type VariableLike = VariableBuilder | string;

const nameOf = (variable: VariableLike): string => (typeof variable === 'string' ? variable : variable.name);

/**
 * Holds when the variable's current value equals `value`.
 *
 * @example
 * row('Canary').showIf(variableEquals(env, 'prod'))
 * // → "conditionalRendering": { "kind": "ConditionalRenderingGroup", "spec": { "visibility": "show", "condition": "and",
 * //      "items": [{ "kind": "ConditionalRenderingVariable", "spec": { "variable": "env", "operator": "equals", "value": "prod" } }] } }
 */
export function variableEquals(variable: VariableLike, value: string): Condition {
  return { kind: 'variable', variable: nameOf(variable), operator: 'equals', value };
}

/** Holds when the variable's current value is not `value`. */
export function variableNotEquals(variable: VariableLike, value: string): Condition {
  return { kind: 'variable', variable: nameOf(variable), operator: 'notEquals', value };
}

/**
 * Holds when the variable's current value matches the regular expression `pattern`.
 *
 * @example
 * tab('EU').showIf(variableMatches(region, '^eu-'))
 */
export function variableMatches(variable: VariableLike, pattern: string): Condition {
  return { kind: 'variable', variable: nameOf(variable), operator: 'matches', value: pattern };
}

/** Holds when the variable's current value does not match the regular expression `pattern`. */
export function variableNotMatches(variable: VariableLike, pattern: string): Condition {
  return { kind: 'variable', variable: nameOf(variable), operator: 'notMatches', value: pattern };
}

/**
 * Holds when the target's queries return data (`hasData(false)`: when they return none).
 *
 * @example
 * row('Logs').showIf(hasData()) // the row disappears when its panels have nothing to show
 */
export function hasData(value = true): Condition {
  return { kind: 'data', hasData: value };
}

/**
 * Holds when the dashboard's time range is shorter than `duration` (`5m`, `1h`, `7d`, …).
 *
 * @example
 * row('Per-minute detail').showIf(timeRangeLessThan('1d'))
 * // → { "kind": "ConditionalRenderingTimeRangeSize", "spec": { "value": "1d" } }
 */
export function timeRangeLessThan(duration: string): Condition {
  return { kind: 'time-range', lessThan: duration };
}

/**
 * All of the conditions must hold.
 *
 * @example
 * row('EU prod').showIf(allOf(variableEquals(env, 'prod'), variableMatches(region, '^eu-')))
 */
export function allOf(...conditions: Condition[]): ConditionGroup {
  return { join: 'and', conditions: [...conditions] };
}

/**
 * Any of the conditions must hold.
 *
 * @example
 * tab('Debug').showIf(anyOf(variableEquals(env, 'dev'), variableEquals(env, 'staging')))
 */
export function anyOf(...conditions: Condition[]): ConditionGroup {
  return { join: 'or', conditions: [...conditions] };
}

/** A rule from what `showIf` / `hideIf` received. @internal */
export function ruleOf(visibility: 'show' | 'hide', given: readonly (Condition | ConditionGroup)[]): ShowHideRule {
  if (given.length === 1 && 'join' in given[0]!) {
    const group = given[0];
    return {
      visibility,
      join: group.join,
      conditions: [...group.conditions],
      ...(group.conditions.length === 0 && { problem: 'the show/hide rule has no conditions' }),
    };
  }
  // Schema v2 rules are one level deep: an `allOf` among other conditions flattens, an `anyOf` cannot.
  const conditions: Condition[] = [];
  let nested = false;
  for (const c of given) {
    if (!('join' in c)) conditions.push(c);
    else if (c.join === 'and') conditions.push(...c.conditions);
    else nested = true;
  }
  const problem = nested
    ? 'an anyOf(…) group cannot sit among other conditions (schema v2 rules are one level deep); use anyOf(…) alone or list conditions that must all hold'
    : conditions.length === 0
      ? 'the show/hide rule has no conditions'
      : undefined;
  return { visibility, join: 'and', conditions, ...(problem !== undefined && { problem }) };
}
