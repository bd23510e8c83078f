import { mkdir, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { isProcessAlive } from '../../util/process-alive.js';
import { RetryAfterFailure } from '../../util/retry-after-failure.js';
import { ATOMIC_TEMP_FILE, writeAtomic } from '../../util/write-atomic.js';
import { classifyOwnership, dashboardOwnership, ownerToken, ownershipFields, type Ownership, type OwnerScope } from '../ownership.js';
import { DASHBOARD_GROUP } from '../../grafana/discover.js';
import { hashAsAnnotation, hashFromAnnotation } from '../managed-marker.js';
import { V2BETA1_SHAPE } from './v2beta1-shape.js';
import type { DashboardResource, FolderResource } from '../resources.js';
import type { RemoteDashboard, RemoteDashboardSummary, RemoteFolder, SyncTarget, WriteOptions } from '../sync-target.js';
import { GraftsError } from '../../errors/grafts-error.js';

/** Name of the file that marks a directory as a folder grafts created (uid, title, parent). */
export const FOLDER_MARKER_FILE = '.grafts-folder.json';
/** Name of the provider config written under `<dir>/provisioning/dashboards/`. */
export const PROVIDER_FILE = 'grafts.yaml';

/** Options of {@link FileTarget}. */
export interface FileTargetOptions {
  /** The target's name (from config; `default` for the built-in default). */
  name: string;
  /** Absolute path of the provisioning folder. */
  dir: string;
  /**
   * Where Grafana sees `<dir>/dashboards` (e.g. `/var/lib/grafana/dashboards` when the folder is
   * mounted into a container); written as the provider's `options.path`. @default the absolute local path
   */
  grafanaPath?: string;
  /** The project named in the owner markers this target writes and recognises (see ownership.ts). @default '' */
  project?: string;
  /**
   * `apiVersion` of schema v2 dashboard files: `v2beta1` (default) is the resource form Grafana's
   * file provisioning documents (12.3+) and Git Sync reads; `v2` only when every Grafana reading
   * the folder is 13+ and uses Git Sync (13.0.x file provisioning has open bugs with it).
   */
  v2ApiVersion?: 'v2' | 'v2beta1';
  /**
   * How v1 dashboards are written: `classic` JSON (default; every Grafana's file provisioning and
   * Git Sync read it) or `resource` form (`dashboard.grafana.app/v1beta1`, like v2 files).
   */
  v1Format?: 'classic' | 'resource';
}

/** `dashboard.grafana.app` version of v1 dashboards written in resource form: served by 12.x and 13.x. */
const V1_RESOURCE_VERSION = 'v1beta1';

/** A problem with the provisioning folder (a foreign file in the way, a missing folder). */
export class FileTargetError extends GraftsError {}

interface FolderMarker {
  uid: string;
  title: string;
  parentUid?: string;
  /** The owner token (ownership.ts); absent in markers of older releases. */
  owner?: string;
}

interface IndexedFolder {
  uid: string;
  title: string;
  parentUid: string | undefined;
  dir: string;
  /** Its marker file names it (written by grafts, maybe by an older release or another project). */
  marked: boolean;
  ownership: Ownership;
}

interface IndexedDashboard {
  uid: string;
  file: string;
  folderUid: string | undefined;
}

interface Index {
  folders: Map<string, IndexedFolder>;
  dashboards: Map<string, IndexedDashboard[]>;
}

const UID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * A Grafana file-provisioning folder as a sync target: the default target when no Grafana is
 * configured. Layout (`<dir>` is the target's folder, `grafana-provisioning/` by default):
 *
 * ```
 * <dir>/
 *   dashboards/                          the provider's options.path
 *     <uid>.json                         a dashboard in Grafana's root folder
 *     Payments/                          a folder: a directory named by its title
 *       .grafts-folder.json              {"uid":"payments","title":"Payments"}: created by grafts
 *       checkout.json                    <uid>.json
 *       API/                             a nested folder (parentUid in its marker)
 *         .grafts-folder.json
 *         payments-api.json
 *   provisioning/dashboards/grafts.yaml  the provider config, written by finish()
 * ```
 *
 * Mount `<dir>/provisioning` as Grafana's provisioning directory (or copy `grafts.yaml` into
 * it) and make `<dir>/dashboards` visible at `grafanaPath`. The provider has
 * `foldersFromFilesStructure: true` (directories become folders, named by the directory),
 * `allowUiUpdates: false` (the files are the truth) and `disableDeletion: false` (a deleted file
 * deletes the dashboard). Grafana versions without nested provisioning folders put a dashboard
 * in a folder named after its innermost directory.
 *
 * A folder is ours when its directory's `.grafts-folder.json` holds this scope's owner token for
 * its uid; a dashboard when its JSON carries the owner tag for the uid its file is named by, so a
 * hand-copied file under another name is foreign (see ownership.ts). Listing walks the directory; every file is written atomically (a
 * temporary file renamed over the target), dashboards as 2-space indented JSON without `id`
 * and `version`. Directories and files grafts did not write are never deleted.
 *
 * @example
 * const target = new FileTarget({ name: 'default', dir: '/work/project/grafana-provisioning' });
 */
export class FileTarget implements SyncTarget {
  readonly name: string;
  readonly kind = 'files' as const;
  readonly dir: string;
  readonly dashboardsDir: string;
  readonly providerFile: string;
  readonly #grafanaPath: string;
  readonly owner: OwnerScope;
  readonly #v2ApiVersion: 'v2' | 'v2beta1';
  readonly #v1Format: 'classic' | 'resource';
  // The scanned folder tree, shared by every call until a write changes it (or the scan fails).
  readonly #index = new RetryAfterFailure<Index>(() => this.#scan());

  constructor(options: FileTargetOptions) {
    this.name = options.name;
    this.dir = path.resolve(options.dir);
    this.dashboardsDir = path.join(this.dir, 'dashboards');
    this.providerFile = path.join(this.dir, 'provisioning', 'dashboards', PROVIDER_FILE);
    this.#grafanaPath = options.grafanaPath ?? this.dashboardsDir;
    this.owner = { project: options.project ?? '', uidPrefix: '' };
    this.#v2ApiVersion = options.v2ApiVersion ?? 'v2beta1';
    this.#v1Format = options.v1Format ?? 'classic';
  }

  describe(): string {
    return this.dir;
  }

  async listFolders(): Promise<RemoteFolder[]> {
    const index = await this.#getIndex();
    return [...index.folders.values()].map((f) => ({
      uid: f.uid,
      title: f.title,
      ...(f.parentUid !== undefined ? { parentUid: f.parentUid } : {}),
      ...ownershipFields(f.ownership),
    }));
  }

  async listDashboards(): Promise<RemoteDashboardSummary[]> {
    const index = await this.#getIndex();
    const out: RemoteDashboardSummary[] = [];
    for (const [uid, entries] of index.dashboards) {
      const entry = entries[0]!;
      const file = await readJson(entry.file);
      const json = file === undefined ? undefined : dashboardOfFile(file, uid).json;
      out.push({
        uid,
        title: typeof json?.['title'] === 'string' ? json['title'] : '',
        ...(entry.folderUid !== undefined ? { folderUid: entry.folderUid } : {}),
        ...ownershipFields(dashboardOwnership(json?.['tags'], this.owner, uid)),
      });
    }
    return out;
  }

  async getDashboard(uid: string): Promise<RemoteDashboard | undefined> {
    const entry = (await this.#getIndex()).dashboards.get(uid)?.[0];
    if (!entry) return undefined;
    const file = await readJson(entry.file);
    if (file === undefined) return undefined;
    const { json, schema } = dashboardOfFile(file, uid);
    return {
      uid,
      title: typeof json['title'] === 'string' ? json['title'] : '',
      ...(entry.folderUid !== undefined ? { folderUid: entry.folderUid } : {}),
      ...ownershipFields(dashboardOwnership(json['tags'], this.owner, uid)),
      json,
      schema,
    };
  }

  /**
   * Refuses, before anything is read or written, desired folders that would share a directory
   * (titles whose directory names differ only in case clash on case-insensitive file systems, and
   * a target folder must work on all of them), so an apply never stops half-way on a clash.
   */
  async checkDesired(desired: { readonly folders?: readonly FolderResource[] }): Promise<void> {
    const folders = desired.folders ?? [];
    const byUid = new Map(folders.map((f) => [f.uid, f]));
    const relativeDir = (folder: FolderResource, seen: Set<string>): string => {
      const parent = folder.parentUid === undefined || seen.has(folder.uid) ? undefined : byUid.get(folder.parentUid);
      const name = directoryName(folder.title);
      return parent ? path.join(relativeDir(parent, new Set(seen).add(folder.uid)), name) : name;
    };
    const owners = new Map<string, FolderResource>();
    const problems: string[] = [];
    for (const folder of folders) {
      const dir = relativeDir(folder, new Set());
      const key = dir.toLowerCase();
      const other = owners.get(key);
      if (!other) owners.set(key, folder);
      else
        problems.push(
          `folders "${other.uid}" (title ${JSON.stringify(other.title)}, ${other.source}) and "${folder.uid}" (title ${JSON.stringify(folder.title)}, ${folder.source}) would share the directory ${this.#rel(path.join(this.dashboardsDir, dir))} (directory names that differ only in case are one directory on case-insensitive file systems): give one of them another title`,
        );
    }
    if (problems.length > 0) throw new FileTargetError(problems.join('\n'));
  }

  async createFolder(folder: FolderResource, _options: WriteOptions): Promise<void> {
    assertUid(folder.uid, 'folder');
    const index = await this.#getIndex();
    const parentDir = this.#folderDir(index, folder.parentUid, folder.uid);
    const dir = path.join(parentDir, directoryName(folder.title));
    // Check and claim the directory in one synchronous step: the folders of one level are
    // created concurrently, and the first claim must be seen by every later check.
    this.#assertDirectoryFree(index, dir, folder, 'create');
    const claim: IndexedFolder = { uid: folder.uid, title: folder.title, parentUid: folder.parentUid, dir, marked: true, ownership: { managed: true } };
    index.folders.set(folder.uid, claim);
    try {
      await mkdir(dir, { recursive: true });
      await this.#writeMarker(dir, folder);
    } catch (error) {
      if (index.folders.get(folder.uid) === claim) index.folders.delete(folder.uid);
      throw error;
    }
  }

  async updateFolder(folder: FolderResource, _remote: RemoteFolder, _options: WriteOptions): Promise<void> {
    assertUid(folder.uid, 'folder');
    const index = await this.#getIndex();
    const current = index.folders.get(folder.uid);
    if (!current) throw new FileTargetError(`${this.#rel(this.dashboardsDir)}: folder "${folder.uid}" not found`);
    const dir = path.join(this.#folderDir(index, folder.parentUid, folder.uid), directoryName(folder.title));
    if (dir !== current.dir) {
      this.#assertDirectoryFree(index, dir, folder, 'move');
      if (!sameDirectory(dir, current.dir) && (await exists(dir)))
        throw new FileTargetError(`${this.#rel(dir)}: cannot move folder "${folder.uid}" there: the directory exists`);
      await mkdir(path.dirname(dir), { recursive: true });
      await rename(current.dir, dir);
    }
    await this.#writeMarker(dir, folder);
    this.#index.reset();
  }

  /** Throws when another folder (listed, or claimed by a create in flight) has `dir`, compared as a case-insensitive file system would. */
  #assertDirectoryFree(index: Index, dir: string, folder: FolderResource, verb: 'create' | 'move'): void {
    const other = [...index.folders.values()].find((f) => f.uid !== folder.uid && sameDirectory(f.dir, dir));
    if (!other) return;
    const holder = other.marked ? `folder "${other.uid}" (title ${JSON.stringify(other.title)})` : 'files grafts did not write';
    throw new FileTargetError(
      `${this.#rel(dir)}: cannot ${verb} folder "${folder.uid}" (title ${JSON.stringify(folder.title)}) there: the directory ${other.dir === dir ? '' : `(or ${this.#rel(other.dir)}, the same on a case-insensitive file system) `}already holds ${holder}`,
    );
  }

  async deleteFolder(uid: string): Promise<void> {
    const index = await this.#getIndex();
    const folder = index.folders.get(uid);
    if (!folder) return;
    const foreign = await foreignFiles(folder.dir, this.owner);
    if (foreign.length > 0) {
      throw new FileTargetError(
        `${this.#rel(folder.dir)}: cannot delete folder "${uid}": it holds files grafts did not write (${foreign
          .slice(0, 3)
          .map((f) => this.#rel(f))
          .join(', ')}${foreign.length > 3 ? ', …' : ''})`,
      );
    }
    await rm(folder.dir, { recursive: true, force: true });
    this.#index.reset();
  }

  async saveDashboard(dashboard: DashboardResource, _options: WriteOptions): Promise<{ version?: number }> {
    assertUid(dashboard.uid, 'dashboard');
    const index = await this.#getIndex();
    const dir = dashboard.folderUid === undefined ? this.dashboardsDir : index.folders.get(dashboard.folderUid)?.dir;
    if (dir === undefined) {
      throw new FileTargetError(
        `${this.#rel(this.dashboardsDir)}: cannot write dashboard "${dashboard.uid}": folder "${dashboard.folderUid}" not found (declare it with folder() so that it is created first)`,
      );
    }
    const file = path.join(dir, `${dashboard.uid}.json`);
    await mkdir(dir, { recursive: true });
    await writeAtomic(file, `${JSON.stringify(this.#fileContent(dashboard), null, 2)}\n`);
    for (const old of index.dashboards.get(dashboard.uid) ?? []) {
      if (old.file !== file) await unlink(old.file).catch(ignoreMissing);
    }
    index.dashboards.set(dashboard.uid, [{ uid: dashboard.uid, file, folderUid: dashboard.folderUid }]);
    return {};
  }

  async deleteDashboard(uid: string): Promise<void> {
    const index = await this.#getIndex();
    for (const entry of index.dashboards.get(uid) ?? []) await unlink(entry.file).catch(ignoreMissing);
    index.dashboards.delete(uid);
  }

  /**
   * Writes the provider config (only when its content changes), makes sure `dashboards/` exists
   * and deletes the temporary files killed runs left.
   */
  async finish(): Promise<void> {
    await mkdir(this.dashboardsDir, { recursive: true });
    await removeStaleTempFiles(this.dashboardsDir);
    await removeStaleTempFiles(path.dirname(this.providerFile));
    const text = providerYaml(this.#grafanaPath);
    const current = await readFile(this.providerFile, 'utf8').catch(() => undefined);
    if (current === text) return;
    await mkdir(path.dirname(this.providerFile), { recursive: true });
    await writeAtomic(this.providerFile, text);
  }

  /**
   * What a dashboard file holds: classic JSON without `id` and `version`, or the resource form
   * Git Sync and file provisioning read (`metadata.name` = uid; no folder annotation — the
   * directory is the folder — and no server fields); a v2 dashboard's content hash is an annotation.
   */
  #fileContent(dashboard: DashboardResource): Record<string, unknown> {
    const { id: _id, version: _version, ...json } = dashboard.json as Record<string, unknown>;
    if (dashboard.schema !== 'v2' && this.#v1Format === 'classic') return json;
    if (dashboard.schema !== 'v2') {
      const { uid: _uid, ...spec } = json;
      return { apiVersion: `${DASHBOARD_GROUP}/${V1_RESOURCE_VERSION}`, kind: 'Dashboard', metadata: { name: dashboard.uid }, spec };
    }
    const { spec, annotations } = hashAsAnnotation(json);
    const wire = this.#v2ApiVersion === 'v2beta1' ? V2BETA1_SHAPE.toWire(spec) : spec;
    return {
      apiVersion: `${DASHBOARD_GROUP}/${this.#v2ApiVersion}`,
      kind: 'Dashboard',
      metadata: { name: dashboard.uid, ...(Object.keys(annotations).length > 0 && { annotations }) },
      spec: wire,
    };
  }

  #folderDir(index: Index, parentUid: string | undefined, forUid: string): string {
    if (parentUid === undefined) return this.dashboardsDir;
    const parent = index.folders.get(parentUid);
    if (!parent) throw new FileTargetError(`${this.#rel(this.dashboardsDir)}: parent folder "${parentUid}" of folder "${forUid}" not found`);
    return parent.dir;
  }

  async #writeMarker(dir: string, folder: FolderResource): Promise<void> {
    const marker: FolderMarker = {
      uid: folder.uid,
      title: folder.title,
      ...(folder.parentUid !== undefined ? { parentUid: folder.parentUid } : {}),
      owner: ownerToken(this.owner, folder.uid),
    };
    const file = path.join(dir, FOLDER_MARKER_FILE);
    const text = `${JSON.stringify(marker, null, 2)}\n`;
    if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return;
    await writeAtomic(file, text);
  }

  #getIndex(): Promise<Index> {
    return this.#index.get();
  }

  async #scan(): Promise<Index> {
    const index: Index = { folders: new Map(), dashboards: new Map() };
    const walk = async (dir: string, folderUid: string | undefined): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith('.')) {
          const marker = await readMarker(full);
          const uid = marker?.uid ?? `dir:${path.relative(this.dashboardsDir, full).split(path.sep).join('/')}`;
          if (!index.folders.has(uid)) {
            const ownership = marker ? markerOwnership(marker, this.owner) : { managed: false };
            index.folders.set(uid, { uid, title: marker?.title ?? entry.name, parentUid: folderUid, dir: full, marked: marker !== undefined, ownership });
          }
          await walk(full, uid);
        } else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('.')) {
          const uid = entry.name.slice(0, -'.json'.length);
          const list = index.dashboards.get(uid) ?? [];
          list.push({ uid, file: full, folderUid });
          index.dashboards.set(uid, list);
        }
      }
    };
    await walk(this.dashboardsDir, undefined);
    return index;
  }

  #rel(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel === '' ? '.' : rel.startsWith('..') ? file : rel;
  }
}

