import path from 'node:path';
import { GrafanaClient, type GrafanaClientOptions } from '../grafana/grafana-client.js';
import { readCaFile } from '../grafana/ca-file.js';
import { DEFAULT_PROVISIONING_DIR, type DashConfig, type GrafanaTargetConfig, type TargetConfig } from '../project/define-config.js';
import { ConfigError } from '../project/errors.js';
import { isCi } from '../util/is-ci.js';
import { projectIdentity } from './project-identity.js';
import type { SyncTarget } from './sync-target.js';
import { FileTarget } from './targets/file-target.js';
import { GrafanaTarget } from './targets/grafana-target.js';
import { KubernetesTarget } from './targets/kubernetes/kubernetes-target.js';

// Kept here too: callers imported it from this module before it moved to lib/util.
export { isCi };

/** Environment variables read by {@link resolveTarget} (grizzly- and grafanactl-compatible names). */
export const GRAFANA_ENV = {
  url: 'GRAFANA_URL',
  token: 'GRAFANA_TOKEN',
  user: 'GRAFANA_USER',
  password: 'GRAFANA_PASSWORD',
  orgId: 'GRAFANA_ORG_ID',
} as const;

/** Options of {@link resolveTarget}. */
export interface ResolveTargetOptions {
  /** The project directory: relative paths of the config (`dir`, `caFile`) are resolved from it. */
  cwd: string;
  config: DashConfig;
  /** `--target <name>`: an entry of `config.targets`. */
  targetName?: string;
  /** The environment (`process.env`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Extra client options (tests: retry policy, sleep). */
  clientOptions?: Partial<Pick<GrafanaClientOptions, 'retry' | 'sleep' | 'random' | 'timeoutMs'>>;
}

/** The target cannot be built: unknown name, unset environment variable, contradicting settings. */
export class TargetConfigError extends ConfigError {
  constructor(message: string) {
    super([{ message }]);
  }
}

/**
 * Picks the target of a `diff`/`apply`/`pull`, first match wins:
 *
 * 1. `targetName` (`--target NAME`): `config.targets[NAME]`;
 * 2. `GRAFANA_URL` set: that Grafana, authenticated by `GRAFANA_TOKEN` (Bearer), or
 *    `GRAFANA_USER` + `GRAFANA_PASSWORD` (basic; `GRAFANA_USER` + `GRAFANA_TOKEN` is basic auth
 *    with the token as password, as grizzly does), in org `GRAFANA_ORG_ID` when set; named `default`;
 * 3. `config.defaultTarget`;
 * 4. the file-provisioning folder `<project>/grafana-provisioning` ({@link DEFAULT_PROVISIONING_DIR}), named `default` —
 *    except in CI (see {@link isCi}), where falling back silently would turn a missing secret into a green run.
 *
 * `GRAFANA_URL` set but empty or blank is an error (an undefined CI secret), unless `targetName` is given.
 *
 * Named Grafana targets read their secret from the environment variable named by `tokenEnv`
 * or `passwordEnv`. Nothing is contacted here: the Grafana target discovers the server's version
 * and API on first use.
 *
 * @throws {TargetConfigError} unknown target name, unset variable, empty `GRAFANA_URL`, invalid `GRAFANA_ORG_ID`, no target chosen in CI.
 * @throws {GrafanaError} an invalid URL or an unreadable CA file (kind `config`).
 *
 * @example
 * const target = resolveTarget({ cwd: '/work/project', config, env: process.env });
 * target.describe(); // → 'https://acme.grafana.net' or '/work/project/grafana-provisioning'
 */
