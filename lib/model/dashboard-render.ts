import type { Dashboard } from '../generated/index.js';
import { boxesOverlap, GRID_COLUMNS, layoutGrid, type GridPosition, type LayoutSection } from '../layout/grid-layout.js';
import { canonicalKeys } from './canonical-keys.js';
import type { DashboardBuilder } from './dashboard.js';
import { isLibraryPanel } from './panels/library-panel.js';
import { assignRefIds } from './panels/ref-ids.js';
import type { AnyPanel, RowBuilder } from './row.js';
import { deriveUid, uidProblem } from './uid.js';
import type { Problem } from './validation-error.js';
import { isBuiltinVariable, variableReferences } from './variable-references.js';
import { editDistance } from '../util/did-you-mean.js';

/** Grafana's dashboard schema version that grafts emits. */
export const SCHEMA_VERSION = 42;

const GRAPH_TOOLTIP_CODES = { off: 0, 'shared-crosshair': 1, 'shared-tooltip': 2 } as const;

type Json = Record<string, unknown>;

/** A dashboard rendered to Grafana's JSON, with every problem found on the way. */
export interface RenderedDashboardResult {
  readonly json: Dashboard;
  readonly problems: Problem[];
  /** The builder of each panel, by the id it got (for renderings that need more than the JSON). @internal */
  readonly panelsById: ReadonlyMap<number, AnyPanel>;
}

/**
 * Renders a dashboard: lays out panels, assigns ids 1..n in layout order and refIds, orders
 * keys, and collects every problem (never throws for bad input). `basePath` prefixes problem
 * paths, e.g. with the source file.
 */
