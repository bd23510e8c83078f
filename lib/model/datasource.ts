import type { DataSourceRef } from '../generated/index.js';

/**
 * Data source plugin ids the builders know queries for. Any other plugin id works too, with
 * {@link rawQuery}.
 */
export type KnownDatasourceKind = 'prometheus' | 'loki' | 'tempo' | 'zipkin';

/** Anything that can be a panel's or query's data source: a fixed reference or a variable. */
export interface DatasourceLike<K extends string = string> {
  /** The data source plugin id, e.g. `prometheus`; it decides which queries a panel accepts. */
  readonly kind: K;
  /** The `{ type, uid }` reference Grafana stores. */
  toRef(): DataSourceRef;
  /** The data source's name, when known (a data source defined as code); shown by internal links. */
  readonly displayName?: string;
}

class FixedDatasource<K extends string> implements DatasourceLike<K> {
  constructor(
    readonly kind: K,
    private readonly uid: string,
  ) {}

  toRef(): DataSourceRef {
    return { type: this.kind, uid: this.uid };
  }
}

/**
 * A fixed data source reference, by plugin id and uid. Prefer a templated data source
 * ({@link datasourceVariable}) so a dashboard works on every Grafana; use this for a
 * data source that must never change.
 *
 * @example
 * const metrics = datasource('prometheus', 'grafanacloud-prom');
 * timeseries('Requests').datasource(metrics)
 * // → "datasource": { "type": "prometheus", "uid": "grafanacloud-prom" }
 */
export function datasource<K extends string>(kind: K, uid: string): DatasourceLike<K> {
  return new FixedDatasource(kind, uid);
}

/**
 * Grafana's "-- Mixed --" data source: each query names its own data source.
 *
 * @example
 * timeseries('Both').datasource(mixedDatasource).target(prometheus('up').datasource(prom))
 */
export const mixedDatasource: DatasourceLike<string> = new FixedDatasource<string>('datasource', '-- Mixed --');
