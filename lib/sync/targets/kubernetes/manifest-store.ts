import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { toManifestYaml } from '../../../render/to-yaml.js';
import { RetryAfterFailure } from '../../../util/retry-after-failure.js';
import { writeAtomic } from '../../../util/write-atomic.js';
import { GraftsError } from '../../../errors/grafts-error.js';

/** Label on every object grafts writes, so a pruning GitOps engine (and grafts) can tell them apart. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Value of {@link MANAGED_BY_LABEL}. */
export const MANAGED_BY_VALUE = 'grafts';
/** Annotation holding the owner token (ownership.ts) of the object: which project and uid wrote it. */
export const OWNER_ANNOTATION = 'grafts.dev/owner';
/** Default name of the file holding every object when the layout is `stream`. */
export const DEFAULT_STREAM_FILE = 'grafts.yaml';

const HEADER = '# Written by grafts (dash apply): edits are replaced on the next apply.\n';

/** A Kubernetes object as grafts writes it (plain data, key order as written). */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** A problem with a Kubernetes target: its folder, a manifest in it, a name or a size rule. */
export class KubernetesTargetError extends GraftsError {}

/** Options of {@link ManifestStore}. */
export interface ManifestStoreOptions {
  /** Absolute path of the folder the manifests are written to. */
  dir: string;
  /** `files`: one file per object, `<kind>-<name>.yaml`; `stream`: one multi-document file. @default 'files' */
  layout?: 'files' | 'stream';
  /** File name of the stream layout. @default {@link DEFAULT_STREAM_FILE} */
  streamFile?: string;
}

/**
 * The folder of Kubernetes manifests a Kubernetes target writes, as a store of objects keyed by
 * `<kind>/<name>`. Only objects labelled `app.kubernetes.io/managed-by: grafts` are seen; files
 * holding none are foreign and never read past parsing, written or deleted. A file that mixes
 * grafts' objects with others, and a YAML file that does not parse, are errors naming the file.
 *
 * Every change is written at once (atomically: a temporary file renamed over the target), one
 * change at a time; the text is deterministic: a header comment, keys in the order the objects
 * are built, multi-line strings (dashboard JSON) as literal blocks, no line folding, objects of a
 * stream sorted by kind and name and separated by `---`.
 *
 * @example
 * const store = new ManifestStore({ dir: '/repo/deploy/grafana', layout: 'stream' });
 * await store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checkout', labels: { 'app.kubernetes.io/managed-by': 'grafts' } }, data: {} });
 */
export class ManifestStore {
  readonly dir: string;
  readonly layout: 'files' | 'stream';
  readonly streamFile: string;
  // The scanned manifests, shared by every call; rescanned only after a failed scan.
  readonly #state = new RetryAfterFailure<StoreState>(() => this.#scan());
  #queue: Promise<void> = Promise.resolve();

  constructor(options: ManifestStoreOptions) {
    this.dir = path.resolve(options.dir);
    this.layout = options.layout ?? 'files';
    this.streamFile = options.streamFile ?? DEFAULT_STREAM_FILE;
  }

