import { GRID_COLUMNS, layoutGrid, type GridPosition } from '../../layout/grid-layout.js';
import type { AutoGridBuilder, AutoGridRowHeight, AutoGridColumnWidth } from '../../model/auto-grid.js';
import type { DashboardBuilder } from '../../model/dashboard.js';
import { dashboardRenderContext, panelLabel } from '../../model/dashboard-render-context.js';
import { applyMerges } from '../../model/deep-merge.js';
import { isLibraryPanel } from '../../model/panels/library-panel.js';
import type { AnyPanel, RowBuilder } from '../../model/row.js';
import { contentShape, type ContentShape, type SectionContent } from '../../model/section-content.js';
import type { TabBuilder } from '../../model/tab.js';
import type { Problem } from '../../model/validation-error.js';
import type {
  AutoGridLayoutKind,
  DashboardV2Spec,
  GridLayoutKind,
  RowsLayoutKind,
  TabsLayoutKind,
  V2Element,
  V2Layout,
  V2Repeat,
} from './dashboard-v2-spec.js';
import { v2PanelOf } from './v2-panel-element.js';
import { v2RuleOf } from './v2-show-hide-rule.js';
import { elementName, v2HeaderOf } from './v2-spec-of-classic.js';

/** A dashboard rendered to a v2 spec, with every problem found on the way. */
export interface RenderedDashboardV2Result {
  /** The uid (the resource's `metadata.name`; the spec has none). */
  readonly uid: string;
  readonly spec: DashboardV2Spec;
  readonly problems: Problem[];
}

// Row header keys a row's `$merge` may set in v2 (the others have no place on a RowsLayoutRow).
const ROW_HEADER_KEYS = new Set(['type', 'title', 'collapsed', 'repeat', 'panels']);

/**
 * Renders a dashboard as a schema v2 spec (`dashboard.grafana.app/v2`), checked exactly like
 * the v1 rendering (variables, references, queries, positions, repeats) plus show/hide rules.
 *
 * - Layout: panels on the fixed grid → `GridLayout` (positions as in v1, relative to their
 *   section); an auto grid → `AutoGridLayout`; rows → `RowsLayout` (panels or an auto grid
 *   before the first row go into a leading row without header, as Grafana's conversion does);
 *   tabs → `TabsLayout`. Rows and tabs nest as the schema allows.
 * - Element names are `panel-<id>`, and ids are the v1 ids: 1..n in layout order, depth first,
 *   where each row and tab also takes one (as a v1 row panel does). A dashboard v1 can express
 *   therefore names its elements exactly as Grafana's own v1 → v2 conversion of its v1 JSON,
 *   and adding a panel renames only the panels after it in layout order.
 * - Sparse: optional fields appear only when set; every field the v2 schema requires is there.
 *
 * Never throws for bad input: problems are collected, each path prefixed with `basePath` and
 * the dashboard.
 *
 * @example
 * renderDashboardV2(dashboard('API').tabs(tab('Overview').panel(text('Hi')))).spec.layout
 * // → { kind: 'TabsLayout', spec: { tabs: [{ kind: 'TabsLayoutTab', spec: { title: 'Overview',
 * //       layout: { kind: 'GridLayout', spec: { items: [{ kind: 'GridLayoutItem', spec: { x: 0, y: 0, width: 12, height: 8,
 * //         element: { kind: 'ElementReference', name: 'panel-2' } } }] } } } }] } }
 */
