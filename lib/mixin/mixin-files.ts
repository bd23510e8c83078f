import { toJson } from '../render/to-json.js';
import { toYaml } from '../render/to-yaml.js';
import type { RenderedMixin } from './define-mixin.js';
import { promtoolTestFile } from './promtool-test.js';

/** File names of mixtool's output layout. */
export const MIXIN_FILES = Object.freeze({
  dashboards: 'dashboards_out',
  alerts: 'prometheus_alerts.yaml',
  rules: 'prometheus_rules.yaml',
  tests: 'tests.yaml',
});

/** A file of a rendered mixin, relative to its output folder. */
export interface MixinFile {
  readonly path: string;
  readonly contents: string;
}

/** One mixin written to disk in mixtool's layout, as `dash build` and `dash mixin build` report it. */
export interface WrittenMixin {
  name: string;
  /** Its folder relative to the output directory: `mixins/<name>` (dash build), `.` or `<name>` (dash mixin build). */
  dir: string;
  /** Files written, relative to `dir`, in mixtool's layout. */
  files: string[];
  dashboards: number;
  /** Alerting rules in `prometheus_alerts.yaml`. */
  alerts: number;
  /** Recording rules in `prometheus_rules.yaml`. */
  rules: number;
}

/**
 * The files of a rendered mixin in mixtool's layout: `dashboards_out/<file>`,
 * `prometheus_alerts.yaml`, `prometheus_rules.yaml`, and (when the mixin has tests)
 * `tests.yaml` for `promtool test rules`.
 *
 * @example
 * mixinFiles(nodeExporterMixin.render()).map((f) => f.path)
 * // → ['dashboards_out/node-overview.json', …, 'prometheus_alerts.yaml', 'prometheus_rules.yaml', 'tests.yaml']
 */
export function mixinFiles(rendered: RenderedMixin): MixinFile[] {
  const files: MixinFile[] = rendered.dashboards.map((d) => ({
    path: `${MIXIN_FILES.dashboards}/${d.file}`,
    contents: toJson(d.json),
  }));
  files.push({ path: MIXIN_FILES.alerts, contents: toYaml(rendered.alerts) });
  files.push({ path: MIXIN_FILES.rules, contents: toYaml(rendered.rules) });
  if (rendered.tests.length > 0) {
    files.push({ path: MIXIN_FILES.tests, contents: toYaml(promtoolTestFile([MIXIN_FILES.alerts, MIXIN_FILES.rules], rendered.tests)) });
  }
  return files;
}
