import { ModelQuery, modelProps } from './model-query.js';

/**
 * The query model Grafana's SQL data sources (MySQL, PostgreSQL, Microsoft SQL Server) share,
 * for SQL written as code. Hand-written: Grafana publishes no JSON Schema for them; the fields
 * are those their code editor saves.
 */
export interface SqlQueryModel {
  readonly rawSql: string;
  /** `time_series` needs a `time` column; `table` returns rows as they are. */
  readonly format?: 'time_series' | 'table';
  readonly rawQuery?: boolean;
  readonly editorMode?: 'code' | 'builder';
}

/** Plugin ids of the SQL data sources (`postgres` is PostgreSQL's id before Grafana 10.2). */
export type SqlPluginId = 'mysql' | 'grafana-postgresql-datasource' | 'postgres' | 'mssql';

/**
 * A SQL query on MySQL (`mysql()`), PostgreSQL (`postgres()`) or SQL Server (`mssql()`), with
 * Grafana's macros (`$__timeFilter(time)`, `$__timeGroupAlias(time, $__interval)`, …).
 *
 * @example
 * postgres('SELECT $__timeGroupAlias(created_at, $__interval), count(*) FROM orders WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1')
 * // → { "refId": "A", "rawSql": "SELECT …", "format": "time_series", "rawQuery": true, "editorMode": "code" }
 * mysql('SELECT name, stock FROM items').format('table')
 */
export class SqlQuery<K extends SqlPluginId> extends ModelQuery<K, SqlQueryModel> {
  get kind(): K {
    return this.props.pluginId as K;
  }

  /** `time_series` (default) or `table`. */
  format(format: 'time_series' | 'table'): this {
    return this.fields({ format });
  }
}

function sql<K extends SqlPluginId>(kind: K, where: string, query: string): SqlQuery<K> {
  if (typeof query !== 'string' || query.trim() === '') throw new TypeError(`${where}: expected a SQL query, got ${JSON.stringify(query)}`);
  return new SqlQuery<K>(modelProps<SqlQueryModel>({ rawSql: query, format: 'time_series', rawQuery: true, editorMode: 'code' }, kind));
}

/** A MySQL query (see {@link SqlQuery}). */
export function mysql(query: string): SqlQuery<'mysql'> {
  return sql('mysql', 'mysql()', query);
}

/**
 * A PostgreSQL query (see {@link SqlQuery}); pass `'postgres'` as the plugin id for data sources
 * created before Grafana 10.2.
 */
export function postgres(query: string): SqlQuery<'grafana-postgresql-datasource'>;
export function postgres<K extends 'grafana-postgresql-datasource' | 'postgres'>(query: string, pluginId: K): SqlQuery<K>;
export function postgres(query: string, pluginId: 'grafana-postgresql-datasource' | 'postgres' = 'grafana-postgresql-datasource'): SqlQuery<SqlPluginId> {
  if (pluginId !== 'grafana-postgresql-datasource' && pluginId !== 'postgres')
    throw new TypeError(`postgres(): the plugin id is 'grafana-postgresql-datasource' or 'postgres', got ${JSON.stringify(pluginId)}`);
  return sql(pluginId, 'postgres()', query);
}

/** A Microsoft SQL Server query (see {@link SqlQuery}). */
export function mssql(query: string): SqlQuery<'mssql'> {
  return sql('mssql', 'mssql()', query);
}