export function resolveTarget(options: ResolveTargetOptions): SyncTarget {
  const { config, env } = options;
  const targets = config.targets ?? {};
  if (options.targetName !== undefined) {
    const entry = Object.hasOwn(targets, options.targetName) ? targets[options.targetName] : undefined;
    if (!entry) {
      const known = Object.keys(targets);
      throw new TargetConfigError(
        `--target ${options.targetName}: no such target in the config (${known.length > 0 ? `known: ${known.join(', ')}` : 'the config defines no targets'})`,
      );
    }
    return fromConfig(options.targetName, entry, options);
  }
  const rawUrl = env[GRAFANA_ENV.url];
  // A secret that is not set arrives as an empty variable: never read that as "no Grafana".
  if (rawUrl !== undefined && rawUrl.trim() === '') {
    throw new TargetConfigError(
      `${GRAFANA_ENV.url} is set but empty: set it to the Grafana URL (in CI: is the secret defined for this repository and event?), or unset it and choose a target with --target or defaultTarget`,
    );
  }
  const url = nonEmpty(rawUrl);
  if (url !== undefined) return fromEnvironment(url, options);
  if (config.defaultTarget !== undefined) {
    const entry = Object.hasOwn(targets, config.defaultTarget) ? targets[config.defaultTarget] : undefined;
    if (!entry) throw new TargetConfigError(`defaultTarget: "${config.defaultTarget}" is not in targets`);
    return fromConfig(config.defaultTarget, entry, options);
  }
  if (isCi(env)) {
    throw new TargetConfigError(
      `no target chosen, and in CI (CI=${JSON.stringify(env['CI'])}) grafts does not fall back to the local file-provisioning folder: pass --target <name>, set ${GRAFANA_ENV.url} and ${GRAFANA_ENV.token}, or set defaultTarget in dash.config.ts (a files target to write provisioning files)`,
    );
  }
  return new FileTarget({ name: 'default', dir: path.resolve(options.cwd, DEFAULT_PROVISIONING_DIR), project: projectIdentity(config, options.cwd) });
}

function fromEnvironment(url: string, options: ResolveTargetOptions): SyncTarget {
  const { env } = options;
  const token = nonEmpty(env[GRAFANA_ENV.token]);
  const user = nonEmpty(env[GRAFANA_ENV.user]);
  const password = nonEmpty(env[GRAFANA_ENV.password]);
  const orgText = nonEmpty(env[GRAFANA_ENV.orgId]);
  let orgId: number | undefined;
  if (orgText !== undefined) {
    orgId = Number(orgText);
    if (!Number.isInteger(orgId) || orgId < 1) throw new TargetConfigError(`${GRAFANA_ENV.orgId} must be a positive integer, got ${JSON.stringify(orgText)}`);
  }
  let auth: Pick<GrafanaClientOptions, 'token' | 'user' | 'password' | 'credentialSource'>;
  if (user !== undefined) {
    const secret = password ?? token;
    if (secret === undefined) throw new TargetConfigError(`${GRAFANA_ENV.user} is set but ${GRAFANA_ENV.password} is not`);
    auth = { user, password: secret, credentialSource: `${GRAFANA_ENV.user}/${password !== undefined ? GRAFANA_ENV.password : GRAFANA_ENV.token}` };
  } else if (token !== undefined) {
    auth = { token, credentialSource: GRAFANA_ENV.token };
  } else {
    throw new TargetConfigError(
      `${GRAFANA_ENV.url} is set but no credentials are: set ${GRAFANA_ENV.token} (a service account token, glsa_…) or ${GRAFANA_ENV.user} and ${GRAFANA_ENV.password}`,
    );
  }
  const client = new GrafanaClient({ url, ...auth, ...(orgId !== undefined ? { orgId } : {}), ...options.clientOptions });
  return new GrafanaTarget({ name: 'default', client, project: projectIdentity(options.config, options.cwd) });
}

