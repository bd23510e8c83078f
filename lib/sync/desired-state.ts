import type { Folder } from '../model/folder.js';
import { ValidationError, type Problem } from '../model/validation-error.js';
import { loadProjectWhileTypeChecking, type LoadedProject } from '../project/load-project.js';
import { NO_TYPE_CHECK } from '../project/type-check-job.js';
import { renderProjectWithMixins } from '../project/render-with-mixins.js';
import type { RenderedDashboard, RenderedProject, SchemaSelection } from '../render/render-project.js';
import type { DashConfig } from '../project/define-config.js';
import { schemaSelection } from '../project/schema-selection.js';
import type { RuleGroupJson } from '../mixin/rule-group.js';
import { mixinFolder } from '../project/mixin-folder.js';
import { ruleNamespaceOf } from '../project/rules-config.js';
import { folderDashboardUidClashes } from '../project/uid-clashes.js';
import type { DashboardResource, DesiredState, FolderResource } from './resources.js';
import type { RuleGroupResource } from './rule-resources.js';

/** A mixin's rendered dashboards, for {@link desiredStateOf}. */
export interface MixinDashboards {
  readonly name: string;
  /** Where the mixin is declared, e.g. `dash.config.ts › mixins[0]`. */
  readonly source: string;
  readonly dashboards: readonly { readonly uid: string; readonly title: string; readonly json: Readonly<Record<string, unknown>> }[];
  /** The mixin's alerting and recording rule groups, applied to `ruleNamespace`. */
  readonly ruleGroups?: readonly RuleGroupJson[];
  /** @default the mixin's name */
  readonly ruleNamespace?: string;
}

export { mixinFolder };

/**
 * What a project wants on a target, from its rendered dashboards and mixins (pure). Folders come
 * from the dashboards' `.folder()` (each with its ancestors), deduplicated by uid and ordered
 * parents first; a mixin's dashboards go to {@link mixinFolder}. Two folders with one uid but a
 * different title or parent, one dashboard uid used twice (project and mixin, or two
 * mixins), and a dashboard with a folder's uid are problems: every problem is thrown at once as a {@link ValidationError}.
 *
 * @example
 * desiredStateOf({ dashboards: [{ uid: 'api', title: 'API', folder: folder('Team A'), json, source: 'api.dash.ts', … }] }, [])
 * // → { folders: [{ kind: 'Folder', uid: 'team-a', title: 'Team A', source: 'api.dash.ts' }],
 * //     dashboards: [{ kind: 'Dashboard', uid: 'api', title: 'API', folderUid: 'team-a', json, source: 'api.dash.ts' }] }
 */
export function desiredStateOf(rendered: Pick<RenderedProject, 'dashboards'>, mixins: readonly MixinDashboards[]): DesiredState {
  const problems: Problem[] = [];
  const folders = new Map<string, FolderResource>();
  const dashboards: DashboardResource[] = [];
  const dashboardSources = new Map<string, string>();

  const addFolder = (candidate: FolderResource) => {
    const existing = folders.get(candidate.uid);
    if (!existing) {
      folders.set(candidate.uid, candidate);
      return;
    }
    if (existing.title !== candidate.title) {
      problems.push({
        path: [candidate.source],
        message: `folder uid "${candidate.uid}" is titled "${candidate.title}" here but "${existing.title}" in ${existing.source}; one uid needs one title (pass { uid } to folder() to tell them apart)`,
      });
    } else if (existing.parentUid !== candidate.parentUid) {
      problems.push({
        path: [candidate.source],
        message: `folder uid "${candidate.uid}" is inside ${describeParent(candidate.parentUid)} here but inside ${describeParent(existing.parentUid)} in ${existing.source}`,
      });
    }
  };
  const addDashboard = (dashboard: DashboardResource, where: string) => {
    const other = dashboardSources.get(dashboard.uid);
    if (other !== undefined) {
      problems.push({ path: [dashboard.source], message: `duplicate dashboard uid "${dashboard.uid}" (also ${other}); uids must be unique on a target` });
      return;
    }
    dashboardSources.set(dashboard.uid, where);
    dashboards.push(dashboard);
  };

  for (const d of rendered.dashboards) {
    const lineage = d.folder ? d.folder.lineage() : [];
    for (const f of lineage) addFolder(folderResource(f, d.source));
    addDashboard(dashboardResource(d), `${d.source} › dashboard "${d.title}"`);
  }
  const ruleGroups: RuleGroupResource[] = [];
  const ruleGroupSources = new Map<string, string>();
  for (const mixin of mixins) {
    const namespace = mixin.ruleNamespace ?? mixin.name;
    for (const group of mixin.ruleGroups ?? []) {
      const key = `${namespace}/${group.name}`;
      const other = ruleGroupSources.get(key);
      if (other !== undefined) {
        problems.push({
          path: [mixin.source],
          message: `rule group "${group.name}" in namespace "${namespace}" is declared twice (also ${other}); group names must be unique in a namespace (set ruleNamespace to separate mixins)`,
        });
        continue;
      }
      ruleGroupSources.set(key, `${mixin.source} › rule group "${group.name}"`);
      ruleGroups.push({ kind: 'RuleGroup', namespace, group, source: mixin.source });
    }
    if (mixin.dashboards.length === 0) continue;
    const f = mixinFolder(mixin.name);
    addFolder({ kind: 'Folder', uid: f.uid, title: f.title, source: mixin.source });
    for (const d of mixin.dashboards) {
      addDashboard(
        { kind: 'Dashboard', uid: d.uid, title: d.title, folderUid: f.uid, schema: 'v1', json: d.json, source: mixin.source },
        `${mixin.source} › dashboard "${d.title}"`,
      );
    }
  }
  problems.push(...folderDashboardUidClashes([...folders.values()], dashboards));
  if (problems.length > 0) throw new ValidationError(problems);
  return { folders: parentsFirst([...folders.values()]), dashboards, ruleGroups };
}

