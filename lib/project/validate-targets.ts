import { isMixin } from '../mixin/define-mixin.js';
import type { SourceProblem } from './errors.js';
import { validateKubernetesTarget } from './validate-kubernetes-target.js';
import { validateRulesConfig } from './validate-rules-config.js';
import { isPlainObject } from '../model/deep-merge.js';
import { describeConfigValue } from './describe-config-value.js';

const GRAFANA_KEYS = [
  'type',
  'url',
  'tokenEnv',
  'user',
  'passwordEnv',
  'orgId',
  'apiMode',
  'caFile',
  'insecureSkipVerify',
  'timeoutMs',
  'folderPrefix',
  'uidPrefix',
  'dev',
  'rules',
  'alertingProvenance',
  'schema',
  'mixins',
] as const;
const FILES_KEYS = ['type', 'dir', 'grafanaPath', 'v2ApiVersion', 'v1Format', 'dev', 'rules', 'schema', 'mixins'] as const;
/** Keys that would hold a secret in a committed file. */
const SECRET_KEYS: Readonly<Record<string, string>> = {
  token: 'tokenEnv',
  password: 'passwordEnv',
  apiKey: 'tokenEnv',
  key: 'tokenEnv',
};
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks `targets` and `defaultTarget` of a config and returns the problems, each naming `file`
 * and the key path (`targets.prod.tokenEnv: …`). A secret value is never repeated in a message.
 *
 * @example
 * validateTargets({ targets: { prod: { type: 'grafana', url: 'https://g', token: 'glsa_…' } } }, 'dash.config.ts')
 * // → [{ file: 'dash.config.ts', message: 'targets.prod.token: a literal token does not belong in a committed file: …' }]
 */
export function validateTargets(config: Readonly<Record<string, unknown>>, file: string): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const add = (key: string, message: string): void => {
    problems.push({ file, message: `${key}: ${message}` });
  };
  const targets = config['targets'];
  const names = new Set<string>();
  const devTargets: string[] = [];
  if (targets !== undefined) {
    if (!isPlainObject(targets)) {
      add('targets', `must be an object of named targets, got ${describeConfigValue(targets)}`);
    } else {
      for (const [name, entry] of Object.entries(targets)) {
        names.add(name);
        const at = `targets.${name}`;
        if (!TARGET_NAME.test(name)) add(at, 'a target name may hold letters, digits, ".", "_" and "-" (it is given as --target <name>)');
        if (!isPlainObject(entry)) {
          add(at, `must be an object with type 'grafana', 'files' or 'kubernetes', got ${describeConfigValue(entry)}`);
          continue;
        }
        if (entry['type'] === 'grafana') validateGrafana(entry, at, add);
        else if (entry['type'] === 'files') validateFiles(entry, at, add);
        else if (entry['type'] === 'kubernetes') validateKubernetesTarget(entry, at, add);
        else add(`${at}.type`, `must be 'grafana', 'files' or 'kubernetes', got ${describeConfigValue(entry['type'])}`);
        if (entry['rules'] !== undefined && (entry['type'] === 'grafana' || entry['type'] === 'files'))
          validateRulesConfig(entry['rules'], `${at}.rules`, entry['type'], add);
        const dev = entry['dev'];
        if (dev !== undefined && typeof dev !== 'boolean') add(`${at}.dev`, `must be true or false, got ${describeConfigValue(dev)}`);
        if (dev === true) devTargets.push(name);
        const schema = entry['schema'];
        if (schema !== undefined && schema !== 'v1' && schema !== 'v2') add(`${at}.schema`, `must be "v1" or "v2", got ${describeConfigValue(schema)}`);
        const mixins = entry['mixins'];
        if (mixins !== undefined && (!Array.isArray(mixins) || !mixins.every(isMixin)))
          add(`${at}.mixins`, "must be an array of mixins (a mixin package's default export, or defineMixin(...), with .config(...) for this target)");
      }
      if (devTargets.length > 1) {
        add('targets', `more than one target is marked dev: true (${devTargets.join(', ')}); dash watch needs one (or --target <name>)`);
      }
    }
  }
  validateFleets(config['fleets'], names, add);
  const defaultTarget = config['defaultTarget'];
  if (defaultTarget !== undefined) {
    if (typeof defaultTarget !== 'string' || defaultTarget === '')
      add('defaultTarget', `must be the name of an entry of targets, got ${describeConfigValue(defaultTarget)}`);
    else if (!names.has(defaultTarget)) {
      add('defaultTarget', `"${defaultTarget}" is not in targets (${names.size > 0 ? `known: ${[...names].join(', ')}` : 'no targets are defined'})`);
    }
  }
  return problems;
}

