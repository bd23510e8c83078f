import type { CloudWatchDimensions, CloudWatchLogsQuery, CloudWatchMetricsQuery, CloudWatchQueryModel } from '../../generated/index.js';
import { ModelQuery, modelProps } from './model-query.js';

/**
 * An Amazon CloudWatch query: a metric (namespace, metric name, dimensions, statistic) or a
 * Logs Insights query over log groups.
 *
 * @example
 * cloudWatchMetrics({ region: 'default', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: '$instance' } })
 * // → { "refId": "A", "queryMode": "Metrics", "metricQueryType": 0, "metricEditorMode": 0, "id": "", "region": "default",
 * //     "namespace": "AWS/EC2", "metricName": "CPUUtilization", "dimensions": { "InstanceId": "$instance" }, "statistic": "Average" }
 * cloudWatchLogs('fields @message | limit 20', ['arn:aws:logs:…:log-group:api'])
 */
export class CloudWatchQuery extends ModelQuery<'cloudwatch', CloudWatchQueryModel> {
  readonly kind = 'cloudwatch' as const;

  /** The AWS region (`default` is the data source's). */
  region(region: string): this {
    return this.fields({ region });
  }

  /** Series name, e.g. `${PROP('Dim.InstanceId')}`. */
  label(label: string): this {
    return this.fields({ label } as Partial<CloudWatchMetricsQuery>);
  }
}

/** A CloudWatch metric query (metric search in the builder editor). */
export function cloudWatchMetrics(metric: {
  namespace: string;
  metricName: string;
  region?: string;
  dimensions?: CloudWatchDimensions;
  statistic?: string;
  period?: string;
}): CloudWatchQuery {
  const { region = 'default', statistic = 'Average', ...rest } = metric;
  const model: Partial<CloudWatchMetricsQuery> = { queryMode: 'Metrics', metricQueryType: 0, metricEditorMode: 0, id: '', region, ...rest, statistic };
  return new CloudWatchQuery(modelProps<CloudWatchQueryModel>(model as never));
}

/** A CloudWatch Logs Insights query over log groups (ARNs). */
export function cloudWatchLogs(expression: string, logGroupArns: readonly string[], region = 'default'): CloudWatchQuery {
  const model: Partial<CloudWatchLogsQuery> = {
    queryMode: 'Logs',
    id: '',
    region,
    expression,
    logGroups: logGroupArns.map((arn) => ({ arn, name: logGroupName(arn) })),
  };
  return new CloudWatchQuery(modelProps<CloudWatchQueryModel>(model as never));
}

// `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` → `<name>`; anything else as given.
function logGroupName(arn: string): string {
  const name = /:log-group:([^:]+)/.exec(arn)?.[1];
  return name ?? arn;
}
