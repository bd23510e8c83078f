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
 * with each panel's title, type and queries. A schema v2 spec (one with `layout`) is drawn by its
 * layout: grid, auto grid (by max column count), rows (nested too) and tabs (a tab strip, then
 * each tab's content under its title), with show/hide rules marked. Self-contained markup; the page styles come from
 * {@link LAYOUT_PREVIEW_CSS}.
 *
 * @example
 * renderLayoutPreview({ uid: 'api', title: 'API', panels: [...] })
 * // → '<section class="dash" data-uid="api"><h2>API</h2><div class="grid" style="height:…">…</div></section>'
 */
export function renderLayoutPreview(dashboard: Readonly<Record<string, unknown>>): string {
  if (isV2Layout(dashboard['layout'])) return renderV2LayoutPreview(dashboard);
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

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isV2Layout(value: unknown): value is Json {
  return isObject(value) && typeof value['kind'] === 'string' && /^(Grid|AutoGrid|Rows|Tabs)Layout$/.test(value['kind']);
}

function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Auto grid row heights in pixels by `rowHeightMode` (Grafana's short / standard / tall). */
const AUTO_GRID_ROW_PX: Readonly<Record<string, number>> = { short: 168, standard: 320, tall: 512 };

/**
 * A schema v2 dashboard (`{ ...spec, uid, title }`) as HTML: its `layout` drawn recursively.
 * A grid layout places boxes like a v1 dashboard; an auto grid lays boxes out by its max column
 * count (default 3); rows are sections with a header (collapsed ones marked ▸); tabs are a tab
 * strip followed by each tab's content under its title. Rows, tabs and auto grid items with a
 * show/hide rule carry the class `ruled` and a `.rule` badge describing it.
 */
function renderV2LayoutPreview(dashboard: Readonly<Record<string, unknown>>): string {
  const uid = String(dashboard['uid'] ?? '');
  const title = String(dashboard['title'] ?? uid);
  const elements = isObject(dashboard['elements']) ? dashboard['elements'] : {};
  const body = renderV2Layout(dashboard['layout'] as Json, elements);
  return `<section class="dash v2" data-uid="${escapeHtml(uid)}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function renderV2Layout(layout: Json, elements: Json): string {
  const spec = isObject(layout['spec']) ? layout['spec'] : {};
  switch (layout['kind']) {
    case 'GridLayout': {
      const items = arrayOf(spec['items']).map((item) => (isObject(item['spec']) ? item['spec'] : {}));
      const rows = items.reduce((max, i) => Math.max(max, numberOr(i['y'], 0) + numberOr(i['height'], 8)), 0);
      const boxes = items.map((i) => {
        const gridPos = { x: numberOr(i['x'], 0), y: numberOr(i['y'], 0), w: numberOr(i['width'], 12), h: numberOr(i['height'], 8) };
        const style = `left:${gridPos.x * PREVIEW_COLUMN_PX + PREVIEW_GAP_PX}px;top:${gridPos.y * PREVIEW_ROW_PX + PREVIEW_GAP_PX}px;width:${gridPos.w * PREVIEW_COLUMN_PX - 2 * PREVIEW_GAP_PX}px;height:${gridPos.h * PREVIEW_ROW_PX - 2 * PREVIEW_GAP_PX}px`;
        return renderV2Panel(i, elements, style);
      });
      return `<div class="grid" style="height:${rows * PREVIEW_ROW_PX + PREVIEW_GAP_PX}px">${boxes.join('')}</div>`;
    }
    case 'AutoGridLayout': {
      const columns = Math.max(1, Math.floor(numberOr(spec['maxColumnCount'], 3)));
      const mode = typeof spec['rowHeightMode'] === 'string' ? spec['rowHeightMode'] : 'standard';
      const rowPx = mode === 'custom' ? numberOr(spec['rowHeight'], AUTO_GRID_ROW_PX['standard']!) : (AUTO_GRID_ROW_PX[mode] ?? AUTO_GRID_ROW_PX['standard']!);
      const items = arrayOf(spec['items']).map((item) => renderV2Panel(isObject(item['spec']) ? item['spec'] : {}, elements, ''));
      return `<div class="autogrid" data-columns="${columns}" style="grid-template-columns:repeat(${columns}, 1fr);grid-auto-rows:${rowPx}px">${items.join('')}</div>`;
    }
    case 'RowsLayout': {
      const rows = arrayOf(spec['rows']).map((row) => {
        const r = isObject(row['spec']) ? row['spec'] : {};
        const collapsed = r['collapse'] === true;
        const rule = ruleBadge(r['conditionalRendering']);
        const inner = isV2Layout(r['layout']) ? renderV2Layout(r['layout'], elements) : '';
        const header = `<div class="row-header">${collapsed ? '▸' : '▾'} ${escapeHtml(String(r['title'] ?? ''))}${rule}</div>`;
        return `<div class="v2row${collapsed ? ' collapsed' : ''}${rule ? ' ruled' : ''}">${header}${inner}</div>`;
      });
      return `<div class="rows">${rows.join('')}</div>`;
    }
    case 'TabsLayout': {
      const tabs = arrayOf(spec['tabs']).map((tab) => (isObject(tab['spec']) ? tab['spec'] : {}));
      const strip = tabs
        .map((t) => `<span class="tab${ruleBadge(t['conditionalRendering']) ? ' ruled' : ''}">${escapeHtml(String(t['title'] ?? ''))}</span>`)
        .join('');
      const panes = tabs.map((t) => {
        const rule = ruleBadge(t['conditionalRendering']);
        const inner = isV2Layout(t['layout']) ? renderV2Layout(t['layout'], elements) : '';
        return `<div class="tab-pane${rule ? ' ruled' : ''}" data-tab="${escapeHtml(String(t['title'] ?? ''))}"><h3>${escapeHtml(String(t['title'] ?? ''))}${rule}</h3>${inner}</div>`;
      });
      return `<div class="tabs"><div class="tab-strip">${strip}</div>${panes.join('')}</div>`;
    }
    default:
      return '';
  }
}

/** A panel box for a grid or auto grid item (`style` places it on a grid; empty in an auto grid). */
function renderV2Panel(item: Json, elements: Json, style: string): string {
  const ref = isObject(item['element']) ? item['element'] : {};
  const element = elements[String(ref['name'] ?? '')];
  const el = isObject(element) ? element : {};
  const spec = isObject(el['spec']) ? el['spec'] : {};
  const title = String(spec['title'] ?? ref['name'] ?? '');
  let type = 'unknown';
  let queries: string[] = [];
  if (el['kind'] === 'LibraryPanel') type = 'library panel';
  else if (el['kind'] === 'Panel') {
    const viz = isObject(spec['vizConfig']) ? spec['vizConfig'] : {};
    type = String(viz['group'] ?? viz['kind'] ?? 'unknown');
    const data = isObject(spec['data']) && isObject(spec['data']['spec']) ? spec['data']['spec'] : {};
    queries = queriesOf(
      arrayOf(data['queries']).map((q) => {
        const query = isObject(q['spec']) && isObject(q['spec']['query']) ? q['spec']['query'] : {};
        return isObject(query['spec']) ? query['spec'] : {};
      }),
    );
  }
  const rule = ruleBadge(item['conditionalRendering']);
  const code = queries.map((q) => `<code>${escapeHtml(q)}</code>`).join('');
  const styleAttr = style === '' ? '' : ` style="${style}"`;
  return `<div class="panel${rule ? ' ruled' : ''}" data-title="${escapeHtml(title)}"${styleAttr}><div class="title">${escapeHtml(title)}</div><div class="kind">${escapeHtml(type)}</div>${code}${rule}</div>`;
}

/** A badge describing a show/hide rule, e.g. `show if $env = prod and has data`; '' without a rule. */
function ruleBadge(value: unknown): string {
  if (!isObject(value) || !isObject(value['spec'])) return '';
  const spec = value['spec'];
  const ops: Record<string, string> = { equals: '=', notEquals: '≠', matches: '=~', notMatches: '!~' };
  const parts = arrayOf(spec['items']).map((item) => {
    const s = isObject(item['spec']) ? item['spec'] : {};
    switch (item['kind']) {
      case 'ConditionalRenderingVariable':
        return `$${String(s['variable'] ?? '')} ${ops[String(s['operator'])] ?? String(s['operator'])} ${String(s['value'] ?? '')}`;
      case 'ConditionalRenderingData':
        return s['value'] === false ? 'no data' : 'has data';
      case 'ConditionalRenderingTimeRangeSize':
        return `time range < ${String(s['value'] ?? '')}`;
      default:
        return String(item['kind'] ?? '?');
    }
  });
  const visibility = spec['visibility'] === 'hide' ? 'hide' : 'show';
  const text = `${visibility} if ${parts.join(spec['condition'] === 'or' ? ' or ' : ' and ')}`;
  return `<span class="rule" title="show/hide rule">${escapeHtml(text)}</span>`;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
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
.autogrid { display: grid; gap: ${2 * PREVIEW_GAP_PX}px; padding: ${PREVIEW_GAP_PX}px; width: ${24 * PREVIEW_COLUMN_PX}px; box-sizing: border-box; background: rgb(245, 246, 248); }
.autogrid .panel { position: relative; box-sizing: border-box; overflow: hidden; border-radius: 3px; font: 12px system-ui, sans-serif; background: ${PREVIEW_PANEL_COLOR}; color: white; padding: 4px 6px; }
.autogrid .panel .title { font-weight: 600; }
.autogrid .panel .kind { opacity: 0.75; font-size: 11px; }
.autogrid .panel code { display: block; font: 11px ui-monospace, monospace; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.v2row { margin: 4px 0 4px 12px; }
.v2row > .row-header { background: ${PREVIEW_ROW_COLOR}; color: white; padding: 4px 6px; font: 600 12px system-ui, sans-serif; border-radius: 3px; width: ${24 * PREVIEW_COLUMN_PX}px; box-sizing: border-box; }
.tabs { margin: 4px 0 4px 12px; }
.tab-strip { display: flex; gap: 2px; border-bottom: 2px solid ${PREVIEW_ROW_COLOR}; }
.tab-strip .tab { padding: 4px 10px; background: rgb(225, 228, 234); border-radius: 3px 3px 0 0; font: 600 12px system-ui, sans-serif; }
.tab-pane > h3 { font: 600 13px system-ui, sans-serif; margin: 8px 0 4px; }
.ruled { outline: 2px dashed rgb(230, 150, 30); }
.rule { display: inline-block; margin-left: 8px; padding: 0 4px; background: rgb(255, 220, 150); color: rgb(80, 50, 0); border-radius: 3px; font: 11px system-ui, sans-serif; }
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
