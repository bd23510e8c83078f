import type { Dashboard } from '../generated/index.js';
import { layoutGrid, type LayoutSection } from '../layout/grid-layout.js';
import { canonicalKeysInPlace } from './canonical-keys.js';
import type { DashboardProps } from './dashboard-props.js';
import { dashboardRenderContext, panelLabel } from './dashboard-render-context.js';
import { applyMerges } from './deep-merge.js';
import type { AnyPanel, RowBuilder } from './row.js';
import type { Problem } from './validation-error.js';
import { v2OnlyFeaturesOf } from './v2-feature-scan.js';

export { SCHEMA_VERSION } from './dashboard-render-context.js';

type Json = Record<string, unknown>;

/** A dashboard rendered to Grafana's JSON, with every problem found on the way. */
export interface RenderedDashboardResult {
  readonly json: Dashboard;
  readonly problems: Problem[];
}

/**
 * Renders a dashboard as classic JSON (schema v1): lays out panels, assigns ids 1..n in layout
 * order and refIds, orders keys, and collects every problem (never throws for bad input). A
 * feature only schema v2 can express (tabs, auto grid, show/hide rules, nested rows) is a
 * problem naming the feature, never dropped. `basePath` prefixes problem paths, e.g. with the
 * source file. It takes what a dashboard builder holds (`builder.parts()`), so the builder can call
 * it without the two modules importing each other. @internal
 *
 * @example
 * renderDashboard(dashboard('API').uid('api').parts()).json
 * // → { uid: 'api', title: 'API', schemaVersion: 42, annotations: { list: [] }, templating: { list: [] }, panels: [] }
 */
export function renderDashboard(parts: DashboardProps, basePath: readonly string[] = []): RenderedDashboardResult {
  const context = dashboardRenderContext(parts, basePath);
  const { path, problems, report } = context;
  for (const { path: where, feature } of v2OnlyFeaturesOf(parts)) {
    report(
      [...path, ...where],
      `${feature} needs dashboard schema v2; render this dashboard as v2 (.schema('v2'), schema: 'v2' in dash.config.ts, or --schema v2)`,
    );
  }

  const sections: { row?: RowBuilder; panels: readonly AnyPanel[] }[] = [];
  if (parts.panels.length > 0 || parts.rows.length === 0) sections.push({ panels: parts.panels });
  for (const row of parts.rows) sections.push({ row, panels: row.panels() });
  const placed = layoutGrid(
    sections.map((s): LayoutSection => ({
      ...(s.row ? { row: { collapsed: s.row.isCollapsed } } : {}),
      panels: s.panels.map((p) => {
        const position = p.layoutPosition();
        return position ? { ...p.layoutSize(), position } : p.layoutSize();
      }),
    })),
  );

  let nextId = 1;
  const panels: Json[] = [];
  sections.forEach((section, sectionIndex) => {
    const sectionPath = section.row ? [...path, `row "${section.row.titleText}"`] : path;
    const positions = placed[sectionIndex]!;
    let header: Json | undefined;
    if (section.row) {
      header = section.row.renderHeader();
      context.checkReferences(sectionPath, [header.title]);
      context.checkRepeat(section.row.repeatVariable, sectionPath);
      header.id = nextId++;
      header.gridPos = { ...positions.row! };
    }
    context.checkPositions(section.panels, positions.panels, sectionPath);
    const rendered = section.panels
      .map((panel, index) => ({ panel, index, gridPos: positions.panels[index]! }))
      .sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x)
      .map(({ panel, index, gridPos }) => {
        const json = context.renderPanel(panel, [...sectionPath, panelLabel(panel, index)], gridPos);
        json.id = nextId++;
        return json;
      });
    if (header && section.row) {
      // A collapsed row carries its panels; an open row's panels follow it at the top level.
      if (section.row.isCollapsed) header.panels = rendered;
      panels.push(section.row.finishHeader(header));
      if (!section.row.isCollapsed) panels.push(...rendered);
    } else {
      panels.push(...rendered);
    }
  });

  const json = context.header();
  json.panels = panels;
  // Everything above is freshly built for this render, so its keys can be ordered in place.
  return { json: canonicalKeysInPlace(applyMerges(json, parts.merges)) as unknown as Dashboard, problems };
}
