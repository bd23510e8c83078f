import type { ResolvedAlerting } from '../alerting/alerting-config.js';
import { isGraftsError } from '../errors/grafts-error.js';
import { redactSecrets } from '../util/redact.js';
import { FileAlertmanagerDestination, MimirAlertmanagerDestination, type AlertmanagerDestination } from './alertmanager-destination.js';
import { planAlertmanager, type AlertmanagerStep, type DesiredAlertmanager } from './alertmanager-plan.js';
import type { RuleSyncTarget } from './rule-resources.js';
import { RulerTarget } from './rule-targets/ruler-target.js';
import { SyncUnreadableError } from './sync-unreadable-error.js';
import type { SyncTarget } from './sync-target.js';
import { FileTarget } from './targets/file-target.js';

/**
 * Where the project's Alertmanager configuration goes, first match wins: the rule target's
 * Mimir/Cortex (its `/api/v1/alerts`, as mimirtool does), else a file target's
 * `alertmanager/alertmanager.yaml`. Undefined elsewhere (a Grafana target's own alerting is
 * its provisioning API; a Kubernetes target writes none).
 *
 * @example
 * alertmanagerDestination(fileTarget, undefined, { env: process.env }) // → FileAlertmanagerDestination (alertmanager/alertmanager.yaml)
 */
export function alertmanagerDestination(
  target: SyncTarget,
  ruleTarget: RuleSyncTarget | undefined,
  options: { readonly env: Readonly<Record<string, string | undefined>>; readonly secretsDir?: string },
): AlertmanagerDestination | undefined {
  if (ruleTarget instanceof RulerTarget && ruleTarget.servesAlertmanagerConfig) return new MimirAlertmanagerDestination(ruleTarget, options.env);
  if (target instanceof FileTarget) return new FileAlertmanagerDestination(target.dir, options.secretsDir);
  return undefined;
}

/** What applying the Alertmanager step did. */
export interface AlertmanagerApplyResult {
  readonly destination: string;
  readonly action: AlertmanagerStep['action'];
  /** Writes sent: 0 (unchanged, conflict, failed) or 1. */
  readonly writes: number;
  /** Why the write failed (secrets redacted). */
  readonly error?: string;
}

/** The Alertmanager part of a sync run: the plan step, and how to apply it. */
export interface PreparedAlertmanager {
  readonly step?: AlertmanagerStep;
  readonly note?: string;
  /** Executes the step: one write for create, update and delete; none otherwise. Never throws: a failure is in the result. */
  apply(): Promise<AlertmanagerApplyResult | undefined>;
}

/** Options of {@link prepareAlertmanager}. */
export interface PrepareAlertmanagerOptions {
  readonly alerting: ResolvedAlerting | undefined;
  /** Problem paths start with these, e.g. `['dash.config.ts', 'alerting']`. */
  readonly where: readonly string[];
  readonly destination: AlertmanagerDestination;
  /** This project's owner token for the configuration. */
  readonly owner: string;
  readonly prune: boolean;
  readonly force: boolean;
}

/**
 * Renders the project's alerting for the destination, reads what the destination holds (only
 * when the code has alerting, or with `prune`: otherwise nothing is requested) and plans.
 *
 * @throws {ValidationError | MissingSecretError} the configuration cannot be rendered (an unset secret variable, …).
 * @throws {SyncUnreadableError} the destination could not be read.
 */
export async function prepareAlertmanager(options: PrepareAlertmanagerOptions): Promise<PreparedAlertmanager> {
  const { destination } = options;
  const desired: DesiredAlertmanager | undefined = options.alerting ? destination.desired(options.alerting, options.where) : undefined;
  if (desired === undefined && !options.prune) return { apply: () => Promise.resolve(undefined) };
  let actual;
  try {
    actual = await destination.read();
  } catch (error) {
    if (!isGraftsError(error) && !(error instanceof Error && 'code' in error)) throw error;
    throw new SyncUnreadableError(destination.description, [{ resource: 'alertmanager configuration', error }]);
  }
  const { step, note } = planAlertmanager(desired, actual, {
    owner: options.owner,
    prune: options.prune,
    force: options.force,
    destination: destination.description,
  });
  const apply = async (): Promise<AlertmanagerApplyResult | undefined> => {
    if (!step) return undefined;
    const result = { destination: step.destination, action: step.action };
    try {
      if (step.action === 'delete') await destination.remove();
      else if ((step.action === 'create' || step.action === 'update') && desired && step.marker) await destination.write(desired, step.marker);
      else return { ...result, writes: 0 };
    } catch (error) {
      const secrets = (desired?.secrets ?? []).map((s) => s.value);
      return { ...result, writes: 0, error: redactSecrets(error instanceof Error ? error.message : String(error), secrets) };
    }
    return { ...result, writes: 1 };
  };
  return { ...(step && { step }), ...(note !== undefined && { note }), apply };
}
