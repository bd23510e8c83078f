/** `grafana.app/managedBy`: the kind of tool that manages a resource (grafana-v2.md §4.2). */
export const MANAGED_BY_ANNOTATION = 'grafana.app/managedBy';
/** `grafana.app/managerId`: which instance of that tool. */
export const MANAGER_ID_ANNOTATION = 'grafana.app/managerId';

/** Manager kinds Grafana knows (`utils.ParseManagerKindString`); any other value counts as unmanaged. */
const KNOWN_KINDS = new Set([
  'repo',
  'terraform',
  'kubectl',
  'plugin',
  'grafana',
  'classic-file-provisioning',
  'classic-api-provisioning',
  'classic-converted-prometheus',
]);
const CLASSIC_KINDS = new Set(['classic-file-provisioning', 'classic-api-provisioning', 'classic-converted-prometheus']);

function managerOf(annotations: Readonly<Record<string, string>> | undefined): { kind: string; id: string } | undefined {
  const kind = annotations?.[MANAGED_BY_ANNOTATION] ?? '';
  if (!KNOWN_KINDS.has(kind)) return undefined;
  return { kind, id: annotations?.[MANAGER_ID_ANNOTATION] ?? '' };
}

/**
 * Why Grafana refuses a write with 403 because of the manager annotations, or undefined
 * (apistore `managed.go`): a repo-managed resource is written only by Git Sync; the manager
 * kind cannot change, nor (but for Terraform and the classic shims) the manager identity.
 * `previous` is undefined on create.
 *
 * @example
 * managerChangeProblem({ 'grafana.app/managedBy': 'terraform' }, { 'grafana.app/managedBy': 'kubectl' })
 * // → 'Cannot change resource manager kind; remove the existing manager first, then add the new one'
 */
export function managerChangeProblem(previous: Readonly<Record<string, string>> | undefined, next: Readonly<Record<string, string>>): string | undefined {
  const before = managerOf(previous);
  const after = managerOf(next);
  if (before?.kind === 'repo' || (after?.kind === 'repo' && before === undefined)) return 'this resource is managed by a repository';
  if (!before || !after) return undefined;
  if (before.kind !== after.kind) return 'Cannot change resource manager kind; remove the existing manager first, then add the new one';
  if (after.kind !== 'terraform' && !CLASSIC_KINDS.has(after.kind) && before.id !== after.id) {
    return 'Cannot change resource manager identity; remove the existing manager first, then add the new one';
  }
  return undefined;
}
