import { discoverGrafana, type ApiMode, type GrafanaServerInfo } from '../../grafana/discover.js';
import type { GrafanaClient } from '../../grafana/grafana-client.js';
import { GrafanaApiError, GrafanaError, isGrafanaStatus } from '../../grafana/grafana-error.js';
import { requestShaped, typedAs } from '../../grafana/expect-shape.js';
import { readContinuedPages, readNumberedPages } from '../../grafana/paged-listing.js';
import { WrongShapeError } from '../../grafana/expect-shape.js';
import { mapLimit } from '../../util/limit-concurrency.js';
import { isV2ApiVersion, K8sDashboardStore, type K8sDashboardObject, type K8sDashboardRead } from './k8s-dashboard-store.js';
import { ClassicDashboardStore } from './classic-dashboard-store.js';
import { V2BETA1_SHAPE } from './v2beta1-shape.js';
import { CONTENT_HASH_KEY, MANAGED_FOLDER_DESCRIPTION } from '../managed-marker.js';
import {
  classifyOwnership,
  dashboardOwnership,
  folderDescription,
  ownerToken,
  ownerTokenOfDescription,
  ownershipFields,
  type Ownership,
  type OwnerScope,
} from '../ownership.js';
import type { DashboardResource, FolderResource } from '../resources.js';
import type {
  DashboardReadOptions,
  DashboardReads,
  ReadHint,
  RemoteDashboard,
  RemoteDashboardSummary,
  RemoteFolder,
  SyncTarget,
  WantedDashboard,
  WriteOptions,
} from '../sync-target.js';
import { ConflictError } from './conflict-error.js';
import { FOLDER, FOLDER_HITS, K8S_LIST, K8S_OBJECT, SEARCH_HITS, type K8sObject } from './grafana-shapes.js';

/** Options of {@link GrafanaTarget}. */
export interface GrafanaTargetOptions {
  /** The target's name (from config; `default` for the environment). */
  name: string;
  client: GrafanaClient;
  /** @default "auto" */
  apiMode?: ApiMode;
  /**
   * Prepended to every folder and dashboard uid written (a dev target sharing a Grafana with
   * production: `uidPrefix: 'dev-'`). Only resources whose uid starts with it are listed, with the
   * prefix removed, so plans compare the code's uids.
   */
  uidPrefix?: string;
  /** Prepended to the titles of top-level folders written (e.g. `'[dev] '`), removed when read. */
  folderPrefix?: string;
  /** The project named in the owner markers this target writes and recognises (see ownership.ts). @default '' */
  project?: string;
  /** Requests in flight at once while listing folders. @default 8 */
  listConcurrency?: number;
  /**
   * How `readDashboards` reads the desired dashboards on `/apis`: `'list'` one paged LIST of all
   * dashboards (per schema family needed), `'get'` one GET each, `'auto'` whichever sends fewer
   * requests (a LIST page holds up to 500). The classic `/api` has no LIST: always one GET each.
   * @default "auto"
   */
  dashboardReads?: 'auto' | 'list' | 'get';
}

const SEARCH_PAGE_SIZE = 5000;
const FOLDER_PAGE_SIZE = 1000;
const K8S_PAGE_SIZE = 500;
const FOLDER_ANNOTATION = 'grafana.app/folder';
/** The annotation holding a folder's owner token on `/apis` folders (returned with the folder, unlike a classic description). */
export const OWNER_ANNOTATION = 'grafts/owner';

interface FolderHit {
  uid?: string;
  title?: string;
  parentUid?: string;
}

interface SearchHit {
  uid?: string;
  title?: string;
  type?: string;
  folderUid?: string;
  tags?: string[];
}

/**
 * A Grafana as a sync target, through the classic HTTP API (`/api/...`) or the Kubernetes-style
 * API (`/apis/dashboard.grafana.app`, `/apis/folder.grafana.app`), picked on first use by
 * {@link discoverGrafana} (`apiMode: 'auto'`) or forced. Dashboards go through one store per API:
 * {@link ClassicDashboardStore} (`/api`), and {@link K8sDashboardStore}s for `/apis` classic JSON
 * (v1, else v1beta1) and schema v2 (v2, else v2beta1), chosen from discovery as Grafana's
 * frontend does; this class keeps ownership, prefixes, conflicts and the lost-write check, and
 * never writes a classic body over a dashboard stored as v2 (see `WriteOptions.replaceV2`).
 *
 * Requests per method: `listDashboards` is one paged `GET /api/search?type=dash-db&limit=5000` in
 * both modes (the managed flag comes from the tags in the hits); `listFolders` walks
 * `GET /api/folders?parentUid=` level by level and reads each folder (`GET /api/folders/:uid`) for
 * its version (the classic response carries no description, so no owner marker: classic folders
 * are never proven ours) — in k8s mode one paged list, ownership from the `grafts/owner` annotation;
 * `saveDashboard` is one `POST /api/dashboards/db` (classic) or GET + PUT/POST (k8s).
 *
 * Writes are retried on transient failures by the client (upserts are safe to repeat); a create
 * answered 409/412 after a retry, or a versioned save answered 412 after a retry, is re-read and
 * counts as done when what is stored is what was sent. A save or update whose `expectedVersion`
 * no longer matches throws {@link ConflictError}.
 *
 * @example
 * const target = new GrafanaTarget({ name: 'prod', client: new GrafanaClient({ url, token }) });
 * await target.listDashboards(); // → [{ uid: 'checkout', title: 'Checkout', folderUid: 'payments', managed: true }]
 */