/**
 * The dashboard a file holds, in the form grafts compares: classic JSON as it is, or the `spec` of
 * a resource-form file (`{ apiVersion: 'dashboard.grafana.app/…', kind: 'Dashboard', metadata, spec }`),
 * a v2 one with its content hash annotation put back (see managed-marker.ts).
 */
export function dashboardOfFile(file: Record<string, unknown>, uid: string): { json: Record<string, unknown>; schema: 'v1' | 'v2' } {
  const apiVersion = file['apiVersion'];
  const spec = file['spec'];
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith(`${DASHBOARD_GROUP}/`) || typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return { json: file, schema: 'v1' };
  }
  const metadata = typeof file['metadata'] === 'object' && file['metadata'] !== null ? (file['metadata'] as { annotations?: Record<string, string> }) : {};
  if (/\/v2/.test(apiVersion)) return { json: hashFromAnnotation(V2BETA1_SHAPE.fromWire(spec as Record<string, unknown>), metadata.annotations), schema: 'v2' };
  return { json: { ...(spec as Record<string, unknown>), uid }, schema: 'v1' };
}

/**
 * The provider config Grafana reads from its `provisioning/dashboards/` directory.
 *
 * @example
 * providerYaml('/var/lib/grafana/dashboards')
 * // apiVersion: 1
 * // providers:
 * //   - name: grafts
 * //     type: file
 * //     …
 * //     options: { path: /var/lib/grafana/dashboards, foldersFromFilesStructure: true }
 */