/** `fleets`: named, non-empty lists of known target names; a fleet name is not a target name. */
function validateFleets(fleets: unknown, targets: ReadonlySet<string>, add: (key: string, message: string) => void): void {
  if (fleets === undefined) return;
  if (!isPlainObject(fleets)) return add('fleets', `must be an object of fleet names to lists of target names, got ${describeConfigValue(fleets)}`);
  for (const [name, members] of Object.entries(fleets)) {
    const at = `fleets.${name}`;
    if (!TARGET_NAME.test(name)) add(at, 'a fleet name may hold letters, digits, ".", "_" and "-" (it is given as --target <name>)');
    if (targets.has(name)) add(at, `"${name}" is also a target name: --target ${name} would be ambiguous`);
    if (!Array.isArray(members) || members.length === 0 || !members.every((m) => typeof m === 'string')) {
      add(at, `must be a non-empty array of target names, got ${describeConfigValue(members)}`);
      continue;
    }
    const unknown = members.filter((m: string) => !targets.has(m));
    if (unknown.length > 0)
      add(
        at,
        `${unknown.map((m: string) => `"${m}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in targets (${targets.size > 0 ? `known: ${[...targets].join(', ')}` : 'no targets are defined'})`,
      );
    const repeated = members.filter((m: string, i: number) => members.indexOf(m) !== i);
    if (repeated.length > 0) add(at, `lists ${[...new Set(repeated)].map((m) => `"${m}"`).join(', ')} more than once`);
  }
}

function validateGrafana(entry: Record<string, unknown>, at: string, add: (key: string, message: string) => void): void {
  for (const key of Object.keys(entry)) {
    const instead = SECRET_KEYS[key];
    if (instead) {
      add(
        `${at}.${key}`,
        `a literal ${key} does not belong in a committed file (it would end up in git history and CI logs): put it in an environment variable and name that variable with ${instead}, e.g. ${instead}: '${suggestEnvName(at, instead)}'`,
      );
    } else if (!(GRAFANA_KEYS as readonly string[]).includes(key)) {
      add(`${at}.${key}`, `unknown key (known: ${GRAFANA_KEYS.join(', ')})`);
    }
  }
  const url = entry['url'];
  if (typeof url !== 'string' || url === '') add(`${at}.url`, `must be Grafana's base URL (e.g. https://<stack>.grafana.net), got ${describeConfigValue(url)}`);
  else {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      add(`${at}.url`, 'is not a valid absolute URL (e.g. http://localhost:3000)');
    }
    if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') add(`${at}.url`, `must use http: or https:, got ${parsed.protocol}`);
    if (parsed && (parsed.username || parsed.password)) {
      add(`${at}.url`, 'must not carry credentials (user:password@): use user and passwordEnv');
    }
  }
  for (const key of ['tokenEnv', 'passwordEnv'] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    // Service account tokens (glsa_…) and Cloud tokens (glc_…) are valid variable names too.
    const looksSecret = typeof value === 'string' && (/^(glsa_|glc_|eyJ)/.test(value) || value.length > 40);
    if (typeof value !== 'string' || !ENV_NAME.test(value) || looksSecret) {
      add(
        `${at}.${key}`,
        looksSecret
          ? 'must be the NAME of an environment variable, and this looks like the secret itself: move the value to an environment variable'
          : 'must be an environment variable name (letters, digits, _)',
      );
    }
  }
  const user = entry['user'];
  if (user !== undefined && (typeof user !== 'string' || user === '')) add(`${at}.user`, `must be a non-empty user name, got ${describeConfigValue(user)}`);
  const hasToken = entry['tokenEnv'] !== undefined;
  const hasUser = user !== undefined;
  const hasPassword = entry['passwordEnv'] !== undefined;
  if (hasToken && (hasUser || hasPassword)) add(at, 'give either tokenEnv or user + passwordEnv, not both');
  else if (hasUser !== hasPassword) add(at, hasUser ? 'user needs passwordEnv (the environment variable holding the password)' : 'passwordEnv needs user');
  else if (!hasToken && !hasUser && !hasPassword && !Object.keys(SECRET_KEYS).some((k) => k in entry)) {
    add(at, "no credentials: give tokenEnv (the environment variable holding a service account token, e.g. 'GRAFANA_TOKEN') or user + passwordEnv");
  }
  const orgId = entry['orgId'];
  if (orgId !== undefined && !(Number.isInteger(orgId) && (orgId as number) >= 1))
    add(`${at}.orgId`, `must be a positive integer, got ${describeConfigValue(orgId)}`);
  const apiMode = entry['apiMode'];
  if (apiMode !== undefined && !['auto', 'classic', 'k8s'].includes(apiMode as string))
    add(`${at}.apiMode`, `must be 'auto', 'classic' or 'k8s', got ${describeConfigValue(apiMode)}`);
  const caFile = entry['caFile'];
  if (caFile !== undefined && (typeof caFile !== 'string' || caFile === ''))
    add(`${at}.caFile`, `must be a path to a PEM file, got ${describeConfigValue(caFile)}`);
  const insecure = entry['insecureSkipVerify'];
  if (insecure !== undefined && typeof insecure !== 'boolean') add(`${at}.insecureSkipVerify`, `must be true or false, got ${describeConfigValue(insecure)}`);
  const timeoutMs = entry['timeoutMs'];
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) > 0))
    add(`${at}.timeoutMs`, `must be a positive number of milliseconds, got ${describeConfigValue(timeoutMs)}`);
  const folderPrefix = entry['folderPrefix'];
  if (folderPrefix !== undefined && (typeof folderPrefix !== 'string' || folderPrefix === ''))
    add(`${at}.folderPrefix`, `must be a non-empty string, got ${describeConfigValue(folderPrefix)}`);
  const alertingProvenance = entry['alertingProvenance'];
  if (alertingProvenance !== undefined && alertingProvenance !== 'api' && alertingProvenance !== 'none')
    add(`${at}.alertingProvenance`, `must be 'api' or 'none', got ${describeConfigValue(alertingProvenance)}`);
  const uidPrefix = entry['uidPrefix'];
  if (uidPrefix !== undefined && (typeof uidPrefix !== 'string' || !/^[A-Za-z0-9_-]{1,20}$/.test(uidPrefix))) {
    add(`${at}.uidPrefix`, `must be 1–20 of the characters Grafana allows in uids (letters, digits, "-", "_"), got ${describeConfigValue(uidPrefix)}`);
  }
}

