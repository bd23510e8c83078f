import { renderMultiValue, type MultiValueOptions } from './multi-value.js';
import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** A value of a custom variable: the value itself, or a label shown for a value. */
export type CustomOption = string | { readonly text: string; readonly value: string };

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface CustomVariableProps extends VariableProps, MultiValueOptions {
  readonly values: readonly CustomOption[];
  readonly defaultValue?: string;
}

/**
 * A variable with a fixed list of values.
 *
 * @example
 * const quantile = customVariable('quantile', ['0.5', '0.9', { text: 'p99', value: '0.99' }]).defaultValue('0.99');
 * // → { "type": "custom", "name": "quantile", "query": "0.5,0.9,p99 : 0.99",
 * //     "current": { "text": "p99", "value": "0.99" } }
 */
export class CustomVariable extends VariableBuilder<CustomVariableProps> {
  protected get variableType(): 'custom' {
    return 'custom';
  }

  /** Allows several values to be selected. */
  multi(multi = true): this {
    return this.with({ multi });
  }

  /** Adds an "All" option, standing for `allValue` when given. */
  includeAll(options: { allValue?: string } = {}): this {
    return this.with({ includeAll: true, allValue: options.allValue });
  }

  /** The value selected when the dashboard opens (default: the first). */
  defaultValue(value: string): this {
    return this.with({ defaultValue: value });
  }

  protected renderKind(): Record<string, unknown> {
    const p = this.props;
    // Grafana's custom query syntax: comma-separated, `text : value` for labelled values.
    const query = p.values.map((v) => (typeof v === 'string' ? v : `${v.text} : ${v.value}`)).join(',');
    const out: Record<string, unknown> = { query, ...renderMultiValue(p) };
    if (p.defaultValue !== undefined) {
      const option = p.values.find((v) => typeof v !== 'string' && v.value === p.defaultValue);
      const text = option && typeof option !== 'string' ? option.text : p.defaultValue;
      out.current = { text, value: p.defaultValue };
    }
    return out;
  }
}

/** A custom variable `name` with the given values (see {@link CustomVariable}). */
export function customVariable(name: string, values: readonly CustomOption[]): CustomVariable {
  return new CustomVariable({ name, values: values.map((v) => (typeof v === 'string' ? v : { ...v })), merges: [] });
}
