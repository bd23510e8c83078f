import { VariableBuilder, type VariableProps } from './variable-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface IntervalVariableProps extends VariableProps {
  readonly intervals: readonly string[];
  readonly auto?: { readonly steps: number; readonly min: string };
  readonly defaultValue?: string;
}

/**
 * A variable choosing a time interval, e.g. for `rate(x[$window])`; optionally with an
 * "auto" option that divides the time range into a number of steps.
 *
 * @example
 * const window = intervalVariable('window', ['1m', '5m', '1h']).auto({ steps: 30, min: '10s' });
 * // → { "type": "interval", "name": "window", "query": "1m,5m,1h", "auto": true,
 * //     "auto_count": 30, "auto_min": "10s", "refresh": 2 }
 */
export class IntervalVariable extends VariableBuilder<IntervalVariableProps> {
  protected get variableType(): 'interval' {
    return 'interval';
  }

  /** Adds Grafana's "auto" option: the range divided into `steps`, never below `min`. */
  auto(options: { steps?: number; min?: string } = {}): this {
    return this.with({ auto: { steps: options.steps ?? 30, min: options.min ?? '10s' } });
  }

  /** The interval selected when the dashboard opens (default: the first). */
  defaultValue(interval: string): this {
    return this.with({ defaultValue: interval });
  }

  protected renderKind(): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = { query: p.intervals.join(',') };
    if (p.auto) {
      out.auto = true;
      out.auto_count = p.auto.steps;
      out.auto_min = p.auto.min;
    }
    if (p.defaultValue !== undefined) out.current = { text: p.defaultValue, value: p.defaultValue };
    // Grafana recomputes interval options on time range change; it stores refresh 2 for them.
    out.refresh = 2;
    return out;
  }
}

/** An interval variable `name` offering `intervals` (see {@link IntervalVariable}). */
export function intervalVariable(name: string, intervals: readonly string[]): IntervalVariable {
  return new IntervalVariable({ name, intervals: [...intervals], merges: [] });
}
