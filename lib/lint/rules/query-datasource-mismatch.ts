import { KNOWN_QUERY_PLUGINS, queryShapes } from '../../model/queries/query-shape.js';
import type { DashboardView, DatasourceUse } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/**
 * `query-datasource-mismatch`: a target whose fields are another query kind's than its data
 * source's (SQL on Prometheus, a PromQL `expr` on Elasticsearch, …). The builders refuse such a
 * pairing at compile time; dashboard JSON made elsewhere, or edited, can still have it.
 */
export const queryDatasourceMismatch: LintRule = {
  id: 'query-datasource-mismatch',
  severity: 'error',
  description:
    "every query's fields are its data source's kind (no SQL on Prometheus, no PromQL on Elasticsearch); checked only where the data source's plugin is known and the fields belong to one kind unmistakably",
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          // Mixed panels: the model already gives each target its own reference (none when it has none).
          const plugin = pluginOf(target.datasource, d);
          // An unknown plugin may well use these field names (ClickHouse keeps SQL in `rawSql` too).
          if (plugin === undefined || !KNOWN_QUERY_PLUGINS.has(plugin)) continue;
          const shapes = queryShapes(target.json);
          if (shapes.length === 0 || shapes.some((s) => s.plugins.includes(plugin))) continue;
          const kind = shapes[0]!;
          const fix = kind.plugins.includes('__expr__')
            ? 'set its data source to { "type": "__expr__", "uid": "__expr__" }'
            : `give it a ${kind.name} data source (on a mixed panel each query has its own)`;
          findings.push({
            source: d.source,
            location: d.location(panel, target),
            message: `${kind.name} query fields on a ${plugin} data source (${describe(target.datasource)}): Grafana sends the query to ${plugin}, which cannot run it; ${fix}`,
          });
        }
      }
    }
    return findings;
  },
};

/**
 * The plugin id a target's data source resolves to, or undefined when the dashboard does not say
 * (no reference: the Grafana instance's default; a built-in; a uid without a type). A
 * `${DS_…}` import input names its plugin in `__inputs`.
 */
function pluginOf(use: DatasourceUse, d: DashboardView): string | undefined {
  if (use.kind === 'fixed') return use.type;
  if (use.kind !== 'variable') return undefined;
  if (use.type !== undefined) return use.type;
  if (!use.importInput || !Array.isArray(d.json['__inputs'])) return undefined;
  const input = (d.json['__inputs'] as unknown[]).find((i) => typeof i === 'object' && i !== null && (i as Record<string, unknown>)['name'] === use.name) as
    Record<string, unknown> | undefined;
  return typeof input?.['pluginId'] === 'string' && input['pluginId'] !== '' ? input['pluginId'] : undefined;
}

function describe(use: DatasourceUse): string {
  if (use.kind === 'variable') return `\${${use.name}}`;
  if (use.kind === 'fixed' && use.uid !== '') return `"${use.uid}"`;
  return 'type only';
}
