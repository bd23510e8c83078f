import type { LintInputs } from './model.js';

/** How bad a finding is. `error` fails `dash lint`; `warning` only past `--max-warnings`. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Where a finding is. Every field is optional; the most specific ones are set. */
export interface LintLocation {
  /** Dashboard title. */
  dashboard?: string;
  /** Dashboard uid. */
  uid?: string;
  /** Panel title (`(untitled)` when empty). */
  panel?: string;
  panelId?: number;
  /** A target's refId (or `#<index>` without one). */
  target?: string;
  /** A template variable's name. */
  variable?: string;
  /** A rule group's name (rule files). */
  group?: string;
  /** An alerting or recording rule's name (rule files). */
  alert?: string;
  /** 0-based offset in the query the finding is about. */
  offset?: number;
}

/** What a rule reports; the runner adds the rule id and the effective severity. */
export interface RuleFinding {
  message: string;
  /** The input file (or grafts entry file), relative to cwd. */
  source: string;
  location: LintLocation;
  /** True when the rule's `fix` would repair this finding (JSON inputs only). */
  fixable?: boolean;
}

/** One lint finding; also one element of `dash lint --json`'s `findings`. */
export interface LintFinding extends Omit<RuleFinding, 'fixable'> {
  rule: string;
  severity: LintSeverity;
  /** Set on findings `--fix` would repair in a JSON file but not in TypeScript source. */
  hint?: string;
}

/** A lint rule: one file under `lib/lint/rules/`. */
export interface LintRule {
  /** Short kebab-case id, used in config and output. */
  readonly id: string;
  readonly severity: LintSeverity;
  /** One line: what the rule wants and why. */
  readonly description: string;
  /** Reports every violation in the inputs. Must not modify them. */
  check(ctx: LintInputs): RuleFinding[];
  /**
   * Repairs what is safe to repair, in place, in the dashboards of `ctx` (only those read from
   * JSON files are passed). Returns how many changes it made.
   */
  fix?(ctx: LintInputs): number;
}
