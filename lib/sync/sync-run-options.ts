import type { DashboardSchema } from '../model/dashboard-props.js';
import type { LoadedProject } from '../project/load-project.js';
import type { RuleSyncTarget } from './rule-resources.js';
import type { SyncTarget } from './sync-target.js';

/** Options shared by `runDiff` and `runApply`. */
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
  /** Send every data source secret again (Grafana never returns them, so a changed value cannot be seen). @default false */
  rotateSecrets?: boolean;
  /** @default true */
  typecheck?: boolean;
  /** A project already loaded (fleets load it once): `dir`, `typecheck` and `tsconfig` are then unused. */
  project?: LoadedProject;
  /** The tsconfig to type-check with, relative to `cwd` (default: the nearest `tsconfig.json`). */
  tsconfig?: string;
  /** Use this target instead of resolving one (tests, embedding). */
  target?: SyncTarget;
  /**
   * Use this rule target instead of resolving one; `null`: none. With `target` given and this
   * absent, there is no rule target.
   */
  ruleTarget?: RuleSyncTarget | null;
  /** Dashboards read from the target at once while planning. @default 32 */
  readConcurrency?: number;
  /** `--schema`: every dashboard in this schema. @default the target's `schema`, else each dashboard's own, else the config's */
  schema?: DashboardSchema;
}
