import type { Problem } from '../model/validation-error.js';

/** A folder or dashboard the project declares, for {@link folderDashboardUidClashes}. */
export interface DeclaredUid {
  readonly uid: string;
  readonly title: string;
  /** Where it is declared, e.g. `dashboards/api.dash.ts` or `dash.config.ts › mixins[0]`. */
  readonly source: string;
}

/**
 * Folders and dashboards that share a uid. Grafana keeps both in one uid space: saving a
 * dashboard under a folder's uid (or the reverse) is refused with 400 "Dashboard cannot be
 * changed to a folder", so such a project could never be applied. One problem per clashing
 * uid, naming both declarations (each folder counted once however many dashboards use it).
 *
 * @example
 * folderDashboardUidClashes(
 *   [{ uid: 'ops', title: 'Ops', source: 'ops.dash.ts' }],
 *   [{ uid: 'ops', title: 'Ops overview', source: 'overview.dash.ts' }],
 * )
 * // → [{ path: ['overview.dash.ts'], message: 'dashboard "Ops overview" has uid "ops", the uid of folder "Ops" (ops.dash.ts); …' }]
 */
export function folderDashboardUidClashes(folders: readonly DeclaredUid[], dashboards: readonly DeclaredUid[]): Problem[] {
  const folderByUid = new Map<string, DeclaredUid>();
  for (const f of folders) if (!folderByUid.has(f.uid)) folderByUid.set(f.uid, f);
  const problems: Problem[] = [];
  for (const d of dashboards) {
    const f = folderByUid.get(d.uid);
    if (!f) continue;
    problems.push({
      path: [d.source],
      message:
        `dashboard ${JSON.stringify(d.title)} has uid ${JSON.stringify(d.uid)}, the uid of folder ${JSON.stringify(f.title)} (${f.source}); ` +
        'Grafana keeps folders and dashboards in one uid space and refuses both ("Dashboard cannot be changed to a folder"): give one of them another uid',
    });
  }
  return problems;
}
