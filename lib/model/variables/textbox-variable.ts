import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface TextboxVariableProps extends VariableProps {
  readonly defaultValue: string;
}

/**
 * A free-text variable, e.g. a filter the user types.
 *
 * @example
 * const path = textboxVariable('path', '/api/.*');
 * // → { "type": "textbox", "name": "path", "query": "/api/.*" }
 */
export class TextboxVariable extends VariableBuilder<TextboxVariableProps> {
  protected get variableType(): 'textbox' {
    return 'textbox';
  }

  protected renderKind(): Record<string, unknown> {
    return { query: this.props.defaultValue };
  }
}

/** A textbox variable `name`, initially `defaultValue` (see {@link TextboxVariable}). */
export function textboxVariable(name: string, defaultValue = ''): TextboxVariable {
  return new TextboxVariable({ name, defaultValue, merges: [] });
}
