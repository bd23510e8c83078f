import path from 'node:path';
import { renderMixins, type RenderedMixinFiles } from '../mixin/render-mixins.js';
import { ValidationError, type Problem } from '../model/validation-error.js';
import { renderEachDashboard, type RenderedDashboard, type RenderedProject, type SchemaSelection } from '../render/render-project.js';
import { schemaSelection } from './schema-selection.js';
import type { LoadedProject } from './load-project.js';
import { mixinFolder } from './mixin-folder.js';
import { folderDashboardUidClashes, type DeclaredUid } from './uid-clashes.js';
import { resolveAlerting, type MixinRouting, type ResolvedAlerting } from '../alerting/alerting-config.js';

/** A loaded project's dashboards and the mixins its config lists, all rendered. */
export interface RenderedProjectWithMixins {
  readonly dashboards: RenderedProject;
  readonly mixins: readonly RenderedMixinFiles[];
  /** The config file relative to the project, for problem paths (`dash.config.ts` when none). */
  readonly configFile: string;
  /** The config's `alerting` with the mixins' routes placed; undefined when neither has any. */
  readonly alerting?: ResolvedAlerting;
}

/** Options of {@link renderProjectWithMixins}. */
export interface RenderProjectOptions {
  /**
   * Hands each dashboard over as soon as it is rendered, while no dashboard has had a problem,
   * instead of keeping it: the result's `dashboards` is then empty. `dash build` writes each one
   * and drops it, so a big project never holds all its dashboards at once.
   */
  readonly onDashboard?: (dashboard: RenderedDashboard) => void;
}

/**
 * Renders a loaded project's dashboards (each in the schema `selection` picks; by default the
 * config's `schema`) and its config's mixins, checking both (and that no
 * folder shares a uid with a dashboard, see {@link folderDashboardUidClashes}), and throws one
 * {@link ValidationError} with the problems of both when there are any.
 *
 * @example
 * renderProjectWithMixins(project).dashboards.dashboards.map((d) => d.uid) // → ['api', 'checkout']
 * renderProjectWithMixins(project, undefined, { onDashboard: (d) => write(d) }).dashboards.dashboards // → []
 */
export function renderProjectWithMixins(
  project: LoadedProject,
  selection: SchemaSelection = schemaSelection(project.config),
  options: RenderProjectOptions = {},
): RenderedProjectWithMixins {
  const configFile = project.configFile ? path.relative(project.dir, project.configFile).split(path.sep).join('/') : 'dash.config.ts';
  const problems: Problem[] = [];
  const dashboardProblems: Problem[] = [];
  const kept: RenderedDashboard[] = [];
  const identities: DashboardIdentity[] = [];
  for (const dashboard of renderEachDashboard(project.entries, selection, dashboardProblems)) {
    identities.push({ uid: dashboard.uid, title: dashboard.title, source: dashboard.source, ...(dashboard.folder && { folder: dashboard.folder }) });
    if (!options.onDashboard) kept.push(dashboard);
    else if (dashboardProblems.length === 0) options.onDashboard(dashboard);
  }
  problems.push(...dashboardProblems);
  // As renderProject: dashboards with a problem give no result (nor uid clashes).
  const valid = dashboardProblems.length === 0;
  const dashboards: RenderedProject = { dashboards: valid ? kept : [] };
  let mixins: RenderedMixinFiles[] = [];
  try {
    mixins = renderMixins((project.config.mixins ?? []).map((mixin, i) => ({ mixin, where: [configFile, `mixins[${i}]`] })));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...uidClashes(valid ? identities : [], mixins, configFile));
  const alerting = resolveAlerting(
    project.config.alerting,
    mixins.map((m, i) => mixinRouting(m, [configFile, `mixins[${i}]`])),
    [configFile, 'alerting'],
  );
  problems.push(...alerting.problems);
  if (problems.length > 0) throw new ValidationError(problems);
  return { dashboards, mixins, configFile, ...(alerting.resolved && { alerting: alerting.resolved }) };
}

/** A rendered mixin's routes, routing tests and alert names, for {@link resolveAlerting}. */
export function mixinRouting(m: RenderedMixinFiles, where: readonly string[]): MixinRouting {
  return {
    mixin: m.name,
    alertNames: m.rendered.alerts.groups.flatMap((g) => g.rules.map((r) => ('alert' in r ? r.alert : ''))).filter((n) => n !== ''),
    routes: m.rendered.routes,
    routingTests: m.rendered.routingTests,
    where,
  };
}

/** What the uid clash check needs of a rendered dashboard. */
type DashboardIdentity = Pick<RenderedDashboard, 'uid' | 'title' | 'source' | 'folder'>;

/** Folder/dashboard uid clashes across the project's dashboards and the mixins (each mixin's folder included). */
function uidClashes(project: readonly DashboardIdentity[], mixins: readonly RenderedMixinFiles[], configFile: string): Problem[] {
  const folders: DeclaredUid[] = [];
  const dashboards: DeclaredUid[] = [];
  for (const d of project) {
    for (const f of d.folder ? d.folder.lineage() : []) folders.push({ uid: f.uid, title: f.title, source: d.source });
    dashboards.push({ uid: d.uid, title: d.title, source: d.source });
  }
  mixins.forEach((m, i) => {
    if (m.rendered.dashboards.length === 0) return;
    const source = `${configFile} › mixins[${i}]`;
    folders.push({ ...mixinFolder(m.name), source: `${source} (the folder of mixin "${m.name}")` });
    for (const d of m.rendered.dashboards) dashboards.push({ uid: d.uid, title: d.title, source });
  });
  return folderDashboardUidClashes(folders, dashboards);
}
