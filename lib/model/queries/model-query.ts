import type { JsonObject } from '../deep-merge.js';
import { QueryBuilder, type QueryProps } from './query-builder.js';

/** Fields every query model has that the base builder owns (refId, data source, hide). */
type OwnedFields = 'refId' | 'datasource' | 'hide';

/** A plugin's query model without the fields the builder sets itself (each member of a union on its own). */
export type QueryModelFields<M> = M extends unknown ? Omit<M, OwnedFields> : never;

/** What a model query holds: the type parameter of its base class (no entry exports it). */
export interface ModelQueryProps<M> extends QueryProps {
  readonly model: Partial<QueryModelFields<M>>;
  /** The plugin id, for a model several plugins share (the SQL data sources). */
  readonly pluginId?: string;
}

/**
 * A query held as the data source plugin's own query model `M` (the type generated from the
 * schema Grafana publishes, or a hand-written one where there is none): each kind's setters
 * fill in fields, and {@link ModelQuery.fields} sets any other, type-checked against `M`.
 *
 * @example
 * elasticsearch('status:500').fields({ timeField: '@timestamp' }).build('A')
 * // → { "refId": "A", "query": "status:500", "timeField": "@timestamp" }
 */
export abstract class ModelQuery<K extends string, M extends object> extends QueryBuilder<K, ModelQueryProps<M>> {
  /** Sets fields of the plugin's query model (shallow: a field given replaces the one set before). */
  fields(fields: Partial<QueryModelFields<M>>): this {
    return this.with({ model: { ...this.props.model, ...structuredClone(fields) } });
  }

  /** @internal */
  referencedText(): string[] {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
    };
    walk(this.props.model);
    return out;
  }

  protected renderKind(): Record<string, unknown> {
    return structuredClone(this.props.model) as JsonObject;
  }
}

/** Fresh props holding `model`. @internal */
export function modelProps<M>(model: Partial<QueryModelFields<M>>, pluginId?: string): ModelQueryProps<M> {
  return { model: structuredClone(model), merges: [], ...(pluginId !== undefined ? { pluginId } : {}) };
}
