import { deriveUid } from './uid.js';

const FOLDER_BRAND: unique symbol = Symbol.for('grafts.folder');

/**
 * A Grafana folder a dashboard lives in. Folders may nest (Grafana allows 4 levels); the uid is
 * derived from the title path unless given.
 *
 * @example
 * const payments = folder('Payments');
 * const paymentsApi = folder('API', { parent: payments });   // uid "payments-api"
 * dashboard('Checkout').folder(paymentsApi)
 */
export class Folder {
  /** @internal */
  readonly [FOLDER_BRAND] = true;
  readonly uid: string;

  constructor(
    readonly title: string,
    readonly parent: Folder | undefined,
    uid: string | undefined,
  ) {
    this.uid = uid ?? deriveUid([...(parent ? parent.path() : []), title].join(' '));
    Object.freeze(this);
  }

  /** Titles from the top folder down to this one. */
  path(): string[] {
    return [...(this.parent ? this.parent.path() : []), this.title];
  }

  /** This folder and its ancestors, top first. */
  lineage(): Folder[] {
    return [...(this.parent ? this.parent.lineage() : []), this];
  }
}

/** True for a folder (works across copies of the library). */
export function isFolder(value: unknown): value is Folder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FOLDER_BRAND] === true;
}

/** A folder titled `title`, optionally inside `parent`, with an explicit `uid` (see {@link Folder}). */
export function folder(title: string, options: { parent?: Folder; uid?: string } = {}): Folder {
  return new Folder(title, options.parent, options.uid);
}
