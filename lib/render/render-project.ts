import type { Dashboard } from '../generated/index.js';
import { isDashboardBuilder } from '../model/dashboard.js';
import type { Folder } from '../model/folder.js';
import { renderDashboard } from '../model/dashboard-render.js';
import { ValidationError, type Problem } from '../model/validation-error.js';

/** One evaluated source file of a project. */
export interface ProjectEntry {
  /** The file path relative to the project directory (used in problem paths). */
  readonly source: string;
  /** The module's default export: a dashboard or an array of dashboards. */
  readonly exported: unknown;
}

/** A dashboard rendered from a project file. */
export interface RenderedDashboard {
  readonly uid: string;
  readonly title: string;
  /** The folder set with `.folder()`, if any. */
  readonly folder?: Folder;
  readonly source: string;
  readonly json: Dashboard;
  readonly panelCount: number;
  readonly queryCount: number;
}

/** Every dashboard of a project, rendered. */
export interface RenderedProject {
  readonly dashboards: readonly RenderedDashboard[];
}

/**
 * Renders every dashboard of a project and checks it as a whole: each file's default export
 * must be a dashboard or an array of dashboards, every dashboard must be valid, and uids must
 * be unique across the project. Throws one {@link ValidationError} with every problem, each
 * prefixed with its file; returns dashboards in file order otherwise.
 *
 * @example
 * renderProject([{ source: 'api.dash.ts', exported: dashboard('API').panel(text('Hi')) }])
 * // → { dashboards: [{ uid: 'api', title: 'API', source: 'api.dash.ts', json: {…}, panelCount: 1, queryCount: 0 }] }
 */
export function renderProject(entries: readonly ProjectEntry[]): RenderedProject {
  const problems: Problem[] = [];
  const dashboards: RenderedDashboard[] = [];
  const uidSources = new Map<string, string>();
  for (const entry of entries) {
    const exported = Array.isArray(entry.exported) ? entry.exported : [entry.exported];
    if (exported.length === 0 || !exported.every(isDashboardBuilder)) {
      problems.push({
        path: [entry.source],
        message: 'the default export must be a dashboard or an array of dashboards (e.g. `export default dashboard("…")`)',
      });
      continue;
    }
    for (const builder of exported) {
      const { json, problems: found } = renderDashboard(builder, [entry.source]);
      problems.push(...found);
      const uid = String(json.uid);
      const firstSource = uidSources.get(uid);
      if (firstSource !== undefined) {
        problems.push({
          path: [entry.source, `dashboard "${builder.titleText}"`],
          message: `duplicate uid "${uid}" (also used in ${firstSource}); set a distinct .uid()`,
        });
      } else {
        uidSources.set(uid, `${entry.source} › dashboard "${builder.titleText}"`);
      }
      const folder = builder.folderRef;
      dashboards.push({ uid, title: builder.titleText, source: entry.source, json, ...(folder ? { folder } : {}), ...count(json) });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { dashboards };
}

function count(json: Dashboard): { panelCount: number; queryCount: number } {
  let panelCount = 0;
  let queryCount = 0;
  const visit = (panels: unknown) => {
    if (!Array.isArray(panels)) return;
    for (const panel of panels as Record<string, unknown>[]) {
      if (panel.type === 'row') {
        visit(panel.panels);
        continue;
      }
      panelCount++;
      if (Array.isArray(panel.targets)) queryCount += panel.targets.length;
    }
  };
  visit(json.panels);
  return { panelCount, queryCount };
}
