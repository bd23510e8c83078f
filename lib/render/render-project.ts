import type { Dashboard } from '../generated/index.js';
import { isDashboardBuilder, type DashboardBuilder, type DashboardSchema } from '../model/dashboard.js';
import type { Folder } from '../model/folder.js';
import { renderDashboard } from '../model/dashboard-render.js';
import { ValidationError, type Problem } from '../model/validation-error.js';
import type { DashboardV2Spec } from './v2/dashboard-v2-spec.js';
import { renderDashboardV2 } from './v2/render-dashboard-v2.js';
import { v2OnlyFeatures } from '../model/v2-only-features.js';

/** One evaluated source file of a project. */
export interface ProjectEntry {
  /** The file path relative to the project directory (used in problem paths). */
  readonly source: string;
  /** The module's default export: a dashboard or an array of dashboards. */
  readonly exported: unknown;
}

interface RenderedDashboardCommon {
  readonly uid: string;
  readonly title: string;
  /** The folder set with `.folder()`, if any. */
  readonly folder?: Folder;
  readonly source: string;
  readonly panelCount: number;
  readonly queryCount: number;
}

/** A dashboard rendered as classic JSON. */
export interface RenderedDashboardV1 extends RenderedDashboardCommon {
  readonly schema: 'v1';
  readonly json: Dashboard;
}

/** A dashboard rendered as a schema v2 spec (no uid inside: it is {@link RenderedDashboardCommon.uid}). */
export interface RenderedDashboardV2 extends RenderedDashboardCommon {
  readonly schema: 'v2';
  /** The v2 **spec**, not the resource (see `dashboardV2Resource`). */
  readonly json: DashboardV2Spec;
}

/** A dashboard rendered from a project file, in the schema chosen for it. */
export type RenderedDashboard = RenderedDashboardV1 | RenderedDashboardV2;

/** How {@link renderProject} picks each dashboard's schema. */
export interface SchemaSelection {
  /** Every dashboard in this schema, whatever it asks for (a target's `schema`, `--schema`). */
  readonly schema?: DashboardSchema;
  /** For dashboards that set no `.schema()` (the project's `schema`). @default 'v1' */
  readonly defaultSchema?: DashboardSchema;
}

/**
 * The schema a dashboard renders in: a forced schema (target or command line) wins, then the
 * dashboard's own `.schema()`; a dashboard using a v2-only feature (tabs, auto grid, show/hide
 * rules, nested rows) is v2; then the project default, then `v1`. A forced `v1` on a dashboard
 * that needs v2 renders as v1 and fails with a problem naming the feature.
 *
 * @example
 * schemaFor(dashboard('A').tabs(tab('x')))                  // → 'v2'
 * schemaFor(dashboard('A').tabs(tab('x')), { schema: 'v1' }) // → 'v1' (and the build fails: tabs need v2)
 */
export function schemaFor(builder: DashboardBuilder, selection: SchemaSelection = {}): DashboardSchema {
  return selection.schema ?? builder.schemaChoice ?? (v2OnlyFeatures(builder).length > 0 ? 'v2' : (selection.defaultSchema ?? 'v1'));
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
export function renderProject(entries: readonly ProjectEntry[], selection: SchemaSelection = {}): RenderedProject {
  const problems: Problem[] = [];
  const dashboards = [...renderEachDashboard(entries, selection, problems)];
  if (problems.length > 0) throw new ValidationError(problems);
  return { dashboards };
}

/**
 * {@link renderProject} one dashboard at a time: yields each dashboard as soon as it is rendered
 * (valid or not) and appends the problems found to `problems` as it goes, so a caller can write
 * and drop each dashboard instead of keeping all of them. The caller throws when `problems` is
 * not empty at the end.
 *
 * @example
 * const problems: Problem[] = [];
 * for (const d of renderEachDashboard(entries, {}, problems)) output.write({ path: `dashboards/${d.uid}.json`, contents: toJson(d.json) });
 * if (problems.length > 0) throw new ValidationError(problems);
 */
export function* renderEachDashboard(entries: readonly ProjectEntry[], selection: SchemaSelection, problems: Problem[]): Generator<RenderedDashboard> {
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
      const schema = schemaFor(builder, selection);
      const rendered = renderIn(schema, builder, entry.source);
      problems.push(...rendered.problems);
      const uid = rendered.uid;
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
      const common = { uid, title: builder.titleText, source: entry.source, ...(folder ? { folder } : {}) };
      yield rendered.schema === 'v1'
        ? { ...common, schema: 'v1', json: rendered.json, ...count(rendered.json) }
        : { ...common, schema: 'v2', json: rendered.json, ...countV2(rendered.json) };
    }
  }
}

type RenderedIn =
  | { schema: 'v1'; uid: string; json: Dashboard; problems: readonly Problem[] }
  | { schema: 'v2'; uid: string; json: DashboardV2Spec; problems: readonly Problem[] };

function renderIn(schema: DashboardSchema, builder: DashboardBuilder, source: string): RenderedIn {
  if (schema === 'v2') {
    const { uid, spec, problems } = renderDashboardV2(builder, [source]);
    return { schema, uid, json: spec, problems };
  }
  const { json, problems } = renderDashboard(builder.parts(), [source]);
  return { schema, uid: String(json.uid), json, problems };
}

function countV2(spec: DashboardV2Spec): { panelCount: number; queryCount: number } {
  let queryCount = 0;
  const elements = Object.values(spec.elements);
  for (const element of elements) if (element.kind === 'Panel') queryCount += element.spec.data.spec.queries.length;
  return { panelCount: elements.length, queryCount };
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
