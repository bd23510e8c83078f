import { v2NestingWarnings } from '../render/v2/v2-nesting.js';
import type { DashboardSchema } from '../model/dashboard.js';
import { schemaSelection } from './schema-selection.js';
import { dashboardV2Resource } from '../render/v2/dashboard-v2-resource.js';
import { performance } from 'node:perf_hooks';
import { toJson } from '../render/to-json.js';
import { loadProjectWhileTypeChecking } from './load-project.js';
import type { TypeCheckReport } from './type-check.js';
import type { WrittenMixin } from '../mixin/mixin-files.js';
import { renderProjectWithMixins } from './render-with-mixins.js';
import { openOutput } from './write-output.js';
import { alertmanagerTemplateFiles, alertmanagerYaml, DEFAULT_SECRETS_DIR, TEMPLATES_DIR } from '../alerting/render-alertmanager.js';

/** Options of {@link runBuild}. */
export interface BuildOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** Project directory, relative to `cwd`. @default "." */
  dir?: string;
  /** Output directory relative to `cwd`; overrides the config's `outDir`. */
  outDir?: string;
  /** Type-check the project before building. @default true */
  typecheck?: boolean;
  /** `--schema`: every dashboard in this schema (a dashboard needing v2 then fails as v1). @default each dashboard's own, else the config's `schema` */
  schema?: DashboardSchema;
  /** The tsconfig to type-check with, relative to `cwd` (default: the nearest `tsconfig.json`). */
  tsconfig?: string;
}

/** One dashboard written by {@link runBuild}. */
export interface BuiltDashboard {
  uid: string;
  title: string;
  /** Entry file it came from, relative to the project directory. */
  source: string;
  /** File written, relative to `outDir` (`dashboards/<uid>.json`). */
  file: string;
  panels: number;
  queries: number;
}

/** One mixin of `mixins` in dash.config.ts written by {@link runBuild}: its `dir` is `mixins/<name>`. */
export type BuiltMixin = WrittenMixin;

/** The Alertmanager files written by {@link runBuild}. */
export interface BuiltAlerting {
  /** Relative to `outDir`: `alertmanager/alertmanager.yaml`, then `alertmanager/templates/<name>.tmpl`. */
  files: string[];
  contactPoints: number;
  muteTimings: number;
  templates: number;
  routingTests: number;
}

/** What {@link runBuild} did; also the `dash build --json` output. */
export interface BuildResult {
  /** Absolute output directory. */
  outDir: string;
  /** In output order (entry files sorted, then export order within a file). */
  dashboards: BuiltDashboard[];
  /** The config's `mixins`, in config order. */
  mixins: BuiltMixin[];
  /** The Alertmanager configuration written from the config's `alerting`, when it has one. */
  alerting?: BuiltAlerting;
  totals: { dashboards: number; panels: number; queries: number };
  /**
   * What the type check did (absent with `typecheck: false`, or when there was nothing to check):
   * `up-to-date` (nothing changed since the last clean check; the compiler was not loaded),
   * `checked` (the compiler ran, re-checking only what changed since the cached state) or
   * `uncached` (no cache could be used).
   */
  typeCheck?: TypeCheckReport['cache'];
  /** Wall time from start to the last file written. */
  durationMs: number;
  /**
   * What builds but Grafana's editor would not make, e.g. a tab directly inside a tab or more
   * than 3 grouping levels in a v2 layout: `<source> › dashboard "<title>" › <message>`.
   * Always set by {@link runBuild}.
   */
  warnings?: string[];
}

/**
 * Builds a project: loads the entry files and renders and validates every dashboard and every
 * mixin of the config's `mixins` while the type check runs (in a worker thread), then, once it
 * passed, replaces `<outDir>` with
 * `<outDir>/dashboards/<uid>.json` and `<outDir>/mixins/<name>/…` (mixtool's layout) all at
 * once. Nothing is written when any step fails. Prints nothing.
 *
 * @example
 * const result = await runBuild({ cwd: process.cwd(), dir: 'monitoring' });
 * // { outDir: '/repo/monitoring/out', totals: { dashboards: 3, panels: 12, queries: 20 }, ... }
 *
 * @throws {ConfigError | LoadError | TypeCheckError} from loading the project.
 * @throws {ValidationError} every rendering problem of the project at once.
 * @throws {OutputError} the output directory cannot be replaced safely.
 */
