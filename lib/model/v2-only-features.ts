import type { DashboardBuilder } from './dashboard.js';
import { v2OnlyFeaturesOf, type V2OnlyFeature } from './v2-feature-scan.js';

export type { V2OnlyFeature } from './v2-feature-scan.js';

/**
 * Every v2-only feature a dashboard uses (pure): tabs, auto grids, show/hide rules, and rows
 * holding rows, tabs or an auto grid. A dashboard with none renders the same in v1 and v2.
 *
 * @example
 * v2OnlyFeatures(dashboard('A').row(row('Logs').showIf(hasData())))
 * // → [{ path: ['row "Logs"'], feature: 'a show/hide rule' }]
 */
export function v2OnlyFeatures(dashboard: DashboardBuilder): V2OnlyFeature[] {
  return v2OnlyFeaturesOf(dashboard.parts());
}
