import { isPlainObject } from '../../model/deep-merge.js';
import { v2HeaderOf } from '../../render/v2/v2-spec-of-classic.js';
import { v2PanelOf } from '../../render/v2/v2-panel-element.js';
import { classicHeaderOfV2, classicPanelOfV2, type Refuse } from './classic-of-v2.js';
import { jsonEqual } from './json-equal.js';
import { compactLayout, normalizeForRoundTrip } from './round-trip-normalize.js';

type Json = Record<string, unknown>;

/** A normalised v2 spec, with where each of its layout parts came from in the input. */
export interface NormalizedV2 {
  readonly spec: Json;
  /** Normalised layout object (an item, row, tab or layout) → its JSON path in the input. */
  readonly sourcePaths: ReadonlyMap<object, string>;
  /** Normalised element name → the input's element name. */
  readonly sourceNames: ReadonlyMap<string, string>;
}

const GRID_ITEM_KEYS = new Set(['x', 'y', 'width', 'height', 'element', 'repeat']);
const AUTO_ITEM_KEYS = new Set(['element', 'repeat', 'conditionalRendering']);
const AUTO_GRID_KEYS = new Set(['maxColumnCount', 'columnWidthMode', 'columnWidth', 'rowHeightMode', 'rowHeight', 'fillScreen', 'items']);
const ROW_KEYS = new Set(['title', 'collapse', 'hideHeader', 'fillScreen', 'conditionalRendering', 'repeat', 'layout']);
const TAB_KEYS = new Set(['title', 'conditionalRendering', 'repeat', 'layout']);

const throwing: Refuse = (jsonPath, reason) => {
  throw new Error(`${jsonPath}: ${reason}`);
};

/**
 * A schema v2 spec as the v2 import round trip compares it. Applied to both sides (the
 * imported spec and the spec built from the generated code); each step is one the classic
 * round trip already takes, or one Grafana takes itself:
 *
 * 1. Header, variables, annotations, links and every panel element go through the classic
 *    round-trip normalisation ({@link normalizeForRoundTrip}: server keys, default-valued
 *    fields, data source references in one form, the built-in annotation) by way of the exact
 *    v1 ↔ v2 mapping (`classicPanelOfV2` / `v2PanelOf`, `classicHeaderOfV2` / `v2HeaderOf`).
 *    So `vizConfig.version` (the classic `pluginVersion`) is dropped like `pluginVersion` is,
 *    and Go's `null` for an empty list reads as `[]`.
 * 2. Element names and panel ids follow layout order (`panel-1`, `panel-2`, … depth first,
 *    each row and tab taking an id as its v1 row panel would), as grafts names them: the
 *    classic round trip drops panel ids for the same reason. An element placed twice becomes
 *    two elements.
 * 3. Grid items are compacted upwards and sorted by position (y, then x), as Grafana's grid
 *    does when it loads a dashboard (the classic round trip does the same to `gridPos`).
 * 4. A row's `hideHeader: false` and `fillScreen: false` are dropped (the default; Go's
 *    serialiser omits them as well).
 *
 * Pure and idempotent. `refuse` is called (and must throw) for a part that has no classic
 * form, with its JSON path under `at`.
 *
 * @example
 * normalizeV2ForRoundTrip({ title: 'A', elements: { x: { kind: 'Panel', spec: { id: 9, … } } },
 *   layout: { kind: 'GridLayout', spec: { items: [{ kind: 'GridLayoutItem', spec: { x: 0, y: 4, width: 12, height: 8, element: { kind: 'ElementReference', name: 'x' } } }] } } }).spec.layout
 * // → { kind: 'GridLayout', spec: { items: [{ kind: 'GridLayoutItem', spec: { x: 0, y: 0, width: 12, height: 8, element: { kind: 'ElementReference', name: 'panel-1' } } }] } }
 */
