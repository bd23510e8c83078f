/**
 * A hook told when user code (dashboards, config, mixin modules) starts and stops being
 * evaluated, and which file is being evaluated. The `dash` CLI installs one in the worker that
 * runs a command, so that its supervisor can stop code that never finishes loading and name
 * the file; without one (library use) nothing happens.
 */
export interface UserCodeMonitor {
  /** Evaluation of a bundle of these files (project-relative) starts. */
  begin(files: readonly string[]): void;
  /** The bundle reached the `index`-th file of `begin`'s list. */
  evaluating(index: number): void;
  /** Evaluation ended (settled or threw). */
  end(): void;
  /**
   * `dash watch` only: entries that were stopped for still loading after the load time limit,
   * in an earlier worker of the same watch. The watch session skips them until they change.
   */
  readonly blocked?: readonly BlockedEntry[];
  /** `dash watch` only: a blocked entry changed (or is gone) and is no longer skipped. */
  unblocked?(file: string): void;
}

/** An entry `dash watch` skips because it never finished loading (see {@link UserCodeMonitor.blocked}). */
export interface BlockedEntry {
  /** Project-relative path of the entry. */
  readonly file: string;
  /** `Date.now()` when its evaluation started: a file it includes modified later unblocks it. */
  readonly since: number;
  /** What to report for it (`still loading after N s …`), without the file name. */
  readonly message: string;
}

/** Where the hook lives: a global, because bundles call it from generated code. */
export const USER_CODE_MONITOR_KEY = 'grafts.userCodeMonitor';

type Holder = Record<symbol, UserCodeMonitor | undefined>;

/**
 * Installs (or with `undefined` removes) the monitor.
 *
 * @example
 * setUserCodeMonitor({ begin: (files) => console.error('loading', files), evaluating: () => {}, end: () => {} });
 */
export function setUserCodeMonitor(monitor: UserCodeMonitor | undefined): void {
  (globalThis as unknown as Holder)[Symbol.for(USER_CODE_MONITOR_KEY)] = monitor;
}

/** The installed monitor, if any. */
export function userCodeMonitor(): UserCodeMonitor | undefined {
  return (globalThis as unknown as Holder)[Symbol.for(USER_CODE_MONITOR_KEY)];
}

/** The statement a bundle runs right before evaluating its `index`-th entry file. @internal */
export function progressStatement(index: number): string {
  return `globalThis[Symbol.for(${JSON.stringify(USER_CODE_MONITOR_KEY)})]?.evaluating(${index});`;
}
