import type { Plan } from './plan.js';
import { prepareSync } from './prepare-sync.js';
import type { DesiredState } from './resources.js';
import type { RuleSyncTarget } from './rule-resources.js';
import type { SyncTarget } from './sync-target.js';
import type { SyncRunOptions } from './sync-run-options.js';

export type { SyncRunOptions } from './sync-run-options.js';

/** What {@link runDiff} found. */
export interface DiffResult {
  /** The target's `describe()` (its URL or folder: not for places secrets are not masked, such as PR comments). */
  target: string;
  /** The target's name, with its rule target's kind when one takes part: `target "prod" + mimir ruler`; safe to print anywhere. */
  targetName: string;
  desired: DesiredState;
  plan: Plan;
}

/**
 * Plans a project against a target without writing anything: loads and renders the project
 * (like `dash build`, no files written), lists the target (and its rule target), reads the
 * dashboards that exist on both sides and returns the plan. Prints nothing.
 *
 * @throws {ConfigError | LoadError | TypeCheckError | ValidationError} invalid project.
 * @throws the target's typed errors (auth, unreachable, …) when it cannot be read.
 */
export async function runDiff(options: SyncRunOptions): Promise<DiffResult> {
  const prepared = await prepareSync(options);
  return {
    target: describeTargets(prepared.target, prepared.ruleTarget),
    targetName: nameTargets(prepared.target, prepared.ruleTarget),
    desired: prepared.desired,
    plan: prepared.plan,
  };
}

/**
 * The targets by name only, never by URL (a CI secret that GitHub does not mask in comments).
 *
 * @example
 * nameTargets(prodTarget, mimirRuler) // → 'target "prod" + rules (ruler "prod")'
 */
export function nameTargets(target: SyncTarget, ruleTarget: RuleSyncTarget | undefined): string {
  const main = `target "${target.name}"`;
  return ruleTarget ? `${main} + rules (${ruleTarget.kind} "${ruleTarget.name}")` : main;
}

/** `https://grafana.example.com` or, with a rule target, `https://grafana.example.com + mimir ruler …`. */
export function describeTargets(target: SyncTarget, ruleTarget: RuleSyncTarget | undefined): string {
  return ruleTarget ? `${target.describe()} + ${ruleTarget.describe()}` : target.describe();
}
