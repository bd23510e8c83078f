/** A series fed to a promtool unit test: a selector and Prometheus' expanding notation. */
export interface TestSeries {
  /** e.g. `node_filesystem_avail_bytes{instance="a", mountpoint="/"}` */
  readonly series: string;
  /** e.g. `100-1x60` (start 100, minus 1 per step, 60 steps) or `1x10 0x10` */
  readonly values: string;
}

/** An alert expected at an evaluation time. */
export interface ExpectedAlert {
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A check that an alert fires (with these labels and annotations) or, with no alerts, does not. */
export interface AlertTest {
  readonly evalTime: string;
  readonly alertname: string;
  readonly expAlerts: readonly ExpectedAlert[];
}

/** A check of a PromQL expression's samples, e.g. a recording rule's output. */
export interface ExprTest {
  readonly expr: string;
  readonly evalTime: string;
  readonly expSamples: readonly { readonly labels: string; readonly value: number }[];
}

/**
 * One promtool unit test: input series, then expected alerts and expression results.
 *
 * @example
 * const test: PromtoolTest = {
 *   name: 'filesystem almost full',
 *   interval: '1m',
 *   inputSeries: [{ series: 'node_filesystem_avail_bytes{instance="a",mountpoint="/"}', values: '4x60' }],
 *   alertTests: [{ evalTime: '40m', alertname: 'NodeFilesystemAlmostFull', expAlerts: [{ labels: { severity: 'critical', instance: 'a', mountpoint: '/' } }] }],
 * };
 */
export interface PromtoolTest {
  readonly name?: string;
  readonly interval?: string;
  readonly inputSeries: readonly TestSeries[];
  readonly alertTests?: readonly AlertTest[];
  readonly exprTests?: readonly ExprTest[];
  readonly externalLabels?: Readonly<Record<string, string>>;
}

/**
 * The promtool test file (`promtool test rules <file>`) for tests of the given rule files.
 *
 * @example
 * promtoolTestFile(['prometheus_alerts.yaml', 'prometheus_rules.yaml'], [test])
 * // → { rule_files: [...], evaluation_interval: '1m', tests: [{ name, interval, input_series, alert_rule_test }] }
 */
export function promtoolTestFile(ruleFiles: readonly string[], tests: readonly PromtoolTest[], evaluationInterval = '1m'): Record<string, unknown> {
  return {
    rule_files: [...ruleFiles],
    evaluation_interval: evaluationInterval,
    tests: tests.map((t) => {
      const out: Record<string, unknown> = {};
      if (t.name !== undefined) out.name = t.name;
      out.interval = t.interval ?? evaluationInterval;
      if (t.externalLabels) out.external_labels = { ...t.externalLabels };
      out.input_series = t.inputSeries.map((s) => ({ series: s.series, values: s.values }));
      if (t.alertTests && t.alertTests.length > 0) {
        out.alert_rule_test = t.alertTests.map((a) => ({
          eval_time: a.evalTime,
          alertname: a.alertname,
          exp_alerts: a.expAlerts.map((e) => ({
            ...(e.labels ? { exp_labels: { ...e.labels } } : {}),
            ...(e.annotations ? { exp_annotations: { ...e.annotations } } : {}),
          })),
        }));
      }
      if (t.exprTests && t.exprTests.length > 0) {
        out.promql_expr_test = t.exprTests.map((e) => ({
          expr: e.expr,
          eval_time: e.evalTime,
          exp_samples: e.expSamples.map((s) => ({ labels: s.labels, value: s.value })),
        }));
      }
      return out;
    }),
  };
}
