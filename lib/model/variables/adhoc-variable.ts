import type { DatasourceLike } from '../datasource.js';
import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** A label filter of an ad hoc variable. */
export interface AdhocFilter {
  readonly key: string;
  readonly operator: '=' | '!=' | '=~' | '!~' | '<' | '>';
  readonly value: string;
}

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface AdhocVariableProps extends VariableProps {
  readonly datasource: DatasourceLike;
  readonly baseFilters: readonly AdhocFilter[];
}

/**
 * Ad hoc filters: label filters the user adds, applied by Grafana to every query of the data
 * source. Unlike the other kinds it is not interpolated into queries.
 *
 * @example
 * const filters = adhocVariable('filters', ds);
 * // → { "type": "adhoc", "name": "filters", "datasource": { "type": "prometheus", "uid": "${datasource}" }, "filters": [] }
 */
export class AdhocVariable extends VariableBuilder<AdhocVariableProps> {
  protected get variableType(): 'adhoc' {
    return 'adhoc';
  }

  /** Filters always applied, shown to the user as fixed. */
  baseFilters(...filters: AdhocFilter[]): this {
    return this.with({ baseFilters: [...this.prop('baseFilters'), ...filters.map((f) => ({ ...f }))] });
  }

  protected renderKind(): Record<string, unknown> {
    const out: Record<string, unknown> = { datasource: this.props.datasource.toRef(), filters: [] };
    if (this.props.baseFilters.length > 0) out.baseFilters = this.props.baseFilters.map((f) => ({ ...f }));
    return out;
  }
}

/** An ad hoc filter variable `name` on `datasource` (see {@link AdhocVariable}). */
export function adhocVariable(name: string, datasource: DatasourceLike): AdhocVariable {
  return new AdhocVariable({ name, datasource, baseFilters: [], merges: [] });
}
