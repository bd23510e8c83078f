import { layoutGrid } from '../../layout/grid-layout.js';
import { isPlainObject } from '../../model/deep-merge.js';
import { migrateGraph } from './migrate-graph.js';
import { migrateSinglestat } from './migrate-singlestat.js';

type Json = Record<string, unknown>;

// Grafana's grid cell is 30 px high; legacy rows gave heights in pixels.
const GRID_CELL_PX = 30;
const DEFAULT_ROW_HEIGHT_PX = 250;

/**
 * Migrates what Grafana itself migrates when it loads an old dashboard, so the import yields
 * modern panels: a dashboard with legacy `rows[]` becomes a `panels` list (row panels when the
 * old rows showed titles, were collapsible or repeated; `span` → width × 2, row height in
 * pixels → grid units of 30 px; positions from the grid layout), `graph` panels become
 * `timeseries` and `singlestat` panels `stat` (or `gauge`). Each change adds a note.
 * Returns the input unchanged (same object) when nothing is legacy.
 *
 * @example
 * migrateLegacy({ title: 'Old', rows: [{ title: 'A', panels: [{ type: 'graph', span: 6 }] }] }, notes).panels
 * // → [{ type: 'timeseries', gridPos: { x: 0, y: 0, w: 12, h: 9 }, … }]
 */
export function migrateLegacy(dashboard: Json, notes: string[]): Json {
  let out = dashboard;
  if (Array.isArray(dashboard.rows) && (!Array.isArray(dashboard.panels) || dashboard.panels.length === 0)) {
    out = migrateRows(dashboard, notes);
  }
  if (!Array.isArray(out.panels)) return out;
  let changed = false;
  const migratePanel = (panel: unknown, where: string): unknown => {
    if (!isPlainObject(panel)) return panel;
    const label = `${where} "${typeof panel.title === 'string' ? panel.title : ''}"`;
    if (panel.type === 'graph') {
      changed = true;
      const panelNotes: string[] = [];
      const migrated = migrateGraph(panel, panelNotes);
      notes.push(`${label}: graph → timeseries${panelNotes.length ? `; ${panelNotes.join('; ')}` : ''}`);
      return migrated;
    }
    if (panel.type === 'singlestat') {
      changed = true;
      const panelNotes: string[] = [];
      const migrated = migrateSinglestat(panel, panelNotes);
      notes.push(`${label}: singlestat → ${String(migrated.type)}${panelNotes.length ? `; ${panelNotes.join('; ')}` : ''}`);
      return migrated;
    }
    if (panel.type === 'row' && Array.isArray(panel.panels)) {
      const inner = panel.panels.map((p) => migratePanel(p, `${label} › panel`));
      return { ...panel, panels: inner };
    }
    return panel;
  };
  const panels = out.panels.map((p) => migratePanel(p, 'panel'));
  return changed || out !== dashboard ? { ...out, panels } : out;
}

function migrateRows(dashboard: Json, notes: string[]): Json {
  const rows = (dashboard.rows as unknown[]).filter(isPlainObject);
  const showRows = rows.length > 1 || rows.some((r) => r.showTitle === true || r.collapse === true || typeof r.repeat === 'string');
  const sections = rows.map((r) => {
    const rowHeight = pixels(r.height) ?? DEFAULT_ROW_HEIGHT_PX;
    const panels = (Array.isArray(r.panels) ? r.panels : []).filter(isPlainObject).map((p) => {
      const width = typeof p.span === 'number' && Number.isFinite(p.span) ? Math.min(24, Math.max(1, Math.round(p.span * 2))) : 24;
      const height = Math.max(1, Math.ceil((pixels(p.height) ?? rowHeight) / GRID_CELL_PX));
      const { span: _span, height: _height, ...rest } = p;
      return { panel: rest, width, height };
    });
    return { row: r, panels };
  });
  const placed = layoutGrid(
    sections.map((s) => ({
      ...(showRows ? { row: { collapsed: s.row.collapse === true } } : {}),
      panels: s.panels.map(({ width, height }) => ({ width, height })),
    })),
  );
  const panels: Json[] = [];
  sections.forEach((section, i) => {
    const positions = placed[i]!;
    const children = section.panels.map((p, j) => ({ ...p.panel, gridPos: { ...positions.panels[j]! } }));
    if (showRows) {
      const header: Json = {
        type: 'row',
        title: typeof section.row.title === 'string' ? section.row.title : '',
        collapsed: section.row.collapse === true,
        panels: section.row.collapse === true ? children : [],
        gridPos: { ...positions.row! },
      };
      if (typeof section.row.repeat === 'string' && section.row.repeat !== '') header.repeat = section.row.repeat;
      panels.push(header);
      if (section.row.collapse !== true) panels.push(...children);
    } else {
      panels.push(...children);
    }
  });
  const { rows: _rows, ...rest } = dashboard;
  notes.push(
    `legacy rows[] layout → panels with ${showRows ? `${rows.length} row panel(s)` : 'no row panels'} (span × 2 = width, row height / 30 px = height, positions from the grid layout)`,
  );
  return { ...rest, panels };
}

function pixels(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string') {
    const n = Number.parseFloat(value);
    if (Number.isFinite(n) && n > 0) return n;
  }
  return undefined;
}