export function renderDashboard(dashboard: DashboardBuilder, basePath: readonly string[] = []): RenderedDashboardResult {
  const parts = dashboard.parts();
  const path = [...basePath, `dashboard "${parts.title}"`];
  const problems: Problem[] = [];
  const report = (where: readonly string[], message: string) => problems.push({ path: where, message });

  if (parts.title.trim() === '') report(path, 'title is empty');
  const uid = parts.uid ?? deriveUid(parts.title);
  if (parts.uid !== undefined) {
    const problem = uidProblem(parts.uid);
    if (problem) report(path, problem);
  }

  const variables = parts.variables.map((v) => v.build() as unknown as Json);
  const known = new Set<string>();
  for (const variable of variables) {
    const name = String(variable.name);
    if (known.has(name)) report([...path, `variable "${name}"`], `duplicate variable name "${name}"`);
    known.add(name);
  }
  const allowed = new Set(parts.undefinedVariables ?? []);
  for (const name of allowed) {
    if (known.has(name)) report(path, `allowUndefinedVariables("${name}"): the dashboard defines this variable; remove it from the list`);
  }
  const checkReferences = (where: readonly string[], texts: readonly unknown[]) => {
    for (const text of texts) {
      if (typeof text !== 'string') continue;
      for (const name of variableReferences(text)) {
        if (!known.has(name) && !isBuiltinVariable(name) && !allowed.has(name)) {
          report(where, `unknown variable $${name} in "${text}"${suggestion(name, known)}`);
        }
      }
    }
  };
  for (const variable of variables) {
    checkReferences([...path, `variable "${String(variable.name)}"`], [variable.query, datasourceUid(variable)]);
  }
  const annotations = parts.annotations.map((a) => a.build() as unknown as Json);
  for (const a of annotations) {
    checkReferences([...path, `annotation "${String(a.name)}"`], [a.expr, a.titleFormat, a.textFormat, datasourceUid(a)]);
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
  const panelsById = new Map<number, AnyPanel>();
  sections.forEach((section, sectionIndex) => {
    const sectionPath = section.row ? [...path, `row "${section.row.titleText}"`] : path;
    const positions = placed[sectionIndex]!;
    let header: Json | undefined;
    if (section.row) {
      header = section.row.renderHeader();
      checkReferences(sectionPath, [header.title]);
      checkRepeat(section.row.repeatVariable, sectionPath);
      header.id = nextId++;
      header.gridPos = { ...positions.row! };
    }
    checkPositions(section.panels, positions.panels, sectionPath);
    const rendered = section.panels
      .map((panel, index) => ({ panel, index, gridPos: positions.panels[index]! }))
      .sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x)
      .map(({ panel, index, gridPos }) => {
        const json = renderPanel(panel, [...sectionPath, panelLabel(panel, index)], gridPos);
        panelsById.set(nextId, panel);
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

  function renderPanel(panel: AnyPanel, where: readonly string[], gridPos: GridPosition): Json {
    const { width, height } = panel.layoutSize();
    if (!Number.isInteger(width) || width < 1 || width > 24) report(where, `width ${width} is not a whole number of columns from 1 to 24`);
    if (!Number.isInteger(height) || height < 1) report(where, `height ${height} is not a whole number of at least 1`);
    const json: Json = { ...panel.build(), gridPos: { ...gridPos } };
    if (isLibraryPanel(panel)) return json;
    const targets = Array.isArray(json.targets) ? (json.targets as Json[]) : [];
    if (panel.needsTargets && targets.length === 0) report(where, `${String(json.type)} panel has no queries`);
    // The refIds the queries get (targets set through `$merge`, the escape hatch, are taken as they are).
    const seen = new Set<string>();
    for (const refId of assignRefIds(panel.queries().map((q) => q.explicitRefId))) {
      if (seen.has(refId)) report(where, `duplicate refId "${refId}"`);
      seen.add(refId);
    }
    const panelDatasource = panel.datasourceRef();
    if (panelDatasource && panelDatasource.kind !== 'datasource') {
      panel.queries().forEach((query, i) => {
        const ownDatasource = (targets[i]?.datasource ?? undefined) as Json | undefined;
        if (!ownDatasource && query.kind !== panelDatasource.kind) {
          report(where, `${query.kind} query ${String(targets[i]?.refId)} on a panel whose data source is ${panelDatasource.kind}`);
        }
      });
    }
    // Grafana interpolates these too, so a misspelt variable there shows up as literal text.
    const fieldConfig = json.fieldConfig as { defaults?: Json } | undefined;
    const links = Array.isArray(json.links) ? (json.links as Json[]) : [];
    checkReferences(where, [json.title, json.description, fieldConfig?.defaults?.displayName, datasourceUid(json)]);
    for (const link of links) checkReferences(where, [link.title, link.url]);
    for (const target of targets) {
      checkReferences(where, [target.expr, target.query, target.legendFormat, target.serviceMapQuery, datasourceUid(target)]);
    }
    checkRepeat(typeof json.repeat === 'string' ? json.repeat : undefined, where);
    return json;
  }

  // Flowing panels never overlap; explicit ones may be placed outside the grid or on each other.
  function checkPositions(sectionPanels: readonly AnyPanel[], placedPanels: readonly GridPosition[], sectionPath: readonly string[]) {
    const explicit: { label: string; box: GridPosition }[] = [];
    sectionPanels.forEach((panel, index) => {
      const position = panel.layoutPosition();
      if (position === undefined) return;
      const where = [...sectionPath, panelLabel(panel, index)];
      const { width } = panel.layoutSize();
      const { x, y } = position;
      if (!Number.isInteger(x) || x < 0 || x + width > GRID_COLUMNS) {
        report(where, `position x ${x} with width ${width} is outside the ${GRID_COLUMNS} columns (x must be a whole number from 0 to ${Math.max(0, GRID_COLUMNS - width)})`);
      }
      if (!Number.isInteger(y) || y < 0) report(where, `position y ${y} is not a whole number of at least 0`);
      const box = placedPanels[index]!;
      const other = explicit.find((e) => boxesOverlap(e.box, box));
      if (other) report(where, `position (${x}, ${y}) overlaps ${other.label}`);
      explicit.push({ label: panelLabel(panel, index), box });
    });
  }

  function checkRepeat(variable: string | undefined, where: readonly string[]) {
    if (variable !== undefined && !known.has(variable)) report(where, `repeats over unknown variable "${variable}"`);
  }

  const json: Json = { uid, title: parts.title };
  if (parts.description !== undefined) json.description = parts.description;
  if (parts.tags.length > 0) json.tags = [...parts.tags];
  if (parts.timezone !== undefined) json.timezone = parts.timezone;
  if (parts.editable !== undefined) json.editable = parts.editable;
  if (parts.graphTooltip !== undefined) json.graphTooltip = GRAPH_TOOLTIP_CODES[parts.graphTooltip];
  if (parts.time !== undefined) json.time = { ...parts.time };
  if (parts.timepicker !== undefined) json.timepicker = structuredClone(parts.timepicker);
  if (parts.fiscalYearStartMonth !== undefined) json.fiscalYearStartMonth = parts.fiscalYearStartMonth;
  if (parts.weekStart !== undefined) json.weekStart = parts.weekStart;
  if (parts.liveNow !== undefined) json.liveNow = parts.liveNow;
  if (parts.refresh !== undefined) json.refresh = parts.refresh;
  json.schemaVersion = SCHEMA_VERSION;
  if (parts.links.length > 0) json.links = parts.links.map((l) => l.build());
  json.annotations = { list: annotations };
  json.templating = { list: variables };
  json.panels = panels;
  return { json: canonicalKeys(dashboard.finish(json)) as unknown as Dashboard, problems, panelsById };
}

function panelLabel(panel: AnyPanel, index: number): string {
  const title = panel.titleText;
  return title ? `panel "${title}"` : `panel #${index + 1}`;
}

function datasourceUid(json: Json): unknown {
  const ds = json.datasource;
  return typeof ds === 'object' && ds !== null ? (ds as Json).uid : undefined;
}

// A close known name is most often what was meant (`$jbo` → `$job`).
function suggestion(name: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? ` (did you mean $${best}?)` : '';
}
