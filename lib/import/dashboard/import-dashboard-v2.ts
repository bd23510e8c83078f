import { applyMerges, isPlainObject } from '../../model/deep-merge.js';
import type { DashboardBuilder } from '../../model/dashboard.js';
import { dashboardRenderContext } from '../../model/dashboard-render-context.js';
import { deriveUid } from '../../model/uid.js';
import { formatProblem } from '../../model/validation-error.js';
import { renderDashboardV2 } from '../../render/v2/render-dashboard-v2.js';
import { classicHeaderOfV2, classicPanelOfV2, type Refuse } from './classic-of-v2.js';
import { call, evaluateExpr, json, object, ref, type Expr } from './code-model.js';
import type { ImportContext } from './import-context.js';
import { allowUndefinedVariables, importDashboardHeader } from './import-dashboard-header.js';
import { ImportError } from './import-error.js';
import { importPanel } from './import-panel.js';
import { jsonEqual } from './json-equal.js';
import { flowPlan } from './layout-order.js';
import { mergePatch } from './merge-patch.js';
import { normalizeV2ForRoundTrip, type NormalizedV2 } from './normalize-v2-for-round-trip.js';
import { normalizeForRoundTrip } from './round-trip-normalize.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };
/** Builder calls a section's content becomes: `['row', [row(…), row(…)]]`, `['autoGrid', [autoGrid(…)]]`, … */
type Calls = [method: 'panel' | 'row' | 'tabs' | 'autoGrid', args: Expr[]][];

/** What {@link analyzeDashboardV2} found: the dashboard chain, notes and build problems. */
export interface AnalyzedDashboardV2 {
  readonly expr: Chain;
  readonly uid: string;
  readonly title: string;
  readonly notes: string[];
  readonly buildProblems: string[];
}

const OPERATORS: Readonly<Record<string, string>> = {
  equals: 'variableEquals',
  notEquals: 'variableNotEquals',
  matches: 'variableMatches',
  notMatches: 'variableNotMatches',
};
const COLUMN_WIDTHS = new Set(['narrow', 'standard', 'wide', 'custom']);
const ROW_HEIGHTS = new Set(['short', 'standard', 'tall', 'custom']);

/**
 * Turns a schema v2 spec (in the v2 shape; `fromV2beta1Spec` first for v2beta1) into a
 * `dashboard(…).schema('v2')` chain written with the v2 builders: tabs, rows as sections
 * (nested too), auto grids, grid placement, repeats and show/hide rules. Panels, queries,
 * variables, annotations and links go through the classic importer's emission, by way of the
 * exact v2 → v1 mapping of each part (`classic-of-v2.ts`).
 *
 * The generated builders are evaluated and rendered as v2 before returning: anything they
 * cannot give back (after {@link normalizeV2ForRoundTrip}) is an {@link ImportError} naming
 * the JSON path in the input, never a silent drop.
 *
 * @param at the JSON path of the spec in the input (`$.spec` for a resource, `$` for a bare spec).
 * @throws {ImportError} a v2 part the builders cannot express.
 * @example
 * analyzeDashboardV2(ctx, spec, { uid: 'api', source: 'api.json', at: '$.spec' }).expr
 * // → dashboard('API').uid('api').schema('v2').tabs(tab('Overview').autoGrid(autoGrid().panel(stat('Up')…)))
 */
