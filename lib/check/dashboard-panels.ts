/** A panel of a dashboard's JSON, with the row it sits in. */
export interface DashboardPanel {
  id?: number;
  title: string;
  type: string;
  /** Title of the row panel (or legacy row) above it, if any. */
  row?: string;
  description?: string;
  datasource?: unknown;
  /** Min interval (`interval`), raising `$__interval`. */
  interval?: string;
  targets: Record<string, unknown>[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every panel of a dashboard in display order, rows flattened: top-level panels, panels under a
 * row panel (expanded or collapsed), nested library-panel or row children, and legacy `rows[]`.
 * Row panels themselves are not listed.
 *
 * @example
 * dashboardPanels({ panels: [{ type: 'row', title: 'API', panels: [{ id: 2, type: 'stat', title: 'Up', targets: [] }] }] })
 * // → [{ id: 2, title: 'Up', type: 'stat', row: 'API', targets: [] }]
 */
export function dashboardPanels(dashboard: Json): DashboardPanel[] {
  const out: DashboardPanel[] = [];
  let row: string | undefined;
  const visit = (panel: unknown, inRow: string | undefined): void => {
    if (!isObject(panel)) return;
    if (panel['type'] === 'row') {
      row = typeof panel['title'] === 'string' ? panel['title'] : '';
      for (const child of Array.isArray(panel['panels']) ? panel['panels'] : []) visit(child, row);
      return;
    }
    const targets = Array.isArray(panel['targets']) ? panel['targets'].filter(isObject) : [];
    out.push({
      ...(typeof panel['id'] === 'number' && { id: panel['id'] }),
      title: typeof panel['title'] === 'string' ? panel['title'] : '',
      type: typeof panel['type'] === 'string' ? panel['type'] : '',
      ...(inRow !== undefined && { row: inRow }),
      ...(typeof panel['description'] === 'string' && { description: panel['description'] }),
      ...(panel['datasource'] !== undefined && { datasource: panel['datasource'] }),
      ...(typeof panel['interval'] === 'string' && panel['interval'] !== '' && { interval: panel['interval'] }),
      targets,
    });
    // Panels nested in non-row panels (rare, e.g. old exports) are visited too.
    for (const child of Array.isArray(panel['panels']) ? panel['panels'] : []) visit(child, inRow);
  };
  for (const panel of Array.isArray(dashboard['panels']) ? dashboard['panels'] : []) visit(panel, row);
  for (const legacy of Array.isArray(dashboard['rows']) ? dashboard['rows'] : []) {
    if (!isObject(legacy)) continue;
    const title = typeof legacy['title'] === 'string' ? legacy['title'] : '';
    for (const panel of Array.isArray(legacy['panels']) ? legacy['panels'] : []) visit(panel, title);
  }
  return out;
}
