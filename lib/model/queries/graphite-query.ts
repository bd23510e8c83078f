import { ModelQuery, modelProps } from './model-query.js';

/**
 * The query model of Grafana's Graphite plugin. Hand-written: Grafana publishes no JSON Schema
 * for it; `target` is the Graphite function expression its editor saves.
 */
export interface GraphiteQueryModel {
  /** The Graphite target, e.g. `aliasByNode(servers.*.cpu.user, 1)`. */
  readonly target: string;
  /** Opens the query in the text editor instead of the function builder. */
  readonly textEditor?: boolean;
}

/**
 * A Graphite query (plugin `graphite`).
 *
 * @example
 * graphite('aliasByNode(servers.$host.cpu.user, 1)')
 * // → { "refId": "A", "target": "aliasByNode(servers.$host.cpu.user, 1)" }
 */
export class GraphiteQuery extends ModelQuery<'graphite', GraphiteQueryModel> {
  readonly kind = 'graphite' as const;

  /** Opens the query in Grafana's text editor. */
  textEditor(text = true): this {
    return this.fields({ textEditor: text });
  }
}

/** A Graphite target query (see {@link GraphiteQuery}). */
export function graphite(target: string): GraphiteQuery {
  if (typeof target !== 'string' || target.trim() === '') throw new TypeError(`graphite(): expected a Graphite target, got ${JSON.stringify(target)}`);
  return new GraphiteQuery(modelProps<GraphiteQueryModel>({ target }));
}
