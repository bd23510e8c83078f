import type { VariableModel } from '../../generated/index.js';
import type { JsonObject } from '../deep-merge.js';
import { ImmutableBuilder } from '../immutable-builder.js';

const VARIABLE_BRAND: unique symbol = Symbol.for('grafts.variable');

/** Where a variable shows on the dashboard: with its label, without it, or not at all. */
export type VariableVisibility = 'label-and-value' | 'value-only' | 'hidden';

const HIDE_CODES: Record<VariableVisibility, 0 | 1 | 2> = { 'label-and-value': 0, 'value-only': 1, hidden: 2 };

/** Props every variable kind shares (no entry exports it; public classes extend a builder of it). */
export interface VariableProps {
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  readonly hide?: VariableVisibility;
  readonly skipUrlSync?: boolean;
  readonly merges: readonly JsonObject[];
}

/** Grafana's value formats for `${name:format}`. */
export type VariableFormat =
  | 'csv'
  | 'distributed'
  | 'doublequote'
  | 'glob'
  | 'json'
  | 'lucene'
  | 'percentencode'
  | 'pipe'
  | 'raw'
  | 'regex'
  | 'singlequote'
  | 'sqlstring'
  | 'text'
  | 'queryparam';

/**
 * What every dashboard variable is: a value that interpolates into strings as `$name`, so a
 * template literal such as `` `up{job=~"${job}"}` `` produces `up{job=~"$job"}` and a misspelt
 * variable is a compile error rather than an empty panel.
 */
export abstract class VariableBuilder<P extends VariableProps = VariableProps> extends ImmutableBuilder<P> {
  /** @internal */
  get [VARIABLE_BRAND](): true {
    return true;
  }

  /** The variable's name, as used in `$name`. */
  get name(): string {
    return this.props.name;
  }

  /** `$name`: what Grafana replaces with the selected value(s). */
  override toString(): string {
    return `$${this.props.name}`;
  }

  /**
   * The reference with an explicit format, e.g. `${job:regex}`; also use it when letters or
   * digits follow the reference (`${job}_total` rather than `$job_total`).
   *
   * @example
   * `${instance.format('pipe')}` // → "${instance:pipe}"
   */
  format(format?: VariableFormat): string {
    return format ? `\${${this.props.name}:${format}}` : `\${${this.props.name}}`;
  }

  /** The label shown beside the picker (default: the name). */
  label(label: string): this {
    return this.with({ label } as Partial<P>);
  }

  /** A description shown as a tooltip on the label. */
  description(description: string): this {
    return this.with({ description } as Partial<P>);
  }

  /** Shows the variable with its label (default), without it, or hides it. */
  visibility(visibility: VariableVisibility): this {
    return this.with({ hide: visibility } as Partial<P>);
  }

  /** Keeps the value out of the dashboard URL. */
  skipUrlSync(skip = true): this {
    return this.with({ skipUrlSync: skip } as Partial<P>);
  }

  /** The variable as Grafana stores it in `templating.list`. A fresh object every call. */
  build(): VariableModel {
    const { name, label, description, hide, skipUrlSync } = this.props;
    const common: Record<string, unknown> = { type: this.variableType, name };
    if (label !== undefined) common.label = label;
    if (description !== undefined) common.description = description;
    const hideCode = hide !== undefined ? HIDE_CODES[hide] : this.defaultHide;
    if (hideCode !== undefined) common.hide = hideCode;
    if (skipUrlSync !== undefined) common.skipUrlSync = skipUrlSync;
    return this.applyMerges({ ...common, ...this.renderKind() }) as unknown as VariableModel;
  }

  /** Every string of this variable that may reference other variables (for validation). @internal */
  referencedText(): string[] {
    return [];
  }

  /** Grafana's `type` of this variable kind. @internal */
  protected abstract readonly variableType: string;

  /** The hide code Grafana needs when none is set (constants are always hidden). @internal */
  protected readonly defaultHide: 0 | 1 | 2 | undefined = undefined;

  /** Fields specific to this kind, in output order. @internal */
  protected abstract renderKind(): Record<string, unknown>;
}

/** True for any variable builder (works across copies of the library). */
export function isVariable(value: unknown): value is VariableBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VARIABLE_BRAND] === true;
}
