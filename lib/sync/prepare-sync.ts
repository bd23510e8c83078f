import type { LoadedProject } from '../project/load-project.js';
import { loadDesiredState } from './desired-state.js';
import { plan, type DatasourceFileStep, type Plan } from './plan.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FileTarget } from './targets/file-target.js';
import { DATASOURCE_PROVISIONING_FILE, renderDatasourceProvisioning } from '../datasources/datasource-provisioning.js';
import { GrafanaTarget } from './targets/grafana-target.js';
import { planDatasources, type DatasourceStep } from '../datasources/datasource-plan.js';
import { readRemoteDatasources } from '../datasources/datasource-sync.js';
import { DEFAULT_READ_CONCURRENCY, readActualState, startListing, type ActualState, type TargetListing } from './read-actual-state.js';
import type { DashConfig } from '../project/define-config.js';
import type { DesiredState, FolderResource } from './resources.js';
import { resolveRuleTarget, type ResolvedRuleTarget } from './resolve-rule-target.js';
import type { RuleSyncTarget } from './rule-resources.js';
import { openTarget } from './open-target.js';
import { schemaSelection } from '../project/schema-selection.js';
import { GRAFANA_ENV } from './resolve-target.js';
import type { SyncRunOptions } from './sync-run-options.js';
import type { SyncTarget } from './sync-target.js';
import { alertmanagerDestination, prepareAlertmanager, type PreparedAlertmanager } from './alertmanager-sync.js';
import { ALERTMANAGER_OWNER_UID } from './alertmanager-plan.js';
import { ownerToken } from './ownership.js';
import { projectIdentity } from './project-identity.js';
import { desiredGrafanaAlerting } from '../alerting/grafana-alerting-resources.js';
import { planGrafanaAlerting, type GrafanaAlertingPlan } from '../alerting/grafana-alerting-plan.js';
import { readGrafanaAlerting } from '../alerting/grafana-alerting-sync.js';
import { KubernetesTarget } from './targets/kubernetes/kubernetes-target.js';
import { planKubernetesAlerting, type KubernetesAlertingPlan } from './targets/kubernetes/kubernetes-alerting-plan.js';

/** Everything a diff or apply works from. */
export interface PreparedSync {
  readonly project: LoadedProject;
  /** What the code wants, adapted to the rule target (e.g. no recording rules on Grafana-managed alerting). */
  readonly desired: DesiredState;
  readonly target: SyncTarget;
  /** The rules destination, when it has a part in the plan (groups desired or listed). */
  readonly ruleTarget: RuleSyncTarget | undefined;
  readonly actual: ActualState;
  readonly plan: Plan;
  /** The Alertmanager configuration's step and how to apply it, when the run has a destination for it. */
  readonly alertmanager?: PreparedAlertmanager;
}

/**
 * Loads the project, resolves the dashboards target and the rule target, reads both (one
 * listing each, started while the project builds, plus the stored JSON of the desired dashboards
 * that exist) and plans. Shared by
 * `runDiff` and `runApply`, so that what diff shows is what apply does.
 */
