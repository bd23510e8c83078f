import { QueryBuilder, type QueryProps } from './query-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface LokiQueryProps extends QueryProps {
  readonly expr: string;
  readonly queryType?: 'range' | 'instant' | 'stream';
  readonly legendFormat?: string;
  readonly maxLines?: number;
  readonly step?: string;
  readonly resolution?: number;
  readonly editorMode?: 'code' | 'builder';
}

/**
 * A LogQL query: a log stream selector with filters for a logs panel, or a metric query
 * (`rate`, `count_over_time`, …) for a graph.
 *
 * @example
 * loki(`{job=~"${job}"} |= "error"`).maxLines(500)
 * // → { "refId": "A", "expr": "{job=~\"$job\"} |= \"error\"", "maxLines": 500 }
 * loki(`sum by (level) (count_over_time({job="api"} | json [$__auto]))`).legend('{{level}}')
 */
export class LokiQuery extends QueryBuilder<'loki', LokiQueryProps> {
  readonly kind = 'loki' as const;

  /** The series name of a metric query, e.g. `{{level}}`. */
  legend(legendFormat: string): this {
    return this.with({ legendFormat });
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

  /** Opens the query in Grafana's code or builder editor. */
  editorMode(mode: 'code' | 'builder'): this {
    return this.with({ editorMode: mode });
  }

  /** @internal */
  referencedText(): string[] {
    return this.props.legendFormat === undefined ? [this.props.expr] : [this.props.expr, this.props.legendFormat];
  }

  protected renderKind(): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = { expr: p.expr };
    if (p.queryType !== undefined) out.queryType = p.queryType;
    if (p.legendFormat !== undefined) out.legendFormat = p.legendFormat;
    if (p.maxLines !== undefined) out.maxLines = p.maxLines;
    if (p.step !== undefined) out.step = p.step;
    if (p.resolution !== undefined) out.resolution = p.resolution;
    if (p.editorMode !== undefined) out.editorMode = p.editorMode;
    return out;
  }
}

/** A LogQL query (see {@link LokiQuery}). */
export function loki(expr: string): LokiQuery {
  return new LokiQuery({ expr: String(expr), merges: [] });
}
