import type { DashboardBuilder } from '../../model/dashboard.js';
import { renderDashboard } from '../../model/dashboard-render.js';
import { isLibraryPanel } from '../../model/panels/library-panel.js';
import type { Problem } from '../../model/validation-error.js';
import type { DashboardV2Spec } from './dashboard-v2-spec.js';
import { v2SpecOfClassic } from './v2-spec-of-classic.js';

/** A dashboard rendered to a v2 spec, with every problem found on the way. */
export interface RenderedDashboardV2Result {
  /** The uid (the resource's `metadata.name`; the spec has none). */
  readonly uid: string;
  readonly spec: DashboardV2Spec;
  readonly problems: Problem[];
}

/**
 * Renders a dashboard as a schema v2 spec (`dashboard.grafana.app/v2`): panels become
 * `elements` named `panel-<id>` (ids 1..n in layout order, as in v1), rows a `RowsLayout`,
 * variables, annotations, links and time settings their v2 kinds, with every field the v2
 * schema requires. Never throws for bad input: problems are collected, each path prefixed with
 * `basePath` and the dashboard.
 *
 * @example
 * renderDashboardV2(dashboard('API').panel(text('Hi'))).spec
 * // → { title: 'API', tags: [], cursorSync: 'Off', preload: false, …, elements: { 'panel-1': {…} }, layout: { kind: 'GridLayout', … } }
 */
export function renderDashboardV2(dashboard: DashboardBuilder, basePath: readonly string[] = []): RenderedDashboardV2Result {
  const { json, problems, panelsById } = renderDashboard(dashboard, basePath);
  const path = [...basePath, `dashboard "${dashboard.titleText}"`];
  const queryKindsOf = (id: number) => {
    const panel = panelsById.get(id);
    return panel && !isLibraryPanel(panel) ? panel.queries().map((q) => q.kind) : [];
  };
  const spec = v2SpecOfClassic(json as unknown as Record<string, unknown>, (where, message) => problems.push({ path: [...path, ...where], message }), queryKindsOf);
  return { uid: String(json.uid), spec, problems };
}
