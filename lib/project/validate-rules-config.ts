const RULER_KEYS = ['type', 'url', 'flavor', 'flavour', 'tenant', 'user', 'keyEnv', 'tokenEnv', 'namespaces', 'owns'] as const;
const RULER_PROXY_KEYS = ['type', 'datasource', 'namespaces', 'owns'] as const;
const RULE_FILES_KEYS = ['type', 'dir', 'prometheusUrl'] as const;
const GRAFANA_ALERTING_KEYS = ['type', 'datasourceUid', 'provenance', 'noDataState', 'execErrState', 'relativeTimeRangeSeconds'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks `targets.<name>.rules` and reports each problem with its key path through `add`. A
 * literal secret (`key`, `token`, `password`) is refused without repeating it.
 *
 * @example
 * validateRulesConfig({ type: 'ruler', key: 'glc_…' }, 'targets.prod.rules', 'grafana', add)
 * // add('targets.prod.rules.key', 'a literal key does not belong in a committed file: …')
 */
export function validateRulesConfig(value: unknown, at: string, targetType: 'grafana' | 'files', add: (key: string, message: string) => void): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add(at, `must be an object with type 'ruler', 'grafana-ruler-proxy', 'rule-files', 'grafana-alerting' or 'none', got ${describe(value)}`);
    return;
  }
  const entry = value as Record<string, unknown>;
  const type = entry['type'];
  const known: readonly string[] =
    type === 'ruler'
      ? RULER_KEYS
      : type === 'grafana-ruler-proxy'
        ? RULER_PROXY_KEYS
        : type === 'rule-files'
          ? RULE_FILES_KEYS
          : type === 'grafana-alerting'
            ? GRAFANA_ALERTING_KEYS
            : type === 'none'
              ? ['type']
              : [];
  if (known.length === 0) {
    add(`${at}.type`, `must be 'ruler', 'grafana-ruler-proxy', 'rule-files', 'grafana-alerting' or 'none', got ${describe(type)}`);
    return;
  }
  for (const key of Object.keys(entry)) {
    if (['key', 'token', 'password', 'apiKey'].includes(key)) {
      add(
        `${at}.${key}`,
        `a literal ${key} does not belong in a committed file: put it in an environment variable and name it with ${key === 'token' ? 'tokenEnv' : 'keyEnv'}`,
      );
    } else if (!known.includes(key)) add(`${at}.${key}`, `unknown key (known: ${known.join(', ')})`);
  }
  const url = (key: string) => {
    const v = entry[key];
    if (v === undefined) return;
    let parsed: URL | undefined;
    try {
      parsed = typeof v === 'string' ? new URL(v) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) add(`${at}.${key}`, `must be an absolute http(s) URL, got ${describe(v)}`);
    else if (parsed.username || parsed.password) add(`${at}.${key}`, 'must not carry credentials (user:password@)');
  };
  const nonEmpty = (key: string, what: string) => {
    const v = entry[key];
    if (v !== undefined && (typeof v !== 'string' || v === '')) add(`${at}.${key}`, `must be ${what}, got ${describe(v)}`);
  };
  const oneOf = (key: string, options: readonly string[]) => {
    const v = entry[key];
    if (v !== undefined && !options.includes(v as string)) add(`${at}.${key}`, `must be one of ${options.map((o) => `'${o}'`).join(', ')}, got ${describe(v)}`);
  };
  const globs = (key: string, v: unknown) => {
    if (v !== undefined && !(Array.isArray(v) && v.every((g) => typeof g === 'string' && g !== '')))
      add(`${at}.${key}`, `must be an array of namespace globs, got ${describe(v)}`);
  };
  const namespaceFilter = () => {
    const ns = entry['namespaces'];
    if (ns !== undefined) {
      if (typeof ns !== 'object' || ns === null || Array.isArray(ns))
        add(`${at}.namespaces`, `must be { include?: [...], exclude?: [...] }, got ${describe(ns)}`);
      else {
        for (const key of Object.keys(ns)) if (key !== 'include' && key !== 'exclude') add(`${at}.namespaces.${key}`, 'unknown key (known: include, exclude)');
        globs('namespaces.include', (ns as Record<string, unknown>)['include']);
        globs('namespaces.exclude', (ns as Record<string, unknown>)['exclude']);
      }
    }
    globs('owns', entry['owns']);
  };
  if (type === 'grafana-ruler-proxy') {
    if (targetType !== 'grafana') add(`${at}.type`, "'grafana-ruler-proxy' needs a target of type 'grafana' (its URL and token reach the proxy)");
    validateProxyDatasource(entry['datasource'], `${at}.datasource`, add);
    namespaceFilter();
  } else if (type === 'ruler') {
    url('url');
    oneOf('flavor', ['mimir', 'cortex', 'loki']);
    // The deprecated spelling, still read.
    oneOf('flavour', ['mimir', 'cortex', 'loki']);
    nonEmpty('tenant', 'a tenant id');
    nonEmpty('user', 'a user name (the Grafana Cloud instance id)');
    for (const key of ['keyEnv', 'tokenEnv']) {
      const v = entry[key];
      if (v !== undefined && (typeof v !== 'string' || !ENV_NAME.test(v) || /^(glc_|glsa_|eyJ)/.test(v) || v.length > 40)) {
        add(`${at}.${key}`, 'must be the NAME of an environment variable (letters, digits, _), not the secret itself');
      }
    }
    if (entry['keyEnv'] !== undefined && entry['tokenEnv'] !== undefined) add(at, 'give keyEnv (basic auth) or tokenEnv (bearer), not both');
    namespaceFilter();
  } else if (type === 'rule-files') {
    const dir = entry['dir'];
    if (typeof dir !== 'string' || dir === '') add(`${at}.dir`, `must be a folder path (relative to the project), got ${describe(dir)}`);
    url('prometheusUrl');
  } else if (type === 'grafana-alerting') {
    if (targetType !== 'grafana') add(`${at}.type`, "'grafana-alerting' needs a target of type 'grafana'");
    const uid = entry['datasourceUid'];
    if (typeof uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(uid))
      add(`${at}.datasourceUid`, `must be the uid of the Prometheus data source, got ${describe(uid)}`);
    oneOf('provenance', ['api', 'none']);
    oneOf('noDataState', ['NoData', 'Alerting', 'OK', 'KeepLast']);
    oneOf('execErrState', ['Error', 'Alerting', 'OK', 'KeepLast']);
    const range = entry['relativeTimeRangeSeconds'];
    if (range !== undefined && !(Number.isInteger(range) && (range as number) > 0))
      add(`${at}.relativeTimeRangeSeconds`, `must be a positive number of seconds, got ${describe(range)}`);
  }
}

/** `datasource` of a `grafana-ruler-proxy` entry: exactly one of `{ uid }` (a Grafana uid) or `{ name }`. */
function validateProxyDatasource(value: unknown, at: string, add: (key: string, message: string) => void): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add(at, `must be { uid: '<data source uid>' } or { name: '<data source name>' }, got ${describe(value)}`);
    return;
  }
  const ds = value as Record<string, unknown>;
  for (const key of Object.keys(ds)) if (key !== 'uid' && key !== 'name') add(`${at}.${key}`, 'unknown key (known: uid, name)');
  const hasUid = ds['uid'] !== undefined;
  const hasName = ds['name'] !== undefined;
  if (hasUid === hasName) add(at, 'give exactly one of uid or name');
  if (hasUid && (typeof ds['uid'] !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(ds['uid'])))
    add(`${at}.uid`, `must be a data source uid (1–40 letters, digits, "-", "_"), got ${describe(ds['uid'])}`);
  if (hasName && (typeof ds['name'] !== 'string' || ds['name'].trim() === '')) add(`${at}.name`, `must be a data source name, got ${describe(ds['name'])}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}
