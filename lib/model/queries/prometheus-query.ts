import type { PrometheusQuery as PrometheusTarget } from '../../generated/index.js';
import { ExprQueryBuilder, type ExprQueryProps } from './expr-query-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface PrometheusQueryProps extends ExprQueryProps {
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: NonNullable<PrometheusTarget['format']>;
  readonly interval?: string;
  readonly intervalFactor?: number;
  readonly exemplar?: boolean;
}

// The kind's fields in output order (one list for every query, not one per builder).
const PROMETHEUS_FIELD_ORDER = ['expr', 'legendFormat', 'instant', 'range', 'format', 'interval', 'intervalFactor', 'exemplar', 'editorMode'] as const;

/**
 * A PromQL query. Variables interpolate into the expression as `$name`.
 *
 * @example
 * prometheus(`sum by (code) (rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`)
 *   .legend('{{code}}')
 * // → { "refId": "A", "expr": "sum by (code) (rate(http_requests_total{job=~\"$job\"}[$__rate_interval]))",
 * //     "legendFormat": "{{code}}" }
 */
export class PrometheusQuery extends ExprQueryBuilder<'prometheus', PrometheusQueryProps> {
  get kind(): 'prometheus' {
    return 'prometheus';
  }

  protected get fieldOrder(): readonly (keyof PrometheusQueryProps & string)[] {
    return PROMETHEUS_FIELD_ORDER;
  }

  /** Evaluates at the end of the range only (for stat, gauge, table panels). */
  instant(): this {
    return this.with({ instant: true, range: false });
  }

  /** Evaluates over the whole range (Grafana's default for graphs). */
  range(): this {
    return this.with({ instant: false, range: true });
  }

  /** How Grafana shapes the result: `time_series` (default), `table` or `heatmap`. */
  format(format: NonNullable<PrometheusTarget['format']>): this {
    return this.with({ format });
  }

  /** Minimum step, e.g. `1m` (Grafana's "Min step"). */
  minInterval(interval: string): this {
    return this.with({ interval });
  }

  /** Resolution as a fraction: 1 = one point per pixel, 2 = every second pixel, … */
  intervalFactor(factor: number): this {
    return this.with({ intervalFactor: factor });
  }

  /** Fetches exemplars with the series. */
  exemplar(exemplar = true): this {
    return this.with({ exemplar });
  }
}

/** A PromQL query (see {@link PrometheusQuery}). */
export function prometheus(expr: string): PrometheusQuery {
  return new PrometheusQuery({ expr: String(expr), merges: [] });
}
