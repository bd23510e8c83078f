import type { DashConfig } from '../project/define-config.js';
import { givenOrLoadedProject, type LoadedProject } from '../project/load-project.js';
import { forEachLimit } from '../util/limit-concurrency.js';
import { TargetConfigError } from './resolve-target.js';
import type { SyncRunOptions } from './run-diff.js';

/** Targets a fleet run works on at once, unless told otherwise. */
export const DEFAULT_FLEET_PARALLELISM = 4;

/** One target's outcome in a fleet run: its result, or the error that stopped it. */
export type FleetMember<T> =
  | { readonly target: string; readonly result: T; readonly error?: undefined }
  | { readonly target: string; readonly result?: undefined; readonly error: unknown };

/** What {@link runFleet} did. */
export interface FleetRun<T> {
  readonly project: LoadedProject;
  /** One entry per target, in the order named (fleets expanded in their order, duplicates once). */
  readonly members: readonly FleetMember<T>[];
  /** Exactly one plain target was named (no fleet): callers print it as a single run. */
  readonly single: boolean;
}

/**
 * The targets that `--target` names stand for: a target name stands for itself, a fleet name
 * (`fleets` in `dash.config.ts`) for its members; in order, each target once.
 *
 * @throws {TargetConfigError} a name that is neither a target nor a fleet.
 *
 * @example
 * fleetTargets({ targets: { eu: …, us: …, ap: … }, fleets: { prod: ['eu', 'us'] } }, ['prod', 'ap', 'eu'])
 * // → ['eu', 'us', 'ap']
 */
export function fleetTargets(config: Pick<DashConfig, 'targets' | 'fleets'>, names: readonly string[]): string[] {
  const targets = config.targets ?? {};
  const fleets = config.fleets ?? {};
  const out: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const members = Object.hasOwn(targets, name) ? [name] : Object.hasOwn(fleets, name) ? fleets[name]! : undefined;
    if (!members) unknown.push(name);
    else for (const member of members) if (!out.includes(member)) out.push(member);
  }
  if (unknown.length > 0) {
    const known = [...Object.keys(targets).map((t) => t), ...Object.keys(fleets).map((f) => `${f} (fleet)`)];
    throw new TargetConfigError(
      `--target ${unknown.join(', ')}: no such target or fleet in the config (${known.length > 0 ? `known: ${known.join(', ')}` : 'the config defines no targets'})`,
    );
  }
  return out;
}

/**
 * Runs `run` (a diff or an apply; told how many targets run) on every target the names stand
 * for, at most `parallel` at once, after loading the project once. A target that fails is recorded with its error and never
 * stops or hides the others: every member has its result or its error.
 *
 * @throws {ConfigError | LoadError | TypeCheckError} when the project itself cannot be loaded (no target ran).
 * @throws {TargetConfigError} a name that is neither a target nor a fleet.
 *
 * @example
 * const fleet = await runFleet({ cwd, env: process.env }, ['prod'], (options) => runDiff(options));
 * fleet.members.map((m) => m.error ? `${m.target}: failed` : `${m.target}: ${m.result.plan.summary.create} to create`);
 */
export async function runFleet<T>(
  options: SyncRunOptions,
  names: readonly string[],
  run: (options: SyncRunOptions, targets: number) => Promise<T>,
  parallel = DEFAULT_FLEET_PARALLELISM,
): Promise<FleetRun<T>> {
  const project = await givenOrLoadedProject(options);
  const targets = fleetTargets(project.config, names);
  const members: FleetMember<T>[] = new Array(targets.length);
  await forEachLimit(targets, Math.max(1, parallel), async (target, i) => {
    try {
      members[i] = { target, result: await run({ ...options, project, targetName: target }, targets.length) };
    } catch (error) {
      members[i] = { target, error };
    }
  });
  const single = names.length === 1 && Object.hasOwn(project.config.targets ?? {}, names[0]!);
  return { project, members, single };
}
