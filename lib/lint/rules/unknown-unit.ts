import { closestName } from '../../util/did-you-mean.js';
import { CUSTOM_UNIT_PREFIXES, GRAFANA_UNITS, isGrafanaUnit, UNIT_SYNONYMS } from '../grafana-units.js';
import type { LintRule, RuleFinding } from '../types.js';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A unit a panel sets, and where (for the message). */
interface UnitUse {
  unit: string;
  where: string;
}

/**
 * Every unit a panel sets: field defaults, overrides, the heatmap's y axis, and the legacy graph
 * (`yaxes[].format`) and singlestat (`format`) settings.
 */
export function panelUnits(panel: Json): UnitUse[] {
  const uses: UnitUse[] = [];
  const add = (value: unknown, where: string) => {
    if (typeof value === 'string' && value !== '') uses.push({ unit: value, where });
  };
  const fieldConfig = isRecord(panel['fieldConfig']) ? panel['fieldConfig'] : {};
  if (isRecord(fieldConfig['defaults'])) add(fieldConfig['defaults']['unit'], 'fieldConfig.defaults.unit');
  const overrides = Array.isArray(fieldConfig['overrides']) ? fieldConfig['overrides'] : [];
  overrides.forEach((override, i) => {
    const properties = isRecord(override) && Array.isArray(override['properties']) ? override['properties'] : [];
    properties.forEach((p, j) => {
      if (isRecord(p) && p['id'] === 'unit') add(p['value'], `fieldConfig.overrides[${i}].properties[${j}]`);
    });
  });
  const options = isRecord(panel['options']) ? panel['options'] : {};
  if (isRecord(options['yAxis'])) add(options['yAxis']['unit'], 'options.yAxis.unit');
  if (Array.isArray(panel['yaxes'])) panel['yaxes'].forEach((axis, i) => isRecord(axis) && add(axis['format'], `yaxes[${i}].format`));
  if (panel['type'] === 'singlestat') add(panel['format'], 'format');
  return uses;
}

/**
 * What an unknown unit most likely meant: a known synonym (`seconds` → `s`), the same id in
 * another case (`Bytes` → `bytes`), a custom prefix with a typo (`sufix:req` → `suffix:req`),
 * else the closest id by edit distance.
 *
 * @example
 * suggestUnit('percentunitt') // → 'percentunit'
 * suggestUnit('requests')     // → undefined
 */
export function suggestUnit(unit: string): string | undefined {
  const lower = unit.trim().toLowerCase();
  const synonym = UNIT_SYNONYMS[lower];
  if (synonym !== undefined) return synonym;
  for (const id of GRAFANA_UNITS) if (id.toLowerCase() === lower) return id;
  const colon = unit.indexOf(':');
  if (colon > 0) {
    const prefix = unit.slice(0, colon).trim().toLowerCase();
    const rest = unit.slice(colon + 1);
    if (rest.trim() === '') return undefined;
    if (CUSTOM_UNIT_PREFIXES.includes(prefix)) return `${prefix}:${rest}`;
    const closest = closestName(prefix, CUSTOM_UNIT_PREFIXES);
    if (closest !== undefined) return `${closest}:${rest}`;
  }
  return closestName(unit, GRAFANA_UNITS);
}

function unknownUnitMessage(unit: string, where: string): string {
  const head = `unknown unit ${JSON.stringify(unit)} in ${where}`;
  const suggestion = suggestUnit(unit);
  if (suggestion !== undefined) return `${head} (did you mean ${JSON.stringify(suggestion)}?)`;
  const colon = unit.indexOf(':');
  if (colon > 0 && unit.slice(colon + 1).trim() === '') return `${head}: a custom unit needs text after the colon`;
  return `${head}: Grafana shows it verbatim after each value; write ${JSON.stringify(`suffix:${unit}`)} if that is what you want`;
}

/** `unknown-unit`: every unit a panel sets is one Grafana knows. */
export const unknownUnit: LintRule = {
  id: 'unknown-unit',
  severity: 'warning',
  description:
    'units are Grafana unit ids (reqps, s, bytes, percentunit, …) or custom units (suffix:…, prefix:…, si:…, count:…, currency:…, time:…, bool:…); Grafana shows anything else verbatim after each value',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const { unit, where } of panelUnits(panel.json)) {
          if (isGrafanaUnit(unit)) continue;
          findings.push({ source: d.source, location: d.location(panel), message: unknownUnitMessage(unit, where) });
        }
      }
    }
    return findings;
  },
};
