import { execFile } from 'node:child_process';
import { applyPlan, type ApplyProgress, type ApplyReport } from './apply.js';
import type { Plan } from './plan.js';
import { prepareSync } from './prepare-sync.js';
import { GrafanaTarget } from './targets/grafana-target.js';
import { FileTarget } from './targets/file-target.js';
import { KubernetesTarget } from './targets/kubernetes/kubernetes-target.js';
import { applyKubernetesAlerting } from './targets/kubernetes/kubernetes-alerting-plan.js';
import { writeDatasourceProvisioning } from '../datasources/datasource-provisioning.js';
import { applyDatasources, type DatasourceApplyResult } from '../datasources/datasource-sync.js';
import { describeTargets, type SyncRunOptions } from './run-diff.js';
import type { AlertmanagerApplyResult } from './alertmanager-sync.js';
import { applyGrafanaAlerting, prepareGrafanaAlertingApply, type GrafanaAlertingApplyResult } from '../alerting/grafana-alerting-sync.js';

/** Options of {@link runApply}. */
export interface ApplyRunOptions extends SyncRunOptions {
  /** Plan only; send no writes. @default false */
  dryRun?: boolean;
  /** Save message; default `grafts apply` plus the short git commit of the project when there is one. */
  message?: string;
  /**
   * Requests in flight at once: the writes, and the reads while planning unless `readConcurrency`
   * says otherwise. @default 8 writes, 32 reads
   */
  concurrency?: number;
  onProgress?: (progress: ApplyProgress) => void;
}

/** What {@link runApply} did. */
export interface ApplyResult {
  target: string;
  plan: Plan;
  /** Absent with `dryRun`. */
  report?: ApplyReport;
  /** What was done to the project's data sources (absent with `dryRun` or when the plan has none). */
  datasources?: DatasourceApplyResult;
  /** What was done to the Alertmanager configuration (absent with `dryRun` or when the plan has no step for it). */
  alertmanager?: AlertmanagerApplyResult;
  /** The alerting requests sent to a Grafana target (absent with `dryRun` or when the plan has no alerting). */
  alerting?: GrafanaAlertingApplyResult;
  dryRun: boolean;
  message: string;
  durationMs: number;
}

/**
 * Exit codes of `dash apply`:
 * - 0: everything applied (or nothing to do; or `--dry-run`);
 * - 1: an error before any write (invalid project, bad target, auth, unreachable, a data source or alerting conflict or
 *   missing secret) — thrown, not returned; also a failed data source or Grafana alerting write (thrown, saying what was applied);
 * - 3: partial failure: some writes failed or were not attempted (the report lists them), or the Alertmanager
 *   configuration could not be written;
 * - 4: conflicts refused (dashboards or the Alertmanager configuration changed outside grafts, not managed by grafts,
 *   or existing but not listed): the rest was applied, the conflicting resources were left untouched.
 */
export const APPLY_EXIT = { ok: 0, error: 1, partial: 3, conflicts: 4 } as const;

/** The exit code for an apply result (see {@link APPLY_EXIT}). */
export function applyExitCode(result: ApplyResult): number {
  if (!result.report) return APPLY_EXIT.ok;
  const am = result.alertmanager;
  if (result.report.counts.failed > 0 || result.report.counts.skipped > 0 || am?.error !== undefined) return APPLY_EXIT.partial;
  if (result.report.counts.conflicts > 0 || am?.action === 'conflict') return APPLY_EXIT.conflicts;
  return APPLY_EXIT.ok;
}

/**
 * Plans a project against a target and executes the plan (see `applyPlan`): only what changed
 * is written, nothing at all when nothing changed. Everything that can go wrong before the
 * first write (invalid project, unknown target, auth, unreachable target) is thrown; failures
 * of single writes are in the returned report. Prints nothing (progress goes to `onProgress`).
 */
export async function runApply(options: ApplyRunOptions): Promise<ApplyResult> {
  const start = performance.now();
  const readConcurrency = options.readConcurrency ?? options.concurrency;
  const {
    project,
    target,
    ruleTarget,
    plan: p,
    alertmanager: am,
  } = await prepareSync({ ...options, ...(readConcurrency !== undefined && { readConcurrency }) });
  const message = options.message ?? (await defaultMessage(project.dir));
  const dryRun = options.dryRun ?? false;
  // Alerting conflicts and unset secrets stop the apply before anything is written.
  const alertingReady =
    !dryRun && p.grafanaAlerting && target instanceof GrafanaTarget ? prepareGrafanaAlertingApply(p.grafanaAlerting, options.env ?? process.env) : undefined;
  // Data sources first: the dashboards refer to them. A conflict or a missing secret throws here, before any write.
  const datasources =
    !dryRun && p.datasources && target instanceof GrafanaTarget
      ? await applyDatasources(target.client, p.datasources, { owner: target.owner, env: options.env ?? process.env })
      : undefined;
  // Then where alerts go (contact points, policy tree, mute timings, templates): Grafana-managed rules may name contact points.
  const alerting = alertingReady && target instanceof GrafanaTarget ? await applyGrafanaAlerting(target.client, alertingReady) : undefined;
  // Before the dashboards: a conflict refuses the alerting objects before anything is written.
  if (!dryRun && p.kubernetesAlerting && target instanceof KubernetesTarget) await applyKubernetesAlerting(p.kubernetesAlerting, target.store, target.name);
  const file = p.datasourceFile;
  if (!dryRun && file && file.action !== 'unchanged' && target instanceof FileTarget) await writeDatasourceProvisioning(target.dir, file.text);
  const report = dryRun
    ? undefined
    : await applyPlan(p, target, {
        message,
        ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
        ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
        ...(ruleTarget && { ruleTarget, ruleNamespacesAreFolders: ruleTarget.kind === 'grafana-alerting' }),
      });
  // Last: routes may name receivers for alerts the rules above just started to send, and a failure here leaves the rest applied.
  const alertmanager = dryRun || !am ? undefined : await am.apply();
  return {
    target: describeTargets(target, ruleTarget),
    plan: p,
    ...(report && { report }),
    ...(datasources && { datasources }),
    ...(alertmanager && { alertmanager }),
    ...(alerting && { alerting }),
    dryRun,
    message,
    durationMs: Math.round(performance.now() - start),
  };
}

/** `grafts apply (abc1234)` in a git checkout, else `grafts apply`. */
export async function defaultMessage(dir: string): Promise<string> {
  const sha = await new Promise<string | undefined>((resolve) => {
    execFile('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, timeout: 5000 }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
  return sha ? `grafts apply (${sha})` : 'grafts apply';
}
