import { QueryBuilder, type QueryProps } from './query-builder.js';

/** The kinds of Tempo query Grafana's editor offers. */
export type TempoQueryType = 'traceql' | 'traceqlSearch' | 'serviceMap' | 'traceId';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface TempoQueryProps extends QueryProps {
  readonly query?: string;
  readonly queryType: TempoQueryType;
  readonly limit?: number;
  readonly spss?: number;
  readonly tableType?: 'traces' | 'spans' | 'raw';
  readonly serviceMapQuery?: string;
}

/**
 * A Tempo query: TraceQL by default, a trace id lookup, or the service graph.
 *
 * @example
 * tempo(`{ resource.service.name = "checkout" && status = error }`).limit(20)
 * // → { "refId": "A", "query": "{ resource.service.name = \"checkout\" && status = error }",
 * //     "queryType": "traceql", "limit": 20 }
 * tempo('$traceId').queryType('traceId')
 */
export class TempoQuery extends QueryBuilder<'tempo', TempoQueryProps> {
  get kind(): 'tempo' {
    return 'tempo';
  }

  /** What the query is: `traceql` (default), `traceqlSearch`, `serviceMap` or `traceId`. */
  queryType(queryType: TempoQueryType): this {
    return this.with({ queryType });
  }

  /** The most traces to return. */
  limit(limit: number): this {
    return this.with({ limit });
  }

  /** Spans per span set. */
  spansPerSpanSet(spss: number): this {
    return this.with({ spss });
  }

  /** Show traces, spans or raw results in a table. */
  tableType(tableType: 'traces' | 'spans' | 'raw'): this {
    return this.with({ tableType });
  }

  /** Filters the service graph with a Prometheus selector on its metrics. */
  serviceMapQuery(selector: string): this {
    return this.with({ serviceMapQuery: selector });
  }

  /** @internal */
  referencedText(): string[] {
    return [this.props.query, this.props.serviceMapQuery].filter((s): s is string => s !== undefined);
  }

  protected renderKind(): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = {};
    if (p.query !== undefined) out.query = p.query;
    out.queryType = p.queryType;
    if (p.limit !== undefined) out.limit = p.limit;
    if (p.spss !== undefined) out.spss = p.spss;
    if (p.tableType !== undefined) out.tableType = p.tableType;
    if (p.serviceMapQuery !== undefined) out.serviceMapQuery = p.serviceMapQuery;
    return out;
  }
}

/** A Tempo query (see {@link TempoQuery}); without a query, the service graph. */
export function tempo(query?: string): TempoQuery {
  return query === undefined
    ? new TempoQuery({ queryType: 'serviceMap', merges: [] })
    : new TempoQuery({ query: String(query), queryType: 'traceql', merges: [] });
}
