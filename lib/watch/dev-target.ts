import os from 'node:os';
import path from 'node:path';
import type { DashConfig, TargetConfig } from '../project/define-config.js';
import { projectIdentity } from '../sync/project-identity.js';
import { resolveTarget, TargetConfigError } from '../sync/resolve-target.js';
import type { SyncTarget } from '../sync/sync-target.js';
import { directoryName, FileTarget } from '../sync/targets/file-target.js';

/** Where watch's default file target lives, inside the project (a dot directory: never an entry, never watched). */
export const WATCH_FILES_DIR = '.grafts-watch';

/** The target `dash watch` applies to, and how to reach each dashboard on it. */
export interface WatchTarget {
  readonly target: SyncTarget;
  /** `config.targets` name, or `dev-files` for the built-in per-user file target. */
  readonly name: string;
  /** Whether it is meant for development (marked `dev: true`, or the per-user default). */
  readonly dev: boolean;
  /** The uid prefix watch added (per-user), if any. */
  readonly uidPrefix?: string;
  /**
   * Grafana's URL of a dashboard (`<url>/d/<uid>`), or for a file target its JSON file's path
   * (`folderTitles`: the titles of its folder and ancestors, root first).
   */
  urlOf(uid: string, folderTitles?: readonly string[]): string;
}

/** Options of {@link resolveWatchTarget}. */
export interface ResolveWatchTargetOptions {
  /** The project directory. */
  dir: string;
  config: DashConfig;
  /** `--target NAME`: used as configured (no per-user prefix is added). */
  targetName?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whose session this is. @default `$USER`, else the OS user name */
  user?: string;
}

/**
 * Picks the target of `dash watch`, first match wins:
 *
 * 1. `--target NAME`: that entry of `config.targets`, exactly as configured;
 * 2. the entry marked `dev: true`; when it sets neither `uidPrefix` nor `folderPrefix`, watch
 *    adds per-user ones (`alice-` and `[alice] `) so two developers sharing one Grafana never
 *    overwrite each other's dashboards; a `files` dev target gets a per-user sub-folder;
 * 3. a per-user file-provisioning folder `<project>/.grafts-watch/<user>/` (no server needed).
 *
 * Unlike `dash apply`, watch never writes to `GRAFANA_URL` implicitly: saving a file must not
 * reach a production Grafana because a shell happened to export it. Name it as a target instead.
 *
 * @throws {TargetConfigError} unknown target name, unset token variable.
 *
 * @example
 * resolveWatchTarget({ dir: '/work/p', config: {}, env: {}, user: 'alice' }).target.describe()
 * // → '/work/p/.grafts-watch/alice'
 */
export function resolveWatchTarget(options: ResolveWatchTargetOptions): WatchTarget {
  const { config, env } = options;
  const targets = config.targets ?? {};
  const user = userSlug(options.user ?? env['USER'] ?? safeUserName());
  if (options.targetName !== undefined) {
    const target = resolveTarget({ cwd: options.dir, config, targetName: options.targetName, env });
    const entry = Object.hasOwn(targets, options.targetName) ? targets[options.targetName]! : undefined;
    return describeTarget(options.targetName, target, entry, entry?.dev === true, undefined, options.dir);
  }
  const devName = Object.keys(targets).find((name) => targets[name]!.dev === true);
  if (devName !== undefined) {
    const entry = targets[devName]!;
    let adjusted: TargetConfig = entry;
    let uidPrefix: string | undefined;
    if (entry.type === 'grafana' && entry.uidPrefix === undefined && entry.folderPrefix === undefined) {
      uidPrefix = `${user}-`;
      adjusted = { ...entry, uidPrefix, folderPrefix: `[${user}] ` };
    } else if (entry.type === 'files') {
      adjusted = { ...entry, dir: path.join(entry.dir, user) };
    }
    const target = resolveTarget({ cwd: options.dir, config: { ...config, targets: { ...targets, [devName]: adjusted } }, targetName: devName, env });
    return describeTarget(devName, target, adjusted, true, uidPrefix, options.dir);
  }
  const target = new FileTarget({ name: 'dev-files', dir: path.join(options.dir, WATCH_FILES_DIR, user), project: projectIdentity(config, options.dir) });
  return describeTarget('dev-files', target, undefined, true, undefined, options.dir);
}

function describeTarget(
  name: string,
  target: SyncTarget,
  entry: TargetConfig | undefined,
  dev: boolean,
  uidPrefix: string | undefined,
  dir: string,
): WatchTarget {
  let urlOf: WatchTarget['urlOf'];
  if (target.kind === 'grafana') {
    const base = entry?.type === 'grafana' ? entry.url : target.describe().replace(/\s.*$/, '');
    const prefix = entry?.type === 'grafana' ? (entry.uidPrefix ?? '') : '';
    const root = base.replace(/\/+$/, '');
    urlOf = (uid) => `${root}/d/${encodeURIComponent(prefix + uid)}`;
  } else {
    const dashboardsDir = target instanceof FileTarget ? target.dashboardsDir : path.join(dir, WATCH_FILES_DIR);
    urlOf = (uid, folderTitles = []) => path.join(dashboardsDir, ...folderTitles.map(directoryName), `${uid}.json`);
  }
  return { target, name, dev, ...(uidPrefix !== undefined && { uidPrefix }), urlOf };
}

/** A user name usable in a uid prefix: lowercase letters, digits and `-`, at most 12 characters. */
export function userSlug(user: string): string {
  const slug = user
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 12)
    .replace(/-+$/, '');
  return slug === '' ? 'dev' : slug;
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'dev';
  }
}

export { TargetConfigError };
