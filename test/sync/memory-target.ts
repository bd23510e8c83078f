// An in-memory SyncTarget for plan/apply tests: folders and dashboards in maps, versions that
// bump on every save, optimistic concurrency (expectedVersion), managed detection like a real
// target (the managed tag on dashboards, a flag on folders), write counting and injectable
// failures.
import { hasManagedTag } from '../../lib/sync/managed-marker.js';
import type { DashboardResource, FolderResource } from '../../lib/sync/resources.js';
import type { RemoteDashboard, RemoteDashboardSummary, RemoteFolder, SyncTarget, WriteOptions } from '../../lib/sync/sync-target.js';

export interface MemoryFolder {
  uid: string;
  title: string;
  parentUid?: string;
  managed: boolean;
  version: number;
}

export interface MemoryDashboard {
  uid: string;
  folderUid?: string;
  json: Record<string, unknown>;
  version: number;
}

export class MemoryConflictError extends Error {
  readonly status = 412;
  constructor(uid: string) {
    super(`dashboard ${uid} has been changed by someone else`);
    this.name = 'ConflictError';
  }
}

export type WriteCall = { op: 'createFolder' | 'updateFolder' | 'deleteFolder' | 'saveDashboard' | 'deleteDashboard'; uid: string };

export class MemoryTarget implements SyncTarget {
  readonly name = 'memory';
  readonly kind = 'files' as const;
  readonly folders = new Map<string, MemoryFolder>();
  readonly dashboards = new Map<string, MemoryDashboard>();
  readonly writes: WriteCall[] = [];
  reads = 0;
  finished = 0;
  /** Called before every write; throw to make it fail. */
  failWrite: ((call: WriteCall) => void) | undefined;

  describe(): string {
    return 'memory';
  }

  seedFolder(f: { uid: string; title: string; parentUid?: string; managed?: boolean }): this {
    this.folders.set(f.uid, {
      uid: f.uid,
      title: f.title,
      ...(f.parentUid !== undefined && { parentUid: f.parentUid }),
      managed: f.managed ?? false,
      version: 1,
    });
    return this;
  }

  seedDashboard(d: { uid: string; folderUid?: string; json: Record<string, unknown> }): this {
    this.dashboards.set(d.uid, { uid: d.uid, ...(d.folderUid !== undefined && { folderUid: d.folderUid }), json: structuredClone(d.json), version: 1 });
    return this;
  }

  async listFolders(): Promise<RemoteFolder[]> {
    this.reads++;
    return [...this.folders.values()].map((f) => ({
      uid: f.uid,
      title: f.title,
      ...(f.parentUid !== undefined && { parentUid: f.parentUid }),
      managed: f.managed,
      version: f.version,
    }));
  }

  async listDashboards(): Promise<RemoteDashboardSummary[]> {
    this.reads++;
    return [...this.dashboards.values()].map((d) => this.summary(d));
  }

  async getDashboard(uid: string): Promise<RemoteDashboard | undefined> {
    this.reads++;
    const d = this.dashboards.get(uid);
    if (!d) return undefined;
    // What a server returns: its own fields added.
    return { ...this.summary(d), json: { ...structuredClone(d.json), id: 100 + d.version, version: d.version }, version: d.version };
  }

  private summary(d: MemoryDashboard): RemoteDashboardSummary {
    return { uid: d.uid, title: String(d.json['title']), ...(d.folderUid !== undefined && { folderUid: d.folderUid }), managed: hasManagedTag(d.json) };
  }

  private write(call: WriteCall): void {
    this.writes.push(call);
    this.failWrite?.(call);
  }

  async createFolder(folder: FolderResource, _options: WriteOptions): Promise<void> {
    this.write({ op: 'createFolder', uid: folder.uid });
    if (folder.parentUid !== undefined && !this.folders.has(folder.parentUid)) throw new Error(`parent folder ${folder.parentUid} not found`);
    if (this.folders.has(folder.uid)) throw new Error(`folder ${folder.uid} already exists`);
    this.folders.set(folder.uid, {
      uid: folder.uid,
      title: folder.title,
      ...(folder.parentUid !== undefined && { parentUid: folder.parentUid }),
      managed: true,
      version: 1,
    });
  }

  async updateFolder(folder: FolderResource, _remote: RemoteFolder, options: WriteOptions): Promise<void> {
    this.write({ op: 'updateFolder', uid: folder.uid });
    const existing = this.folders.get(folder.uid);
    if (!existing) throw new Error(`folder ${folder.uid} not found`);
    if (options.expectedVersion !== undefined && options.expectedVersion !== existing.version) throw new MemoryConflictError(folder.uid);
    this.folders.set(folder.uid, {
      uid: folder.uid,
      title: folder.title,
      ...(folder.parentUid !== undefined && { parentUid: folder.parentUid }),
      managed: true,
      version: existing.version + 1,
    });
  }

  async deleteFolder(uid: string): Promise<void> {
    this.write({ op: 'deleteFolder', uid });
    if (!this.folders.delete(uid)) throw new Error(`folder ${uid} not found`);
    // Like Grafana: deleting a folder deletes what is inside.
    for (const [k, d] of this.dashboards) if (d.folderUid === uid) this.dashboards.delete(k);
    for (const [k, f] of this.folders) if (f.parentUid === uid) await this.deleteFolder(k);
  }

  async saveDashboard(dashboard: DashboardResource, options: WriteOptions): Promise<{ version?: number }> {
    this.write({ op: 'saveDashboard', uid: dashboard.uid });
    if (dashboard.folderUid !== undefined && !this.folders.has(dashboard.folderUid)) throw new Error('folder not found');
    const existing = this.dashboards.get(dashboard.uid);
    if (existing && options.expectedVersion !== undefined && options.expectedVersion !== existing.version) throw new MemoryConflictError(dashboard.uid);
    const version = (existing?.version ?? 0) + 1;
    this.dashboards.set(dashboard.uid, {
      uid: dashboard.uid,
      ...(dashboard.folderUid !== undefined && { folderUid: dashboard.folderUid }),
      json: structuredClone(dashboard.json) as Record<string, unknown>,
      version,
    });
    return { version };
  }

  async deleteDashboard(uid: string): Promise<void> {
    this.write({ op: 'deleteDashboard', uid });
    if (!this.dashboards.delete(uid)) throw new Error(`dashboard ${uid} not found`);
  }

  async finish(): Promise<void> {
    this.finished++;
  }

  /** Simulates a save from Grafana's UI: the content changes and the unknown hash key is dropped. */
  uiEdit(uid: string, mutate: (json: Record<string, unknown>) => void): void {
    const d = this.dashboards.get(uid);
    if (!d) throw new Error(`no dashboard ${uid}`);
    const json = structuredClone(d.json);
    delete json['graftsContentHash'];
    mutate(json);
    d.json = json;
    d.version++;
  }
}