export function renderDashboardV2(dashboard: DashboardBuilder, basePath: readonly string[] = []): RenderedDashboardV2Result {
  const context = dashboardRenderContext(dashboard.parts(), basePath);
  const { parts, path, problems, report, known } = context;
  const elements: Record<string, V2Element> = {};
  let nextId = 1;

  const place = (panel: AnyPanel, where: readonly string[], gridPos: GridPosition): { name: string; repeat?: V2Repeat } => {
    const json = context.renderPanel(panel, where, gridPos);
    const id = nextId++;
    json.id = id;
    const kinds = isLibraryPanel(panel) ? [] : panel.queries().map((q) => q.kind);
    const { element, repeat } = v2PanelOf(json, (m) => report(where, m), kinds);
    const name = elementName(id);
    elements[name] = element;
    return { name, ...(repeat && { repeat }) };
  };

  const gridLayout = (panels: readonly AnyPanel[], sectionPath: readonly string[]): GridLayoutKind => {
    const [placed] = layoutGrid([{ panels: panels.map((p) => ({ ...p.layoutSize(), ...(p.layoutPosition() && { position: p.layoutPosition()! }) })) }]);
    context.checkPositions(panels, placed!.panels, sectionPath);
    const items = panels
      .map((panel, index) => ({ panel, index, gridPos: placed!.panels[index]! }))
      .sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x)
      .map(({ panel, index, gridPos }) => {
        const { name, repeat } = place(panel, [...sectionPath, panelLabel(panel, index)], gridPos);
        return {
          kind: 'GridLayoutItem' as const,
          spec: {
            x: gridPos.x,
            y: gridPos.y,
            width: gridPos.w,
            height: gridPos.h,
            element: { kind: 'ElementReference' as const, name },
            ...(repeat && { repeat }),
          },
        };
      });
    return { kind: 'GridLayout', spec: { items } };
  };

  const autoGridLayout = (grid: AutoGridBuilder, sectionPath: readonly string[]): AutoGridLayoutKind => {
    const options = grid.options();
    const where = [...sectionPath, 'auto grid'];
    if (options.maxColumns !== undefined && (!Number.isInteger(options.maxColumns) || options.maxColumns < 1 || options.maxColumns > 10)) {
      report(where, `maxColumns ${options.maxColumns} is not a whole number from 1 to 10`);
    }
    const items = grid.items().map((item, index) => {
      const itemPath = [...where, panelLabel(item.panel, index)];
      const { width, height } = item.panel.layoutSize();
      const { name, repeat: panelRepeat } = place(item.panel, itemPath, { x: 0, y: 0, w: Math.min(width, GRID_COLUMNS), h: height });
      if (panelRepeat && (panelRepeat.maxPerRow !== undefined || panelRepeat.direction === 'v')) {
        report(itemPath, 'in an auto grid the grid places repeated panels: maxPerRow and a vertical direction do not apply (repeat without them)');
      }
      if (item.repeat !== undefined && panelRepeat) report(itemPath, 'repeats twice: set the repeat on the panel or on the auto-grid item, not both');
      context.checkRepeat(item.repeat, itemPath);
      const repeatValue = item.repeat ?? panelRepeat?.value;
      return {
        kind: 'AutoGridLayoutItem' as const,
        spec: {
          element: { kind: 'ElementReference' as const, name },
          ...(repeatValue !== undefined && { repeat: { mode: 'variable' as const, value: repeatValue } }),
          ...(item.rule && { conditionalRendering: v2RuleOf(item.rule, known, (m) => report(itemPath, m)) }),
        },
      };
    });
    const width = sizeMode('columnWidth', options.columnWidth, where);
    const height = sizeMode('rowHeight', options.rowHeight, where);
    const spec: AutoGridLayoutKind['spec'] = {
      ...(options.maxColumns !== undefined && { maxColumnCount: options.maxColumns }),
      columnWidthMode: width.mode as AutoGridLayoutKind['spec']['columnWidthMode'],
      ...(width.pixels !== undefined && { columnWidth: width.pixels }),
      rowHeightMode: height.mode as AutoGridLayoutKind['spec']['rowHeightMode'],
      ...(height.pixels !== undefined && { rowHeight: height.pixels }),
      ...(options.fillScreen !== undefined && { fillScreen: options.fillScreen }),
      items,
    };
    return { kind: 'AutoGridLayout', spec: grid.finish(spec) };
  };

  // A named size is Grafana's mode; a number is a custom size in pixels.
  function sizeMode(
    key: 'columnWidth' | 'rowHeight',
    value: AutoGridColumnWidth | AutoGridRowHeight | undefined,
    where: readonly string[],
  ): { mode: string; pixels?: number } {
    if (value === undefined) return { mode: 'standard' };
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || value <= 0) report(where, `${key} ${value} is not a positive number of pixels`);
      return { mode: 'custom', pixels: value };
    }
    return { mode: value };
  }

  const rowsLayout = (shape: Extract<ContentShape, { kind: 'rows' }>, sectionPath: readonly string[]): RowsLayoutKind => {
    const rows: RowsLayoutKind['spec']['rows'][number][] = [];
    if (shape.leading) {
      rows.push({ kind: 'RowsLayoutRow', spec: { title: '', collapse: false, hideHeader: true, layout: layoutOf(shape.leading, sectionPath) } });
    }
    for (const row of shape.rows) rows.push(rowOf(row, sectionPath));
    return { kind: 'RowsLayout', spec: { rows } };
  };

  function rowOf(row: RowBuilder, sectionPath: readonly string[]): RowsLayoutKind['spec']['rows'][number] {
    const p = row.parts();
    const rowPath = [...sectionPath, `row "${p.title}"`];
    nextId++; // a row takes an id, as its v1 row panel does (keeps element names equal to Grafana's conversion)
    const header = row.finishHeader(row.renderHeader());
    for (const key of Object.keys(header)) if (!ROW_HEADER_KEYS.has(key)) report(rowPath, `row key "${key}" has no place in dashboard schema v2`);
    const title = String(header.title ?? '');
    const repeat = typeof header.repeat === 'string' && header.repeat !== '' ? header.repeat : undefined;
    context.checkReferences(rowPath, [title]);
    context.checkRepeat(repeat, rowPath);
    return {
      kind: 'RowsLayoutRow',
      spec: {
        title,
        collapse: header.collapsed === true,
        ...(p.rule && { conditionalRendering: v2RuleOf(p.rule, known, (m) => report(rowPath, m)) }),
        ...(repeat !== undefined && { repeat: { mode: 'variable', value: repeat } }),
        layout: sectionLayout(p, rowPath),
      },
    };
  }

  const tabsLayout = (tabs: readonly TabBuilder[], sectionPath: readonly string[]): TabsLayoutKind => ({
    kind: 'TabsLayout',
    spec: {
      tabs: tabs.map((tab) => {
        const p = tab.parts();
        const tabPath = [...sectionPath, `tab "${p.title}"`];
        nextId++; // Grafana's v2 → v1 conversion turns a tab into a row panel: keep its id, as for rows
        context.checkReferences(tabPath, [p.title]);
        context.checkRepeat(p.repeat, tabPath);
        const spec = {
          title: p.title,
          ...(p.rule && { conditionalRendering: v2RuleOf(p.rule, known, (m) => report(tabPath, m)) }),
          ...(p.repeat !== undefined && { repeat: { mode: 'variable' as const, value: p.repeat } }),
          layout: sectionLayout(p, tabPath),
        };
        return { kind: 'TabsLayoutTab' as const, spec: tab.finish(spec) };
      }),
    },
  });

  function layoutOf(shape: ContentShape, sectionPath: readonly string[]): V2Layout {
    switch (shape.kind) {
      case 'grid':
        return gridLayout(shape.panels, sectionPath);
      case 'auto-grid':
        return autoGridLayout(shape.grid, sectionPath);
      case 'rows':
        return rowsLayout(shape, sectionPath);
      case 'tabs':
        return tabsLayout(shape.tabs, sectionPath);
      case 'invalid':
        report(sectionPath, shape.problem);
        return { kind: 'GridLayout', spec: { items: [] } };
    }
  }

  function sectionLayout(content: SectionContent, sectionPath: readonly string[]): V2Layout {
    return layoutOf(contentShape(content), sectionPath);
  }

  const layout = sectionLayout(parts, path);
  const headerJson = applyMerges(context.header(), parts.merges);
  if ('panels' in headerJson) report(path, 'a dashboard $merge sets "panels", which schema v2 keeps as elements and layout; merge into the panels instead');
  const header = v2HeaderOf(headerJson, (where, message) => report([...path, ...where], message));
  return { uid: context.uid, spec: { ...header, elements, layout }, problems };
}
