import type { JsonObject } from '../deep-merge.js';
import { QueryBuilder, type QueryProps } from './query-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface RawQueryProps<K extends string> extends QueryProps {
  readonly pluginId: K;
  readonly fields: JsonObject;
}

/**
 * A query for any other data source plugin, given as the JSON Grafana stores (without refId).
 * Its `kind` is the plugin id, so it fits panels on that data source only.
 *
 * @example
 * rawQuery('elasticsearch', { query: 'status:500', metrics: [{ type: 'count', id: '1' }] })
 * // → { "refId": "A", "query": "status:500", "metrics": [{ "type": "count", "id": "1" }] }
 */
export class RawQuery<K extends string> extends QueryBuilder<K, RawQueryProps<K>> {
  get kind(): K {
    return this.props.pluginId;
  }

  /** @internal */
  referencedText(): string[] {
    return Object.values(this.props.fields).filter((v): v is string => typeof v === 'string');
  }

  protected renderKind(): Record<string, unknown> {
    return structuredClone(this.props.fields);
  }
}

/** A query for plugin `pluginId` from raw JSON fields (see {@link RawQuery}). */
export function rawQuery<K extends string>(pluginId: K, fields: JsonObject): RawQuery<K> {
  return new RawQuery<K>({ pluginId, fields: structuredClone(fields), merges: [] });
}