export function analyzeDashboardV2(
  ctx: ImportContext,
  spec: Json,
  options: { uid?: string; source: string; at: string; extend?: (expr: Chain) => Chain },
): AnalyzedDashboardV2 {
  const { source, at } = options;
  const refuse: Refuse = (jsonPath, reason) => {
    throw new ImportError(source, jsonPath, reason);
  };
  if (typeof spec.title !== 'string') refuse(`${at}.title`, 'a v2 dashboard needs a title');
  const normalized = normalizeV2ForRoundTrip(spec, at, refuse);
  const desired = normalized.spec;
  const notes: string[] = [];
  const classicHeader = normalizeForRoundTrip({
    ...classicHeaderOfV2({ ...desired, elements: {}, layout: {} }, at, refuse),
    ...(options.uid !== undefined && { uid: options.uid }),
  });
  const title = typeof classicHeader.title === 'string' && classicHeader.title.trim() !== '' ? classicHeader.title : 'Untitled';
  const uid = options.uid ?? deriveUid(title);

  let expr = call(importDashboardHeader(ctx, classicHeader), 'schema', json('v2'));
  const walker = new LayoutImport(ctx, desired.elements as Json, normalized, refuse, at);
  for (const [method, args] of walker.section(desired.layout as Json, [])) expr = call(expr, method, ...args);
  if (options.extend) expr = options.extend(expr);

  const render = (e: Chain) => renderDashboardV2(evaluateExpr(e, ctx.scope) as DashboardBuilder);
  expr = allowUndefinedVariables(expr, render(expr).problems, notes);

  // Whatever the header setters left out goes into one last `$merge`, computed on the classic
  // header the v2 header is rendered from (so it holds only what v2 has a place for).
  const builder = evaluateExpr(expr, ctx.scope) as DashboardBuilder;
  const parts = builder.parts();
  const actual = normalizeForRoundTrip(applyMerges(dashboardRenderContext(parts).header(), parts.merges));
  const patch = mergePatch(actual, classicHeader);
  if (patch !== undefined) expr = call(expr, '$merge', json(patch));

  const final = render(expr);
  const buildProblems = final.problems.map((p) => formatProblem(p));
  if (buildProblems.length > 0) notes.push(`the generated code does not build: ${buildProblems.join('; ')}`);
  else {
    if (final.uid !== uid) refuse(at, `the uid ${JSON.stringify(uid)} cannot be reproduced (built ${JSON.stringify(final.uid)})`);
    const built = normalizeV2ForRoundTrip(final.spec as unknown as Json).spec;
    const difference = firstDifference(built, desired, []);
    if (difference !== undefined)
      refuse(sourcePathOf(difference.path, normalized, desired, at), `cannot be expressed with the builders: ${difference.message}`);
  }
  return { expr, uid, title, notes: [...notes, ...ctx.notes], buildProblems };
}

/** Walks a normalised v2 layout and emits builder calls for each section. */
class LayoutImport {
  constructor(
    private readonly ctx: ImportContext,
    private readonly elements: Json,
    private readonly normalized: NormalizedV2,
    private readonly refuse: Refuse,
    private readonly at: string,
  ) {}

  private pathOf(node: object): string {
    return this.normalized.sourcePaths.get(node) ?? '$';
  }

  private variable(name: unknown, at: string, what: string): Expr {
    const constant = typeof name === 'string' ? this.ctx.variables.get(name) : undefined;
    if (constant === undefined) this.refuse(at, `${what} over ${JSON.stringify(name)}, which is not a variable of the dashboard`);
    return ref(constant!);
  }

  private repeatOf(repeat: unknown, at: string, keys: readonly string[]): Json | undefined {
    if (repeat === undefined) return undefined;
    if (!isPlainObject(repeat) || repeat.mode !== 'variable' || typeof repeat.value !== 'string')
      this.refuse(at, 'expected a repeat { mode: "variable", value: "<variable>" }');
    for (const k of Object.keys(repeat as Json))
      if (k !== 'mode' && k !== 'value' && !keys.includes(k)) this.refuse(`${at}.${k}`, `repeat key "${k}" has no builder equivalent here`);
    return repeat as Json;
  }

  /** The calls a section with this layout becomes (`label` is where it is, for notes). */
  section(layout: Json, label: readonly string[]): Calls {
    const spec = layout.spec as Json;
    switch (layout.kind) {
      case 'GridLayout':
        return this.grid(spec.items as Json[], label);
      case 'AutoGridLayout':
        return [['autoGrid', [this.autoGrid(layout, label)]]];
      case 'RowsLayout':
        return this.rows(layout, label);
      default:
        return [['tabs', (spec.tabs as Json[]).map((t) => this.tab(t, label))]];
    }
  }

  private panelOf(item: Json, label: readonly string[]): { panel: Json; queryKinds: readonly (string | undefined)[]; label: string } {
    const name = ((item.spec as Json).element as Json).name as string;
    const sourceName = this.normalized.sourceNames.get(name) ?? name;
    const { panel, queryKinds } = classicPanelOfV2(this.elements[name], `${this.at}.elements[${JSON.stringify(sourceName)}]`, this.refuse);
    const title = typeof panel.title === 'string' && panel.title !== '' ? `panel "${panel.title}"` : `panel ${name}`;
    return { panel, queryKinds, label: [...label, title].join(' › ') };
  }

