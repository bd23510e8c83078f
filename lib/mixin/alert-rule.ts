import type { JsonObject } from '../model/deep-merge.js';
import { ImmutableBuilder } from '../model/immutable-builder.js';

const ALERT_RULE_BRAND: unique symbol = Symbol.for('grafts.alert-rule');

/** Alert severities the mixin conventions allow. */
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** An alerting rule as Prometheus rule files hold it. */
export interface AlertRuleJson {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface AlertRuleProps {
  readonly name: string;
  readonly expr?: string;
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly merges: readonly JsonObject[];
}

/**
 * A Prometheus alerting rule. Annotations may use Prometheus templates (`{{ $labels.instance }}`,
 * `{{ $value | humanizePercentage }}`).
 *
 * @example
 * alertRule('NodeFilesystemAlmostFull')
 *   .expr('node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.05')
 *   .for('30m')
 *   .severity('critical')
 *   .summary('Filesystem has less than 5% space left.')
 *   .description('{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} left.')
 * // → { alert: 'NodeFilesystemAlmostFull', expr: '…', for: '30m', labels: { severity: 'critical' },
 * //     annotations: { description: '…', summary: '…' } }
 */
export class AlertRuleBuilder extends ImmutableBuilder<AlertRuleProps> {
  /** @internal */
  readonly [ALERT_RULE_BRAND] = true;

  /** The alert's name (CamelCase by convention). */
  get name(): string {
    return this.props.name;
  }

  /** The PromQL condition: the alert fires for every series it returns. */
  expr(expr: string): this {
    return this.with({ expr: String(expr) });
  }

  /** How long the condition must hold before the alert fires, e.g. `15m`. */
  for(duration: string): this {
    return this.with({ for: duration });
  }

  /** How long the alert keeps firing after the condition stops holding. */
  keepFiringFor(duration: string): this {
    return this.with({ keepFiringFor: duration });
  }

  /** Adds labels (merged over earlier ones). */
  labels(labels: Readonly<Record<string, string>>): this {
    return this.with({ labels: { ...this.prop('labels'), ...labels } });
  }

  /** Sets the `severity` label. */
  severity(severity: AlertSeverity): this {
    return this.labels({ severity });
  }

  /** Adds annotations (merged over earlier ones). */
  annotations(annotations: Readonly<Record<string, string>>): this {
    return this.with({ annotations: { ...this.prop('annotations'), ...annotations } });
  }

  /** A static one-sentence summary ending in a full stop. */
  summary(summary: string): this {
    return this.annotations({ summary });
  }

  /** A templated description: what fired, where, and the value. */
  description(description: string): this {
    return this.annotations({ description });
  }

  /** A link to the runbook for this alert. */
  runbookUrl(url: string): this {
    return this.annotations({ runbook_url: url });
  }

  /** The rule as written to a rule file; labels and annotations sorted by key. */
  build(): AlertRuleJson {
    const p = this.props;
    const out: AlertRuleJson = { alert: p.name, expr: p.expr ?? '' };
    if (p.for !== undefined) out.for = p.for;
    if (p.keepFiringFor !== undefined) out.keep_firing_for = p.keepFiringFor;
    if (Object.keys(p.labels).length > 0) out.labels = sortedRecord(p.labels);
    if (Object.keys(p.annotations).length > 0) out.annotations = sortedRecord(p.annotations);
    return this.applyMerges(out);
  }
}

/** True for an alert rule builder (works across copies of the library). */
export function isAlertRule(value: unknown): value is AlertRuleBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ALERT_RULE_BRAND] === true;
}

/** An alerting rule named `name` (see {@link AlertRuleBuilder}). */
export function alertRule(name: string): AlertRuleBuilder {
  return new AlertRuleBuilder({ name, labels: {}, annotations: {}, merges: [] });
}

/** A copy of `record` with keys in sorted order. @internal */
export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
