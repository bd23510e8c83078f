/**
 * A data source variable's regex built from data sources defined as code lists exactly those
 * data sources: read the way Grafana reads it (`/…/flags` → RegExp, after interpolating
 * dashboard variables into it), it matches every defined name and nothing else, whatever the
 * names contain (regex metacharacters, `$var`, `${var}`, `[[var]]`, slashes, newlines, unicode).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, datasourceVariable, lokiDatasource, prometheusDatasource, standardVariables } from '../../lib/index.js';

/** Grafana's `stringToJsRegex`: `/pattern/flags`, else the string anchored. */
function grafanaRegex(text: string): RegExp {
  const match = /^\/(.*)\/([gmiysu]*)$/s.exec(text);
  if (!match) return new RegExp(`^${text}$`);
  return new RegExp(match[1]!, match[2]);
}

/** Grafana's template interpolation syntaxes: `$name`, `${name…}`, `[[name…]]`. */
const VARIABLE_SYNTAX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

const META = ['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\', '/', '-', ' ', '\n', 'é', '🙂', '$env', '${env}', '[[env]]', 'a'];
const nameArb = fc
  .array(fc.oneof(fc.constantFrom(...META), fc.string({ minLength: 1, maxLength: 3, unit: 'grapheme' })), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((s) => s.trim() !== '');

const promDefs = (names: readonly string[]) => names.map((name, i) => prometheusDatasource({ uid: `p${i}`, name, url: 'http://p:9090' }));
const regexOf = (variable: ReturnType<typeof datasourceVariable>): string => {
  const json = dashboard('d').variable(variable).build() as { templating: { list: { regex?: string }[] } };
  return json.templating.list[0]!.regex!;
};

describe('datasourceVariable().regex(...definitions)', () => {
  it('matches exactly the defined names, and nothing near them', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nameArb, { minLength: 1, maxLength: 5 }), fc.array(nameArb, { maxLength: 10 }), (names, others) => {
        // GIVEN data sources defined as code with adversarial names WHEN a variable lists them
        const [first, ...rest] = promDefs(names);
        const regex = grafanaRegex(regexOf(datasourceVariable('datasource', 'prometheus').regex(first!, ...rest)));
        // THEN every defined name is listed
        for (const name of names) expect(regex.test(name), name).toBe(true);
        // AND no other name: arbitrary ones, and each defined name with a character added, removed or changed
        const near = names.flatMap((n) => [`${n}x`, `x${n}`, n.slice(1), n.slice(0, -1), `${n}\n`, n.replace(/./su, '.'), `${n}${n}`]);
        for (const other of [...others, ...near]) {
          if (!names.includes(other)) expect(regex.test(other), JSON.stringify(other)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('survives Grafana interpolating dashboard variables into it: no variable syntax but the closing anchor', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nameArb, { minLength: 1, maxLength: 5 }), (names) => {
        const [first, ...rest] = promDefs(names);
        const text = regexOf(datasourceVariable('datasource', 'prometheus').regex(first!, ...rest));
        // THEN nothing in it is a variable reference Grafana would replace
        expect(text.match(VARIABLE_SYNTAX)).toBeNull();
        expect(text.indexOf('$')).toBe(text.length - 2);
      }),
      { numRuns: 300 },
    );
  });

  it('a string is still a regex as written; a definition of another plugin or a non-definition is refused', () => {
    // GIVEN a hand-written regex THEN it is kept as is
    expect(regexOf(datasourceVariable('datasource', 'prometheus').regex('/^prod-/'))).toBe('/^prod-/');
    // GIVEN a Loki definition on a Prometheus variable (from JavaScript, past the types) THEN a clear error
    const loki = lokiDatasource({ uid: 'l', name: 'Loki', url: 'http://l:3100' });
    const variable = datasourceVariable('datasource', 'prometheus');
    expect(() => (variable.regex as (...a: unknown[]) => unknown)(loki)).toThrow(
      'datasourceVariable("datasource").regex(): data source "Loki" is a loki data source, the variable lists prometheus',
    );
    expect(() => (variable.regex as (...a: unknown[]) => unknown)()).toThrow('give a regex or at least one data source');
    expect(() => (variable.regex as (...a: unknown[]) => unknown)({ kind: 'prometheus' })).toThrow(
      'argument 1 is neither a regex string nor a data source defined as code',
    );
  });

  it('standardVariables({ datasources }) lists exactly those and selects the first by default', () => {
    // GIVEN two Prometheus data sources defined as code WHEN the house-style variables list them
    const defs = promDefs(['Prometheus (EU)', 'Prometheus $region']);
    const vars = standardVariables({ datasources: defs });
    const json = dashboard('d')
      .variable(...vars.all)
      .build() as unknown as { templating: { list: Record<string, unknown>[] } };
    const ds = json.templating.list[0]!;
    // THEN the datasource variable matches exactly their names and defaults to the first
    expect(ds['regex']).toBe('/^(?:Prometheus \\(EU\\)|Prometheus \\x24region)$/');
    expect(ds['current']).toEqual({ text: 'Prometheus (EU)', value: 'Prometheus (EU)' });
    const regex = grafanaRegex(ds['regex'] as string);
    expect(['Prometheus (EU)', 'Prometheus $region', 'Prometheus EU', 'Prometheus '].map((n) => regex.test(n))).toEqual([true, true, false, false]);
    // AND an empty list is refused rather than listing nothing
    expect(() => standardVariables({ datasources: [] })).toThrow('"datasources" is empty');
  });
});