  private grid(items: readonly Json[], label: readonly string[]): Calls {
    if (items.length === 0) return [];
    const boxes = items.map((item) => {
      const s = item.spec as Json;
      return { x: s.x as number, y: s.y as number, w: s.width as number, h: s.height as number };
    });
    const plan = flowPlan(boxes, 0);
    const panels = plan.order.map((i) => {
      const item = items[i]!;
      const s = item.spec as Json;
      const { panel, queryKinds, label: where } = this.panelOf(item, label);
      const repeat = this.repeatOf(s.repeat, `${this.pathOf(item)}.spec.repeat`, ['direction', 'maxPerRow']);
      if (repeat) {
        this.variable(repeat.value, `${this.pathOf(item)}.spec.repeat.value`, 'repeats');
        panel.repeat = repeat.value;
        if (repeat.direction !== undefined) panel.repeatDirection = repeat.direction;
        if (repeat.maxPerRow !== undefined) panel.maxPerRow = repeat.maxPerRow;
      }
      const box = boxes[i]!;
      return importPanel(
        this.ctx,
        panel,
        where,
        { width: box.w, height: box.h, ...(plan.explicit.has(i) && { position: { x: box.x, y: box.y } }) },
        queryKinds,
      );
    });
    return [['panel', panels]];
  }

  private autoGrid(layout: Json, label: readonly string[]): Chain {
    const spec = layout.spec as Json;
    const at = `${this.pathOf(layout)}.spec`;
    const options: [string, Expr][] = [];
    if (spec.maxColumnCount !== undefined) options.push(['maxColumns', json(spec.maxColumnCount)]);
    const size = (modeKey: string, valueKey: string, option: string, modes: ReadonlySet<string>) => {
      const mode = spec[modeKey] ?? 'standard';
      if (typeof mode !== 'string' || !modes.has(mode))
        this.refuse(`${at}.${modeKey}`, `unknown ${modeKey} ${JSON.stringify(mode)} (${[...modes].join(', ')})`);
      if (mode === 'custom') {
        if (typeof spec[valueKey] !== 'number') this.refuse(`${at}.${valueKey}`, `${modeKey} custom needs ${valueKey} in pixels`);
        options.push([option, json(spec[valueKey])]);
      } else {
        if (spec[valueKey] !== undefined) this.refuse(`${at}.${valueKey}`, `${valueKey} applies only with ${modeKey} custom`);
        if (mode !== 'standard') options.push([option, json(mode)]);
      }
    };
    size('columnWidthMode', 'columnWidth', 'columnWidth', COLUMN_WIDTHS);
    size('rowHeightMode', 'rowHeight', 'rowHeight', ROW_HEIGHTS);
    if (spec.fillScreen !== undefined) options.push(['fillScreen', json(spec.fillScreen)]);
    let grid = this.ctx.factory('autoGrid', ...(options.length > 0 ? [object(options)] : []));
    const plain: Expr[] = [];
    const flush = () => {
      if (plain.length > 0) grid = call(grid, 'panel', ...plain.splice(0));
    };
    for (const item of spec.items as Json[]) {
      const s = item.spec as Json;
      const itemAt = this.pathOf(item);
      const { panel, queryKinds, label: where } = this.panelOf(item, [...label, 'auto grid']);
      const expr = importPanel(this.ctx, panel, where, { width: 12, height: 8 }, queryKinds);
      const entries: [string, Expr][] = [];
      if (s.conditionalRendering !== undefined) {
        const { method, args } = this.rule(s.conditionalRendering, `${itemAt}.spec.conditionalRendering`, true);
        entries.push([method, args[0]!]);
      }
      const repeat = this.repeatOf(s.repeat, `${itemAt}.spec.repeat`, []);
      if (repeat) entries.push(['repeat', this.variable(repeat.value, `${itemAt}.spec.repeat.value`, 'repeats')]);
      if (entries.length === 0) plain.push(expr);
      else {
        flush();
        grid = call(grid, 'item', expr, object(entries));
      }
    }
    flush();
    return grid;
  }

