import type { PanelView } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/** Panel types that show numbers on an axis or as a value, where a unit tells what they mean. */
export const UNIT_PANEL_TYPES: ReadonlySet<string> = new Set(['timeseries', 'graph', 'stat', 'gauge', 'bargauge', 'singlestat', 'barchart']);

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The unit a panel sets, from field defaults, an override, or legacy graph/singlestat settings. */
export function panelUnit(panel: Json): string | undefined {
  const fieldConfig = isRecord(panel['fieldConfig']) ? panel['fieldConfig'] : {};
  const defaults = isRecord(fieldConfig['defaults']) ? fieldConfig['defaults'] : {};
  if (typeof defaults['unit'] === 'string' && defaults['unit'] !== '') return defaults['unit'];
  const overrides = Array.isArray(fieldConfig['overrides']) ? fieldConfig['overrides'] : [];
  for (const o of overrides) {
    const props = isRecord(o) && Array.isArray(o['properties']) ? o['properties'] : [];
    for (const p of props) if (isRecord(p) && p['id'] === 'unit' && typeof p['value'] === 'string' && p['value'] !== '') return p['value'];
  }
  const yaxes = Array.isArray(panel['yaxes']) ? panel['yaxes'] : [];
  if (isRecord(yaxes[0]) && typeof yaxes[0]['format'] === 'string' && yaxes[0]['format'] !== '') return yaxes[0]['format'];
  if (typeof panel['format'] === 'string' && panel['format'] !== '') return panel['format'];
  return undefined;
}

/** A panel that shows states or text rather than quantities: value mappings, or a string field. */
function showsText(panel: Json): boolean {
  const fieldConfig = isRecord(panel['fieldConfig']) ? panel['fieldConfig'] : {};
  const defaults = isRecord(fieldConfig['defaults']) ? fieldConfig['defaults'] : {};
  if (Array.isArray(defaults['mappings']) && defaults['mappings'].length > 0) return true;
  if (Array.isArray(panel['valueMaps']) && panel['valueMaps'].length > 0 && panel['type'] === 'singlestat') return true;
  const options = isRecord(panel['options']) ? panel['options'] : {};
  const reduce = isRecord(options['reduceOptions']) ? options['reduceOptions'] : {};
  return typeof reduce['fields'] === 'string' && reduce['fields'] !== '';
}

function needsUnit(panel: PanelView): boolean {
  return UNIT_PANEL_TYPES.has(panel.type) && panel.targets.length > 0 && !showsText(panel.json);
}

/** `panel-unit`: panels that plot numbers set a unit. */
export const panelUnitRule: LintRule = {
  id: 'panel-unit',
  severity: 'warning',
  description: 'time series, stat, gauge and bar panels with queries set a unit (reqps, s, bytes, percentunit, short, none, …)',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        if (!needsUnit(panel) || panelUnit(panel.json) !== undefined) continue;
        findings.push({
          source: d.source,
          location: d.location(panel),
          message: `${panel.type} panel has no unit: set fieldConfig.defaults.unit (.unit('…') in grafts), or "none" for plain numbers`,
        });
      }
    }
    return findings;
  },
};