function describeParent(uid: string | undefined): string {
  return uid === undefined ? 'the root' : `"${uid}"`;
}

function folderResource(f: Folder, source: string): FolderResource {
  return { kind: 'Folder', uid: f.uid, title: f.title, ...(f.parent ? { parentUid: f.parent.uid } : {}), source };
}

function dashboardResource(d: RenderedDashboard): DashboardResource {
  return {
    kind: 'Dashboard',
    uid: d.uid,
    title: d.title,
    ...(d.folder ? { folderUid: d.folder.uid } : {}),
    schema: d.schema,
    json: d.json as unknown as Readonly<Record<string, unknown>>,
    source: d.source,
  };
}

/** Folders sorted so that every parent comes before its children (stable otherwise). */
export function parentsFirst<F extends { readonly uid: string; readonly parentUid?: string | undefined }>(folders: readonly F[]): F[] {
  const byUid = new Map(folders.map((f) => [f.uid, f]));
  const depthOf = new Map<string, number>();
  const depth = (f: F, seen: Set<string>): number => {
    const known = depthOf.get(f.uid);
    if (known !== undefined) return known;
    const parent = f.parentUid !== undefined ? byUid.get(f.parentUid) : undefined;
    const d = parent && !seen.has(parent.uid) ? depth(parent, new Set([...seen, f.uid])) + 1 : 0;
    depthOf.set(f.uid, d);
    return d;
  };
  return folders
    .map((f, i) => ({ f, i, d: depth(f, new Set([f.uid])) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.f);
}

/** Options of {@link loadDesiredState}. */
export interface LoadDesiredStateOptions {
  cwd: string;
  /** Project directory relative to `cwd`. @default "." */
  dir?: string;
  /** @default true */
  typecheck?: boolean;
  /** How each dashboard's schema is picked, from the loaded config. @default the config's `schema` */
  selectSchema?: (config: DashConfig) => SchemaSelection;
  /** The tsconfig to type-check with, relative to `cwd`. */
  tsconfig?: string;
  /** A project already loaded (a fleet loads once for all its targets): not loaded again. */
  project?: LoadedProject;
  /** The config the project renders with (e.g. a target's own `mixins`). @default the loaded config */
  configFor?: (config: DashConfig) => DashConfig;
  /** Called once the config is loaded, before the dashboards build (see `LoadProjectOptions.onConfig`). */
  onConfig?: (config: DashConfig, dir: string) => void;
}

/** A loaded project and what it wants on a target. */
export interface LoadedDesiredState {
  readonly project: LoadedProject;
  readonly desired: DesiredState;
}

/**
 * Loads, renders and validates a project and its mixins like `dash build` does, without writing
 * anything, and returns its {@link DesiredState}.
 *
 * @throws {ConfigError | LoadError | TypeCheckError} from loading the project.
 * @throws {ValidationError} every rendering and folder problem at once.
 */
export async function loadDesiredState(options: LoadDesiredStateOptions): Promise<LoadedDesiredState> {
  // The type check (a worker thread) runs while the project renders and validates; the desired
  // state is returned, and so anything is sent to a target, only once it passed. (A project
  // given by the caller, as a fleet's, was checked when it was loaded.)
  const { project: loaded, typeCheck } = options.project ? { project: options.project, typeCheck: NO_TYPE_CHECK } : await loadProjectWhileTypeChecking(options);
  const project = options.configFor ? { ...loaded, config: options.configFor(loaded.config) } : loaded;
  const desired = await typeCheck.gate(async () => renderDesiredState(project, options));
  return { project, desired };
}

function renderDesiredState(project: LoadedProject, options: LoadDesiredStateOptions): DesiredState {
  const {
    dashboards: rendered,
    mixins,
    configFile,
    alerting,
  } = renderProjectWithMixins(project, (options.selectSchema ?? ((config) => schemaSelection(config)))(project.config));
  const desired = desiredStateOf(
    rendered,
    mixins.map((m, i) => ({
      name: m.name,
      source: `${configFile} › mixins[${i}]`,
      dashboards: m.rendered.dashboards.map((d) => ({ uid: d.uid, title: d.title, json: d.json as unknown as Readonly<Record<string, unknown>> })),
      ruleGroups: [...m.rendered.alerts.groups, ...m.rendered.rules.groups],
      ruleNamespace: ruleNamespaceOf(m.name, project.config.ruleNamespace),
    })),
  );
  return alerting ? { ...desired, alerting, alertingSource: `${configFile} › alerting` } : desired;
}
