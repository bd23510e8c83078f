import type { DashboardSchema } from '../model/dashboard.js';
import type { SchemaSelection } from '../render/render-project.js';
import type { DashConfig } from './define-config.js';

/** The dashboard schemas, as `--schema` and the config's `schema` keys take them. */
export const DASHBOARD_SCHEMAS: readonly DashboardSchema[] = ['v1', 'v2'];

/**
 * How a run picks each dashboard's schema: `--schema` (the `schema` option) forces one; else
 * the `schema` of the target the run writes to (`targetName`, a key of `targets`); the
 * project's `schema` is the default for dashboards that set none.
 *
 * @example
 * schemaSelection({ schema: 'v2', targets: { old: { type: 'files', dir: 'x', schema: 'v1' } } }, { targetName: 'old' })
 * // → { schema: 'v1', defaultSchema: 'v2' }
 */
export function schemaSelection(config: DashConfig, options: { schema?: DashboardSchema | undefined; targetName?: string | undefined } = {}): SchemaSelection {
  const targets = config.targets ?? {};
  const target = options.targetName !== undefined && Object.hasOwn(targets, options.targetName) ? targets[options.targetName] : undefined;
  const forced = options.schema ?? target?.schema;
  return { ...(forced !== undefined && { schema: forced }), ...(config.schema !== undefined && { defaultSchema: config.schema }) };
}
