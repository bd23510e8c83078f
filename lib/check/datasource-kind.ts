/**
 * The data source plugin of a panel, target or variable, as far as a dashboard's JSON tells:
 * an explicit `type`, or the plugin of the datasource variable its uid references
 * (`${datasource}`), `mixed` for `-- Mixed --`, `grafana` for the built-in source, and
 * `prometheus` when nothing is said (the check runs against Prometheus, and a dashboard
 * without data source references uses the instance's default one).
 *
 * @example
 * datasourceKind({ type: 'prometheus', uid: '${datasource}' }, new Map()) // → 'prometheus'
 * datasourceKind({ uid: '$logs' }, new Map([['logs', 'loki']]))          // → 'loki'
 * datasourceKind('$logs', new Map([['logs', 'loki']]))                   // → 'loki'
 */
export function datasourceKind(datasource: unknown, datasourceVariables: ReadonlyMap<string, string>): string | undefined {
  if (datasource === undefined || datasource === null) return undefined;
  let type: string | undefined;
  let uid: string | undefined;
  if (typeof datasource === 'string') uid = datasource;
  else if (typeof datasource === 'object') {
    const ds = datasource as { type?: unknown; uid?: unknown };
    if (typeof ds.type === 'string' && ds.type !== '') type = ds.type;
    if (typeof ds.uid === 'string') uid = ds.uid;
  }
  if (uid === '-- Mixed --') return 'mixed';
  if (uid === '-- Grafana --' || uid === 'grafana') return type ?? 'grafana';
  if (uid === '-- Dashboard --') return 'dashboard';
  if (type) return type;
  const reference = uid !== undefined ? /^\$\{?(\w+)\}?$/.exec(uid) : null;
  if (reference) return datasourceVariables.get(reference[1]!);
  return undefined;
}