function validateFiles(entry: Record<string, unknown>, at: string, add: (key: string, message: string) => void): void {
  for (const key of Object.keys(entry)) {
    if (!(FILES_KEYS as readonly string[]).includes(key)) add(`${at}.${key}`, `unknown key (known: ${FILES_KEYS.join(', ')})`);
  }
  const dir = entry['dir'];
  if (typeof dir !== 'string' || dir === '') add(`${at}.dir`, `must be a folder path (relative to the project), got ${describeConfigValue(dir)}`);
  const grafanaPath = entry['grafanaPath'];
  if (grafanaPath !== undefined && !isAbsoluteGrafanaPath(grafanaPath)) {
    add(
      `${at}.grafanaPath`,
      `must be the absolute path at which Grafana sees "${typeof dir === 'string' ? dir : '<dir>'}/dashboards" (e.g. "/var/lib/grafana/dashboards" in a container), got ${describeConfigValue(grafanaPath)}`,
    );
  }
  const v2ApiVersion = entry['v2ApiVersion'];
  if (v2ApiVersion !== undefined && v2ApiVersion !== 'v2' && v2ApiVersion !== 'v2beta1')
    add(`${at}.v2ApiVersion`, `must be 'v2beta1' or 'v2', got ${describeConfigValue(v2ApiVersion)}`);
  const v1Format = entry['v1Format'];
  if (v1Format !== undefined && v1Format !== 'classic' && v1Format !== 'resource')
    add(`${at}.v1Format`, `must be 'classic' or 'resource', got ${describeConfigValue(v1Format)}`);
}

/**
 * Whether a provider `options.path` is one Grafana can use: absolute (Grafana resolves a relative
 * one against its own working directory, which is never what was meant), POSIX (`/var/…`) or
 * Windows (`C:\…`), one line of printable characters.
 */
function isAbsoluteGrafanaPath(value: unknown): boolean {
  if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value)) return false;
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value);
}

function suggestEnvName(at: string, key: string): string {
  const name = at
    .slice('targets.'.length)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
  return `GRAFANA_${name}_${key === 'passwordEnv' ? 'PASSWORD' : 'TOKEN'}`;
}
