/**
 * Which other data source a target's fields say it is written for, when nothing names its data
 * source and it has no PromQL `expr`: `dash check` then reports it not checked, naming that
 * kind, instead of calling it an empty Prometheus query.
 *
 * @example
 * foreignQueryShape({ refId: 'A', rawSql: 'SELECT 1' }) // → 'SQL'
 * foreignQueryShape({ refId: 'A', expr: 'up' })         // → undefined (a Prometheus query)
 */
export function foreignQueryShape(target: Record<string, unknown>): string | undefined {
  if (typeof target['expr'] === 'string' && target['expr'].trim() !== '') return undefined;
  const has = (key: string) => target[key] !== undefined && target[key] !== null;
  // Most specific first: several kinds keep their text in `query`.
  if (has('rawSql')) return 'SQL';
  if (has('type') && has('expression')) return 'Grafana expression';
  if (has('metrics') || has('bucketAggs')) return 'Elasticsearch';
  if (has('queryMode')) return 'CloudWatch';
  if (has('azureMonitor') || has('azureLogAnalytics') || has('azureResourceGraph') || has('azureTraces')) return 'Azure Monitor';
  if (has('timeSeriesList') || has('timeSeriesQuery') || has('promQLQuery') || has('sloQuery')) return 'Google Cloud Monitoring';
  if (has('profileTypeId')) return 'profile (Pyroscope or Parca)';
  if (has('scenarioId')) return 'TestData';
  if (typeof target['target'] === 'string') return 'Graphite';
  if (typeof target['query'] === 'string' && target['query'].trim() !== '') return 'non-Prometheus';
  return undefined;
}
