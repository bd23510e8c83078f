import { layoutGrid, type GridPosition } from '../../layout/grid-layout.js';
import { isPlainObject } from '../../model/deep-merge.js';
import type { DashboardBuilder } from '../../model/dashboard.js';
import { renderDashboard } from '../../model/dashboard-render.js';
import type { RowBuilder } from '../../model/row.js';
import { deriveUid } from '../../model/uid.js';
import { formatProblem } from '../../model/validation-error.js';
import { jsonEqual as sameJson } from './json-equal.js';
import { call, evaluateExpr, json, object, ref, type Expr } from './code-model.js';
import { emitModule } from './emit-module.js';
import { ImportContext, type ImportConfigHook } from './import-context.js';
import { ImportError, MAX_JSON_DEPTH } from './import-error.js';
import { importPanel } from './import-panel.js';
import { allowUndefinedVariables, importDashboardHeader } from './import-dashboard-header.js';
import { recognizeRedDashboard } from './recognize-red-dashboard.js';
import { recognizeRedRow } from './recognize-red-row.js';
import { flowPlan, type PlacedBox } from './layout-order.js';
import { mergePatch } from './merge-patch.js';
import type { PulledFolderInfo } from '../../sync/pulled-folder-file.js';
import { migrateLegacy } from './migrate-legacy.js';
import { applyGrafanaLoadFixes } from './grafana-load-fixes.js';
import { dashboardFileName } from './dashboard-file-name.js';
import { resolveInputs } from './resolve-inputs.js';
import { normalizeForRoundTrip, normalizePanel } from './round-trip-normalize.js';
import { analyzeDashboardV2 } from './import-dashboard-v2.js';
import { fromV2beta1Spec } from '../../render/v2/from-v2beta1-spec.js';
import { fromV2alpha1Spec } from '../../render/v2/from-v2alpha1-spec.js';

export type { ImportConfigHook } from './import-context.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };

/** Options of {@link importDashboard}. */
export interface ImportDashboardOptions {
  /** Where the JSON came from (a file path), for notes and errors. */
  source: string;
  /** The module the generated code imports builders from (default `grafts`). */
  importPath?: string;
  /** Lifts query text into a mixin config (see {@link ImportConfigHook}). */
  config?: ImportConfigHook;
  /**
   * The Grafana folder the dashboard is in, as the chain from the top folder down (what
   * `dash pull` records in `.folder.json` files): the code declares them with `folder()` and
   * puts the dashboard in the last with `.folder(...)`.
   */
  folders?: readonly PulledFolderInfo[];
}

/** One imported dashboard. */
export interface ImportedDashboard {
  /** The source file's name in kebab case, `.dash.ts` (see {@link dashboardFileName}). */
  fileName: string;
  /** The generated module, formatted with prettier. */
  code: string;
  uid: string;
  /** What changed on the way (legacy migrations, parts kept verbatim, layout differences). */
  notes: string[];
  /**
   * Whether building the generated code gives back the input exactly (after
   * {@link normalizeForRoundTrip}, and after the legacy migrations the notes list).
   */
  exact: boolean;
  /** Why not, when {@link exact} is false (validation problems of the built dashboard, layout). */
  differences: string[];
  /**
   * What `dash build` would reject in the generated code (validation problems of the dashboard
   * it builds), empty when it builds. `dash import` refuses to write code with any.
   */
  buildProblems: string[];
}

/**
 * Turns dashboard JSON into a `.dash.ts` module written with the builder API the way a person
 * would: variables as named constants referenced by queries and titles, rows as structure,
 * sizes only where they differ from 12×8, a declaration order the grid layout reproduces and
 * explicit `.position(x, y)` only for the panels no order can place (e.g. panels stacked
 * beside a taller one), setters for what the builders express and one `$merge` per builder
 * for the rest.
 * Legacy dashboards (`rows[]`, `graph`, `singlestat`) are migrated first, as Grafana would.
 * Before returning, the generated builders are evaluated and compared with the input, so
 * {@link ImportedDashboard.exact} says whether the round trip is exact.
 *
 * Accepts a dashboard, Grafana's `{ dashboard, meta }` API envelope, or a Kubernetes-style
 * `{ apiVersion, kind, metadata, spec }` object. Schema v2 (a `dashboard.grafana.app/v2`,
 * `v2beta1` or `v2alpha1` resource, or a bare spec with `elements` and `layout`) is imported
 * with the v2 builders and `.schema('v2')` (see {@link analyzeDashboardV2}).
 *
 * @throws {ImportError} input that is not a dashboard, or nested deeper than {@link MAX_JSON_DEPTH}.
 * @example
 * const { fileName, code } = await importDashboard(JSON.parse(text), { source: 'api.json' });
 * // fileName: 'api.dash.ts'
 * // code: "import { dashboard, prometheus, ... } from 'grafts';\n\nconst job = queryVariable('job')...\n\nexport default dashboard('API')..."
 */