export function normalizeV2ForRoundTrip(spec: Readonly<Json>, at = '$', refuse: Refuse = throwing): NormalizedV2 {
  const elements = isPlainObject(spec.elements) ? spec.elements : {};
  const sourcePaths = new Map<object, string>();
  const sourceNames = new Map<string, string>();
  const placed: { name: string; id: number; element: unknown; elementPath: string }[] = [];
  const referenced = new Set<string>();
  let nextId = 1;

  const place = (ref: unknown, refAt: string): Json => {
    if (!isPlainObject(ref) || ref.kind !== 'ElementReference' || typeof ref.name !== 'string') refuse(refAt, 'expected { kind: "ElementReference", name }');
    const sourceName = (ref as Json).name as string;
    if (!Object.hasOwn(elements, sourceName)) refuse(`${refAt}.name`, `no element named ${JSON.stringify(sourceName)} in elements`);
    referenced.add(sourceName);
    const id = nextId++;
    const name = `panel-${id}`;
    sourceNames.set(name, sourceName);
    placed.push({ name, id, element: elements[sourceName], elementPath: `${at}.elements[${JSON.stringify(sourceName)}]` });
    return { kind: 'ElementReference', name };
  };

  const spec0 = (node: unknown, nodeAt: string, kind: string): Json => {
    if (!isPlainObject(node) || node.kind !== kind || !isPlainObject(node.spec)) refuse(nodeAt, `expected a ${kind} ({ kind: "${kind}", spec })`);
    for (const k of Object.keys(node as Json)) if (k !== 'kind' && k !== 'spec') refuse(`${nodeAt}.${k}`, `${kind} key "${k}" has no builder equivalent`);
    return (node as Json).spec as Json;
  };
  const only = (value: Json, keys: ReadonlySet<string>, valueAt: string, what: string) => {
    for (const k of Object.keys(value)) if (!keys.has(k)) refuse(`${valueAt}.${k}`, `${what} key "${k}" has no builder equivalent`);
  };
  const list = (value: unknown, listAt: string): unknown[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) refuse(listAt, 'expected a list');
    return value as unknown[];
  };

  const layoutOf = (layout: unknown, layoutAt: string): Json => {
    const kind = isPlainObject(layout) ? layout.kind : undefined;
    let out: Json;
    switch (kind) {
      case 'GridLayout': {
        const s = spec0(layout, layoutAt, 'GridLayout');
        only(s, new Set(['items']), `${layoutAt}.spec`, 'GridLayout');
        const items = list(s.items, `${layoutAt}.spec.items`).map((item, i) => {
          const itemAt = `${layoutAt}.spec.items[${i}]`;
          const is = spec0(item, itemAt, 'GridLayoutItem');
          only(is, GRID_ITEM_KEYS, `${itemAt}.spec`, 'GridLayoutItem');
          // A negative y is allowed: Grafana's grid compacts it to the top, as step 3 does.
          for (const [k, min] of [
            ['x', 0],
            ['y', -Infinity],
            ['width', 1],
            ['height', 1],
          ] as const) {
            if (typeof is[k] !== 'number' || !Number.isInteger(is[k]) || (is[k] as number) < min)
              refuse(`${itemAt}.spec.${k}`, `expected a whole number${min > -Infinity ? ` of at least ${min}` : ''}, got ${JSON.stringify(is[k])}`);
          }
          return { gridPos: { x: is.x as number, y: is.y as number, w: is.width as number, h: is.height as number }, is, itemAt };
        });
        // Grafana's grid compacts upwards and reads items in position order.
        const byPosition = [...items].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
        const compacted = compactLayout(byPosition) as typeof byPosition;
        const ordered = compacted.map((c, i) => ({ ...c, i })).sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x || a.i - b.i);
        const outItems = ordered.map(({ gridPos, is, itemAt }) => {
          const itemSpec: Json = { x: gridPos.x, y: gridPos.y, width: gridPos.w, height: gridPos.h, element: place(is.element, `${itemAt}.spec.element`) };
          if (is.repeat !== undefined) itemSpec.repeat = is.repeat;
          const node = { kind: 'GridLayoutItem', spec: itemSpec };
          sourcePaths.set(node, itemAt);
          return node;
        });
        out = { kind: 'GridLayout', spec: { items: outItems } };
        break;
      }
      case 'AutoGridLayout': {
        const s = spec0(layout, layoutAt, 'AutoGridLayout');
        only(s, AUTO_GRID_KEYS, `${layoutAt}.spec`, 'AutoGridLayout');
        const items = list(s.items, `${layoutAt}.spec.items`).map((item, i) => {
          const itemAt = `${layoutAt}.spec.items[${i}]`;
          const is = spec0(item, itemAt, 'AutoGridLayoutItem');
          only(is, AUTO_ITEM_KEYS, `${itemAt}.spec`, 'AutoGridLayoutItem');
          const node = { kind: 'AutoGridLayoutItem', spec: { ...is, element: place(is.element, `${itemAt}.spec.element`) } };
          sourcePaths.set(node, itemAt);
          return node;
        });
        out = { kind: 'AutoGridLayout', spec: { ...s, items } };
        break;
      }
      case 'RowsLayout': {
        const s = spec0(layout, layoutAt, 'RowsLayout');
        only(s, new Set(['rows']), `${layoutAt}.spec`, 'RowsLayout');
        const rows = list(s.rows, `${layoutAt}.spec.rows`).map((row, i) => {
          const rowAt = `${layoutAt}.spec.rows[${i}]`;
          const rs = spec0(row, rowAt, 'RowsLayoutRow');
          only(rs, ROW_KEYS, `${rowAt}.spec`, 'RowsLayoutRow');
          // A leading row without header holds what sits above the rows: it takes no id (no v1 row panel).
          if (!(i === 0 && rs.hideHeader === true)) nextId++;
          // Step 4: switches at their default (false) say nothing; Go's serialiser omits them too.
          const { hideHeader, fillScreen, ...rest } = rs;
          const node = {
            kind: 'RowsLayoutRow',
            spec: {
              ...rest,
              ...(hideHeader !== false && hideHeader !== undefined && { hideHeader }),
              ...(fillScreen !== false && fillScreen !== undefined && { fillScreen }),
              layout: layoutOf(rs.layout, `${rowAt}.spec.layout`),
            },
          };
          sourcePaths.set(node, rowAt);
          return node;
        });
        out = { kind: 'RowsLayout', spec: { rows } };
        break;
      }
      case 'TabsLayout': {
        const s = spec0(layout, layoutAt, 'TabsLayout');
        only(s, new Set(['tabs']), `${layoutAt}.spec`, 'TabsLayout');
        const tabs = list(s.tabs, `${layoutAt}.spec.tabs`).map((tab, i) => {
          const tabAt = `${layoutAt}.spec.tabs[${i}]`;
          const ts = spec0(tab, tabAt, 'TabsLayoutTab');
          only(ts, TAB_KEYS, `${tabAt}.spec`, 'TabsLayoutTab');
          nextId++;
          const node = { kind: 'TabsLayoutTab', spec: { ...ts, layout: layoutOf(ts.layout, `${tabAt}.spec.layout`) } };
          sourcePaths.set(node, tabAt);
          return node;
        });
        out = { kind: 'TabsLayout', spec: { tabs } };
        break;
      }
      default:
        return refuse(`${layoutAt}.kind`, `unknown layout kind ${JSON.stringify(kind)} (GridLayout, AutoGridLayout, RowsLayout or TabsLayout)`);
    }
    sourcePaths.set(out, layoutAt);
    return out;
  };

  const layout = layoutOf(spec.layout, `${at}.layout`);
  for (const name of Object.keys(elements)) {
    if (!referenced.has(name))
      refuse(`${at}.elements[${JSON.stringify(name)}]`, 'the element is not placed in the layout (Grafana does not show it; the builders cannot hold it)');
  }

  // Step 1: the classic normalisation, panels stacked one per line so its position sort keeps their order.
  const ignore = () => undefined;
  const classic = placed.map((p) => {
    const mapped = classicPanelOfV2(p.element, p.elementPath, refuse);
    // The v2 → v1 mapping must keep every value the input sets (it may add required defaults).
    const loss = firstLoss(v2PanelOf(mapped.panel, ignore, mapped.queryKinds).element, p.element, []);
    if (loss !== undefined) refuse(`${p.elementPath}${loss.path}`, `${loss.what} has no builder equivalent`);
    return mapped;
  });
  const { elements: _e, layout: _l, ...headerOnly } = spec;
  const header = classicHeaderOfV2(headerOnly, at, refuse);
  const headerLoss = firstLoss(v2HeaderOf(header, ignore), headerOnly, []);
  if (headerLoss !== undefined) refuse(`${at}${headerLoss.path}`, `${headerLoss.what} has no builder equivalent`);
  const panels = classic.map((c, i) => ({ ...c.panel, gridPos: { x: 0, y: i, w: 24, h: 1 } }));
  const normalized = normalizeForRoundTrip({ ...header, panels });
  const outElements: Json = {};
  (normalized.panels as Json[]).forEach((panel, i) => {
    const { gridPos: _gridPos, ...rest } = panel;
    outElements[placed[i]!.name] = v2PanelOf({ ...rest, id: placed[i]!.id }, ignore, classic[i]!.queryKinds).element;
  });
  const { panels: _panels, ...normalizedHeader } = normalized;
  return { spec: { ...v2HeaderOf(normalizedHeader, ignore), elements: outElements, layout }, sourcePaths, sourceNames };
}

// The first value of `source` that `mapped` (its round trip through the v1 form) does not keep:
// a key it drops or a value it changes. Keys only `mapped` has are defaults it adds, not losses.
function firstLoss(mapped: unknown, source: unknown, path: readonly (string | number)[]): { path: string; what: string } | undefined {
  const where = () => path.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
  if (isPlainObject(source) && isPlainObject(mapped)) {
    for (const [k, v] of Object.entries(source)) {
      if (v === undefined) continue;
      if (!Object.hasOwn(mapped, k) || mapped[k] === undefined) {
        // `null` for an empty list is Go's; the mapping reads it as [].
        if (v === null && Array.isArray(mapped[k])) continue;
        return { path: `${where()}${/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`}`, what: `the value ${short(v)}` };
      }
      const inner = firstLoss(mapped[k], v, [...path, k]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (Array.isArray(source) && Array.isArray(mapped) && source.length === mapped.length) {
    for (let i = 0; i < source.length; i++) {
      const inner = firstLoss(mapped[i], source[i], [...path, i]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (source === null && Array.isArray(mapped) && mapped.length === 0) return undefined;
  return jsonEqual(mapped, source) ? undefined : { path: where(), what: `the value ${short(source)} (it would become ${short(mapped)})` };
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
