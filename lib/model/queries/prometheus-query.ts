import type { PrometheusQuery as PrometheusTarget } from '../../generated/index.js';
import { QueryBuilder, type QueryProps } from './query-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface PrometheusQueryProps extends QueryProps {
  readonly expr: string;
  readonly legendFormat?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: NonNullable<PrometheusTarget['format']>;
  readonly interval?: string;
  readonly intervalFactor?: number;
  readonly exemplar?: boolean;
  readonly editorMode?: 'code' | 'builder';
}

/**
 * A PromQL query. Variables interpolate into the expression as `$name`.
 *
 * @example
 * prometheus(`sum by (code) (rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`)
 *   .legend('{{code}}')
 * // → { "refId": "A", "expr": "sum by (code) (rate(http_requests_total{job=~\"$job\"}[$__rate_interval]))",
 * //     "legendFormat": "{{code}}" }
 */
export class PrometheusQuery extends QueryBuilder<'prometheus', PrometheusQueryProps> {
  readonly kind = 'prometheus' as const;

  /** The series name shown in legends and tooltips, e.g. `{{instance}}`. */
  legend(legendFormat: string): this {
    return this.with({ legendFormat });
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
    if (p.legendFormat !== undefined) out.legendFormat = p.legendFormat;
    if (p.instant !== undefined) out.instant = p.instant;
    if (p.range !== undefined) out.range = p.range;
    if (p.format !== undefined) out.format = p.format;
    if (p.interval !== undefined) out.interval = p.interval;
    if (p.intervalFactor !== undefined) out.intervalFactor = p.intervalFactor;
    if (p.exemplar !== undefined) out.exemplar = p.exemplar;
    if (p.editorMode !== undefined) out.editorMode = p.editorMode;
    return out;
  }
}

/** A PromQL query (see {@link PrometheusQuery}). */
export function prometheus(expr: string): PrometheusQuery {
  return new PrometheusQuery({ expr: String(expr), merges: [] });
}