export async function prepareSync(options: SyncRunOptions): Promise<PreparedSync> {
  const env = options.env ?? process.env;
  // The config entry the run's target comes from (none for a given target, the environment's Grafana or the default folder).
  const entryName = (config: DashConfig): string | undefined =>
    options.target ? undefined : (options.targetName ?? ((env[GRAFANA_ENV.url] ?? '').trim() ? undefined : config.defaultTarget));
  // The target is opened (and a Grafana listed) as soon as the config is known, while the
  // dashboards build: listing it needs nothing the build makes. Its failures wait in `opening` until the build is done,
  // so a broken project is reported as such first; nothing is written before the plan.
  let opening: Promise<OpenedTargets> | undefined;
  const open = (config: DashConfig, dir: string) => {
    opening = openAndList(options, dir, config, env);
    opening.catch(() => {});
  };
  const { project, desired: loaded } = await loadDesiredState({
    ...(options.project !== undefined && { project: options.project }),
    // A target's own mixins (cluster label, thresholds, data source names) replace the project's.
    configFor: (config) => {
      const name = entryName(config);
      const entry = name !== undefined && config.targets && Object.hasOwn(config.targets, name) ? config.targets[name] : undefined;
      return entry?.mixins ? { ...config, mixins: entry.mixins } : config;
    },
    cwd: options.cwd,
    ...(options.dir !== undefined && { dir: options.dir }),
    ...(options.typecheck !== undefined && { typecheck: options.typecheck }),
    ...(options.tsconfig !== undefined && { tsconfig: options.tsconfig }),
    // The named target's `schema` applies (the environment's Grafana has none).
    selectSchema: (config) => schemaSelection(config, { schema: options.schema, targetName: entryName(config) }),
    // A preloaded project (a fleet's) calls no onConfig: the target is opened below instead.
    onConfig: open,
  });
  const { target, rule, listing } = await (opening ?? openAndList(options, project.dir, project.config, env));
  const { desired, notes } = adaptToRuleTarget(loaded, rule?.target, target.name);
  const actual = await readActualState(target, desired, {
    concurrency: options.readConcurrency ?? DEFAULT_READ_CONCURRENCY,
    ...(listing && { listing }),
    ...(rule && { ruleTarget: rule.target }),
  });
  const ruleTarget = rule?.target;
  const p = plan(desired, actual, {
    prune: options.prune ?? false,
    force: options.force ?? false,
    notes,
    ...(rule?.ownsNamespace && { ownsNamespace: rule.ownsNamespace }),
    ...(ruleTarget?.comparable && { comparableRuleGroup: ruleTarget.comparable.bind(ruleTarget) }),
    ...(ruleTarget?.kind === 'grafana-alerting' && { ruleNamespacesAreFolders: true }),
    targetOfPrefix: (uidPrefix) => targetOfPrefix(project.config, uidPrefix),
  });
  const ds = await planProjectDatasources(project.config, target, options);
  const alertmanager = await planProjectAlertmanager(project, desired, target, ruleTarget, options, env);
  const extraNotes = [...(ds.note !== undefined ? [ds.note] : []), ...(alertmanager?.note !== undefined ? [alertmanager.note] : [])];
  const name = entryName(project.config);
  const entry = name !== undefined ? project.config.targets?.[name] : undefined;
  const grafanaAlerting =
    desired.alerting !== undefined && target instanceof GrafanaTarget
      ? await planAlertingOnGrafana(desired.alerting, target, desired.alertingSource, entry?.type === 'grafana' ? entry.alertingProvenance : undefined, options)
      : undefined;
  if (grafanaAlerting) extraNotes.push(...grafanaAlerting.notes);
  const kubernetesAlerting =
    desired.alerting !== undefined && target instanceof KubernetesTarget && target.flavor === 'grafana-operator'
      ? await planAlertingOnKubernetes(desired.alerting, target, desired.alertingSource, options)
      : undefined;
  if (kubernetesAlerting) extraNotes.push(...kubernetesAlerting.notes);
  if (desired.alerting !== undefined && target instanceof KubernetesTarget && target.flavor === 'sidecar')
    extraNotes.push(
      `alerting (contact points, policy tree, mute timings, templates) not applied: target "${target.name}" is a sidecar Kubernetes target (flavor grafana-operator writes them as custom resources)`,
    );
  const finalPlan: Plan = {
    ...p,
    ...(ds.steps && { datasources: ds.steps }),
    ...(ds.file && { datasourceFile: ds.file }),
    ...(alertmanager?.step && { alertmanager: alertmanager.step }),
    ...(extraNotes.length > 0 && { notes: [...p.notes, ...extraNotes] }),
    ...(grafanaAlerting && { grafanaAlerting }),
    ...(kubernetesAlerting && { kubernetesAlerting: kubernetesAlerting.plan }),
  };
  // A rule target with nothing desired and nothing listed plays no part (and is not named in output).
  const inUse = (desired.ruleGroups?.length ?? 0) > 0 || (actual.ruleGroups?.length ?? 0) > 0;
  return { project, desired, target, ruleTarget: inUse ? ruleTarget : undefined, actual, plan: finalPlan, ...(alertmanager && { alertmanager }) };
}