  /** grafts' objects in the folder (and those written since), keyed by `<kind>/<name>`. */
  async objects(): Promise<ReadonlyMap<string, KubernetesObject>> {
    return (await this.#load()).objects;
  }

  /** Writes `object` (replacing the one of the same kind and name). */
  async put(object: KubernetesObject): Promise<void> {
    await this.#change((state) => {
      state.objects.set(objectKey(object.kind, object.metadata.name), object);
    });
  }

  /** Deletes the object `kind`/`name` (nothing when it does not exist). */
  async remove(kind: string, name: string): Promise<void> {
    await this.#change((state) => {
      state.objects.delete(objectKey(kind, name));
    });
  }

  /** The file `object` is written to, relative to the folder. */
  fileOf(object: Pick<KubernetesObject, 'kind' | 'metadata'>): string {
    return this.layout === 'stream' ? this.streamFile : `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
  }

  /** Every file's text as it is to be written, for the objects given (relative file name → text). */
  render(objects: Iterable<KubernetesObject>): Map<string, string> {
    const byFile = new Map<string, KubernetesObject[]>();
    for (const object of objects) {
      const file = this.fileOf(object);
      byFile.set(file, [...(byFile.get(file) ?? []), object]);
    }
    const out = new Map<string, string>();
    for (const [file, list] of [...byFile].sort(([a], [b]) => compare(a, b))) {
      list.sort((a, b) => compare(a.kind, b.kind) || compare(a.metadata.name, b.metadata.name));
      out.set(file, HEADER + list.map(toManifestYaml).join('---\n'));
    }
    return out;
  }

  async #change(mutate: (state: StoreState) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const state = await this.#load();
      mutate(state);
      await this.#flush(state);
    });
    this.#queue = run.catch(() => undefined);
    await run;
  }

  async #flush(state: StoreState): Promise<void> {
    const desired = this.render(state.objects.values());
    await mkdir(this.dir, { recursive: true });
    for (const [file, text] of desired) {
      if (state.written.get(file) === text) continue;
      await writeAtomic(path.join(this.dir, file), text);
      state.written.set(file, text);
    }
    for (const file of [...state.written.keys()]) {
      if (desired.has(file)) continue;
      await unlink(path.join(this.dir, file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      state.written.delete(file);
    }
  }

  #load(): Promise<StoreState> {
    return this.#state.get();
  }

  async #scan(): Promise<StoreState> {
    const state: StoreState = { objects: new Map(), written: new Map() };
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files = entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => e.name)
      .sort(compare);
    const where = new Map<string, string>();
    for (const file of files) {
      const full = path.join(this.dir, file);
      const text = await readFile(full, 'utf8');
      const docs = parseAllDocuments(text);
      const list = Array.isArray(docs) ? docs : [docs];
      const ours: KubernetesObject[] = [];
      let foreign = 0;
      for (const doc of list) {
        if (doc.errors.length > 0)
          throw new KubernetesTargetError(`${this.#rel(full)}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix or remove the file`);
        const value: unknown = doc.toJS();
        if (value === null || value === undefined) continue;
        if (isOurs(value)) ours.push(value);
        else foreign++;
      }
      if (ours.length === 0) continue;
      if (foreign > 0) {
        throw new KubernetesTargetError(
          `${this.#rel(full)}: holds objects labelled ${MANAGED_BY_LABEL}: ${MANAGED_BY_VALUE} together with ${foreign} other object${foreign === 1 ? '' : 's'}: move the others to a file of their own (grafts rewrites and deletes its files as a whole)`,
        );
      }
      for (const object of ours) {
        const key = objectKey(object.kind, object.metadata.name);
        const other = where.get(key);
        if (other !== undefined)
          throw new KubernetesTargetError(
            `${this.#rel(full)}: ${object.kind} "${object.metadata.name}" is also in ${this.#rel(path.join(this.dir, other))}: remove one of them`,
          );
        where.set(key, file);
        state.objects.set(key, object);
      }
      state.written.set(file, text);
    }
    return state;
  }

  #rel(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel === '' ? '.' : rel.startsWith('..') ? file : rel;
  }
}

interface StoreState {
  objects: Map<string, KubernetesObject>;
  /** Files that hold grafts' objects, with their text as last read or written. */
  written: Map<string, string>;
}

/** `<kind>/<name>`: the key of an object in a {@link ManifestStore}. */
export function objectKey(kind: string, name: string): string {
  return `${kind}/${name}`;
}

function isOurs(value: unknown): value is KubernetesObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  const metadata = object['metadata'];
  if (typeof object['kind'] !== 'string' || typeof object['apiVersion'] !== 'string' || typeof metadata !== 'object' || metadata === null) return false;
  const { name, labels } = metadata as { name?: unknown; labels?: unknown };
  return (
    typeof name === 'string' && typeof labels === 'object' && labels !== null && (labels as Record<string, unknown>)[MANAGED_BY_LABEL] === MANAGED_BY_VALUE
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
