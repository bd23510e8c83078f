/** Fields of a {@link ConflictError}. */
export interface ConflictErrorInit {
  kind: 'Dashboard' | 'Folder';
  uid: string;
  /** Where it happened, safe to print (the target's `describe()`). */
  target: string;
  /** The version the write expected, when one was sent. */
  expectedVersion?: number;
  /** The version found, when known. */
  actualVersion?: number;
  /** What the server said, already free of secrets. */
  detail?: string;
}

/**
 * A write was refused because the resource changed on the target since it was read (Grafana's
 * 412 `version-mismatch`, 409 on newer Grafana, or a stale k8s `resourceVersion`). The engine
 * reports it as "changed outside grafts"; applying with `--force` overwrites.
 *
 * @example
 * // grafana https://acme.grafana.net: Dashboard "checkout" was changed by someone else since it was read (expected version 4, found 5)
 */
export class ConflictError extends Error {
  readonly kind: 'Dashboard' | 'Folder';
  readonly uid: string;
  readonly target: string;
  readonly expectedVersion: number | undefined;
  readonly actualVersion: number | undefined;
  readonly suggestion = 'run dash diff to see the change, then apply with --force to overwrite it';

  constructor(init: ConflictErrorInit) {
    const versions =
      init.expectedVersion !== undefined
        ? ` (expected version ${init.expectedVersion}${init.actualVersion !== undefined ? `, found ${init.actualVersion}` : ''})`
        : '';
    super(`${init.target}: ${init.kind} "${init.uid}" was changed by someone else since it was read${versions}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'ConflictError';
    this.kind = init.kind;
    this.uid = init.uid;
    this.target = init.target;
    this.expectedVersion = init.expectedVersion;
    this.actualVersion = init.actualVersion;
  }
}
