import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface ConstantVariableProps extends VariableProps {
  readonly value: string;
}

/**
 * A hidden variable holding a fixed value, e.g. a selector shared by every query of a mixin.
 *
 * @example
 * const selector = constantVariable('selector', 'job="node"');
 * // → { "type": "constant", "name": "selector", "hide": 2, "query": "job=\"node\"" }
 */
export class ConstantVariable extends VariableBuilder<ConstantVariableProps> {
  protected get variableType(): 'constant' {
    return 'constant';
  }
  protected override readonly defaultHide = 2 as const;

  protected renderKind(): Record<string, unknown> {
    return { query: this.props.value };
  }
}

/** A constant variable `name` with `value` (see {@link ConstantVariable}). */
export function constantVariable(name: string, value: string): ConstantVariable {
  return new ConstantVariable({ name, value, merges: [] });
}
