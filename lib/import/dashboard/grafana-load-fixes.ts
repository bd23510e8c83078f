import { GRID_COLUMNS } from '../../layout/grid-layout.js';
import { isPlainObject } from '../../model/deep-merge.js';

type Json = Record<string, unknown>;
type Box = { x: number; y: number; w: number; h: number };

// A panel without (part of) a gridPos gets these from Grafana's PanelModel defaults.
const DEFAULT_GRID_POS: Readonly<Box> = Object.freeze({ x: 0, y: 0, w: 6, h: 3 });

/**
 * Makes what Grafana accepts but corrects when it loads a dashboard into what it shows, so the
 * import builds, and says in `notes` what is therefore not byte-identical to the input:
 *
 * - `gridPos`: a missing box or coordinate takes PanelModel's default (`x 0, y 0, w 6, h 3`);
 *   fractional values are rounded to whole grid units (the grid snaps to them when a panel is
 *   next moved); width is at least 1 and at most 24 and height at least 1; a panel sticking out
 *   on the right moves left until it fits and one left of the grid starts at column 0, full
 *   width (react-grid-layout's bounds correction); a negative `y` is 0 (its compaction).
 * - a variable name defined twice: Grafana resolves `$name` to the first; the later ones are
 *   dropped.
 * - duplicate panel ids: Grafana gives the later panels new ids (grafts numbers them 1..n anyway).
 *
 * Returns the input itself when nothing needed a correction.
 *
 * @example
 * const notes: string[] = [];
 * applyGrafanaLoadFixes({ title: 'A', panels: [{ type: 'text', gridPos: { x: 12, y: -1, w: 18, h: 8 } }] }, notes).panels
 * // → [{ type: 'text', gridPos: { x: 6, y: 0, w: 18, h: 8 } }]
 * // notes: ['panel "" gridPos {"x":12,"y":-1,"w":18,"h":8} → {"x":6,"y":0,"w":18,"h":8} (Grafana moves it inside the grid)']
 */
export function applyGrafanaLoadFixes(dashboard: Json, notes: string[]): Json {
  let out = dashboard;
  if (Array.isArray(dashboard.panels)) {
    const ids = new Set<unknown>();
    const duplicateIds = new Set<unknown>();
    let changed = false;
    const fixPanel = (panel: unknown, where: string): unknown => {
      if (!isPlainObject(panel)) return panel;
      if (typeof panel.id === 'number') {
        if (ids.has(panel.id)) duplicateIds.add(panel.id);
        ids.add(panel.id);
      }
      const label = `${where} "${typeof panel.title === 'string' ? panel.title : ''}"`;
      let fixed: Json = panel;
      const box = gridPosAsShown(panel.gridPos, panel.type === 'row');
      if (box.reasons.length > 0) {
        fixed = { ...fixed, gridPos: box.gridPos };
        notes.push(`${label}: gridPos ${JSON.stringify(panel.gridPos ?? null)} → ${JSON.stringify(box.gridPos)} (${box.reasons.join('; ')})`);
      }
      if (panel.type === 'row' && Array.isArray(panel.panels) && panel.panels.length > 0) {
        const children = panel.panels.map((p) => fixPanel(p, `row "${String(panel.title)}" › panel`));
        if (children.some((c, i) => c !== (panel.panels as unknown[])[i])) fixed = { ...fixed, panels: children };
      }
      if (fixed !== panel) changed = true;
      return fixed;
    };
    const panels = dashboard.panels.map((p) => fixPanel(p, isPlainObject(p) && p.type === 'row' ? 'row' : 'panel'));
    if (changed) out = { ...out, panels };
    if (duplicateIds.size > 0) {
      notes.push(
        `panel id${duplicateIds.size === 1 ? '' : 's'} ${[...duplicateIds].join(', ')} used more than once (Grafana gives the later panels new ids); panels are numbered 1..n in layout order`,
      );
    }
  }
  if (isPlainObject(dashboard.templating) && Array.isArray(dashboard.templating.list)) {
    const seen = new Set<string>();
    const kept = dashboard.templating.list.filter((v, i) => {
      if (!isPlainObject(v) || typeof v.name !== 'string' || v.name === '') return true;
      if (!seen.has(v.name)) {
        seen.add(v.name);
        return true;
      }
      notes.push(`variable "${v.name}" is defined more than once; Grafana uses the first, so the one at templating.list[${i}] is dropped`);
      return false;
    });
    if (kept.length !== dashboard.templating.list.length) out = { ...out, templating: { ...dashboard.templating, list: kept } };
  }
  return out;
}

/**
 * Where Grafana shows a panel whose stored `gridPos` is `value` (see
 * {@link applyGrafanaLoadFixes}), and why that differs from `value` (empty when it does not).
 */
export function gridPosAsShown(value: unknown, isRow = false): { gridPos: Box; reasons: string[] } {
  const reasons: string[] = [];
  const given = isPlainObject(value) ? value : undefined;
  if (!given) reasons.push(`no gridPos: Grafana's default ${DEFAULT_GRID_POS.w}×${DEFAULT_GRID_POS.h} at the top left`);
  const read = (key: keyof Box): number => {
    const v = given?.[key];
    if (given && (typeof v !== 'number' || !Number.isFinite(v))) {
      reasons.push(`${key} ${v === undefined ? 'missing' : (JSON.stringify(v) ?? String(v))}: Grafana's default ${DEFAULT_GRID_POS[key]}`);
      return DEFAULT_GRID_POS[key];
    }
    if (typeof v !== 'number') return DEFAULT_GRID_POS[key];
    if (!Number.isInteger(v)) {
      reasons.push(`${key} ${v} rounded to whole grid units`);
      return Math.round(v);
    }
    return v;
  };
  let x = read('x');
  let y = read('y');
  let w = read('w');
  let h = read('h');
  if (isRow) {
    // A row header is a full-width line of height 1 whatever it says (see normalizePanel): only y matters.
    if (y < 0) {
      reasons.push(`y ${y}: compacted to 0`);
      y = 0;
    }
    return { gridPos: reasons.length === 0 ? (given as Box) : { x: 0, y, w: GRID_COLUMNS, h: 1 }, reasons };
  }
  if (w < 1 || w > GRID_COLUMNS) {
    const clamped = Math.min(GRID_COLUMNS, Math.max(1, w));
    reasons.push(`width ${w}: ${clamped} (the grid has ${GRID_COLUMNS} columns)`);
    w = clamped;
  }
  if (h < 1) {
    reasons.push(`height ${h}: 1`);
    h = 1;
  }
  if (x < 0) {
    reasons.push(`x ${x}: Grafana moves it to column 0 at full width`);
    x = 0;
    w = GRID_COLUMNS;
  } else if (x + w > GRID_COLUMNS) {
    reasons.push(`x ${x} with width ${w} sticks out of the ${GRID_COLUMNS} columns: Grafana moves it left to x ${GRID_COLUMNS - w}`);
    x = GRID_COLUMNS - w;
  }
  if (y < 0) {
    reasons.push(`y ${y}: compacted to 0`);
    y = 0;
  }
  return { gridPos: { x, y, w, h }, reasons };
}
