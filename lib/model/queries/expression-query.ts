import type {
  ExpressionQueryModel,
  ExpressionTypeClassicConditions,
  ExpressionTypeReduce,
  ExpressionTypeResample,
  ExpressionTypeThreshold,
} from '../../generated/index.js';
import { datasource } from '../datasource.js';
import { ModelQuery, modelProps, type QueryModelFields } from './model-query.js';
import type { QueryBuilder } from './query-builder.js';

/** The plugin id of Grafana's server-side expressions. */
export const EXPRESSION_KIND = '__expr__';

/** A query an expression reads: its refId, or the query itself when it has an explicit refId. */
export type ExpressionInput = string | QueryBuilder<string>;

type Comparison = ExpressionTypeThreshold['conditions'][number]['evaluator']['type'];
type ClassicCondition = ExpressionTypeClassicConditions['conditions'][number];

/**
 * A Grafana server-side expression (data source `__expr__`): math over other queries' results,
 * a reduction, a resampling, a threshold, or classic alerting conditions. It reads other
 * queries of the same panel by refId, so give those an explicit `.refId(…)` (or pass the refId).
 * Any panel accepts expressions next to its own data source's queries.
 *
 * @example
 * const requests = prometheus('sum(rate(http_requests_total[5m]))').refId('requests')
 * const errors = prometheus('sum(rate(http_requests_total{code=~"5.."}[5m]))').refId('errors')
 * timeseries('Error ratio').datasource(ds).target(requests.hide(), errors.hide(), expression.math('$errors / $requests'))
 * // → targets[2]: { "refId": "C", "datasource": { "type": "__expr__", "uid": "__expr__" }, "type": "math", "expression": "$errors / $requests" }
 */
export class ExpressionQuery extends ModelQuery<typeof EXPRESSION_KIND, ExpressionQueryModel> {
  readonly kind = EXPRESSION_KIND;

  /** @internal `$A` in an expression names a query, not a dashboard variable. */
  override referencedText(): string[] {
    return [];
  }
}

function refIdOf(input: ExpressionInput, where: string): string {
  if (typeof input === 'string') {
    if (input.trim() === '') throw new TypeError(`${where}: expected the refId of a query, got ""`);
    return input;
  }
  const refId = input.explicitRefId;
  if (refId === undefined) throw new TypeError(`${where}: the query it reads has no refId of its own; give it one with .refId('…') or pass the refId`);
  return refId;
}

function make(model: Partial<QueryModelFields<ExpressionQueryModel>>): ExpressionQuery {
  return new ExpressionQuery({ ...modelProps<ExpressionQueryModel>(model), datasource: datasource(EXPRESSION_KIND, EXPRESSION_KIND) });
}

/**
 * The expression builders, called as `expression.math(…)`, `expression.reduce(…)`, ….
 *
 * @example
 * expression.reduce('A', 'last')                   // → { "type": "reduce", "expression": "A", "reducer": "last" }
 * expression.threshold('B', 'gt', 0.05)            // → { "type": "threshold", "expression": "B", "conditions": [{ "evaluator": { "type": "gt", "params": [0.05] } }] }
 * expression.resample('A', '1m', 'mean', 'fillna')  // → { "type": "resample", "expression": "A", "window": "1m", "downsampler": "mean", "upsampler": "fillna" }
 */
export const expression = Object.freeze({
  /** Math over query results, referenced as `$A` or `${errors}`, e.g. `$A / $B * 100`. */
  math(formula: string): ExpressionQuery {
    if (typeof formula !== 'string' || formula.trim() === '')
      throw new TypeError(`expression.math(): expected a formula such as '$A / $B', got ${JSON.stringify(formula)}`);
    return make({ type: 'math', expression: formula });
  },

  /** Reduces each series of `input` to one number; `mode` drops or replaces NaN and null values. */
  reduce(
    input: ExpressionInput,
    reducer: ExpressionTypeReduce['reducer'],
    mode?: { mode: 'dropNN' } | { mode: 'replaceNN'; replaceWithValue: number },
  ): ExpressionQuery {
    const settings = mode === undefined ? {} : { settings: { ...mode } };
    return make({ type: 'reduce', expression: refIdOf(input, 'expression.reduce()'), reducer, ...settings } as never);
  },

  /** Resamples `input` to a fixed `window` (e.g. `1m`), reducing and filling as told. */
  resample(
    input: ExpressionInput,
    window: string,
    downsampler: ExpressionTypeResample['downsampler'],
    upsampler: ExpressionTypeResample['upsampler'],
  ): ExpressionQuery {
    return make({ type: 'resample', expression: refIdOf(input, 'expression.resample()'), window, downsampler, upsampler });
  },

  /**
   * 1 where `input` compares true, else 0: `gt`, `lt`, `eq`, `ne`, `gte`, `lte` take one value,
   * the `within_range`/`outside_range` comparisons two.
   */
  threshold(input: ExpressionInput, comparison: Comparison, ...params: number[]): ExpressionQuery {
    const two = comparison.includes('range');
    if (params.length !== (two ? 2 : 1) || !params.every(Number.isFinite))
      throw new TypeError(`expression.threshold(): ${comparison} takes ${two ? 'two numbers' : 'one number'}, got ${JSON.stringify(params)}`);
    return make({ type: 'threshold', expression: refIdOf(input, 'expression.threshold()'), conditions: [{ evaluator: { type: comparison, params } }] });
  },

  /**
   * Legacy alerting conditions: each reduces a query (`avg`, `max`, `last`, …) and compares it;
   * conditions after the first join with `and` or `or`.
   *
   * @example
   * expression.classicConditions({ input: 'A', reducer: 'avg', comparison: 'gt', value: 5 }, { input: 'B', reducer: 'max', comparison: 'lt', value: 1, operator: 'or' })
   */
  classicConditions(...conditions: { input: ExpressionInput; reducer: string; comparison: string; value: number; operator?: 'and' | 'or' }[]): ExpressionQuery {
    if (conditions.length === 0) throw new TypeError('expression.classicConditions(): expected at least one condition');
    const rendered: ClassicCondition[] = conditions.map((c) => ({
      evaluator: { type: c.comparison, params: [c.value] },
      operator: { type: c.operator ?? 'and' },
      query: { params: [refIdOf(c.input, 'expression.classicConditions()')] },
      reducer: { type: c.reducer },
    }));
    return make({ type: 'classic_conditions', conditions: rendered });
  },
});
