import type { Problem } from '../model/validation-error.js';
import type { DesiredState } from './resources.js';

/**
 * Problems for every schema v2 dashboard in a desired state, while the sync targets write
 * classic JSON only: sending a v2 spec as a classic body would store a broken dashboard, so
 * diff, apply and watch refuse it up front instead (nothing is written). Removed when the
 * targets learn schema v2.
 *
 * @example
 * schemaV2Problems({ folders: [], dashboards: [{ kind: 'Dashboard', uid: 'a', title: 'A', schema: 'v2', json: {…}, source: 'a.dash.ts' }] })
 * // → [{ path: ['a.dash.ts', 'dashboard "A"'], message: 'schema v2 dashboards cannot be synced yet; …' }]
 */
export function schemaV2Problems(desired: Pick<DesiredState, 'dashboards'>): Problem[] {
  return desired.dashboards
    .filter((d) => d.schema === 'v2')
    .map((d) => ({
      path: [d.source, `dashboard "${d.title}"`],
      message: 'schema v2 dashboards cannot be synced yet (diff, apply and watch write classic JSON only); build them with `dash build`, or render this one as v1',
    }));
}
