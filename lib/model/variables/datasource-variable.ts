import type { DataSourceRef } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { datasourceNameRegex } from './datasource-name-regex.js';
import { renderMultiValue, type MultiValueOptions } from './multi-value.js';
import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface DatasourceVariableProps<K extends string> extends VariableProps, MultiValueOptions {
  readonly pluginId: K;
  readonly regex?: string;
  readonly defaultValue?: string;
}

/** A data source whose name is known: one defined as code (`prometheusDatasource(...)`, …). */
export type NamedDatasource<K extends string = string> = DatasourceLike<K> & { readonly displayName: string };

/**
 * A variable listing the data sources of one plugin type; it is also a data source a panel
 * can use (`{ type, uid: "${name}" }`), so every panel follows the user's choice.
 *
 * @example
 * const ds = datasourceVariable('datasource', 'prometheus').label('Data source');
 * timeseries('Requests').datasource(ds)
 * // variable → { "type": "datasource", "name": "datasource", "label": "Data source", "query": "prometheus" }
 * // panel    → "datasource": { "type": "prometheus", "uid": "${datasource}" }
 */
export class DatasourceVariable<K extends string = string> extends VariableBuilder<DatasourceVariableProps<K>> implements DatasourceLike<K> {
  protected get variableType(): 'datasource' {
    return 'datasource';
  }

  /** The plugin id of the data sources listed, e.g. `prometheus`. */
  get kind(): K {
    return this.props.pluginId;
  }

  /** @inheritdoc */
  toRef(): DataSourceRef {
    return { type: this.props.pluginId, uid: this.format() };
  }

  /**
   * Only lists data sources whose name matches this regex (e.g. `/^prod-/`), or, given data
   * sources defined as code, exactly those (by name, escaped: any name is matched literally).
   * The definitions must be of this variable's plugin: a Loki definition on a Prometheus
   * variable does not compile.
   *
   * @example
   * datasourceVariable('datasource', 'prometheus').regex('/^prod-/')
   * // → "regex": "/^prod-/"
   * datasourceVariable('logs', 'loki').regex(lokiEu, lokiUs) // names "Loki (EU)" and "Loki (US)"
   * // → "regex": "/^(?:Loki \\(EU\\)|Loki \\(US\\))$/"
   */
  regex(regex: string): this;
  regex(...datasources: readonly [NamedDatasource<K>, ...NamedDatasource<K>[]]): this;
  regex(...args: readonly (string | NamedDatasource<K>)[]): this {
    const [first] = args;
    if (typeof first === 'string' && args.length === 1) return this.with({ regex: first });
    const names = args.map((ds, i) => {
      if (typeof ds !== 'object' || ds === null || typeof ds.displayName !== 'string') {
        throw new TypeError(`datasourceVariable("${this.props.name}").regex(): argument ${i + 1} is neither a regex string nor a data source defined as code`);
      }
      if (ds.kind !== this.props.pluginId) {
        throw new TypeError(
          `datasourceVariable("${this.props.name}").regex(): data source "${ds.displayName}" is a ${ds.kind} data source, the variable lists ${this.props.pluginId}`,
        );
      }
      return ds.displayName;
    });
    if (names.length === 0) throw new TypeError(`datasourceVariable("${this.props.name}").regex(): give a regex or at least one data source`);
    return this.with({ regex: datasourceNameRegex(names) });
  }

  /** The data source selected by default, by name or uid. */
  defaultValue(nameOrUid: string): this {
    return this.with({ defaultValue: nameOrUid });
  }

  /** Allows several data sources (use with repeated panels or rows). */
  multi(multi = true): this {
    return this.with({ multi });
  }

  /** Adds an "All" option. */
  includeAll(): this {
    return this.with({ includeAll: true });
  }

  protected renderKind(): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = { query: p.pluginId };
    if (p.regex !== undefined) out.regex = p.regex;
    Object.assign(out, renderMultiValue(p));
    if (p.defaultValue !== undefined) out.current = { text: p.defaultValue, value: p.defaultValue };
    return out;
  }
}

/**
 * A data source variable `name` over plugin `pluginId` (see {@link DatasourceVariable}).
 *
 * @example
 * const logs = datasourceVariable('logs', 'loki');
 */
export function datasourceVariable<K extends string>(name: string, pluginId: K): DatasourceVariable<K> {
  return new DatasourceVariable<K>({ name, pluginId, merges: [] });
}