export async function importDashboard(input: unknown, options: ImportDashboardOptions): Promise<ImportedDashboard> {
  const imported = analyzeDashboard(input, options);
  const code = await emitModule({
    source: options.source,
    importPath: options.importPath ?? 'grafts',
    imports: imported.ctx.imports,
    constants: imported.ctx.constants,
    dashboard: imported.expr,
    notes: imported.notes,
    ...(options.config ? { config: options.config } : {}),
  });
  return {
    fileName: imported.fileName,
    code,
    uid: imported.uid,
    notes: imported.notes,
    exact: imported.differences.length === 0,
    differences: imported.differences,
    buildProblems: imported.buildProblems,
  };
}

/** The analysis behind {@link importDashboard}, without emitting code. @internal */
export function analyzeDashboard(input: unknown, options: ImportDashboardOptions) {
  const source = options.source;
  const v2 = v2InputOf(input, source);
  if (v2 !== undefined) return analyzeV2(v2, options);
  const raw = unwrap(input, source);
  const protoKeys = checkDepth(raw, source);
  const notes: string[] = [];
  const migrated = applyGrafanaLoadFixes(resolveInputs(migrateLegacy(raw, notes), notes), notes);
  const desired = normalizeForRoundTrip(migrated);
  const ctx = new ImportContext(options.config);

  const title = typeof desired.title === 'string' && desired.title.trim() !== '' ? desired.title : 'Untitled';
  const uidText = typeof desired.uid === 'string' && desired.uid !== '' ? desired.uid : deriveUid(title);
  let expr: Chain = importDashboardHeader(ctx, desired);

  // Panels: sections under rows, sizes from gridPos, positions checked against the layout.
  const differences: string[] = protoKeys.map(
    (p) => `${p}: a key named "__proto__" cannot be carried over (object literals and merges read it as the prototype); dropped`,
  );
  notes.push(...differences);
  const panels = Array.isArray(desired.panels) ? desired.panels : [];
  const sections = splitSections(panels, differences);
  reorderForLayout(sections);
  const sizes = sections.map((s) =>
    s.panels.map((p, j) => {
      const position = s.positions?.[j];
      return { ...sizeOf(p), ...(position ? { position } : {}) };
    }),
  );
  const placed = layoutGrid(sections.map((s, i) => ({ ...(s.row ? { row: { collapsed: s.row.collapsed === true } } : {}), panels: sizes[i]! })));
  let misplaced = 0;
  sections.forEach((s, i) => {
    if (s.row && !samePosition(s.row.gridPos, placed[i]!.row!)) misplaced++;
    s.panels.forEach((p, j) => {
      if (!samePosition(p.gridPos, placed[i]!.panels[j]!)) misplaced++;
    });
  });
  if (misplaced > 0) {
    const message = `layout: ${misplaced} panel position(s) cannot be reproduced (panels overlapping each other, or a gridPos not in whole grid units); sizes kept, positions follow the layout`;
    notes.push(message);
    differences.push(message);
  }
  const panelExprs: Chain[] = [];
  const rowExprs: Chain[] = [];
  sections.forEach((s, i) => {
    const label = s.row ? `row "${String(s.row.title)}" › panel` : 'panel';
    // A row that is exactly a RED helper's output becomes that call (see recognize-red-row.ts).
    const helper = s.row ? recognizeRedRow(ctx, s.row, s.panels) : undefined;
    const children = helper
      ? []
      : s.panels.map((p, j) => importPanel(ctx, p, `${label} "${typeof p.title === 'string' ? p.title : `#${j + 1}`}"`, sizes[i]![j]!));
    if (!s.row) {
      panelExprs.push(...children);
      return;
    }
    let rowExpr = helper ?? ctx.factory('row', typeof s.row.title === 'string' ? ctx.text(s.row.title) : json(''));
    if (!helper && s.row.collapsed === true) rowExpr = call(rowExpr, 'collapsed');
    if (typeof s.row.repeat === 'string' && ctx.variables.has(s.row.repeat)) rowExpr = call(rowExpr, 'repeat', ref(ctx.variables.get(s.row.repeat)!));
    if (children.length > 0) rowExpr = call(rowExpr, 'panel', ...children);
    const header: Json = { ...s.row };
    delete header.gridPos;
    if (s.row.collapsed === true) delete header.panels;
    rowExpr = ctx.finish(rowExpr, header, (b: RowBuilder) => {
      const rendered = b.finishHeader(b.renderHeader());
      if (s.row!.collapsed === true) delete rendered.panels;
      return normalizePanel(rendered);
    });
    rowExprs.push(rowExpr);
  });
  if (panelExprs.length > 0) expr = call(expr, 'panel', ...panelExprs);
  if (rowExprs.length > 0) expr = call(expr, 'row', ...rowExprs);
  expr = recognizeRedDashboard(ctx, expr) ?? expr;
  if (options.folders && options.folders.length > 0) expr = call(expr, 'folder', declareFolders(ctx, options.folders));

  const first = renderDashboard((evaluateExpr(expr, ctx.scope) as DashboardBuilder).parts());

  expr = allowUndefinedVariables(expr, first.problems, notes);

  // Whatever the dashboard-level setters left out goes into one last `$merge`.
  const actualTop = normalizeForRoundTrip(first.json as unknown as Json);
  const { panels: _a, ...actualRest } = actualTop;
  const { panels: _d, ...desiredRest } = desired;
  const patch = mergePatch(actualRest, desiredRest);
  if (patch !== undefined) {
    if (Object.hasOwn(patch, 'title') && typeof desired.title !== 'string') notes.push('title is not a string; kept verbatim');
    expr = call(expr, '$merge', json(patch));
  }
  const final = renderDashboard((evaluateExpr(expr, ctx.scope) as DashboardBuilder).parts());
  const buildProblems = final.problems.map((p) => formatProblem(p));
  for (const problem of buildProblems) differences.push(`validation: ${problem}`);
  if (buildProblems.length > 0) notes.push(`the generated code does not build: ${buildProblems.join('; ')}`);
  if (misplaced === 0 && final.problems.length === 0) {
    const built = normalizeForRoundTrip(final.json as unknown as Json);
    if (!sameJson(built, desired)) differences.push('importer: the built dashboard differs from the input (please report this)');
  }
  const fileName = dashboardFileName(source, uidText, title);
  return { ctx, expr, notes: [...notes, ...ctx.notes], differences, buildProblems, uid: uidText, fileName };
}

// `const payments = folder('Payments')`, `const paymentsApi = folder('API', { parent: payments })`, …;
// a uid is spelt out only where it is not the one folder() derives from the titles.
function declareFolders(ctx: ImportContext, chain: readonly PulledFolderInfo[]): Expr {
  let parent: { name: string; path: string[] } | undefined;
  for (const f of chain) {
    const titles = [...(parent?.path ?? []), f.title];
    const entries: [string, Expr][] = [];
    if (parent) entries.push(['parent', ref(parent.name)]);
    if (f.uid !== deriveUid(titles.join(' '))) entries.push(['uid', json(f.uid)]);
    const name = ctx.names.take(`${titles.join(' ')} folder`);
    ctx.declare(name, ctx.factory('folder', json(f.title), ...(entries.length > 0 ? [object(entries)] : [])));
    parent = { name, path: titles };
  }
  return ref(parent!.name);
}

interface Section {
  row?: Json;
  panels: Json[];
  /** Explicit positions (relative to the section's content top), by panel index, where the flow cannot place a panel. */
  positions?: ({ x: number; y: number } | undefined)[];
}

function splitSections(panels: readonly unknown[], differences: string[]): Section[] {
  const top: Section = { panels: [] };
  const sections: Section[] = [top];
  let current: Section = top;
  let loose = 0;
  for (const p of panels) {
    if (!isPlainObject(p)) continue;
    if (p.type === 'row') {
      current = { row: p, panels: p.collapsed === true && Array.isArray(p.panels) ? p.panels.filter(isPlainObject) : [] };
      sections.push(current);
    } else if (current.row?.collapsed === true) {
      // Shown under a collapsed row's header without being in it: no builder structure says
      // that, so it goes above the rows (and its position differs).
      top.panels.push(p);
      loose++;
    } else {
      current.panels.push(p);
    }
  }
  if (loose > 0) differences.push(`layout: ${loose} panel(s) sit after a collapsed row without being in it; placed above the rows`);
  return top.panels.length > 0 || sections.length === 1 ? sections : sections.slice(1);
}

// Declaration order is free (the dashboard sorts panels by position); pick one the flow
// layout reproduces, section by section, from where each section starts, with explicit
// positions only for the panels no order lets the flow place.
function reorderForLayout(sections: Section[]): void {
  let top = 0;
  for (const s of sections) {
    const contentTop = s.row ? top + 1 : top;
    if (s.row && isPlainObject(s.row.gridPos) && typeof s.row.gridPos.y === 'number') top = s.row.gridPos.y;
    const start = s.row ? top + 1 : contentTop;
    const boxes = s.panels.map((p) => (isPlainObject(p.gridPos) ? p.gridPos : {}));
    const valid = boxes.every((b) => ['x', 'y', 'w', 'h'].every((k) => typeof b[k] === 'number' && Number.isInteger(b[k])));
    if (valid) {
      const plan = flowPlan(boxes as unknown as PlacedBox[], start);
      if (plan.explicit.size > 0)
        s.positions = plan.order.map((i) => (plan.explicit.has(i) ? { x: boxes[i]!.x as number, y: (boxes[i]!.y as number) - start } : undefined));
      s.panels = plan.order.map((i) => s.panels[i]!);
    }
    const bottom = Math.max(start, ...boxes.map((b) => (typeof b.y === 'number' && typeof b.h === 'number' ? b.y + b.h : start)));
    top = s.row?.collapsed === true ? start : bottom;
  }
}

function sizeOf(panel: Json): { width: number; height: number } {
  const g = isPlainObject(panel.gridPos) ? panel.gridPos : {};
  const width = typeof g.w === 'number' && Number.isInteger(g.w) && g.w >= 1 && g.w <= 24 ? g.w : 12;
  const height = typeof g.h === 'number' && Number.isInteger(g.h) && g.h >= 1 && g.h <= 1000 ? g.h : 8;
  return { width, height };
}

function samePosition(gridPos: unknown, placed: GridPosition): boolean {
  if (!isPlainObject(gridPos)) return false;
  const keys = Object.keys(gridPos);
  return keys.length === 4 && gridPos.x === placed.x && gridPos.y === placed.y && gridPos.w === placed.w && gridPos.h === placed.h;
}

function unwrap(input: unknown, source: string): Json {
  if (!isPlainObject(input)) throw new ImportError(source, '$', `expected a dashboard object, got ${describe(input)}`);
  if (isPlainObject(input.dashboard) && isPlainObject(input.meta)) return input.dashboard;
  if (typeof input.apiVersion === 'string' && isPlainObject(input.spec) && isPlainObject(input.metadata)) {
    const name = input.metadata.name;
    return typeof name === 'string' && input.spec.uid === undefined ? { ...input.spec, uid: name } : input.spec;
  }
  const looksLikeDashboard = typeof input.title === 'string' || Array.isArray(input.panels) || Array.isArray(input.rows) || isPlainObject(input.templating);
  if (!looksLikeDashboard) {
    throw new ImportError(source, '$', 'not a dashboard: no "title", "panels", "rows" or "templating"');
  }
  return input;
}

/** A schema v2 dashboard found in the input: its spec in the v2 shape, its uid if named, where it is. */
interface V2Input {
  readonly spec: Json;
  readonly uid?: string;
  /** JSON path of the spec in the input. */
  readonly at: string;
  readonly apiVersion?: string;
}

const isV2Spec = (spec: unknown): boolean => isPlainObject(spec) && isPlainObject(spec.elements) && isPlainObject(spec.layout);

// Schema v2 (`elements` + `layout`): a `dashboard.grafana.app/v2*` resource, or a bare spec
// (also inside the `{ dashboard, meta }` envelope). Older shapes are brought to v2 first.
function v2InputOf(input: unknown, source: string): V2Input | undefined {
  if (!isPlainObject(input)) return undefined;
  const apiVersion = typeof input.apiVersion === 'string' ? input.apiVersion : undefined;
  const version = apiVersion === undefined ? undefined : /^dashboard\.grafana\.app\/(v2\w*)$/.exec(apiVersion)?.[1];
  if (version !== undefined) {
    checkNoProtoKeys(input, source);
    if (!isPlainObject(input.spec)) throw new ImportError(source, '$.spec', `a ${apiVersion} resource needs a spec object`);
    const name = isPlainObject(input.metadata) && typeof input.metadata.name === 'string' && input.metadata.name !== '' ? input.metadata.name : undefined;
    let spec: Json;
    if (version === 'v2') spec = input.spec;
    else if (version === 'v2beta1') spec = fromV2beta1Spec(input.spec);
    else if (version === 'v2alpha1') spec = fromV2alpha1Spec(input.spec);
    else throw new ImportError(source, '$.apiVersion', `unknown schema v2 version ${JSON.stringify(apiVersion)} (v2, v2beta1 or v2alpha1)`);
    return { spec, ...(name !== undefined && { uid: name }), at: '$.spec', apiVersion: apiVersion! };
  }
  if (apiVersion !== undefined && isV2Spec(input.spec)) {
    throw new ImportError(source, '$.apiVersion', `${JSON.stringify(apiVersion)} is not a schema v2 version, but the spec is v2-shaped (elements + layout)`);
  }
  if (isV2Spec(input)) {
    checkNoProtoKeys(input, source);
    return { spec: fromV2beta1Spec(input), at: '$' };
  }
  if (isV2Spec(input.dashboard) && isPlainObject(input.meta)) {
    checkNoProtoKeys(input, source);
    return { spec: fromV2beta1Spec(input.dashboard as Json), at: '$.dashboard' };
  }
  return undefined;
}

// Depth first (a hostile nesting is refused before anything walks it), then no `__proto__`
// key: the v2 import refuses what it cannot carry over instead of dropping it.
function checkNoProtoKeys(input: Json, source: string): void {
  const protoKeys = checkDepth(input, source);
  if (protoKeys.length > 0)
    throw new ImportError(source, protoKeys[0]!, 'a key named "__proto__" cannot be carried over (object literals and merges read it as the prototype)');
}

function analyzeV2(v2: V2Input, options: ImportDashboardOptions) {
  const ctx = new ImportContext(options.config);
  const folders = options.folders;
  const result = analyzeDashboardV2(ctx, v2.spec, {
    source: options.source,
    at: v2.at,
    ...(v2.uid !== undefined && { uid: v2.uid }),
    ...(folders && folders.length > 0 && { extend: (expr: Chain) => call(expr, 'folder', declareFolders(ctx, folders)) }),
  });
  const notes = [
    `schema v2${v2.apiVersion ? ` (${v2.apiVersion})` : ''}: the dashboard is written with .schema('v2'); the target's API version decides between v2 and v2beta1 when it is built`,
    ...result.notes,
  ];
  return {
    ctx,
    expr: result.expr,
    notes,
    differences: result.buildProblems.map((p) => `validation: ${p}`),
    buildProblems: result.buildProblems,
    uid: result.uid,
    fileName: dashboardFileName(options.source, result.uid, result.title),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

// Iterative, so hostile nesting cannot overflow the stack before it is rejected. Returns the
// paths of `__proto__` keys (JSON.parse makes them own properties; nothing downstream can).
function checkDepth(root: unknown, source: string): string[] {
  const protoKeys: string[] = [];
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: '$' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw new ImportError(source, path, `nesting deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: `${path}[${i}]` }));
    else {
      for (const [k, v] of Object.entries(value)) {
        const child = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        if (k === '__proto__') protoKeys.push(child);
        stack.push({ value: v, depth: depth + 1, path: child });
      }
    }
  }
  return protoKeys.sort();
}
