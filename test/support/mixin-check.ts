// `dash check` on a rendered mixin against the shared Prometheus stack, for the mixin
// integration tests: the files in mixtool's layout, then the check of all of them at once.
import { mixinFiles, type RenderedMixin } from '../../lib/index.js';
import { makeProject, runDash, type DashRun } from '../cli/run-dash.js';
import type { PrometheusStackInfo } from './prometheus-stack.js';

/** The mixin's files `dash check` reads (dashboards_out/*.json and the two rule files), by path. */
export function checkedMixinFiles(rendered: RenderedMixin): Record<string, string> {
  return Object.fromEntries(
    mixinFiles(rendered)
      .filter((f) => f.path !== 'tests.yaml')
      .map((f) => [f.path, f.contents]),
  );
}

/** Runs `dash check --json` on those files in a temp project, with the stack's scrape interval. */
export function dashCheckOnStack(stack: PrometheusStackInfo, files: Record<string, string>): DashRun {
  const dir = makeProject(files);
  return runDash(
    [
      'check',
      'dashboards_out',
      'prometheus_alerts.yaml',
      'prometheus_rules.yaml',
      '--prometheus',
      stack.prometheusUrl,
      '--scrape-interval',
      `${stack.scrapeIntervalSeconds}s`,
      '--json',
    ],
    dir,
  );
}
