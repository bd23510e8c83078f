import type { JsonObject } from '../model/deep-merge.js';
import { ImmutableBuilder } from '../model/immutable-builder.js';
import { type AlertRuleBuilder, type AlertRuleJson } from './alert-rule.js';
import { type RecordingRuleBuilder, type RecordingRuleJson } from './recording-rule.js';

/** Any rule a group holds. */
export type AnyRule = AlertRuleBuilder | RecordingRuleBuilder;

/** A rule group as Prometheus rule files hold it. */
export interface RuleGroupJson {
  name: string;
  interval?: string;
  limit?: number;
  rules: (AlertRuleJson | RecordingRuleJson)[];
}

/** A Prometheus rule file: `{ groups: [...] }`. */
export interface RuleFileJson {
  groups: RuleGroupJson[];
}

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface RuleGroupProps {
  readonly name: string;
  readonly interval?: string;
  readonly limit?: number;
  readonly rules: readonly AnyRule[];
  readonly merges: readonly JsonObject[];
}

/**
 * A rule group: rules evaluated together, in order, every `interval`.
 *
 * @example
 * ruleGroup('node-exporter.filesystem').interval('1m').rule(alertRule('NodeFilesystemAlmostFull').expr('…'))
 * // → { name: 'node-exporter.filesystem', interval: '1m', rules: [{ alert: 'NodeFilesystemAlmostFull', expr: '…' }] }
 */
export class RuleGroupBuilder extends ImmutableBuilder<RuleGroupProps> {
  /** The group's name. */
  get name(): string {
    return this.props.name;
  }

  /** The group's rules, in order. */
  get rules(): readonly AnyRule[] {
    return this.props.rules;
  }

  /** How often the group is evaluated (default: Prometheus' global evaluation interval). */
  interval(interval: string): this {
    return this.with({ interval });
  }

  /** The most alerts or series one rule may produce; 0 = no limit. */
  limit(limit: number): this {
    return this.with({ limit });
  }

  /** Adds rules, in evaluation order. */
  rule(...rules: AnyRule[]): this {
    return this.with({ rules: [...this.prop('rules'), ...rules] });
  }

  /** A copy with its rules replaced (used by mixin overrides). */
  withRules(rules: readonly AnyRule[]): this {
    return this.with({ rules: [...rules] });
  }

  /** The group as written to a rule file. */
  build(): RuleGroupJson {
    const p = this.props;
    const out: Partial<RuleGroupJson> = { name: p.name };
    if (p.interval !== undefined) out.interval = p.interval;
    if (p.limit !== undefined) out.limit = p.limit;
    out.rules = p.rules.map((r) => r.build());
    return this.applyMerges(out as RuleGroupJson);
  }
}

/** A rule group named `name` (see {@link RuleGroupBuilder}). */
export function ruleGroup(name: string): RuleGroupBuilder {
  return new RuleGroupBuilder({ name, rules: [], merges: [] });
}