/**
 * The Alertmanager part of the plan (see `alertmanagerDestination`): undefined when the run has
 * no destination for it; a note when the code has alerting and the target cannot take it.
 */
async function planProjectAlertmanager(
  project: LoadedProject,
  desired: DesiredState,
  target: SyncTarget,
  ruleTarget: RuleSyncTarget | undefined,
  options: SyncRunOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PreparedAlertmanager | undefined> {
  const secretsDir = project.config.alerting?.secretsDir;
  const destination = alertmanagerDestination(target, ruleTarget, { env, ...(secretsDir !== undefined && { secretsDir }) });
  if (!destination) return undefined;
  const scope = target.owner ?? { project: projectIdentity(project.config, project.dir), uidPrefix: '' };
  return prepareAlertmanager({
    alerting: desired.alerting,
    where: (desired.alertingSource ?? 'dash.config.ts › alerting').split(' › '),
    destination,
    owner: ownerToken(scope, ALERTMANAGER_OWNER_UID),
    prune: options.prune ?? false,
    force: options.force ?? false,
  });
}

/**
 * The data source part of the plan, when the config declares `datasources`: planned against a
 * Grafana target's `/api/datasources`, or as the provisioning file of a file target; other
 * targets (Kubernetes) get a note that they are left out.
 */
async function planProjectDatasources(
  config: DashConfig,
  target: SyncTarget,
  options: SyncRunOptions,
): Promise<{ steps?: DatasourceStep[]; file?: DatasourceFileStep; note?: string }> {
  const definitions = config.datasources;
  if (definitions === undefined) return {};
  if (target instanceof FileTarget) {
    const text = renderDatasourceProvisioning(definitions);
    const existing = await readFile(path.join(target.dir, DATASOURCE_PROVISIONING_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const action = existing === undefined ? 'create' : existing === text ? 'unchanged' : 'update';
    return { file: { path: DATASOURCE_PROVISIONING_FILE.split(path.sep).join('/'), action, count: definitions.length, text } };
  }
  if (!(target instanceof GrafanaTarget)) {
    return definitions.length === 0
      ? {}
      : {
          note: `${definitions.length} data source${definitions.length === 1 ? '' : 's'} not applied: target "${target.name}" is a Kubernetes target (data sources are written to a Grafana or a file-provisioning folder only)`,
        };
  }
  const remote = await readRemoteDatasources(target.client, definitions);
  return {
    steps: planDatasources(definitions, remote, {
      owner: target.owner,
      prune: options.prune ?? false,
      force: options.force ?? false,
      rotateSecrets: options.rotateSecrets ?? false,
    }),
  };
}

/**
 * The alerting part of the plan on a Grafana target: the project's contact points, policy tree,
 * mute timings and templates against Grafana's provisioning API (four reads).
 */
async function planAlertingOnGrafana(
  alerting: NonNullable<DesiredState['alerting']>,
  target: GrafanaTarget,
  source: string | undefined,
  provenance: 'api' | 'none' | undefined,
  options: SyncRunOptions,
): Promise<GrafanaAlertingPlan> {
  const desired = desiredGrafanaAlerting(alerting, target.owner, (source ?? 'dash.config.ts › alerting').split(' › '));
  return planGrafanaAlerting(desired, await readGrafanaAlerting(target.client), {
    owner: target.owner,
    prune: options.prune ?? false,
    force: options.force ?? false,
    rotateSecrets: options.rotateSecrets ?? false,
    provenance: provenance ?? 'api',
  });
}

/**
 * The alerting part of the plan on a grafana-operator target: the project's contact points,
 * policy tree, mute timings and templates as custom resources against the manifests in its folder.
 */
async function planAlertingOnKubernetes(
  alerting: NonNullable<DesiredState['alerting']>,
  target: KubernetesTarget,
  source: string | undefined,
  options: SyncRunOptions,
): Promise<{ plan: KubernetesAlertingPlan; notes: readonly string[] }> {
  const where = source ?? 'dash.config.ts › alerting';
  const desired = desiredGrafanaAlerting(alerting, target.owner, where.split(' › '));
  const objects = target.alertingObjects(desired, where);
  return {
    plan: await planKubernetesAlerting(objects, target.store, target.owner, { prune: options.prune ?? false, force: options.force ?? false }),
    notes: desired.notes,
  };
}

interface OpenedTargets {
  readonly target: SyncTarget;
  readonly rule: ResolvedRuleTarget | undefined;
  readonly listing: TargetListing | undefined;
}

/**
 * Resolves the dashboards target and the rule target, and starts listing the target when its
 * listings need nothing of the project (see `startListing`); the rule groups are listed later.
 */
async function openAndList(options: SyncRunOptions, dir: string, config: DashConfig, env: NodeJS.ProcessEnv): Promise<OpenedTargets> {
  const target = await openTarget(options, dir, config);
  let rule: ResolvedRuleTarget | undefined;
  if (options.ruleTarget !== undefined) rule = options.ruleTarget === null ? undefined : { target: options.ruleTarget };
  else if (!options.target) {
    const fromConfig = options.targetName !== undefined || (!(env[GRAFANA_ENV.url] ?? '').trim() && config.defaultTarget !== undefined);
    rule = resolveRuleTarget({ cwd: dir, config, target, fromConfig, env });
  }
  return { target, rule, listing: target.listsWithoutDesired === true ? startListing(target) : undefined };
}

/**
 * The configured target that writes with `uidPrefix`, for notes on what `--prune` skipped: a
 * target with that `uidPrefix`, else the `dev: true` Grafana target without one (`dash watch`
 * adds per-user prefixes such as `alice-` to it).
 */
function targetOfPrefix(config: LoadedProject['config'], uidPrefix: string): string | undefined {
  const targets = Object.entries(config.targets ?? {});
  const exact = targets.find(([, t]) => t.type === 'grafana' && (t.uidPrefix ?? '') === uidPrefix);
  if (exact) return `target "${exact[0]}"`;
  const dev = targets.find(([, t]) => t.type === 'grafana' && t.dev === true && t.uidPrefix === undefined && t.folderPrefix === undefined);
  if (dev && /^[a-z0-9-]+-$/.test(uidPrefix)) return `dash watch on target "${dev[0]}"`;
  return undefined;
}

/**
 * The desired state as the rule target can hold it, with notes for what is left out. Without a
 * rule target, rule groups are dropped with a note; on Grafana-managed alerting every rule
 * namespace is a folder, created (titled by the namespace) when the code does not declare it.
 */
function adaptToRuleTarget(desired: DesiredState, ruleTarget: RuleSyncTarget | undefined, targetName: string): { desired: DesiredState; notes: string[] } {
  const groups = desired.ruleGroups ?? [];
  if (groups.length === 0) return { desired, notes: [] };
  if (!ruleTarget) {
    const rules = groups.reduce((n, g) => n + g.group.rules.length, 0);
    return {
      desired: { ...desired, ruleGroups: [] },
      notes: [
        `${groups.length} rule group${groups.length === 1 ? '' : 's'} (${rules} rules) from the mixins ${groups.length === 1 ? 'is' : 'are'} not applied: target "${targetName}" has no rules destination (set MIMIR_ADDRESS, or targets.${targetName}.rules in dash.config.ts)`,
      ],
    };
  }
  const adapted = ruleTarget.adapt ? ruleTarget.adapt(groups) : { groups: [...groups], notes: [] };
  let folders = desired.folders;
  if (ruleTarget.kind === 'grafana-alerting') {
    const known = new Set(folders.map((f) => f.uid));
    const extra: FolderResource[] = [];
    for (const g of adapted.groups) {
      if (known.has(g.namespace)) continue;
      known.add(g.namespace);
      extra.push({ kind: 'Folder', uid: g.namespace, title: g.namespace, source: g.source });
    }
    folders = [...folders, ...extra];
  }
  return { desired: { ...desired, folders, ruleGroups: adapted.groups }, notes: adapted.notes };
}