  private rows(layout: Json, label: readonly string[]): Calls {
    const rows = (layout.spec as Json).rows as Json[];
    const calls: Calls = [];
    const rowExprs: Expr[] = [];
    rows.forEach((row, i) => {
      const s = row.spec as Json;
      const at = this.pathOf(row);
      if (s.hideHeader === true) {
        const inner = s.layout as Json;
        const items = ((inner.spec as Json).items ?? []) as unknown[];
        const leading = i === 0 && rows.length > 1 && (inner.kind === 'AutoGridLayout' || (inner.kind === 'GridLayout' && items.length > 0));
        const plain =
          (s.title === undefined || s.title === '') &&
          s.collapse !== true &&
          s.repeat === undefined &&
          s.conditionalRendering === undefined &&
          s.fillScreen === undefined;
        if (!leading || !plain) {
          this.refuse(
            `${at}.spec.hideHeader`,
            'a row without header is only expressible as the first of several rows, untitled, not collapsed, without repeat or rule, holding panels or an auto grid (what sits above the rows)',
          );
        }
        calls.push(...this.section(inner, label));
        return;
      }
      if (s.fillScreen !== undefined) this.refuse(`${at}.spec.fillScreen`, 'fillScreen on a row has no builder equivalent');
      const title = typeof s.title === 'string' ? s.title : '';
      let expr = this.ctx.factory('row', this.ctx.text(title));
      if (s.collapse === true) expr = call(expr, 'collapsed');
      rowExprs.push(this.withSectionSpec(expr, s, at, [...label, `row "${title}"`]));
    });
    if (rowExprs.length > 0) calls.push(['row', rowExprs]);
    return calls;
  }

  private tab(tabNode: Json, label: readonly string[]): Expr {
    const s = tabNode.spec as Json;
    const at = this.pathOf(tabNode);
    const title = typeof s.title === 'string' ? s.title : '';
    return this.withSectionSpec(this.ctx.factory('tab', this.ctx.text(title)), s, at, [...label, `tab "${title}"`]);
  }

  /** A row's or tab's `.repeat(…)`, show/hide rule and content, chained on its builder call. */
  private withSectionSpec(builder: Chain, s: Json, at: string, label: readonly string[]): Chain {
    let expr = builder;
    if (s.repeat !== undefined) {
      const repeat = this.repeatOf(s.repeat, `${at}.spec.repeat`, []);
      expr = call(expr, 'repeat', this.variable(repeat!.value, `${at}.spec.repeat.value`, 'repeats'));
    }
    if (s.conditionalRendering !== undefined) {
      const { method, args } = this.rule(s.conditionalRendering, `${at}.spec.conditionalRendering`, false);
      expr = call(expr, method, ...args);
    }
    for (const [method, args] of this.section(s.layout as Json, label)) expr = call(expr, method, ...args);
    return expr;
  }

  /**
   * `showIf(…)` / `hideIf(…)` arguments for a ConditionalRenderingGroup; `single` (auto-grid
   * items) gives one argument: the condition, or an `allOf` / `anyOf` group.
   */
  private rule(rule: unknown, at: string, single: boolean): { method: string; args: Expr[] } {
    if (!isPlainObject(rule) || rule.kind !== 'ConditionalRenderingGroup' || !isPlainObject(rule.spec)) this.refuse(at, 'expected a ConditionalRenderingGroup');
    const spec = (rule as Json).spec as Json;
    for (const k of Object.keys(spec))
      if (!['visibility', 'condition', 'items'].includes(k)) this.refuse(`${at}.spec.${k}`, `show/hide rule key "${k}" has no builder equivalent`);
    if (spec.visibility !== 'show' && spec.visibility !== 'hide') this.refuse(`${at}.spec.visibility`, 'expected "show" or "hide"');
    if (spec.condition !== 'and' && spec.condition !== 'or') this.refuse(`${at}.spec.condition`, 'expected "and" or "or"');
    const items = Array.isArray(spec.items) ? spec.items : [];
    if (items.length === 0) this.refuse(`${at}.spec.items`, 'a show/hide rule without conditions has no builder equivalent');
    const conditions = items.map((item, i) => this.condition(item, `${at}.spec.items[${i}]`));
    const method = spec.visibility === 'show' ? 'showIf' : 'hideIf';
    if (spec.condition === 'or') return { method, args: [this.ctx.factory('anyOf', ...conditions)] };
    if (single && conditions.length > 1) return { method, args: [this.ctx.factory('allOf', ...conditions)] };
    return { method, args: conditions };
  }

