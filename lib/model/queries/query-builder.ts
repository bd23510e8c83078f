import type { JsonObject } from '../deep-merge.js';
import type { DatasourceLike } from '../datasource.js';
import { ImmutableBuilder } from '../immutable-builder.js';

const QUERY_BRAND: unique symbol = Symbol.for('grafts.query');

/** Props every query kind shares (no entry exports it; public classes extend a builder of it). */
export interface QueryProps {
  readonly refId?: string;
  readonly datasource?: DatasourceLike;
  readonly hide?: boolean;
  readonly merges: readonly JsonObject[];
}

/**
 * What every query (panel target) is. `kind` is the data source plugin id the query is for;
 * it is what lets a Prometheus panel refuse a Loki query at compile time.
 */
export abstract class QueryBuilder<K extends string, P extends QueryProps = QueryProps> extends ImmutableBuilder<P> {
  /** @internal */
  get [QUERY_BRAND](): true {
    return true;
  }

  /** The data source plugin id this query is written for. */
  abstract readonly kind: K;

  /** The query's refId (default: the next free letter, A, B, … in panel order). */
  refId(refId: string): this {
    return this.with({ refId } as Partial<P>);
  }

  /** The refId set on this query, if any. */
  get explicitRefId(): string | undefined {
    return this.props.refId;
  }

  /** Runs this query on a data source other than the panel's (with a mixed-data-source panel). */
  datasource(datasource: DatasourceLike<K>): this {
    return this.with({ datasource } as unknown as Partial<P>);
  }

  /** Keeps the query but hides its result from the panel. */
  hide(hide = true): this {
    return this.with({ hide } as Partial<P>);
  }

  /**
   * The target as Grafana stores it in `panel.targets`. A fresh object every call.
   *
   * @example
   * prometheus('up').build('A') // → { "refId": "A", "expr": "up" }
   */
  build(refId: string = this.props.refId ?? 'A'): JsonObject {
    const out: Record<string, unknown> = { refId };
    if (this.props.datasource) out.datasource = this.props.datasource.toRef();
    Object.assign(out, this.renderKind());
    if (this.props.hide !== undefined) out.hide = this.props.hide;
    return this.applyMerges(out) as JsonObject;
  }

  /** The strings of this query that Grafana interpolates (for variable validation). @internal */
  abstract referencedText(): string[];

  /** Fields specific to this kind, in output order. @internal */
  protected abstract renderKind(): Record<string, unknown>;
}

/** True for any query builder (works across copies of the library). */
export function isQuery(value: unknown): value is QueryBuilder<string> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[QUERY_BRAND] === true;
}
