import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deriveUid } from '../model/uid.js';
import { loadConfig } from '../project/load-project.js';
import { withoutManagedMarker } from './managed-marker.js';
import { normalizeDashboard } from './normalize.js';
import { forEachLimit } from '../util/limit-concurrency.js';
import { openTarget } from './open-target.js';
import { PULLED_FOLDER_FILE, type PulledFolderInfo } from './pulled-folder-file.js';
import { dashboardV2Resource } from '../render/v2/dashboard-v2-resource.js';
import type { DashboardV2Spec } from '../render/v2/dashboard-v2-spec.js';
import { SyncReadError } from './sync-read-error.js';
import { assertRealPathInside, pathInside, safePathSegment } from './safe-path.js';
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
  /** The schema it is stored in, and so written in. */
  schema: 'v1' | 'v2';
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
 * managed marker, 2-space JSON. Each dashboard keeps the schema it is stored in: classic JSON, or
 * for one stored as schema v2 (a save from Grafana 13's UI) the v2 resource
 * `{ apiVersion: 'dashboard.grafana.app/v2', kind, metadata: { name }, spec }`. A dashboard Grafana
 * cannot convert is an error ({@link SyncReadError}) before anything is written. Each folder
 * directory also gets a `.folder.json` with the folder's uid and title (what `dash import` turns
 * into `.folder(...)`). Filters combine (AND). Existing files are overwritten.
 *
 * Every name from the server becomes one safe path segment ({@link safePathSegment}: a uid such
 * as `../../x` cannot climb out), every path is checked to resolve inside `out` (symbolic links
 * followed) before it is written, and nothing is written when any path fails the check.
 *
 * @throws {SyncPathError} a path would leave the output directory.
 */
export async function runPull(options: PullOptions): Promise<PullResult> {
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  const { config } = await loadConfig(dir);
  const target = await openTarget(
    {
      cwd: options.cwd,
      ...(options.targetName !== undefined && { targetName: options.targetName }),
      ...(options.env && { env: options.env }),
      ...(options.target && { target: options.target }),
    },
    dir,
    config,
  );
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
  const unreadable = read.find((d) => d.unreadable !== undefined);
  if (unreadable) throw new SyncReadError(target.describe(), unreadable.uid, unreadable.unreadable!);
  const tags = options.tags ?? [];
  const folderPath = folderPaths(folders);
  const outDir = path.resolve(options.cwd, options.out ?? 'pulled');
  // Every path is decided (and checked) before anything is written: a hostile listing can make
  // the run fail, never write outside `outDir` or half of a pull.
  const writes: { file: string; text: string; pulled?: PulledDashboard }[] = [];
  const seen = new Set<string>();
  const describedFolders = new Set<string>();
  for (const d of read.sort((a, b) => (a.uid < b.uid ? -1 : 1))) {
    if (seen.has(d.uid)) continue;
    seen.add(d.uid);
    const json = withoutManagedMarker(normalizeDashboard(d.json));
    const dashboardTags = Array.isArray(json['tags']) ? (json['tags'] as unknown[]) : [];
    if (!tags.every((t) => dashboardTags.includes(t))) continue;
    const folderUid = d.folderUid || undefined;
    // A folder missing from the listing is named by its uid, made safe like every other segment.
    const segments = [...(folderUid !== undefined ? (folderPath.get(folderUid) ?? [safePathSegment(folderUid)]) : []), `${safePathSegment(d.uid)}.json`];
    const file = pathInside(outDir, segments);
    const schema = d.schema ?? 'v1';
    const content = schema === 'v2' ? dashboardV2Resource(d.uid, v2SpecOf(json), { apiVersion: 'v2' }) : json;
    writes.push({
      file,
      text: `${JSON.stringify(content, null, 2)}\n`,
      pulled: { uid: d.uid, title: d.title, ...(folderUid !== undefined && { folderUid }), managed: d.managed, file: segments.join('/'), schema },
    });
    // The folder and its ancestors say which Grafana folder each directory is (read by dash import).
    const chain = new Set<string>();
    for (let uid = folderUid; uid !== undefined && !chain.has(uid); uid = byUid.get(uid)?.parentUid) {
      chain.add(uid);
      const folder = byUid.get(uid);
      const folderSegments = folderPath.get(uid);
      if (!folder || !folderSegments || describedFolders.has(uid)) continue;
      describedFolders.add(uid);
      const info: PulledFolderInfo = { uid: folder.uid, title: folder.title };
      writes.push({ file: pathInside(outDir, [...folderSegments, PULLED_FOLDER_FILE]), text: `${JSON.stringify(info, null, 2)}\n` });
    }
  }
  for (const w of writes) await assertRealPathInside(outDir, w.file);
  const written: PulledDashboard[] = [];
  for (const w of writes) {
    await mkdir(path.dirname(w.file), { recursive: true });
    await writeFile(w.file, w.text);
    if (w.pulled) written.push(w.pulled);
  }
  return { target: target.describe(), outDir, dashboards: written };
}

/** A normalised v2 spec with the arrays the v2 schema requires that normalising left out when empty. */
function v2SpecOf(json: Record<string, unknown>): DashboardV2Spec {
  return { ...json, tags: json['tags'] ?? [], links: json['links'] ?? [] } as unknown as DashboardV2Spec;
}

/** Each folder's path segments from the top, as slugs unique among siblings. */
function folderPaths(folders: readonly RemoteFolder[]): Map<string, string[]> {
  const byUid = new Map(folders.map((f) => [f.uid, f]));
  const slugCount = new Map<string, number>();
  const key = (f: RemoteFolder) => `${f.parentUid ?? ''}\u0000${deriveUid(f.title)}`;
  for (const f of folders) slugCount.set(key(f), (slugCount.get(key(f)) ?? 0) + 1);
  const segment = (f: RemoteFolder) => {
    const slug = deriveUid(f.title);
    return (slugCount.get(key(f)) ?? 0) > 1 ? safePathSegment(`${slug}-${f.uid}`) : slug;
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
