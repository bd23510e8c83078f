import { QueryBuilder, type QueryProps } from './query-builder.js';

/**
 * What a Zipkin query asks for: a trace by id (`traceID`), or a trace JSON uploaded in the
 * editor (`upload`, kept for dashboards imported from Grafana).
 */
export type ZipkinQueryType = 'traceID' | 'upload';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface ZipkinQueryProps extends QueryProps {
  readonly query: string;
  readonly queryType?: ZipkinQueryType;
}

/**
 * A Zipkin query: one trace by its id. Grafana's Zipkin plugin answers it with the trace's
 * spans (for a `traces` panel) and, when the data source has its node graph enabled
 * (`zipkinDatasource({ nodeGraph: true })`), with the trace's service map (for a `nodeGraph`
 * panel) — the same query serves both.
 *
 * @example
 * zipkin('${traceId}')
 * // → { "refId": "A", "query": "${traceId}", "queryType": "traceID" }
 * zipkin('${__value.raw}') // in a data link: the trace id of the clicked value
 */
export class ZipkinQuery extends QueryBuilder<'zipkin', ZipkinQueryProps> {
  get kind(): 'zipkin' {
    return 'zipkin';
  }

  /** @internal */
  referencedText(): string[] {
    return [this.props.query];
  }

  protected renderKind(): Record<string, unknown> {
    return { query: this.props.query, queryType: this.props.queryType ?? 'traceID' };
  }
}

/**
 * A Zipkin trace-id query (see {@link ZipkinQuery}).
 *
 * @example
 * traces('Trace').datasource(zipkinDs).target(zipkin('${traceId}'))
 */
export function zipkin(traceId: string): ZipkinQuery {
  if (typeof traceId !== 'string' || traceId.trim() === '')
    throw new TypeError(`zipkin(): expected a trace id (or a variable such as \${traceId}), got ${JSON.stringify(traceId)}`);
  return new ZipkinQuery({ query: traceId, merges: [] });
}
