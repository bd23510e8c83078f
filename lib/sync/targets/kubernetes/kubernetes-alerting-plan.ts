import { isDeepStrictEqual } from 'node:util';
import type { OwnerScope } from '../../ownership.js';
import { alertingOwnerToken } from './alerting-objects.js';
import { field, ownerOf } from './kubernetes-objects.js';
import { KubernetesTargetError, objectKey, type KubernetesObject, type ManifestStore } from './manifest-store.js';

/** The grafana-operator kinds that hold a project's alerting. */
export const ALERTING_KINDS: readonly string[] = ['GrafanaContactPoint', 'GrafanaNotificationPolicy', 'GrafanaMuteTiming', 'GrafanaNotificationTemplate'];

/** What happens to one alerting object of a Kubernetes target. */
export interface KubernetesAlertingStep {
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  readonly action: 'create' | 'update' | 'delete' | 'unchanged' | 'conflict';
  /** The object to write (`create`, `update`). */
  readonly object?: KubernetesObject;
  /** Why it cannot be written (`conflict`). */
  readonly reason?: string;
}

/** The alerting part of a Kubernetes target's plan. */
export interface KubernetesAlertingPlan {
  readonly steps: readonly KubernetesAlertingStep[];
  /** This project's alerting objects no longer in the code (`--prune` deletes them). */
  readonly orphans: readonly { readonly kind: string; readonly name: string }[];
}

/**
 * Plans the desired alerting objects against the manifests in the target's folder: create,
 * update (any difference), unchanged; an object of the same kind and name made by another
 * project is a conflict unless `force`; this project's objects no longer desired are deleted
 * with `prune`, else listed as orphans.
 *
 * @example
 * await planKubernetesAlerting(objects, target.store, target.owner, { prune: false, force: false })
 * // → { steps: [{ kind: 'GrafanaContactPoint', name: 'page', action: 'create', object }], orphans: [] }
 */
export async function planKubernetesAlerting(
  desired: readonly KubernetesObject[],
  store: ManifestStore,
  owner: OwnerScope,
  options: { readonly prune: boolean; readonly force: boolean },
): Promise<KubernetesAlertingPlan> {
  const actual = await store.objects();
  const steps: KubernetesAlertingStep[] = [];
  const wanted = new Set<string>();
  for (const object of desired) {
    const key = objectKey(object.kind, object.metadata.name);
    wanted.add(key);
    const existing = actual.get(key);
    const base = { kind: object.kind, name: object.metadata.name };
    if (!existing) steps.push({ ...base, action: 'create', object });
    else if (ownerOf(existing) !== ownerOf(object) && !options.force)
      steps.push({ ...base, action: 'conflict', reason: 'exists and was not created by this project (use --force to take it over)' });
    else if (isDeepStrictEqual(existing, object)) steps.push({ ...base, action: 'unchanged' });
    else steps.push({ ...base, action: 'update', object });
  }
  const orphans: { kind: string; name: string }[] = [];
  for (const [key, object] of actual) {
    if (wanted.has(key) || !ALERTING_KINDS.includes(object.kind) || !isOurs(object, owner)) continue;
    if (options.prune) steps.push({ kind: object.kind, name: object.metadata.name, action: 'delete' });
    else orphans.push({ kind: object.kind, name: object.metadata.name });
  }
  return { steps, orphans };
}

/**
 * Writes a plan's creates and updates and removes its deletes; a conflict refuses the whole
 * alerting part before anything is written.
 *
 * @throws {KubernetesTargetError} when a step is a conflict.
 */
export async function applyKubernetesAlerting(plan: KubernetesAlertingPlan, store: ManifestStore, target: string): Promise<void> {
  const conflicts = plan.steps.filter((s) => s.action === 'conflict');
  if (conflicts.length > 0)
    throw new KubernetesTargetError(
      `target "${target}": nothing written: ${conflicts.map((c) => `${c.kind} "${c.name}" ${c.reason ?? 'conflicts'}`).join('; ')}`,
    );
  for (const step of plan.steps) {
    if ((step.action === 'create' || step.action === 'update') && step.object) await store.put(step.object);
    else if (step.action === 'delete') await store.remove(step.kind, step.name);
  }
}

/** Whether the alerting part changes anything (a conflict counts: desired and actual differ). */
export function kubernetesAlertingChanges(plan: KubernetesAlertingPlan): boolean {
  return plan.steps.some((s) => s.action !== 'unchanged');
}

/**
 * The changed steps as plan lines (`+ GrafanaContactPoint page`), then the orphans.
 *
 * @example
 * formatKubernetesAlertingPlan(plan) // → ['+ GrafanaContactPoint page', '~ GrafanaNotificationPolicy grafts-notification-policy']
 */
export function formatKubernetesAlertingPlan(plan: KubernetesAlertingPlan): string[] {
  const sign = { create: '+', update: '~', delete: '-', conflict: '!', unchanged: ' ' } as const;
  const lines = plan.steps
    .filter((s) => s.action !== 'unchanged')
    .map((s) => `${sign[s.action]} ${s.kind} ${s.name}${s.action === 'conflict' ? `: ${s.reason ?? ''}` : ''}`);
  for (const o of plan.orphans) lines.push(`  ${o.kind} ${o.name} is no longer in the code (--prune deletes it)`);
  return lines;
}

function isOurs(object: KubernetesObject, owner: OwnerScope): boolean {
  const token = ownerOf(object);
  if (object.kind === 'GrafanaNotificationPolicy') return token === alertingOwnerToken(owner, object.kind);
  const name = field(object, 'spec')?.['name'];
  return typeof name === 'string' && token === alertingOwnerToken(owner, object.kind, name);
}
