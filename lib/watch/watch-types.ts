// The public shapes of a watch session: its options, cycles, events and handle. Their own module
// so that the session and the cycle it runs (run-cycle.ts) share them without importing each other.
import type { DashboardSchema } from '../model/dashboard.js';
import { formatSourceProblem, type SourceProblem } from '../project/errors.js';
import type { SyncTarget } from '../sync/sync-target.js';
import type { WatchDatasourceSync } from './watch-datasources.js';

/** Options of {@link runWatch}. */
export interface WatchOptions {
  /** Directory relative paths are resolved from. */
  cwd: string;
  /** Project directory, relative to `cwd`. @default "." */
  dir?: string;
  /** `--target NAME` (see `resolveWatchTarget` for the default). */
  targetName?: string;
  /** `--schema`: every dashboard in this schema. @default the target's `schema`, else each dashboard's own, else the config's */
  schema?: DashboardSchema;
  /** Use this target instead (tests, embedding); `urlOf` gives its dashboard URLs. */
  target?: { target: SyncTarget; urlOf?: (uid: string) => string };
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Delete dashboards whose code was deleted (managed ones only). @default false */
  prune?: boolean;
  /** Overwrite dashboards changed outside grafts (a UI edit is otherwise a reported conflict). @default false */
  force?: boolean;
  /** Poll the file system every `poll` ms instead of using OS events (network file systems, containers). */
  poll?: number;
  /** Quiet time that ends a burst of file events, in ms. @default 20 */
  debounceMs?: number;
  /** Type-check affected files after each apply (reported, never blocking). @default true */
  typecheck?: boolean;
  /** Save message stored in the dashboards' version history. @default "grafts watch" */
  message?: string;
  /** The user whose per-user dev target is used. @default $USER */
  user?: string;
  /**
   * Serve a preview page on 127.0.0.1 (`port` 0 or absent: a free one) that shows every dashboard
   * (embedded from Grafana, or as a layout preview for a file target) and reloads after each apply.
   */
  open?: boolean | { port?: number };
  /** Called for every event, in order (the CLI prints them). */
  onEvent?: (event: WatchEvent) => void;
}

/** Where a problem came from. */
export type WatchProblemKind = 'config' | 'syntax' | 'load' | 'validation' | 'type' | 'target';

/** A problem of one cycle, located in a file when possible. */
export interface WatchProblem extends SourceProblem {
  readonly kind: WatchProblemKind;
}

/** A dashboard written (or found unchanged) by a cycle. */
export interface WatchedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly source: string;
  /** Grafana URL or file path. */
  readonly url: string;
  readonly action: 'create' | 'update' | 'move' | 'unchanged';
}

/** One rebuild-and-apply, from a batch of file events (or the start). */
export interface WatchCycle {
  /** 0 for the initial sync, then 1, 2, … */
  readonly index: number;
  /** Project-relative files of the batch (empty for the initial sync). */
  readonly changedFiles: readonly string[];
  /** Entries re-evaluated. */
  readonly evaluated: readonly string[];
  /** Dashboards written. */
  readonly applied: readonly WatchedDashboard[];
  /** Dashboards whose code disappeared: deleted with `--prune`, else only reported. */
  readonly removed: readonly { readonly uid: string; readonly title: string; readonly pruned: boolean }[];
  /** Everything that went wrong; the cycle still applied what it could. */
  readonly problems: readonly WatchProblem[];
  /** Write requests sent (data sources included). */
  readonly writes: number;
  /** The config's data sources, when this cycle synced them (at start, and when they changed). */
  readonly datasources?: WatchDatasourceSync;
  /** No problems. */
  readonly ok: boolean;
  /** `performance.now()` when the batch was flushed (the start for cycle 0). */
  readonly startedAt: number;
  readonly durationMs: number;
  /** Milliseconds spent in each phase (rebuild, evaluate+render, read+plan, write). */
  readonly phases: Readonly<Record<string, number>>;
}

/** What {@link runWatch} reports, in order. */
export type WatchEvent =
  | {
      readonly type: 'ready';
      readonly target: string;
      readonly targetName: string;
      readonly dev: boolean;
      readonly entries: number;
      readonly polling: boolean;
      /** The preview page, with `open`. */
      readonly previewUrl?: string;
    }
  | { readonly type: 'cycle'; readonly cycle: WatchCycle }
  | { readonly type: 'typecheck'; readonly files: readonly string[]; readonly problems: readonly WatchProblem[] }
  | { readonly type: 'restart'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string };

/** A running watch session. */
export interface WatchHandle {
  /** `describe()` of the target. */
  readonly target: string;
  /** The preview page (with `open`). */
  readonly previewUrl: string | undefined;
  /** Every cycle so far, oldest first. */
  readonly cycles: readonly WatchCycle[];
  /** The dashboards currently applied, by uid (what a preview shows). */
  dashboards(): readonly AppliedDashboard[];
  /** Resolves with the next cycle that starts after this call. */
  nextCycle(): Promise<WatchCycle>;
  /** Resolves when the type check started by the latest cycle has reported (immediately when none runs). */
  typecheckIdle(): Promise<void>;
  /** Stops watching and releases esbuild; waits for a running cycle to end. */
  close(): Promise<void>;
}

/** A dashboard as last applied. */
export interface AppliedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly source: string;
  readonly url: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/** A problem as one line: `file:line:col: message`. */
export function formatWatchProblem(problem: WatchProblem): string {
  return formatSourceProblem(problem);
}
