import { GraftsError } from '../../errors/grafts-error.js';

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
  /**
   * A create found the uid taken: the resource exists but was not in the listing (no permission
   * to list it, or a broken listing). Never overwritten.
   */
  unlisted?: boolean;
}

/**
 * A write was refused because the resource changed on the target since it was read (Grafana's
 * 412 `version-mismatch`, 409 on newer Grafana, or a stale k8s `resourceVersion`). The engine
 * reports it as "changed outside grafts"; applying with `--force` overwrites.
 *
 * @example
 * // grafana https://acme.grafana.net: Dashboard "checkout" was changed by someone else since it was read (expected version 4, found 5)
 */
export class ConflictError extends GraftsError {
  readonly kind: 'Dashboard' | 'Folder';
  readonly uid: string;
  readonly target: string;
  readonly expectedVersion: number | undefined;
  readonly actualVersion: number | undefined;
  readonly unlisted: boolean;

  constructor(init: ConflictErrorInit) {
    const versions =
      init.expectedVersion !== undefined
        ? ` (expected version ${init.expectedVersion}${init.actualVersion !== undefined ? `, found ${init.actualVersion}` : ''})`
        : '';
    const what = init.unlisted ? 'exists but was not listed: permissions or a broken listing?' : `was changed by someone else since it was read${versions}`;
    const detail = init.detail ? (init.unlisted ? ` (${init.detail})` : `: ${init.detail}`) : '';
    super(`${init.target}: ${init.kind} "${init.uid}" ${what}${detail}`, {
      hint: init.unlisted
        ? 'check that the token may list and read it (folder permissions); grafts never writes over what it could not list'
        : 'run dash diff to see the change, then apply with --force to overwrite it',
    });
    this.unlisted = init.unlisted === true;
    this.kind = init.kind;
    this.uid = init.uid;
    this.target = init.target;
    this.expectedVersion = init.expectedVersion;
    this.actualVersion = init.actualVersion;
  }
}
