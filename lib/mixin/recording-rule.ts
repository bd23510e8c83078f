import type { JsonObject } from '../model/deep-merge.js';
import { ImmutableBuilder } from '../model/immutable-builder.js';
import { sortedRecord } from './alert-rule.js';

const RECORDING_RULE_BRAND: unique symbol = Symbol.for('grafts.recording-rule');

/** A recording rule as Prometheus rule files hold it. */
export interface RecordingRuleJson {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface RecordingRuleProps {
  readonly record: string;
  readonly expr?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly merges: readonly JsonObject[];
}

/**
 * A Prometheus recording rule: the result of `expr` stored as the series `record`, named
 * `level:metric:operations` by convention.
 *
 * @example
 * recordingRule('instance:node_cpu_utilisation:rate5m')
 *   .expr('1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{mode=~"idle|iowait|steal"}[5m])))')
 * // → { record: 'instance:node_cpu_utilisation:rate5m', expr: '1 - avg without (cpu) (…)' }
 */
export class RecordingRuleBuilder extends ImmutableBuilder<RecordingRuleProps> {
  /** @internal */
  readonly [RECORDING_RULE_BRAND] = true;

  /** The name of the series recorded. */
  get record(): string {
    return this.props.record;
  }

  /** The PromQL expression recorded. */
  expr(expr: string): this {
    return this.with({ expr: String(expr) });
  }

  /** Adds labels to the recorded series. */
  labels(labels: Readonly<Record<string, string>>): this {
    return this.with({ labels: { ...this.prop('labels'), ...labels } });
  }

  /** The rule as written to a rule file. */
  build(): RecordingRuleJson {
    const p = this.props;
    const out: RecordingRuleJson = { record: p.record, expr: p.expr ?? '' };
    if (Object.keys(p.labels).length > 0) out.labels = sortedRecord(p.labels);
    return this.applyMerges(out);
  }
}

/** True for a recording rule builder (works across copies of the library). */
export function isRecordingRule(value: unknown): value is RecordingRuleBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RECORDING_RULE_BRAND] === true;
}

/** A recording rule storing series `record` (see {@link RecordingRuleBuilder}). */
export function recordingRule(record: string): RecordingRuleBuilder {
  return new RecordingRuleBuilder({ record, labels: {}, merges: [] });
}