export function providerYaml(dashboardsPath: string): string {
  const config = {
    apiVersion: 1,
    providers: [
      {
        name: 'grafts',
        orgId: 1,
        type: 'file',
        disableDeletion: false,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: dashboardsPath, foldersFromFilesStructure: true },
      },
    ],
  };
  return `# Written by grafts (dash apply): Grafana provisions the dashboards under options.path.\n${stringify(config)}`;
}

// Look-alikes of the path separators, so a title such as `A/B` reads the same in the
// directory name (and in Grafana, which titles provisioned folders by their directory).
const SLASH_LOOKALIKE = '\u2215'; // ∕ DIVISION SLASH
const BACKSLASH_LOOKALIKE = '\u29f5'; // ⧵ REVERSE SOLIDUS OPERATOR

/**
 * A folder title as a directory name, one-to-one (two titles never share a directory) and
 * readable: `/` and `\` become their look-alikes `∕` and `⧵`; `%`, the look-alikes themselves,
 * control characters, and a leading or trailing space or `.` are percent-encoded (UTF-8), so
 * the result is never `.`, `..`, hidden, or a path. The empty title is `%`.
 *
 * @example
 * directoryName('Payments')  // → 'Payments'
 * directoryName('A/B')       // → 'A∕B'
 * directoryName('A-B')       // → 'A-B'
 * directoryName('..')        // → '%2E%2E'
 */
