import { QueryBuilder, type QueryProps } from './query-builder.js';

/** Props of a query written as one expression with a legend (PromQL, LogQL). */
export interface ExprQueryProps extends QueryProps {
  readonly expr: string;
  readonly legendFormat?: string;
  readonly editorMode?: 'code' | 'builder';
}

/**
 * What Prometheus and Loki queries share: an `expr`, its legend and the editor it opens in. Each
 * subclass lists its own fields' output order in {@link ExprQueryBuilder.fieldOrder}.
 *
 * @example
 * prometheus('up').legend('{{instance}}').editorMode('code').build('A')
 * // → { "refId": "A", "expr": "up", "legendFormat": "{{instance}}", "editorMode": "code" }
 */
export abstract class ExprQueryBuilder<K extends string, P extends ExprQueryProps> extends QueryBuilder<K, P> {
  /** The series name shown in legends and tooltips, e.g. `{{instance}}`. */
  legend(legendFormat: string): this {
    return this.with({ legendFormat } as Partial<P>);
  }

  /** Opens the query in Grafana's code or builder editor. */
  editorMode(mode: 'code' | 'builder'): this {
    return this.with({ editorMode: mode } as Partial<P>);
  }

  /** @internal */
  referencedText(): string[] {
    return this.props.legendFormat === undefined ? [this.props.expr] : [this.props.expr, this.props.legendFormat];
  }

  /** The kind's fields in output order, `expr` first; unset ones are left out. @internal */
  protected abstract readonly fieldOrder: readonly (keyof P & string)[];

  protected renderKind(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of this.fieldOrder) {
      if (this.props[key] !== undefined) out[key] = this.props[key];
    }
    return out;
  }
}
