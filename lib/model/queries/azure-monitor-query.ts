import type { AzureMonitorLogsQuery, AzureMonitorMetricQuery, AzureMonitorQueryModel } from '../../generated/index.js';
import { ModelQuery, modelProps } from './model-query.js';

/**
 * An Azure Monitor query (plugin `grafana-azure-monitor-datasource`): platform metrics, a Log
 * Analytics (KQL) query over resources, or an Azure Resource Graph query.
 *
 * @example
 * azureLogs('AppRequests | summarize count() by bin(TimeGenerated, 5m)', ['/subscriptions/…/workspaces/prod'])
 * // → { "refId": "A", "queryType": "Azure Log Analytics",
 * //     "azureLogAnalytics": { "query": "AppRequests | …", "resources": ["/subscriptions/…/workspaces/prod"], "resultFormat": "time_series" } }
 */
export class AzureMonitorQuery extends ModelQuery<'grafana-azure-monitor-datasource', AzureMonitorQueryModel> {
  readonly kind = 'grafana-azure-monitor-datasource' as const;

  /** The subscription the query runs in (default: the data source's). */
  subscription(subscription: string): this {
    return this.fields({ subscription });
  }
}

/** Azure Monitor platform metrics of resources (metric namespace, name, aggregation). */
export function azureMetrics(metric: AzureMonitorMetricQuery): AzureMonitorQuery {
  return new AzureMonitorQuery(modelProps<AzureMonitorQueryModel>({ queryType: 'Azure Monitor', azureMonitor: metric }));
}

/** A Log Analytics (KQL) query over workspaces or resources, as a time series (default) or table. */
export function azureLogs(kql: string, resources: readonly string[], resultFormat: AzureMonitorLogsQuery['resultFormat'] = 'time_series'): AzureMonitorQuery {
  if (typeof kql !== 'string' || kql.trim() === '') throw new TypeError(`azureLogs(): expected a KQL query, got ${JSON.stringify(kql)}`);
  return new AzureMonitorQuery(
    modelProps<AzureMonitorQueryModel>({ queryType: 'Azure Log Analytics', azureLogAnalytics: { query: kql, resources: [...resources], resultFormat } }),
  );
}

/** An Azure Resource Graph (KQL) query over subscriptions. */
export function azureResourceGraph(kql: string, subscriptions: readonly string[]): AzureMonitorQuery {
  if (typeof kql !== 'string' || kql.trim() === '') throw new TypeError(`azureResourceGraph(): expected a KQL query, got ${JSON.stringify(kql)}`);
  return new AzureMonitorQuery(
    modelProps<AzureMonitorQueryModel>({
      queryType: 'Azure Resource Graph',
      subscriptions: [...subscriptions],
      azureResourceGraph: { query: kql, resultFormat: 'table' },
    }),
  );
}
