import { boxesOverlap, GRID_COLUMNS, type GridPosition } from '../layout/grid-layout.js';
import type { DashboardProps } from './dashboard-props.js';
import { isLibraryPanel } from './panels/library-panel.js';
import { cloneJson } from './clone-json.js';
import type { AnyPanel } from './row.js';
import { deriveUid, uidProblem } from './uid.js';
import type { Problem } from './validation-error.js';
import { isBuiltinVariable, variableReferences } from './variable-references.js';
import { editDistance } from '../util/did-you-mean.js';

/** Grafana's dashboard schema version that grafts emits. */
export const SCHEMA_VERSION = 42;

const GRAPH_TOOLTIP_CODES = { off: 0, 'shared-crosshair': 1, 'shared-tooltip': 2 } as const;

type Json = Record<string, unknown>;

/**
 * What renderings of one dashboard share, whatever the schema: its checked variables and
 * annotations, the problem list, and the checks every panel, repeat and variable reference
 * goes through. `renderDashboard` (v1) and `renderDashboardV2` lay panels out differently but
 * check them the same way through this. @internal
 */
export interface DashboardRenderContext {
  readonly parts: DashboardProps;
  /** `[...basePath, 'dashboard "<title>"']`: every problem path starts with it. */
  readonly path: readonly string[];
  readonly uid: string;
  readonly problems: Problem[];
  /** Names of the dashboard's variables. */
  readonly known: ReadonlySet<string>;
  report(where: readonly string[], message: string): void;
  /** Reports every `$name` in `texts` that is neither a variable, a built-in nor allowed. */
  checkReferences(where: readonly string[], texts: readonly unknown[]): void;
  /** Reports a repeat over a variable the dashboard does not define. */
  checkRepeat(variable: string | undefined, where: readonly string[]): void;
  /** A panel's JSON with `gridPos` (no `id`), checked: size, queries, refIds, data source kinds, references, repeat. */
  renderPanel(panel: AnyPanel, where: readonly string[], gridPos: GridPosition): Json;
  /** Checks the explicit positions of a section's panels (inside the grid, no overlaps). */
  checkPositions(panels: readonly AnyPanel[], placed: readonly GridPosition[], sectionPath: readonly string[]): void;
  /** The classic top-level JSON without `panels` (uid, title, settings, annotations, templating). */
  header(): Json;
}

/** Builds the {@link DashboardRenderContext} of a dashboard (`builder.parts()`), checking its uid, variables and annotations. @internal */
export function dashboardRenderContext(parts: DashboardProps, basePath: readonly string[] = []): DashboardRenderContext {
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
  const checkReference = (where: readonly string[], text: unknown) => {
    if (typeof text !== 'string') return;
    for (const name of variableReferences(text)) {
      if (!known.has(name) && !isBuiltinVariable(name) && !allowed.has(name)) {
        report(where, `unknown variable $${name} in "${text}"${suggestion(name, known)}`);
      }
    }
  };
  const checkReferences = (where: readonly string[], texts: readonly unknown[]) => {
    for (const text of texts) checkReference(where, text);
  };
  for (const variable of variables) {
    checkReferences([...path, `variable "${String(variable.name)}"`], [variable.query, datasourceUid(variable)]);
  }
  const annotations = parts.annotations.map((a) => a.build() as unknown as Json);
  for (const a of annotations) {
    checkReferences([...path, `annotation "${String(a.name)}"`], [a.expr, a.titleFormat, a.textFormat, datasourceUid(a)]);
  }

  function checkRepeat(variable: string | undefined, where: readonly string[]) {
    if (variable !== undefined && !known.has(variable)) report(where, `repeats over unknown variable "${variable}"`);
  }

  function renderPanel(panel: AnyPanel, where: readonly string[], gridPos: GridPosition): Json {
    const { width, height } = panel.layoutSize();
    if (!Number.isInteger(width) || width < 1 || width > 24) report(where, `width ${width} is not a whole number of columns from 1 to 24`);
    if (!Number.isInteger(height) || height < 1) report(where, `height ${height} is not a whole number of at least 1`);
    // build() returns a fresh object: gridPos goes straight onto it.
    const json: Json = panel.build();
    json.gridPos = { ...gridPos };
    if (isLibraryPanel(panel)) return json;
    const targets = Array.isArray(json.targets) ? (json.targets as Json[]) : [];
    if (panel.needsTargets && targets.length === 0) report(where, `${String(json.type)} panel has no queries`);
    // The refIds the queries get (targets set through `$merge`, the escape hatch, are taken as they are).
    const refIds = panel.refIds();
    if (refIds.length > 1) {
      const seen = new Set<string>();
      for (const refId of refIds) {
        if (seen.has(refId)) report(where, `duplicate refId "${refId}"`);
        seen.add(refId);
      }
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
    checkReference(where, json.title);
    checkReference(where, json.description);
    checkReference(where, fieldConfig?.defaults?.displayName);
    checkReference(where, datasourceUid(json));
    if (Array.isArray(json.links)) {
      for (const link of json.links as Json[]) {
        checkReference(where, link.title);
        checkReference(where, link.url);
      }
    }
    for (const target of targets) {
      checkReference(where, target.expr);
      checkReference(where, target.query);
      checkReference(where, target.legendFormat);
      checkReference(where, target.serviceMapQuery);
      checkReference(where, datasourceUid(target));
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
        report(
          where,
          `position x ${x} with width ${width} is outside the ${GRID_COLUMNS} columns (x must be a whole number from 0 to ${Math.max(0, GRID_COLUMNS - width)})`,
        );
      }
      if (!Number.isInteger(y) || y < 0) report(where, `position y ${y} is not a whole number of at least 0`);
      const box = placedPanels[index]!;
      const other = explicit.find((e) => boxesOverlap(e.box, box));
      if (other) report(where, `position (${x}, ${y}) overlaps ${other.label}`);
      explicit.push({ label: panelLabel(panel, index), box });
    });
  }

  function header(): Json {
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
    json.annotations = { list: cloneJson(annotations) };
    json.templating = { list: cloneJson(variables) };
    return json;
  }

  return { parts, path, uid, problems, known, report, checkReferences, checkRepeat, renderPanel, checkPositions, header };
}

/** `panel "Title"`, or `panel #n` (1-based in its section) for an untitled one. */
export function panelLabel(panel: AnyPanel, index: number): string {
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