export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  const { cwd, dir, outDir, typecheck, tsconfig } = options;
  const { project, typeCheck } = await loadProjectWhileTypeChecking({ cwd, dir, outDir, typecheck, tsconfig });
  // The type check (a worker thread) runs while everything is rendered, validated and staged;
  // only the commit waits for it. Any failure meanwhile gives way to type errors, as when the
  // check ran first.
  const output = await typeCheck.typeErrorsFirst(() => openOutput({ outDir: project.outDir, protect: [project.dir] }));
  // Each dashboard is written to the staging folder as soon as it is rendered and dropped, so a
  // big project never holds all its dashboards (objects and JSON text) at once; nothing reaches
  // outDir unless the whole build succeeds (commit), and a failure discards the staging folder.
  const dashboards: BuiltDashboard[] = [];
  const warnings: string[] = [];
  let builtMixins: BuiltMixin[];
  let builtAlerting: BuiltAlerting | undefined;
  let report: TypeCheckReport | undefined;
  try {
    const { mixins, configFile, alerting } = renderProjectWithMixins(project, schemaSelection(project.config, { schema: options.schema }), {
      onDashboard: (dashboard) => {
        if (dashboard.schema === 'v2') {
          for (const w of v2NestingWarnings(dashboard.json as unknown as Record<string, unknown>))
            warnings.push(`${dashboard.source} › dashboard "${dashboard.title}" › ${w.message}`);
        }
        const file = `dashboards/${dashboard.uid}.json`;
        // v2 is written in resource form (what /apis, Git Sync and file provisioning read); v1 as classic JSON.
        const body = dashboard.schema === 'v2' ? dashboardV2Resource(dashboard.uid, dashboard.json, { apiVersion: 'v2' }) : dashboard.json;
        output.write({ path: file, contents: toJson(body) });
        dashboards.push({
          uid: dashboard.uid,
          title: dashboard.title,
          source: dashboard.source,
          file,
          panels: dashboard.panelCount,
          queries: dashboard.queryCount,
        });
      },
    });
    builtMixins = mixins.map((m) => {
      const dir = `mixins/${m.name}`;
      for (const file of m.files) output.write({ path: `${dir}/${file.path}`, contents: file.contents });
      return { name: m.name, dir, files: m.files.map((f) => f.path), dashboards: m.counts.dashboards, alerts: m.counts.alerts, rules: m.counts.rules };
    });
    if (alerting) {
      // Secrets become `*_file` paths: the file is deployable and holds no secret.
      const secrets = { kind: 'files' as const, dir: project.config.alerting?.secretsDir ?? DEFAULT_SECRETS_DIR };
      const written = [{ path: 'alertmanager/alertmanager.yaml', contents: alertmanagerYaml(alerting, { secrets, where: [configFile, 'alerting'] }) }];
      for (const [name, contents] of Object.entries(alertmanagerTemplateFiles(alerting)))
        written.push({ path: `alertmanager/${TEMPLATES_DIR}/${name}`, contents });
      for (const file of written) output.write(file);
      builtAlerting = {
        files: written.map((f) => f.path),
        contactPoints: alerting.contactPoints.length,
        muteTimings: alerting.muteTimings.length,
        templates: alerting.templates.length,
        routingTests: alerting.routingTests.length,
      };
    }
    report = await typeCheck.passed();
  } catch (error) {
    await output.discard();
    return await typeCheck.typeErrorsFirst(() => Promise.reject(error));
  }
  await output.commit();

  return {
    outDir: project.outDir,
    dashboards,
    mixins: builtMixins,
    ...(builtAlerting && { alerting: builtAlerting }),
    totals: {
      dashboards: dashboards.length,
      panels: dashboards.reduce((n, d) => n + d.panels, 0),
      queries: dashboards.reduce((n, d) => n + d.queries, 0),
    },
    ...(report && { typeCheck: report.cache }),
    durationMs: Math.round(performance.now() - start),
    warnings,
  };
}
