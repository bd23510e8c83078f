import type { DashConfig } from '../project/define-config.js';
import { loadDesiredState } from './desired-state.js';
import { plan, readActualState, type Plan } from './plan.js';
import type { DesiredState } from './resources.js';
import type { SyncTarget } from './sync-target.js';

/** Options shared by {@link runDiff} and `runApply`. */
export interface SyncRunOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** Project directory, relative to `cwd`. @default "." */
  dir?: string;
  /** A target named in the config's `targets`; default: the environment's Grafana, else the file target. */
  targetName?: string;
  /** Environment (GRAFANA_URL, GRAFANA_TOKEN, …). */
  env?: NodeJS.ProcessEnv;
  /** Delete managed resources that are no longer in the code. @default false */
  prune?: boolean;
  /** Overwrite dashboards changed outside grafts and take over unmanaged ones. @default false */
  force?: boolean;
  /** @default true */
  typecheck?: boolean;
  /** Use this target instead of resolving one (tests, embedding). */
  target?: SyncTarget;
  /** Dashboards read from the target at once while planning. @default 16 */
  readConcurrency?: number;
}

/** What {@link runDiff} found. */
export interface DiffResult {
  /** The target's `describe()`. */
  target: string;
  desired: DesiredState;
  plan: Plan;
}

/** Resolves the target a run talks to: the given one, or `resolveTarget` from the config and environment. */
export async function openTarget(options: SyncRunOptions, projectDir: string, config: DashConfig): Promise<SyncTarget> {
  if (options.target) return options.target;
  const { resolveTarget } = await import('./resolve-target.js');
  return await resolveTarget({
    cwd: projectDir,
    config,
    ...(options.targetName !== undefined && { targetName: options.targetName }),
    env: options.env ?? process.env,
  });
}

/**
 * Plans a project against a target without writing anything: loads and renders the project
 * (like `dash build`, no files written), lists the target, reads the dashboards that exist on
 * both sides and returns the plan. Prints nothing.
 *
 * @throws {ConfigError | LoadError | TypeCheckError | ValidationError} invalid project.
 * @throws the target's typed errors (auth, unreachable, …) when it cannot be read.
 */
export async function runDiff(options: SyncRunOptions): Promise<DiffResult> {
  const { project, desired } = await loadDesiredState({
    cwd: options.cwd,
    ...(options.dir !== undefined && { dir: options.dir }),
    ...(options.typecheck !== undefined && { typecheck: options.typecheck }),
  });
  const target = await openTarget(options, project.dir, project.config);
  const actual = await readActualState(target, desired, { concurrency: options.readConcurrency ?? 16 });
  const p = plan(desired, actual, { prune: options.prune ?? false, force: options.force ?? false });
  return { target: target.describe(), desired, plan: p };
}