function fromConfig(name: string, entry: TargetConfig, options: ResolveTargetOptions): SyncTarget {
  if (entry.type === 'files') {
    return new FileTarget({
      name,
      dir: path.resolve(options.cwd, entry.dir),
      project: projectIdentity(options.config, options.cwd),
      ...(entry.grafanaPath !== undefined ? { grafanaPath: entry.grafanaPath } : {}),
      ...(entry.v2ApiVersion !== undefined ? { v2ApiVersion: entry.v2ApiVersion } : {}),
      ...(entry.v1Format !== undefined ? { v1Format: entry.v1Format } : {}),
    });
  }
  if (entry.type === 'kubernetes') {
    return new KubernetesTarget({
      name,
      flavor: entry.flavor,
      dir: path.resolve(options.cwd, entry.dir),
      project: projectIdentity(options.config, options.cwd),
      ...(entry.layout !== undefined && { layout: entry.layout }),
      ...(entry.streamFile !== undefined && { streamFile: entry.streamFile }),
      ...(entry.namespace !== undefined && { namespace: entry.namespace }),
      ...(entry.labels !== undefined && { labels: entry.labels }),
      ...(entry.instanceSelector !== undefined && { instanceSelector: entry.instanceSelector }),
      ...(entry.folderReference !== undefined && { folderReference: entry.folderReference }),
      ...(entry.v2ApiVersion !== undefined && { v2ApiVersion: entry.v2ApiVersion }),
      ...(entry.sidecarLabels !== undefined && { sidecarLabels: entry.sidecarLabels }),
      ...(entry.folderAnnotation !== undefined && { folderAnnotation: entry.folderAnnotation }),
      ...(entry.alertingSecret !== undefined && { alertingSecret: { name: entry.alertingSecret.name } }),
    });
  }
  return grafanaFromConfig(name, entry, options);
}

function grafanaFromConfig(name: string, entry: GrafanaTargetConfig, options: ResolveTargetOptions): SyncTarget {
  const at = `targets.${name}`;
  const literal = entry as unknown as Record<string, unknown>;
  if ('token' in literal || 'password' in literal) {
    throw new TargetConfigError(`${at}: a literal token or password does not belong in the config: name an environment variable with tokenEnv / passwordEnv`);
  }
  const readEnv = (key: 'tokenEnv' | 'passwordEnv', variable: string): string => {
    const value = nonEmpty(options.env[variable]);
    if (value === undefined) {
      throw new TargetConfigError(
        `${at}.${key}: environment variable ${variable} is not set (it holds the ${key === 'tokenEnv' ? 'service account token' : 'password'} of target "${name}")`,
      );
    }
    return value;
  };
  let auth: Pick<GrafanaClientOptions, 'token' | 'user' | 'password' | 'credentialSource'>;
  if (entry.tokenEnv !== undefined) {
    auth = { token: readEnv('tokenEnv', entry.tokenEnv), credentialSource: `${entry.tokenEnv} (${at}.tokenEnv)` };
  } else if (entry.user !== undefined && entry.passwordEnv !== undefined) {
    auth = { user: entry.user, password: readEnv('passwordEnv', entry.passwordEnv), credentialSource: `${at}.user / ${entry.passwordEnv}` };
  } else {
    throw new TargetConfigError(`${at}: no credentials: give tokenEnv, or user + passwordEnv`);
  }
  if (entry.caFile !== undefined) {
    try {
      readCaFile(path.resolve(options.cwd, entry.caFile));
    } catch (error) {
      throw new TargetConfigError(
        `${at}.caFile: ${error instanceof Error ? error.message : String(error)} (give a PEM file of the CA certificates that signed the server's certificate)`,
      );
    }
  }
  const client = new GrafanaClient({
    url: entry.url,
    ...auth,
    ...(entry.orgId !== undefined ? { orgId: entry.orgId } : {}),
    ...(entry.caFile !== undefined ? { caFile: path.resolve(options.cwd, entry.caFile) } : {}),
    ...(entry.insecureSkipVerify === true ? { insecureSkipVerify: true } : {}),
    ...(entry.timeoutMs !== undefined ? { timeoutMs: entry.timeoutMs } : {}),
    ...options.clientOptions,
  });
  return new GrafanaTarget({
    name,
    client,
    project: projectIdentity(options.config, options.cwd),
    ...(entry.apiMode !== undefined ? { apiMode: entry.apiMode } : {}),
    ...(entry.uidPrefix !== undefined ? { uidPrefix: entry.uidPrefix } : {}),
    ...(entry.folderPrefix !== undefined ? { folderPrefix: entry.folderPrefix } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
