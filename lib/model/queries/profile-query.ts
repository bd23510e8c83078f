import type { ParcaQueryModel, PyroscopeQueryModel } from '../../generated/index.js';
import { ModelQuery, modelProps } from './model-query.js';

/** What a profile query returns: the profile (flame graph), its metric over time, or both. */
export type ProfileQueryType = 'profile' | 'metrics' | 'both';

/**
 * A Grafana Pyroscope query (plugin `grafana-pyroscope-datasource`): a profile type and a label
 * selector; a `flamegraph` panel shows the profile, a `timeseries` panel its metric.
 *
 * @example
 * pyroscope('process_cpu:cpu:nanoseconds:cpu:nanoseconds', '{service_name="api"}').groupBy('pod')
 * // → { "refId": "A", "profileTypeId": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
 * //     "labelSelector": "{service_name=\"api\"}", "groupBy": ["pod"], "queryType": "profile" }
 */
export class PyroscopeQuery extends ModelQuery<'grafana-pyroscope-datasource', PyroscopeQueryModel> {
  readonly kind = 'grafana-pyroscope-datasource' as const;

  /** Labels the metric is split by. */
  groupBy(...labels: string[]): this {
    return this.fields({ groupBy: labels });
  }

  /** Profile, metric or both. */
  queryType(queryType: ProfileQueryType): this {
    return this.fields({ queryType });
  }

  /** The most nodes in the flame graph. */
  maxNodes(maxNodes: number): this {
    return this.fields({ maxNodes });
  }
}

/** A Pyroscope profile query (see {@link PyroscopeQuery}). */
export function pyroscope(profileTypeId: string, labelSelector = '{}'): PyroscopeQuery {
  if (typeof profileTypeId !== 'string' || profileTypeId.trim() === '')
    throw new TypeError(`pyroscope(): expected a profile type id such as 'process_cpu:cpu:nanoseconds:cpu:nanoseconds', got ${JSON.stringify(profileTypeId)}`);
  return new PyroscopeQuery(modelProps<PyroscopeQueryModel>({ profileTypeId, labelSelector, groupBy: [], queryType: 'profile' }));
}

/**
 * A Parca query (plugin `parca`): a profile type and a label selector.
 *
 * @example
 * parca('parca_agent_cpu:samples:count:cpu:nanoseconds:delta', '{job="api"}')
 * // → { "refId": "A", "profileTypeId": "parca_agent_cpu:…", "labelSelector": "{job=\"api\"}", "queryType": "profile" }
 */
export class ParcaQuery extends ModelQuery<'parca', ParcaQueryModel> {
  readonly kind = 'parca' as const;

  /** Profile, metric or both. */
  queryType(queryType: ProfileQueryType): this {
    return this.fields({ queryType });
  }
}

/** A Parca profile query (see {@link ParcaQuery}). */
export function parca(profileTypeId: string, labelSelector = '{}'): ParcaQuery {
  if (typeof profileTypeId !== 'string' || profileTypeId.trim() === '')
    throw new TypeError(`parca(): expected a profile type id, got ${JSON.stringify(profileTypeId)}`);
  return new ParcaQuery(modelProps<ParcaQueryModel>({ profileTypeId, labelSelector, queryType: 'profile' }));
}
