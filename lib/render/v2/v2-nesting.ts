/**
 * Nesting checks of a schema v2 layout. The schema allows any layout inside any row or tab, to
 * any depth; Grafana's editor is stricter: no tab directly inside a tab, and at most 3 grouping
 * levels (rows and tabs). A dashboard that breaks these still saves and renders, so they are
 * warnings, not errors.
 */

type Json = Record<string, unknown>;

/** Grouping levels (rows and tabs) Grafana's editor allows. */
export const MAX_V2_GROUPING_LEVELS = 3;

/** One nesting warning: where (`tab "Ops" › row "Disk"`) and what. */
export interface V2NestingWarning {
  readonly path: readonly string[];
  readonly message: string;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * The nesting warnings of a v2 spec's layout: each tab whose tab group sits directly inside a
 * tab, and each row or tab at grouping level 4 or deeper (reported once per branch, at the
 * first level past the limit).
 *
 * @example
 * v2NestingWarnings({ layout: { kind: 'TabsLayout', spec: { tabs: [{ kind: 'TabsLayoutTab', spec: { title: 'A',
 *   layout: { kind: 'TabsLayout', spec: { tabs: [{ kind: 'TabsLayoutTab', spec: { title: 'B', layout: … } }] } } } }] } } })
 * // → [{ path: ['tab "A"', 'tab "B"'], message: 'tab "B" is directly inside tab "A": Grafana\'s editor does not allow tabs directly in tabs (put a row between them)' }]
 */
export function v2NestingWarnings(spec: Json): V2NestingWarning[] {
  const warnings: V2NestingWarning[] = [];
  const visit = (layout: unknown, path: readonly string[], parentTab: string | undefined): void => {
    if (!isRecord(layout) || !isRecord(layout['spec'])) return;
    const groups = layout['kind'] === 'TabsLayout' ? list(layout['spec']['tabs']) : layout['kind'] === 'RowsLayout' ? list(layout['spec']['rows']) : [];
    const isTabs = layout['kind'] === 'TabsLayout';
    for (const group of groups) {
      const g = isRecord(group['spec']) ? group['spec'] : {};
      const name = `${isTabs ? 'tab' : 'row'} "${typeof g['title'] === 'string' ? g['title'] : ''}"`;
      const here = [...path, name];
      if (isTabs && parentTab !== undefined) {
        warnings.push({
          path: here,
          message: `${name} is directly inside ${parentTab}: Grafana's editor does not allow tabs directly in tabs (put a row between them)`,
        });
      }
      if (here.length > MAX_V2_GROUPING_LEVELS) {
        warnings.push({
          path: here,
          message: `${name} is at grouping level ${here.length} (${here.join(' › ')}): Grafana's editor allows at most ${MAX_V2_GROUPING_LEVELS} levels of rows and tabs`,
        });
        continue;
      }
      visit(g['layout'], here, isTabs ? name : undefined);
    }
  };
  visit(spec['layout'], [], undefined);
  return warnings;
}
