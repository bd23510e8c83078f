// unknown-unit: a unit Grafana does not know is shown verbatim after each value, so typos such
// as `percentunitt` go unnoticed; lint reports them with a did-you-mean.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_UNIT_PREFIXES, GRAFANA_UNITS, isGrafanaUnit } from '../../lib/lint/grafana-units.js';
import { suggestUnit } from '../../lib/lint/rules/unknown-unit.js';
import { makeProject, runDash } from '../cli/run-dash.js';
import { dashboard, findingsOf, lint, panel, q } from './fixtures.js';

const KNOWN = [...GRAFANA_UNITS];

function withUnit(unit: string, where: 'defaults' | 'override' | 'graph' | 'heatmap' = 'defaults') {
  const base = panel('Ratio', q('sum(rate(M[$__rate_interval]))'));
  if (where === 'defaults') return { ...base, fieldConfig: { defaults: { unit }, overrides: [] } };
  if (where === 'override')
    return {
      ...base,
      fieldConfig: { defaults: { unit: 'none' }, overrides: [{ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'unit', value: unit }] }] },
    };
  if (where === 'heatmap') return { ...base, type: 'heatmap', options: { yAxis: { unit } } };
  return { ...base, type: 'graph', fieldConfig: undefined, yaxes: [{ format: 'short' }, { format: unit }] };
}

const unitFindings = (unit: string, where?: Parameters<typeof withUnit>[1]) => findingsOf(lint([dashboard({}, [withUnit(unit, where)])]), 'unknown-unit');

describe('unknown-unit', () => {
  it('GIVEN percentunitt THEN a warning names the unit, where it is set and what was meant', () => {
    const [finding, ...rest] = unitFindings('percentunitt');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', location: { panel: 'Ratio' } });
    expect(finding!.message).toBe('unknown unit "percentunitt" in fieldConfig.defaults.unit (did you mean "percentunit"?)');
  });

  it('checks overrides, the heatmap y axis and legacy graph axes too', () => {
    expect(unitFindings('bytess', 'override')[0]!.message).toBe('unknown unit "bytess" in fieldConfig.overrides[0].properties[0] (did you mean "bytes"?)');
    expect(unitFindings('sec', 'heatmap')[0]!.message).toBe('unknown unit "sec" in options.yAxis.unit (did you mean "s"?)');
    expect(unitFindings('Bytes', 'graph')[0]!.message).toBe('unknown unit "Bytes" in yaxes[1].format (did you mean "bytes"?)');
  });

  it('GIVEN a word that is no id THEN it says Grafana shows it verbatim and how to mean it', () => {
    expect(unitFindings('requests')[0]!.message).toBe(
      'unknown unit "requests" in fieldConfig.defaults.unit: Grafana shows it verbatim after each value; write "suffix:requests" if that is what you want',
    );
    expect(unitFindings('sufix:req')[0]!.message).toContain('(did you mean "suffix:req"?)');
    expect(unitFindings('suffix:')[0]!.message).toContain('a custom unit needs text after the colon');
  });

  it('PROPERTY: every Grafana unit id and every custom unit passes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), fc.constantFrom('defaults', 'override', 'graph', 'heatmap') as fc.Arbitrary<'defaults'>, (unit, where) => {
        expect(unitFindings(unit, where)).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...CUSTOM_UNIT_PREFIXES),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (prefix, text) => {
          expect(unitFindings(`${prefix}:${text}`)).toEqual([]);
        },
      ),
    );
  });

  it('PROPERTY: one typo (insert, drop, swap or change a letter) in an id of 5+ letters is reported, with a known id suggested', () => {
    const long = KNOWN.filter((u) => u.length >= 5);
    const edit = fc.record({ op: fc.constantFrom('insert', 'drop', 'change', 'swap'), at: fc.nat(), letter: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz') });
    fc.assert(
      fc.property(fc.constantFrom(...long), edit, (unit, { op, at, letter }) => {
        const i = at % unit.length;
        const typo =
          op === 'insert'
            ? unit.slice(0, i) + letter + unit.slice(i)
            : op === 'drop'
              ? unit.slice(0, i) + unit.slice(i + 1)
              : op === 'change'
                ? unit.slice(0, i) + letter + unit.slice(i + 1)
                : unit.slice(0, i) + unit.slice(i + 1, i + 2) + unit.slice(i, i + 1) + unit.slice(i + 2);
        fc.pre(!isGrafanaUnit(typo));
        const findings = unitFindings(typo);
        expect(findings).toHaveLength(1);
        const suggestion = suggestUnit(typo);
        expect(suggestion).toBeDefined();
        expect(GRAFANA_UNITS.has(suggestion!)).toBe(true);
        expect(findings[0]!.message).toContain(`(did you mean ${JSON.stringify(suggestion)}?)`);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN .unit("percentunitt") in a project THEN dash lint reports it with its file (end to end)', () => {
    const dir = makeProject({
      'ratio.dash.ts': `import { dashboard, stat, prometheus } from 'grafts';\nexport default dashboard('Ratio').uid('ratio').panel(stat('Ratio').target(prometheus('sum(up)')).unit('percentunitt'));\n`,
    });
    const run = runDash(['lint', '--json', '--no-typecheck'], dir);
    const result = JSON.parse(run.stdout) as { findings: { rule: string; source: string; message: string }[] };
    expect(result.findings.filter((f) => f.rule === 'unknown-unit')).toEqual([
      expect.objectContaining({ source: 'ratio.dash.ts', message: 'unknown unit "percentunitt" in fieldConfig.defaults.unit (did you mean "percentunit"?)' }),
    ]);
  });
});
