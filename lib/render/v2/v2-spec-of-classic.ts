import { CLASSIC_DASHBOARD_KEYS } from '../../model/dashboard-schema-keys.js';
import type { DashboardV2Spec, GridLayoutKind, RowsLayoutKind, V2Element, V2Layout } from './dashboard-v2-spec.js';
import { v2AnnotationOf } from './v2-annotation.js';
import { v2DashboardLinkOf } from './v2-dashboard-link.js';
import { CURSOR_SYNC } from './v2-enum-names.js';
import { v2PanelOf } from './v2-panel-element.js';
import { v2TimeSettingsOf } from './v2-time-settings.js';
import { v2VariableOf } from './v2-variable.js';

type Json = Record<string, unknown>;

// Classic dashboard keys with a v2 home (or none needed: uid is the resource name, schemaVersion
// and version are server-side), plus `preload`; gnetId (a grafana.com import id) has none.
const DASHBOARD_KEYS = new Set([...CLASSIC_DASHBOARD_KEYS.filter((key) => key !== 'gnetId'), 'preload']);

/**
 * The element name of the panel with this id. Grafana's own v1 → v2 conversion names elements
 * the same way, so a dashboard converted by Grafana and the same dashboard built by grafts agree.
 *
 * @example
 * elementName(3) // → 'panel-3'
 */
export function elementName(id: number): string {
  return `panel-${id}`;
}

/** Reports a problem at a path inside the dashboard. */
export type ReportAt = (where: readonly string[], message: string) => void;

/** Query kinds by panel id, for queries that run on the default data source (v2 needs their type). */
export type QueryKindsOf = (panelId: number) => readonly (string | undefined)[];

/**
 * The dashboard-level part of a v2 spec (everything but `elements` and `layout`) from a rendered
 * classic dashboard.
 */
export function v2HeaderOf(json: Json, reportAt: ReportAt): Omit<DashboardV2Spec, 'elements' | 'layout'> {
  for (const key of Object.keys(json)) {
    if (!DASHBOARD_KEYS.has(key)) reportAt([], `dashboard key "${key}" has no place in dashboard schema v2`);
  }
  const annotations = ((json.annotations as { list?: Json[] } | undefined)?.list ?? []).map((a) =>
    v2AnnotationOf(a, (m) => reportAt([`annotation "${String(a.name)}"`], m)),
  );
  const variables = ((json.templating as { list?: Json[] } | undefined)?.list ?? []).map((v) =>
    v2VariableOf(v, (m) => reportAt([`variable "${String(v.name)}"`], m)),
  );
  const links = (Array.isArray(json.links) ? (json.links as Json[]) : []).map((l) => v2DashboardLinkOf(l, (m) => reportAt([`link "${String(l.title)}"`], m)));
  return {
    title: String(json.title),
    ...(typeof json.description === 'string' && { description: json.description }),
    tags: Array.isArray(json.tags) ? (json.tags as string[]) : [],
    ...(typeof json.editable === 'boolean' && { editable: json.editable }),
    ...(typeof json.liveNow === 'boolean' && { liveNow: json.liveNow }),
    preload: json.preload === true,
    cursorSync: CURSOR_SYNC[Number(json.graphTooltip ?? 0)] ?? 'Off',
    annotations,
    links,
    variables,
    timeSettings: v2TimeSettingsOf(json, (m) => reportAt([], m)),
  };
}

/**
 * A rendered classic dashboard as a v2 spec, laid out the way Grafana converts it: a
 * `GridLayout` when there are no rows, else a `RowsLayout` (panels above the first row go into
 * a leading row without header; child `y` becomes relative to its row).
 *
 * @example
 * v2SpecOfClassic({ uid: 'api', title: 'API', schemaVersion: 42, panels: [{ id: 1, type: 'text', title: 'Hi', gridPos: { x: 0, y: 0, w: 12, h: 8 } }] }, reportAt)
 * // → { title: 'API', tags: [], preload: false, cursorSync: 'Off', …, elements: { 'panel-1': {…} },
 * //     layout: { kind: 'GridLayout', spec: { items: [{ kind: 'GridLayoutItem', spec: { x: 0, y: 0, width: 12, height: 8, element: { kind: 'ElementReference', name: 'panel-1' } } }] } } }
 */
export function v2SpecOfClassic(json: Json, reportAt: ReportAt, queryKindsOf: QueryKindsOf = () => []): DashboardV2Spec {
  const header = v2HeaderOf(json, reportAt);
  const elements: Record<string, V2Element> = {};
  const gridItem = (panel: Json, where: readonly string[], rowTop: number): GridLayoutKind['spec']['items'][number] => {
    const id = Number(panel.id);
    const { element, repeat } = v2PanelOf(panel, (m) => reportAt(where, m), queryKindsOf(id));
    elements[elementName(id)] = element;
    const gridPos = (panel.gridPos ?? { x: 0, y: 0, w: 6, h: 3 }) as { x: number; y: number; w: number; h: number };
    return {
      kind: 'GridLayoutItem',
      spec: {
        x: gridPos.x,
        y: gridPos.y - rowTop,
        width: gridPos.w,
        height: gridPos.h,
        element: { kind: 'ElementReference', name: elementName(id) },
        ...(repeat && { repeat }),
      },
    };
  };
  const label = (panel: Json) => (typeof panel.title === 'string' && panel.title !== '' ? `panel "${panel.title}"` : `panel ${String(panel.id)}`);
  const panels = Array.isArray(json.panels) ? (json.panels as Json[]) : [];
  let layout: V2Layout;
  if (!panels.some((p) => p.type === 'row')) {
    layout = { kind: 'GridLayout', spec: { items: panels.map((p) => gridItem(p, [label(p)], 0)) } };
  } else {
    const rows: { spec: Json; top: number; children: Json[]; where: string[] }[] = [];
    for (const panel of panels) {
      if (panel.type === 'row') {
        const top = ((panel.gridPos as { y?: number } | undefined)?.y ?? 0) + 1;
        const where = [`row "${String(panel.title ?? '')}"`];
        const spec: Json = { title: String(panel.title ?? ''), collapse: panel.collapsed === true };
        if (typeof panel.repeat === 'string' && panel.repeat !== '') spec.repeat = { mode: 'variable', value: panel.repeat };
        rows.push({ spec, top, children: panel.collapsed === true && Array.isArray(panel.panels) ? (panel.panels as Json[]) : [], where });
      } else {
        if (rows.length === 0) rows.push({ spec: { title: '', collapse: false, hideHeader: true }, top: 0, children: [], where: [] });
        rows[rows.length - 1]!.children.push(panel);
      }
    }
    const rowsLayout: RowsLayoutKind = {
      kind: 'RowsLayout',
      spec: {
        rows: rows.map((r) => ({
          kind: 'RowsLayoutRow',
          spec: { ...r.spec, layout: { kind: 'GridLayout', spec: { items: r.children.map((p) => gridItem(p, [...r.where, label(p)], r.top)) } } },
        })),
      },
    };
    layout = rowsLayout;
  }
  return { ...header, elements, layout };
}
