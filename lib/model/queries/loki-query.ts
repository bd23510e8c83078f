import { ExprQueryBuilder, type ExprQueryProps } from './expr-query-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface LokiQueryProps extends ExprQueryProps {
  readonly queryType?: 'range' | 'instant' | 'stream';
  readonly maxLines?: number;
  readonly step?: string;
  readonly resolution?: number;
}

// The kind's fields in output order (one list for every query, not one per builder).
const LOKI_FIELD_ORDER = ['expr', 'queryType', 'legendFormat', 'maxLines', 'step', 'resolution', 'editorMode'] as const;

/**
 * A LogQL query: a log stream selector with filters for a logs panel, or a metric query
 * (`rate`, `count_over_time`, …) for a graph.
 *
 * @example
 * loki(`{job=~"${job}"} |= "error"`).maxLines(500)
 * // → { "refId": "A", "expr": "{job=~\"$job\"} |= \"error\"", "maxLines": 500 }
 * loki(`sum by (level) (count_over_time({job="api"} | json [$__auto]))`).legend('{{level}}')
 */
export class LokiQuery extends ExprQueryBuilder<'loki', LokiQueryProps> {
  get kind(): 'loki' {
    return 'loki';
  }

  protected get fieldOrder(): readonly (keyof LokiQueryProps & string)[] {
    return LOKI_FIELD_ORDER;
  }

  /** `range` (default for metric queries), `instant`, or `stream` for log lines. */
  queryType(queryType: 'range' | 'instant' | 'stream'): this {
    return this.with({ queryType });
  }

  /** Evaluates a metric query at the end of the range only. */
  instant(): this {
    return this.with({ queryType: 'instant' });
  }

  /** The most log lines to return. */
  maxLines(maxLines: number): this {
    return this.with({ maxLines });
  }

  /** The step of a metric query, e.g. `1m`. */
  step(step: string): this {
    return this.with({ step });
  }
}

/** A LogQL query (see {@link LokiQuery}). */
export function loki(expr: string): LokiQuery {
  return new LokiQuery({ expr: String(expr), merges: [] });
}