  private condition(item: unknown, at: string): Expr {
    if (!isPlainObject(item) || !isPlainObject(item.spec)) this.refuse(at, 'expected a ConditionalRendering item { kind, spec }');
    const { kind, spec } = item as { kind: unknown; spec: Json };
    const only = (...keys: string[]) => {
      for (const k of Object.keys(spec)) if (!keys.includes(k)) this.refuse(`${at}.spec.${k}`, `condition key "${k}" has no builder equivalent`);
    };
    switch (kind) {
      case 'ConditionalRenderingVariable': {
        only('variable', 'operator', 'value');
        const factory = typeof spec.operator === 'string' ? OPERATORS[spec.operator] : undefined;
        if (factory === undefined)
          this.refuse(`${at}.spec.operator`, `unknown operator ${JSON.stringify(spec.operator)} (equals, notEquals, matches, notMatches)`);
        if (typeof spec.variable !== 'string' || typeof spec.value !== 'string')
          this.refuse(`${at}.spec`, 'a variable condition needs a variable name and a string value');
        const constant = this.ctx.variables.get(spec.variable as string);
        return this.ctx.factory(factory!, constant !== undefined ? ref(constant) : json(spec.variable), json(spec.value));
      }
      case 'ConditionalRenderingData':
        only('value');
        if (typeof spec.value !== 'boolean') this.refuse(`${at}.spec.value`, 'expected true or false');
        return this.ctx.factory('hasData', ...(spec.value ? [] : [json(false)]));
      case 'ConditionalRenderingTimeRangeSize':
        only('value');
        if (typeof spec.value !== 'string') this.refuse(`${at}.spec.value`, 'expected a duration such as 1d');
        return this.ctx.factory('timeRangeLessThan', json(spec.value));
      default:
        return this.refuse(
          `${at}.kind`,
          `condition kind ${JSON.stringify(kind)} has no builder (ConditionalRenderingVariable, ConditionalRenderingData, ConditionalRenderingTimeRangeSize)`,
        );
    }
  }
}

/** Where two JSON values first differ, depth first, and how. */
function firstDifference(built: unknown, want: unknown, path: (string | number)[]): { path: (string | number)[]; message: string } | undefined {
  if (jsonEqual(built, want)) return undefined;
  if (Array.isArray(built) && Array.isArray(want)) {
    if (built.length !== want.length) return { path, message: `the built dashboard has ${built.length} entries here, the input ${want.length}` };
    for (let i = 0; i < want.length; i++) {
      const d = firstDifference(built[i], want[i], [...path, i]);
      if (d) return d;
    }
  }
  if (isPlainObject(built) && isPlainObject(want)) {
    for (const key of new Set([...Object.keys(want), ...Object.keys(built)])) {
      if (want[key] === undefined && built[key] !== undefined) return { path: [...path, key], message: `the built dashboard adds ${short(built[key])}` };
      if (built[key] === undefined && want[key] !== undefined) return { path: [...path, key], message: `the built dashboard leaves out ${short(want[key])}` };
      const d = firstDifference(built[key], want[key], [...path, key]);
      if (d) return d;
    }
  }
  return { path, message: `the built dashboard has ${short(built)}, the input ${short(want)}` };
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

// The input's JSON path of a place in the normalised spec: elements by their input name, layout
// parts by where they came from.
function sourcePathOf(path: readonly (string | number)[], normalized: NormalizedV2, desired: Json, at: string): string {
  const segment = (s: string | number) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`);
  if (path[0] === 'elements' && typeof path[1] === 'string') {
    return `${at}.elements[${JSON.stringify(normalized.sourceNames.get(path[1]) ?? path[1])}]${path.slice(2).map(segment).join('')}`;
  }
  let base = at;
  let rest = 0;
  let node: unknown = desired;
  path.forEach((s, i) => {
    node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[s] : undefined;
    const known = typeof node === 'object' && node !== null ? normalized.sourcePaths.get(node) : undefined;
    if (known !== undefined) {
      base = known;
      rest = i + 1;
    }
  });
  if (rest === 0) return `${at}${path.map(segment).join('')}`;
  return `${base}${path.slice(rest).map(segment).join('')}`;
}
