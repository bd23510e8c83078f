/** Pixels of one of the 24 grid columns in a layout preview (the grid is 1200 px wide). */
export const PREVIEW_COLUMN_PX = 50;
/** Pixels of one grid row unit (Grafana's is 30 px as well). */
export const PREVIEW_ROW_PX = 30;
/** Gap between boxes, in pixels, on every side. */
export const PREVIEW_GAP_PX = 4;
/** Background of a panel box (tests look for it in screenshots). */
export const PREVIEW_PANEL_COLOR = 'rgb(32, 96, 192)';
/** Background of a row header. */
export const PREVIEW_ROW_COLOR = 'rgb(64, 64, 72)';

interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One box of a layout preview. */
export interface PreviewBox {
  readonly kind: 'panel' | 'row';
  readonly title: string;
  /** Panel type (`timeseries`, `stat`, …) or `row`. */
  readonly type: string;
  readonly gridPos: GridPos;
  /** Query expressions (PromQL, LogQL, TraceQL, SQL …), one per target. */
  readonly queries: readonly string[];
  /** Row: collapsed (its panels are listed but Grafana hides them until expanded). */
  readonly collapsed?: boolean;
}

/**
 * The boxes of a rendered dashboard's layout: every panel and row with its `gridPos`, title, type
 * and query expressions; the panels of collapsed rows are included (at their own positions).
 *
 * @example
 * previewBoxes({ panels: [{ type: 'stat', title: 'Up', gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [{ expr: 'up' }] }] })
 * // → [{ kind: 'panel', title: 'Up', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, queries: ['up'] }]
 */
export function previewBoxes(dashboard: Readonly<Record<string, unknown>>): PreviewBox[] {
  const boxes: PreviewBox[] = [];
  const visit = (panels: unknown): void => {
    if (!Array.isArray(panels)) return;
    for (const raw of panels) {
      if (typeof raw !== 'object' || raw === null) continue;
      const panel = raw as Record<string, unknown>;
      const gridPos = toGridPos(panel['gridPos']);
      const title = typeof panel['title'] === 'string' ? panel['title'] : '';
      const type = typeof panel['type'] === 'string' ? panel['type'] : 'unknown';
      if (type === 'row') {
        boxes.push({ kind: 'row', title, type, gridPos: { ...gridPos, x: 0, w: 24, h: 1 }, queries: [], collapsed: panel['collapsed'] === true });
        visit(panel['panels']);
        continue;
      }
      boxes.push({ kind: 'panel', title, type, gridPos, queries: queriesOf(panel['targets']) });
    }
  };
  visit(dashboard['panels']);
  return boxes;
}

/**
 * A dashboard's layout as HTML: boxes placed on the 24-column grid (1200 px wide, 30 px rows)
 * with each panel's title, type and queries. Self-contained markup; the page styles come from
 * {@link LAYOUT_PREVIEW_CSS}.
 *
 * @example
 * renderLayoutPreview({ uid: 'api', title: 'API', panels: [...] })
 * // → '<section class="dash" data-uid="api"><h2>API</h2><div class="grid" style="height:…">…</div></section>'
 */
export function renderLayoutPreview(dashboard: Readonly<Record<string, unknown>>): string {
  const boxes = previewBoxes(dashboard);
  const rows = boxes.reduce((max, b) => Math.max(max, b.gridPos.y + b.gridPos.h), 0);
  const uid = String(dashboard['uid'] ?? '');
  const title = String(dashboard['title'] ?? uid);
  const items = boxes.map((b) => {
    const { x, y, w, h } = b.gridPos;
    const style = `left:${x * PREVIEW_COLUMN_PX + PREVIEW_GAP_PX}px;top:${y * PREVIEW_ROW_PX + PREVIEW_GAP_PX}px;width:${w * PREVIEW_COLUMN_PX - 2 * PREVIEW_GAP_PX}px;height:${h * PREVIEW_ROW_PX - 2 * PREVIEW_GAP_PX}px`;
    if (b.kind === 'row') {
      return `<div class="row${b.collapsed ? ' collapsed' : ''}" style="${style}">${b.collapsed ? '▸' : '▾'} ${escapeHtml(b.title)}</div>`;
    }
    const queries = b.queries.map((q) => `<code>${escapeHtml(q)}</code>`).join('');
    return `<div class="panel" data-title="${escapeHtml(b.title)}" style="${style}"><div class="title">${escapeHtml(b.title)}</div><div class="kind">${escapeHtml(b.type)}</div>${queries}</div>`;
  });
  return `<section class="dash" data-uid="${escapeHtml(uid)}"><h2>${escapeHtml(title)}</h2><div class="grid" style="height:${rows * PREVIEW_ROW_PX + PREVIEW_GAP_PX}px">${items.join('')}</div></section>`;
}

/** Styles of the layout preview. */
export const LAYOUT_PREVIEW_CSS = `
.dash h2 { font: 600 16px system-ui, sans-serif; margin: 16px 0 4px; }
.grid { position: relative; width: ${24 * PREVIEW_COLUMN_PX}px; background: rgb(245, 246, 248); }
.grid .panel, .grid .row { position: absolute; box-sizing: border-box; overflow: hidden; border-radius: 3px; font: 12px system-ui, sans-serif; }
.grid .panel { background: ${PREVIEW_PANEL_COLOR}; color: white; padding: 4px 6px; }
.grid .panel .title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.grid .panel .kind { opacity: 0.75; font-size: 11px; }
.grid .panel code { display: block; font: 11px ui-monospace, monospace; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; opacity: 0.9; }
.grid .row { background: ${PREVIEW_ROW_COLOR}; color: white; padding: 4px 6px; font-weight: 600; }
`;

function queriesOf(targets: unknown): string[] {
  if (!Array.isArray(targets)) return [];
  const out: string[] = [];
  for (const raw of targets) {
    if (typeof raw !== 'object' || raw === null) continue;
    const t = raw as Record<string, unknown>;
    const text = ['expr', 'query', 'rawSql', 'rawQuery', 'queryText'].map((k) => t[k]).find((v) => typeof v === 'string' && v !== '');
    if (typeof text === 'string') out.push(text);
    else {
      const { refId: _r, datasource: _d, ...rest } = t;
      out.push(JSON.stringify(rest).slice(0, 200));
    }
  }
  return out;
}

function toGridPos(value: unknown): GridPos {
  const g = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return { x: num(g['x'], 0), y: num(g['y'], 0), w: num(g['w'], 12), h: num(g['h'], 8) };
}

/** Escapes `& < > " '` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
