import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deriveUid } from '../model/uid.js';
import { loadConfig } from '../project/load-project.js';
import { withoutManagedMarker } from './managed-marker.js';
import { normalizeDashboard } from './normalize.js';
import { forEachLimit } from './plan.js';
import { openTarget } from './open-target.js';
import { PULLED_FOLDER_FILE, type PulledFolderInfo } from './pulled-folder-file.js';
import type { RemoteDashboard, RemoteFolder, SyncTarget } from './sync-target.js';

/** Options of {@link runPull}. */
export interface PullOptions {
  cwd: string;
  /** Directory holding `dash.config.ts` (for named targets), relative to `cwd`. @default "." */
  dir?: string;
  targetName?: string;
  env?: NodeJS.ProcessEnv;
  /** Only dashboards in these folders (and their subfolders); `general` is the root. */
  folders?: readonly string[];
  /** Only dashboards carrying every one of these tags. */
  tags?: readonly string[];
  /** Only these dashboards. */
  uids?: readonly string[];
  /** Output directory, relative to `cwd`. @default "pulled" */
  out?: string;
  /** Dashboards read at once. @default 16 */
  concurrency?: number;
  target?: SyncTarget;
}

/** One dashboard written by {@link runPull}. */
export interface PulledDashboard {
  uid: string;
  title: string;
  folderUid?: string;
  managed: boolean;
  /** Relative to the output directory. */
  file: string;
}

/** What {@link runPull} wrote. */
export interface PullResult {
  target: string;
  /** Absolute output directory. */
  outDir: string;
  dashboards: PulledDashboard[];
}

/**
 * Downloads dashboards from a target into `<out>/<folder path>/<uid>.json`: the folder path is
 * the folder titles from the top (as lowercase slugs; the folder uid is appended when two
 * sibling folders share a slug), root dashboards go to `<out>/<uid>.json`. Each file holds the
 * dashboard normalised like `dash diff` compares it (server fields dropped) and without the
 * managed marker, 2-space JSON. Each folder directory also gets a `.folder.json` with the
 * folder's uid and title (what `dash import` turns into `.folder(...)`). Filters combine (AND).
 * Existing files are overwritten.
 */
export async function runPull(options: PullOptions): Promise<PullResult> {
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  const { config } = await loadConfig(dir);
  const target = await openTarget({ cwd: options.cwd, ...(options.targetName !== undefined && { targetName: options.targetName }), ...(options.env && { env: options.env }), ...(options.target && { target: options.target }) }, dir, config);
  const [folders, summaries] = await Promise.all([target.listFolders(), target.listDashboards()]);
  const byUid = new Map(folders.map((f) => [f.uid, f]));
  const folderFilter = options.folders && options.folders.length > 0 ? new Set(options.folders) : undefined;
  const uidFilter = options.uids && options.uids.length > 0 ? new Set(options.uids) : undefined;
  const inFolders = (folderUid: string | undefined): boolean => {
    if (!folderFilter) return true;
    if (folderUid === undefined || folderUid === '') return folderFilter.has('general') || folderFilter.has('');
    const seen = new Set<string>();
    for (let uid: string | undefined = folderUid; uid !== undefined && !seen.has(uid); uid = byUid.get(uid)?.parentUid) {
      if (folderFilter.has(uid)) return true;
      seen.add(uid);
    }
    return false;
  };
  const selected = summaries.filter((d) => (!uidFilter || uidFilter.has(d.uid)) && inFolders(d.folderUid)).sort((a, b) => (a.uid < b.uid ? -1 : 1));
  const read: RemoteDashboard[] = [];
  await forEachLimit(selected, options.concurrency ?? 16, async (s) => {
    const d = await target.getDashboard(s.uid);
    if (d) read.push(d);
  });
  const tags = options.tags ?? [];
  const folderPath = folderPaths(folders);
  const outDir = path.resolve(options.cwd, options.out ?? 'pulled');
  const written: PulledDashboard[] = [];
  const describedFolders = new Set<string>();
  for (const d of read.sort((a, b) => (a.uid < b.uid ? -1 : 1))) {
    const json = withoutManagedMarker(normalizeDashboard(d.json));
    const dashboardTags = Array.isArray(json['tags']) ? (json['tags'] as unknown[]) : [];
    if (!tags.every((t) => dashboardTags.includes(t))) continue;
    const folderUid = d.folderUid || undefined;
    const rel = [...(folderUid !== undefined ? (folderPath.get(folderUid) ?? [folderUid]) : []), `${safeFileName(d.uid)}.json`].join('/');
    const file = path.join(outDir, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    if (folderUid !== undefined) await describeFolders(outDir, folderUid, byUid, folderPath, describedFolders);
    await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
    written.push({ uid: d.uid, title: d.title, ...(folderUid !== undefined && { folderUid }), managed: d.managed, file: rel });
  }
  return { target: target.describe(), outDir, dashboards: written };
}

/**
 * Writes `<folder path>/.folder.json` (`{ "uid", "title" }`) for a folder and each of its
 * ancestors, so that the pulled tree says which Grafana folder each directory is: `dash import`
 * reads it to put `.folder(...)` on the dashboards it imports from there.
 */
async function describeFolders(outDir: string, folderUid: string, byUid: ReadonlyMap<string, RemoteFolder>, folderPath: ReadonlyMap<string, string[]>, done: Set<string>): Promise<void> {
  const seen = new Set<string>();
  for (let uid: string | undefined = folderUid; uid !== undefined && !seen.has(uid); uid = byUid.get(uid)?.parentUid) {
    seen.add(uid);
    const folder = byUid.get(uid);
    const segments = folderPath.get(uid);
    if (!folder || !segments || done.has(uid)) continue;
    done.add(uid);
    const dir = path.join(outDir, ...segments);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, PULLED_FOLDER_FILE), `${JSON.stringify({ uid: folder.uid, title: folder.title } satisfies PulledFolderInfo, null, 2)}\n`);
  }
}

/** Each folder's path segments from the top, as slugs unique among siblings. */
function folderPaths(folders: readonly RemoteFolder[]): Map<string, string[]> {
  const byUid = new Map(folders.map((f) => [f.uid, f]));
  const slugCount = new Map<string, number>();
  const key = (f: RemoteFolder) => `${f.parentUid ?? ''}\u0000${deriveUid(f.title)}`;
  for (const f of folders) slugCount.set(key(f), (slugCount.get(key(f)) ?? 0) + 1);
  const segment = (f: RemoteFolder) => {
    const slug = deriveUid(f.title);
    return (slugCount.get(key(f)) ?? 0) > 1 ? `${slug}-${safeFileName(f.uid)}` : slug;
  };
  const paths = new Map<string, string[]>();
  for (const f of folders) {
    const segments: string[] = [];
    const seen = new Set<string>();
    for (let cur: RemoteFolder | undefined = f; cur && !seen.has(cur.uid); cur = cur.parentUid !== undefined ? byUid.get(cur.parentUid) : undefined) {
      seen.add(cur.uid);
      segments.unshift(segment(cur));
    }
    paths.set(f.uid, segments);
  }
  return paths;
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