export function directoryName(title: string): string {
  if (title === '') return '%';
  const chars = [...title];
  return chars
    .map((ch, i) => {
      if (ch === '/') return SLASH_LOOKALIKE;
      if (ch === '\\') return BACKSLASH_LOOKALIKE;
      const atEdge = i === 0 || i === chars.length - 1;
      if (/[%\u0000-\u001f\u007f\u2215\u29f5]/.test(ch) || (atEdge && /[\s.]/.test(ch))) return percentEncoded(ch);
      return ch;
    })
    .join('');
}

function percentEncoded(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Directories that one file system may treat as the same (case-insensitive ones do). */
function sameDirectory(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function assertUid(uid: string, what: string): void {
  if (!UID.test(uid)) throw new FileTargetError(`${what} uid ${JSON.stringify(uid)} is not a Grafana uid (1–40 letters, digits, "-", "_")`);
}

/**
 * Whether `name` is a temporary file of {@link writeAtomic} whose writer is no longer running. Such
 * a file is never a foreign file: the next apply deletes it once its pid is gone.
 */
function isStaleTempFile(name: string): boolean {
  const match = ATOMIC_TEMP_FILE.exec(name);
  if (!match) return false;
  const pid = Number(match[1]);
  return pid !== process.pid && !isProcessAlive(pid);
}

/** Deletes the temporary files that killed runs left under `dir` (recursively). */
async function removeStaleTempFiles(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await removeStaleTempFiles(full);
    else if (entry.isFile() && isStaleTempFile(entry.name)) await unlink(full).catch(ignoreMissing);
  }
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function readMarker(dir: string): Promise<FolderMarker | undefined> {
  const json = await readJson(path.join(dir, FOLDER_MARKER_FILE));
  if (!json || typeof json['uid'] !== 'string' || typeof json['title'] !== 'string') return undefined;
  return {
    uid: json['uid'],
    title: json['title'],
    ...(typeof json['parentUid'] === 'string' ? { parentUid: json['parentUid'] } : {}),
    ...(typeof json['owner'] === 'string' ? { owner: json['owner'] } : {}),
  };
}

/** A folder marker file's ownership: its token, or an older release's marker without one. */
function markerOwnership(marker: FolderMarker, owner: OwnerScope): Ownership {
  return classifyOwnership(marker.owner !== undefined ? [marker.owner] : [], true, owner, marker.uid);
}

/** Files under `dir` that grafts did not write (anything but markers, dashboards this scope owns and their directories). */
async function foreignFiles(dir: string, owner: OwnerScope): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(await readMarker(full))) out.push(full);
      else out.push(...(await foreignFiles(full, owner)));
    } else if (entry.name === FOLDER_MARKER_FILE || ATOMIC_TEMP_FILE.test(entry.name)) {
      // Markers and grafts' own temporary files (a live run's, or a killed run's) are not foreign.
      continue;
    } else if (entry.isFile() && entry.name.endsWith('.json')) {
      const json = await readJson(full);
      if (!json || !dashboardOwnership(json['tags'], owner, entry.name.slice(0, -'.json'.length)).managed) out.push(full);
    } else {
      out.push(full);
    }
  }
  return out;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