export class GrafanaTarget implements SyncTarget {
  readonly name: string;
  readonly kind = 'grafana' as const;
  /** Listings read Grafana only (`checkDesired` keeps no state), so they may start while the project builds. */
  readonly listsWithoutDesired = true;
  readonly #client: GrafanaClient;
  readonly #apiMode: ApiMode;
  readonly #uidPrefix: string;
  readonly #folderPrefix: string;
  readonly #concurrency: number;
  readonly #dashboardReads: 'auto' | 'list' | 'get';
  readonly owner: OwnerScope;
  #info: Promise<GrafanaServerInfo> | undefined;
  readonly #stores = new Map<string, K8sDashboardStore>();
  readonly #classic: ClassicDashboardStore;

  constructor(options: GrafanaTargetOptions) {
    this.name = options.name;
    this.#client = options.client;
    this.#classic = new ClassicDashboardStore(options.client);
    this.#apiMode = options.apiMode ?? 'auto';
    this.#uidPrefix = options.uidPrefix ?? '';
    this.#folderPrefix = options.folderPrefix ?? '';
    this.#concurrency = Math.max(1, options.listConcurrency ?? 8);
    this.#dashboardReads = options.dashboardReads ?? 'auto';
    this.owner = { project: options.project ?? '', uidPrefix: this.#uidPrefix };
  }

  /** The client this target talks through (shared by Grafana-managed alerting on the same Grafana). */
  get client(): GrafanaClient {
    return this.#client;
  }

  describe(): string {
    const org = this.#client.orgId !== undefined ? ` (org ${this.#client.orgId})` : '';
    const prefix = this.#uidPrefix ? ` (uid prefix "${this.#uidPrefix}")` : '';
    return `${this.#client.url}${org}${prefix}`;
  }

  /** Version and API mode of the server (discovered once, on first use). */
  serverInfo(): Promise<GrafanaServerInfo> {
    this.#info ??= discoverGrafana(this.#client, { apiMode: this.#apiMode }).catch((error: unknown) => {
      this.#info = undefined;
      throw error;
    });
    return this.#info;
  }

  /** Proves the server is a Grafana (health and build info of the expected shape) before anything is read. */
  async verify(): Promise<void> {
    await this.serverInfo();
  }

  // ── listing ────────────────────────────────────────────────────────────────────────────

  async listFolders(): Promise<RemoteFolder[]> {
    const info = await this.serverInfo();
    const raw = info.apiMode === 'k8s' ? await this.#listFoldersK8s(info) : await this.#listFoldersClassic();
    const out: RemoteFolder[] = [];
    for (const f of raw) {
      const uid = this.#fromRemote(f.uid);
      if (uid === undefined) continue;
      const parentUid = f.parentUid ? this.#fromRemoteRef(f.parentUid) : undefined;
      out.push({
        uid,
        title: parentUid === undefined ? this.#stripFolderPrefix(f.title) : f.title,
        ...(parentUid !== undefined ? { parentUid } : {}),
        ...ownershipFields(this.#folderOwnership(f, uid)),
        ...(f.version !== undefined ? { version: f.version } : {}),
      });
    }
    return out;
  }

  async listDashboards(): Promise<RemoteDashboardSummary[]> {
    await this.serverInfo();
    const out: RemoteDashboardSummary[] = [];
    const source = { url: this.#client.url, method: 'GET', path: '/api/search' };
    const hits = await readNumberedPages<SearchHit>({
      pageSize: SEARCH_PAGE_SIZE,
      source,
      key: (hit) => hit.uid!,
      fetch: async (page) =>
        (await requestShaped(this.#client, { method: 'GET', path: '/api/search', query: { type: 'dash-db', limit: SEARCH_PAGE_SIZE, page } }, SEARCH_HITS))
          .data as SearchHit[],
    });
    {
      for (const hit of hits) {
        if (hit.type !== undefined && hit.type !== 'dash-db') continue;
        const uid = typeof hit.uid === 'string' ? this.#fromRemote(hit.uid) : undefined;
        if (uid === undefined) continue;
        const folderUid = hit.folderUid ? this.#fromRemoteRef(hit.folderUid) : undefined;
        out.push({
          uid,
          title: hit.title ?? '',
          ...(folderUid !== undefined ? { folderUid } : {}),
          ...ownershipFields(dashboardOwnership(hit.tags, this.owner, uid)),
        });
      }
    }
    return out;
  }

  async getDashboard(uid: string, hint: ReadHint = {}): Promise<RemoteDashboard | undefined> {
    const info = await this.serverInfo();
    const remoteUid = this.#toRemote(uid);
    if (info.apiMode === 'k8s') return this.#getDashboardK8s(info, uid, remoteUid, hint);
    const read = await this.#classic.read(remoteUid);
    if (!read) return undefined;
    if (read.storedAsV2) {
      return {
        uid,
        title: '',
        managed: false,
        json: {},
        schema: 'v2',
        unreadable: 'it is stored as schema v2, which the classic /api cannot read (use apiMode "auto")',
      };
    }
    const json = read.json;
    if (this.#uidPrefix) json['uid'] = uid;
    const folderUid = read.folderUid !== undefined ? this.#fromRemoteRef(read.folderUid) : undefined;
    return {
      uid,
      title: typeof json['title'] === 'string' ? json['title'] : '',
      ...(folderUid !== undefined ? { folderUid } : {}),
      ...ownershipFields(dashboardOwnership(json['tags'], this.owner, uid)),
      json,
      ...(read.version !== undefined ? { version: read.version } : {}),
    };
  }

  /**
   * Reads through the store of the schema the caller expects (v2 for a v2 dashboard in code), then,
   * when `status.conversion` says the dashboard is stored in the other schema (or the conversion
   * failed), once more through the store of its stored schema: the result is always the stored
   * form. A conversion that fails there too makes the dashboard unreadable (a conflict), never a
   * default spec.
   */
  async #getDashboardK8s(info: GrafanaServerInfo, uid: string, remoteUid: string, hint: ReadHint): Promise<RemoteDashboard | undefined> {
    const first = this.#hintedStore(info, hint);
    const read = await first.read(remoteUid);
    if (!read) return undefined;
    const native = this.#nativeStore(info, first, read);
    if (native === first) return this.#remoteOf(uid, first, read);
    const again = await native.read(remoteUid);
    return again ? this.#remoteOf(uid, native, again) : undefined;
  }

  /** The store a dashboard is read through first: the schema the code renders it in, when this Grafana serves it. */
  #hintedStore(info: GrafanaServerInfo, hint: ReadHint): K8sDashboardStore {
    return hint.schema === 'v2' && info.dashboardV2ApiVersion !== undefined ? this.#store(info, 'v2') : this.#store(info, 'v1');
  }

  /**
   * The store that gives a dashboard read through `via` in its stored form: the other family's
   * when `status.conversion.storedVersion` names it (whether the conversion worked or failed) and
   * this Grafana serves it; else `via` itself (its read is then final: the stored form, or a
   * conversion failure to report).
   */
  #nativeStore(info: GrafanaServerInfo, via: K8sDashboardStore, read: K8sDashboardRead): K8sDashboardStore {
    const family = read.storedVersion === undefined ? via.family : isV2ApiVersion(read.storedVersion) ? 'v2' : 'v1';
    if (family === via.family || (family === 'v2' && info.dashboardV2ApiVersion === undefined)) return via;
    return this.#store(info, family);
  }

  /**
   * The desired dashboards' stored JSON in as few requests as `/apis` allows, each exactly as
   * {@link getDashboard} gives it: one paged LIST (`?limit=500&continue=…`) of the family most
   * dashboards in code are rendered in, whose items carry spec, annotations (folder, content hash),
   * generation and `status.conversion`. What that LIST cannot tell is fetched afterwards: a
   * dashboard stored in the other family comes back converted (lossy, or a default spec when the
   * conversion failed), so it is read again through its stored family's store — one GET each, or
   * a second LIST when that takes fewer requests. Undefined (read them one by one) on the classic
   * API, which has no LIST, and when one GET per dashboard takes fewer requests than the LIST.
   */
  async readDashboards(wanted: readonly WantedDashboard[], options: DashboardReadOptions): Promise<DashboardReads | undefined> {
    const info = await this.serverInfo();
    if (info.apiMode !== 'k8s' || this.#dashboardReads === 'get') return undefined;
    const auto = this.#dashboardReads === 'auto';
    // A LIST reads every dashboard of the instance, 500 to a page.
    const listPages = Math.max(1, Math.ceil(options.listed / K8S_PAGE_SIZE));
    if (auto && wanted.length <= listPages) return undefined;
    const stores = wanted.map((w) => this.#hintedStore(info, w.schema !== undefined ? { schema: w.schema } : {}));
    const v1 = this.#store(info, 'v1');
    const inV2 = stores.filter((s) => s !== v1).length;
    const primary = inV2 * 2 >= wanted.length && inV2 > 0 ? this.#store(info, 'v2') : v1;
    const listed = await this.#listDashboardObjects(primary);

    const found = new Map<string, RemoteDashboard>();
    const failed: { uid: string; error: unknown }[] = [];
    const elsewhere = new Map<K8sDashboardStore, WantedDashboard[]>();
    for (const w of wanted) {
      const remoteUid = this.#toRemote(w.uid);
      const item = listed.get(remoteUid);
      if (!item) continue;
      const read = primary.readObject(item, remoteUid);
      const native = this.#nativeStore(info, primary, read);
      if (native === primary) found.set(w.uid, this.#remoteOf(w.uid, primary, read));
      else elsewhere.set(native, [...(elsewhere.get(native) ?? []), w]);
    }
    for (const [store, rest] of elsewhere) {
      if (!auto || rest.length > listPages) {
        const again = await this.#listDashboardObjects(store);
        for (const w of rest) {
          const remoteUid = this.#toRemote(w.uid);
          const item = again.get(remoteUid);
          if (item) found.set(w.uid, this.#remoteOf(w.uid, store, store.readObject(item, remoteUid)));
        }
        continue;
      }
      await mapLimit(rest, options.concurrency, async (w) => {
        try {
          const read = await store.read(this.#toRemote(w.uid));
          if (read) found.set(w.uid, this.#remoteOf(w.uid, store, read));
        } catch (error) {
          failed.push({ uid: w.uid, error });
        }
      });
    }
    return { found, failed };
  }

  /** Every dashboard object of one store, by name, through its paged LIST (each name once). */
  async #listDashboardObjects(store: K8sDashboardStore): Promise<Map<string, K8sDashboardObject>> {
    const path = store.path();
    const source = { url: this.#client.url, method: 'GET', path };
    const items = await readContinuedPages<K8sDashboardObject>({
      source,
      fetch: async (token) =>
        (await requestShaped(this.#client, { method: 'GET', path, query: { limit: K8S_PAGE_SIZE, continue: token }, resource: 'dashboard' }, K8S_LIST)).data,
    });
    const byName = new Map<string, K8sDashboardObject>();
    for (const item of items) {
      const name = item.metadata!.name!;
      // Two items of one name: which is stored is unknowable, so nothing is planned from it.
      if (byName.has(name)) throw new WrongShapeError(source, 'each dashboard once in the listing', `dashboard "${name}" listed twice`);
      byName.set(name, item);
    }
    return byName;
  }

  #remoteOf(uid: string, store: K8sDashboardStore, read: K8sDashboardRead): RemoteDashboard {
    const folderUid = read.folderUid !== undefined ? this.#fromRemoteRef(read.folderUid) : undefined;
    const common = {
      uid,
      ...(folderUid !== undefined ? { folderUid } : {}),
      ...(read.version !== undefined ? { version: read.version } : {}),
      ...(read.storedVersion !== undefined ? { storedVersion: read.storedVersion } : {}),
    };
    if (read.conversionError !== undefined) {
      const family = read.storedVersion === undefined ? store.family : isV2ApiVersion(read.storedVersion) ? 'v2' : 'v1';
      return {
        ...common,
        title: '',
        managed: false,
        json: {},
        schema: family,
        unreadable: `Grafana could not convert it from ${read.storedVersion ?? 'its stored version'}: ${read.conversionError}`,
      };
    }
    const json = read.json;
    if (store.family === 'v1' && this.#uidPrefix) json['uid'] = uid;
    return {
      ...common,
      title: typeof json['title'] === 'string' ? json['title'] : '',
      ...ownershipFields(dashboardOwnership(json['tags'], this.owner, uid)),
      json,
      schema: store.family,
    };
  }

  /** The `/apis` store of one schema family, in the version discovery chose (v1 else v1beta1; v2 else v2beta1). */
  #store(info: GrafanaServerInfo, family: 'v1' | 'v2'): K8sDashboardStore {
    const version = family === 'v2' ? info.dashboardV2ApiVersion : info.dashboardApiVersion;
    if (version === undefined) throw new Error(`GrafanaTarget: no ${family} dashboard API was discovered`);
    const key = `${family}:${version}:${info.namespace}`;
    let store = this.#stores.get(key);
    if (!store) {
      store = new K8sDashboardStore(this.#client, info.namespace, version, version === 'v2beta1' ? V2BETA1_SHAPE : undefined);
      this.#stores.set(key, store);
    }
    return store;
  }

  /**
   * Refuses schema v2 dashboards when this Grafana serves no v2 dashboard API (or the classic API
   * was forced), naming the server's version, before anything is read or written.
   */
  async checkDesired(desired: { readonly dashboards: readonly DashboardResource[] }): Promise<void> {
    const v2 = desired.dashboards.filter((d) => d.schema === 'v2');
    if (v2.length === 0) return;
    const info = await this.serverInfo();
    if (info.apiMode === 'k8s' && info.dashboardV2ApiVersion !== undefined) return;
    const names =
      v2
        .slice(0, 3)
        .map((d) => `"${d.uid}"`)
        .join(', ') + (v2.length > 3 ? ` and ${v2.length - 3} more` : '');
    throw new GrafanaError({
      kind: 'config',
      url: this.#client.url,
      method: 'GET',
      path: '/apis',
      detail:
        info.apiMode === 'classic' && (info.major ?? 0) >= 12 && this.#apiMode === 'classic'
          ? `schema v2 dashboards (${names}) need the /apis dashboard API, and apiMode is 'classic'`
          : `Grafana ${info.version ?? '(version hidden)'} serves no schema v2 dashboard API (dashboard.grafana.app v2 or v2beta1), needed by ${names}`,
      suggestion: "render these dashboards as v1 (schema: 'v1'), or use Grafana 12.1+ with dynamic dashboards (13 serves v2) and apiMode 'auto'",
    });
  }

  // ── folders ────────────────────────────────────────────────────────────────────────────

  async createFolder(folder: FolderResource, _options: WriteOptions): Promise<void> {
    const info = await this.serverInfo();
    const uid = this.#toRemote(folder.uid);
    const parentUid = folder.parentUid !== undefined ? this.#toRemote(folder.parentUid) : undefined;
    const title = this.#folderTitle(folder);
    try {
      if (info.apiMode === 'k8s') {
        await requestShaped(
          this.#client,
          {
            method: 'POST',
            path: this.#k8sPath(info, 'folders'),
            body: {
              apiVersion: `folder.grafana.app/${info.folderApiVersion}`,
              kind: 'Folder',
              metadata: {
                name: uid,
                annotations: { [OWNER_ANNOTATION]: this.#ownerToken(folder.uid), ...(parentUid ? { [FOLDER_ANNOTATION]: parentUid } : {}) },
              },
              spec: { title, description: folderDescription(this.#ownerToken(folder.uid)) },
            },
            retrySafe: true,
            resource: 'folder',
          },
          K8S_OBJECT,
        );
      } else {
        await requestShaped(
          this.#client,
          {
            method: 'POST',
            path: '/api/folders',
            body: { uid, title, description: folderDescription(this.#ownerToken(folder.uid)), ...(parentUid ? { parentUid } : {}) },
            retrySafe: true,
            resource: 'folder',
          },
          FOLDER,
        );
      }
    } catch (error) {
      // A retried create whose first attempt landed: the folder is there as we asked.
      if (isGrafanaStatus(error, 409, 412) && error.attempts > 1) {
        const existing = (await this.#readFolders([uid], info))[0];
        if (existing && existing.title === title && (existing.parentUid || undefined) === parentUid) return;
      }
      // The uid is taken by a folder the listing did not show: never a write over it.
      if (isGrafanaStatus(error, 409, 412) && !/same name/i.test(error.grafanaMessage ?? '')) throw this.#unlisted('Folder', folder.uid, error);
      throw error;
    }
  }

  async updateFolder(folder: FolderResource, remote: RemoteFolder, options: WriteOptions): Promise<void> {
    const info = await this.serverInfo();
    const uid = this.#toRemote(folder.uid);
    const parentUid = folder.parentUid !== undefined ? this.#toRemote(folder.parentUid) : undefined;
    const title = this.#folderTitle(folder);
    const expected = options.expectedVersion;
    if (info.apiMode === 'k8s') {
      const res = await requestShaped(
        this.#client,
        { method: 'GET', path: this.#k8sPath(info, 'folders', uid), resource: 'folder' },
        typedAs<K8sObject>(K8S_OBJECT),
      );
      const meta = res.data.metadata ?? {};
      if (expected !== undefined && meta.generation !== undefined && meta.generation !== expected) {
        throw new ConflictError({ kind: 'Folder', uid: folder.uid, target: this.describe(), expectedVersion: expected, actualVersion: meta.generation });
      }
      const annotations: Record<string, string> = { ...(meta.annotations ?? {}), [OWNER_ANNOTATION]: this.#ownerToken(folder.uid) };
      if (parentUid) annotations[FOLDER_ANNOTATION] = parentUid;
      else delete annotations[FOLDER_ANNOTATION];
      try {
        await this.#client.request({
          method: 'PUT',
          path: this.#k8sPath(info, 'folders', uid),
          body: {
            apiVersion: res.data.apiVersion ?? `folder.grafana.app/${info.folderApiVersion}`,
            kind: 'Folder',
            metadata: { ...meta, name: uid, annotations },
            spec: { ...(res.data.spec ?? {}), title, description: folderDescription(this.#ownerToken(folder.uid)) },
          },
          resource: 'folder',
        });
      } catch (error) {
        if (isVersionConflict(error) && !(await this.#folderLanded(error, info, uid, title, parentUid)))
          throw this.#conflict('Folder', folder.uid, error, expected);
        if (!isVersionConflict(error)) throw error;
      }
      return;
    }
    const remoteTitle = remote.parentUid === undefined ? this.#folderPrefix + remote.title : remote.title;
    if (remoteTitle !== title || !remote.managed) {
      try {
        await this.#client.request({
          method: 'PUT',
          path: `/api/folders/${encodeURIComponent(uid)}`,
          body: {
            title,
            description: folderDescription(this.#ownerToken(folder.uid)),
            ...(expected !== undefined ? { version: expected, overwrite: false } : { overwrite: true }),
          },
          resource: 'folder',
        });
      } catch (error) {
        if (isVersionConflict(error) && !(await this.#folderLanded(error, info, uid, title, null))) throw this.#conflict('Folder', folder.uid, error, expected);
        if (!isVersionConflict(error)) throw error;
      }
    }
    if ((folder.parentUid ?? '') !== (remote.parentUid ?? '')) {
      await this.#client.request({
        method: 'POST',
        path: `/api/folders/${encodeURIComponent(uid)}/move`,
        body: { parentUid: parentUid ?? '' },
        retrySafe: true,
        resource: 'folder',
      });
    }
  }

  async deleteFolder(uid: string): Promise<void> {
    const info = await this.serverInfo();
    const remoteUid = this.#toRemote(uid);
    await this.#client.request({
      method: 'DELETE',
      path: info.apiMode === 'k8s' ? this.#k8sPath(info, 'folders', remoteUid) : `/api/folders/${encodeURIComponent(remoteUid)}`,
      ...(info.apiMode === 'k8s' ? {} : { query: { forceDeleteRules: false } }),
      accept: [404],
      resource: 'folder',
    });
  }

  // ── dashboards ─────────────────────────────────────────────────────────────────────────

  async saveDashboard(dashboard: DashboardResource, options: WriteOptions): Promise<{ version?: number }> {
    const info = await this.serverInfo();
    if (dashboard.schema === 'v2') {
      await this.checkDesired({ dashboards: [dashboard] });
      return this.#saveDashboardK8s(this.#store(info, 'v2'), dashboard, options);
    }
    return info.apiMode === 'k8s' ? this.#saveDashboardK8s(this.#store(info, 'v1'), dashboard, options) : this.#saveDashboardClassic(dashboard, options);
  }

  async deleteDashboard(uid: string): Promise<void> {
    const info = await this.serverInfo();
    const remoteUid = this.#toRemote(uid);
    await this.#client.request({
      method: 'DELETE',
      path: info.apiMode === 'k8s' ? this.#k8sPath(info, 'dashboards', remoteUid) : `/api/dashboards/uid/${encodeURIComponent(remoteUid)}`,
      accept: [404],
      resource: 'dashboard',
    });
  }

  async #saveDashboardClassic(dashboard: DashboardResource, options: WriteOptions): Promise<{ version?: number }> {
    const folderUid = dashboard.folderUid !== undefined ? this.#toRemote(dashboard.folderUid) : '';
    const expected = options.expectedVersion;
    try {
      return await this.#classic.save(this.#toRemote(dashboard.uid), dashboard.json, {
        folderUid,
        message: options.message,
        ...(expected !== undefined && { expectedVersion: expected }),
        ...(options.create === true && { create: true }),
      });
    } catch (error) {
      const taken = options.create === true && isGrafanaStatus(error, 409, 412);
      if (isVersionConflict(error) || taken) {
        if (error.attempts > 1) {
          const stored = await this.getDashboard(dashboard.uid);
          if (stored && landed(stored, dashboard)) return stored.version !== undefined ? { version: stored.version } : {};
        }
        throw taken ? this.#unlisted('Dashboard', dashboard.uid, error) : this.#conflict('Dashboard', dashboard.uid, error, expected);
      }
      throw error;
    }
  }

  /**
   * GET then PUT (or POST when missing) through one `/apis` store: the generation read must still
   * be `expectedVersion`, the PUT carries the resourceVersion read (409 = someone wrote in
   * between), and a classic body is never written over a dashboard stored as schema v2 unless
   * `replaceV2` (a forced step).
   */
  async #saveDashboardK8s(store: K8sDashboardStore, dashboard: DashboardResource, options: WriteOptions): Promise<{ version?: number }> {
    const uid = this.#toRemote(dashboard.uid);
    const folderUid = dashboard.folderUid !== undefined ? this.#toRemote(dashboard.folderUid) : undefined;
    const expected = options.expectedVersion;
    const message = options.message.slice(0, 500);
    for (let round = 1; ; round++) {
      const current = await store.read(uid);
      try {
        // A create never replaces what the listing did not show.
        if (current && options.create === true && round === 1) throw this.#unlisted('Dashboard', dashboard.uid, undefined);
        if (!current) {
          if (expected !== undefined) {
            throw new ConflictError({ kind: 'Dashboard', uid: dashboard.uid, target: this.describe(), expectedVersion: expected, detail: 'it was deleted' });
          }
          const res = await requestShaped(
            this.#client,
            {
              method: 'POST',
              path: store.path(),
              body: store.body(uid, dashboard.json, folderUid, message),
              retrySafe: true,
              resource: 'dashboard',
            },
            typedAs<K8sObject>(K8S_OBJECT),
          );
          return generationOf(res.data);
        }
        if (expected !== undefined && current.version !== undefined && current.version !== expected) {
          throw new ConflictError({
            kind: 'Dashboard',
            uid: dashboard.uid,
            target: this.describe(),
            expectedVersion: expected,
            actualVersion: current.version,
          });
        }
        if (store.family === 'v1' && isV2ApiVersion(current.storedVersion) && !options.replaceV2) {
          throw new ConflictError({ kind: 'Dashboard', uid: dashboard.uid, target: this.describe(), detail: STORED_AS_V2 });
        }
        const res = await requestShaped(
          this.#client,
          {
            method: 'PUT',
            path: store.path(uid),
            body: store.body(uid, dashboard.json, folderUid, message, current.object),
            resource: 'dashboard',
          },
          typedAs<K8sObject>(K8S_OBJECT),
        );
        return generationOf(res.data);
      } catch (error) {
        if (isGrafanaStatus(error, 409)) {
          if (error.attempts > 1) {
            const stored = await this.getDashboard(dashboard.uid, { schema: store.family });
            if (stored && landed(stored, dashboard)) return stored.version !== undefined ? { version: stored.version } : {};
          }
          // Created by someone else between our GET and POST: not ours to replace.
          if (options.create === true) throw this.#unlisted('Dashboard', dashboard.uid, error);
          // Overwriting (no expected version): someone wrote between our GET and PUT; read again once.
          if (expected === undefined && round < 2) continue;
          throw this.#conflict('Dashboard', dashboard.uid, error, expected);
        }
        throw error;
      }
    }
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────

  async #listFoldersClassic(): Promise<RawFolder[]> {
    const seen = new Map<string, FolderHit>();
    let level: (string | undefined)[] = [undefined];
    while (level.length > 0) {
      const children = await mapLimit(level, this.#concurrency, (parent) => this.#folderChildren(parent));
      const next: string[] = [];
      children.forEach((hits, i) => {
        for (const hit of hits) {
          if (!hit.uid || seen.has(hit.uid)) continue;
          seen.set(hit.uid, { uid: hit.uid, title: hit.title ?? '', ...(hit.parentUid || level[i] ? { parentUid: hit.parentUid || level[i] } : {}) });
          next.push(hit.uid);
        }
      });
      level = next;
    }
    const hits = [...seen.values()];
    const details = await this.#readFolders(
      hits.map((h) => h.uid!),
      { apiMode: 'classic', version: undefined, major: undefined, namespace: '' },
    );
    // A folder deleted between the listing and the read is left out.
    return details.filter((d): d is RawFolder => d !== undefined);
  }

  async #folderChildren(parentUid: string | undefined): Promise<FolderHit[]> {
    return readNumberedPages<FolderHit>({
      pageSize: FOLDER_PAGE_SIZE,
      source: { url: this.#client.url, method: 'GET', path: '/api/folders' },
      key: (hit) => hit.uid!,
      fetch: async (page) =>
        (
          await requestShaped(
            this.#client,
            { method: 'GET', path: '/api/folders', query: { limit: FOLDER_PAGE_SIZE, page, parentUid } },
            typedAs<FolderHit[]>(FOLDER_HITS),
          )
        ).data,
    });
  }

  /** Reads folders one by one (classic) or by name (k8s); `undefined` for those not found. */
  async #readFolders(uids: readonly string[], info: GrafanaServerInfo): Promise<(RawFolder | undefined)[]> {
    return mapLimit(uids, this.#concurrency, async (uid) => {
      if (info.apiMode === 'k8s') {
        const res = await requestShaped(
          this.#client,
          { method: 'GET', path: this.#k8sPath(info, 'folders', uid), accept: [404], resource: 'folder' },
          typedAs<K8sObject>(K8S_OBJECT),
        );
        return res.status === 404 ? undefined : k8sFolder(res.data);
      }
      const res = await requestShaped(
        this.#client,
        { method: 'GET', path: `/api/folders/${encodeURIComponent(uid)}`, accept: [404], resource: 'folder' },
        typedAs<{ uid?: string; title?: string; parentUid?: string; description?: string; version?: number }>(FOLDER),
      );
      if (res.status === 404) return undefined;
      const d = res.data;
      return {
        uid: d.uid ?? uid,
        title: d.title ?? '',
        ...(d.parentUid ? { parentUid: d.parentUid } : {}),
        ...(typeof d.description === 'string' ? { description: d.description } : {}),
        ...(typeof d.version === 'number' ? { version: d.version } : {}),
      };
    });
  }

  async #listFoldersK8s(info: GrafanaServerInfo): Promise<RawFolder[]> {
    const path = this.#k8sPath(info, 'folders');
    const items = await readContinuedPages<K8sObject>({
      source: { url: this.#client.url, method: 'GET', path },
      fetch: async (token) => (await requestShaped(this.#client, { method: 'GET', path, query: { limit: K8S_PAGE_SIZE, continue: token } }, K8S_LIST)).data,
    });
    return items.map(k8sFolder).filter((f): f is RawFolder => f !== undefined);
  }

  /**
   * After a retried folder write answered 409/412: whether the first attempt landed (the folder
   * has our title and marker, and `parentUid` when one is given).
   */
  async #folderLanded(error: GrafanaApiError, info: GrafanaServerInfo, uid: string, title: string, parentUid: string | undefined | null): Promise<boolean> {
    if (error.attempts <= 1) return false;
    const stored = (await this.#readFolders([uid], info))[0];
    if (!stored || stored.title !== title) return false;
    // A marker the server does not return (classic folders) cannot be checked: title and parent must do.
    const token = stored.ownerToken ?? ownerTokenOfDescription(stored.description);
    if ((stored.ownerToken !== undefined || stored.description !== undefined) && token !== this.#ownerToken(this.#fromRemoteRef(uid))) return false;
    return parentUid === null || (stored.parentUid || undefined) === parentUid;
  }

  #k8sPath(info: GrafanaServerInfo, resource: 'dashboards' | 'folders', name?: string): string {
    const group = resource === 'dashboards' ? `dashboard.grafana.app/${info.dashboardApiVersion}` : `folder.grafana.app/${info.folderApiVersion}`;
    const base = `/apis/${group}/namespaces/${encodeURIComponent(info.namespace)}/${resource}`;
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  #conflict(kind: 'Dashboard' | 'Folder', uid: string, error: GrafanaApiError, expected: number | undefined): ConflictError {
    return new ConflictError({
      kind,
      uid,
      target: this.describe(),
      ...(expected !== undefined ? { expectedVersion: expected } : {}),
      ...(error.grafanaMessage ? { detail: `${error.status} ${error.grafanaMessage}` } : { detail: String(error.status) }),
    });
  }

  #ownerToken(codeUid: string): string {
    return ownerToken(this.owner, codeUid);
  }

  /** A folder's ownership: the owner annotation (`/apis`) or the token in its description, when the server returns either. */
  #folderOwnership(f: RawFolder, codeUid: string): Ownership {
    const token = f.ownerToken ?? ownerTokenOfDescription(f.description);
    return classifyOwnership(token !== undefined ? [token] : [], f.description === MANAGED_FOLDER_DESCRIPTION, this.owner, codeUid);
  }

  /** A create that found its uid taken: the resource exists but the listing did not show it. */
  #unlisted(kind: 'Dashboard' | 'Folder', uid: string, error: GrafanaApiError | undefined): ConflictError {
    return new ConflictError({
      kind,
      uid,
      target: this.describe(),
      unlisted: true,
      ...(error ? { detail: error.grafanaMessage ? `${error.status} ${error.grafanaMessage}` : String(error.status) } : {}),
    });
  }

  #folderTitle(folder: FolderResource): string {
    return folder.parentUid === undefined ? this.#folderPrefix + folder.title : folder.title;
  }

  #stripFolderPrefix(title: string): string {
    return this.#folderPrefix && title.startsWith(this.#folderPrefix) ? title.slice(this.#folderPrefix.length) : title;
  }

  #toRemote(uid: string): string {
    return this.#uidPrefix + uid;
  }

  /** The code's uid of a remote uid, or undefined when the uid is outside this target's prefix. */
  #fromRemote(uid: string): string | undefined {
    if (!this.#uidPrefix) return uid;
    return uid.startsWith(this.#uidPrefix) ? uid.slice(this.#uidPrefix.length) : undefined;
  }

  /** Like {@link #fromRemote} for references (parents, folders): kept as they are when outside the prefix. */
  #fromRemoteRef(uid: string): string {
    return this.#fromRemote(uid) ?? uid;
  }
}

interface RawFolder {
  uid: string;
  title: string;
  parentUid?: string;
  description?: string;
  /** The owner annotation of an `/apis` folder. */
  ownerToken?: string;
  version?: number;
}

function k8sFolder(item: K8sObject): RawFolder | undefined {
  const meta = item.metadata ?? {};
  if (!meta.name) return undefined;
  const spec = item.spec ?? {};
  const parentUid = meta.annotations?.[FOLDER_ANNOTATION];
  const owner = meta.annotations?.[OWNER_ANNOTATION];
  return {
    uid: meta.name,
    ...(typeof owner === 'string' ? { ownerToken: owner } : {}),
    title: typeof spec['title'] === 'string' ? spec['title'] : '',
    ...(parentUid ? { parentUid } : {}),
    ...(typeof spec['description'] === 'string' ? { description: spec['description'] } : {}),
    ...(typeof meta.generation === 'number' ? { version: meta.generation } : {}),
  };
}

function generationOf(obj: K8sObject | undefined): { version?: number } {
  const g = obj?.metadata?.generation;
  return typeof g === 'number' ? { version: g } : {};
}

/** Why a classic write over a v2-stored dashboard is refused (the ConflictError detail). */
export const STORED_AS_V2 =
  'it is stored as schema v2 in Grafana (saved from the dynamic-dashboards UI?); writing this v1 dashboard would lose its tabs and show/hide rules';

/** 412 version-mismatch (classic), 409 (newer Grafana, k8s); not a sibling-name or plugin clash. */
function isVersionConflict(error: unknown): error is GrafanaApiError {
  if (!isGrafanaStatus(error, 409, 412)) return false;
  const text = `${error.grafanaStatus ?? ''} ${error.grafanaMessage ?? ''}`.toLowerCase();
  return !/name-exists|same name|plugin-dashboard|same uid/.test(text);
}

/** Whether what is stored is what was sent (the content hash grafts wrote, and the folder). */
function landed(stored: RemoteDashboard, sent: DashboardResource): boolean {
  const sentHash = sent.json[CONTENT_HASH_KEY];
  return typeof sentHash === 'string' && stored.json[CONTENT_HASH_KEY] === sentHash && (stored.folderUid ?? '') === (sent.folderUid ?? '');
}
