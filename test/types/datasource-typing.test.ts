/**
 * Compile-time proof that a panel on a data source only takes that data source's queries:
 * a fixture is type-checked with the TypeScript compiler API and the repository's compiler
 * options, and every line's diagnostics are compared with what the line says it expects.
 *
 * The fixture is virtual (served by the compiler host as test/types/datasource-typing.virtual-fixture.ts), so it
 * needs no file on disk, resolves `../../lib/index.js` like a real test file, and is not part of
 * `tsc -p .` (where its intended errors would fail the type check).
 */
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/validate-schema.js';

const fixturePath = path.join(repoRoot, 'test', 'types', 'datasource-typing.virtual-fixture.ts');

// Each checked line ends with `// ok` or `// error TSxxxx`.
const fixture = `
import {
  datasource, datasourceVariable, logs, loki, lokiDatasource, prometheus, prometheusDatasource, rawQuery, stat, standardVariables, table, tempo, timeseries,
} from '../../lib/index.js';

const promDs = datasource('prometheus', 'prom-uid');
const promVar = datasourceVariable('datasource', 'prometheus');
const lokiVar = datasourceVariable('logs', 'loki');

// timeseries
timeseries('x').datasource(promDs).target(loki('{a="b"}')); // error TS2345
timeseries('x').datasource(promDs).target(prometheus('up')); // ok
timeseries('x').datasource(promVar).target(loki('{a="b"}')); // error TS2345
timeseries('x').datasource(promVar).unit('s').stacking('normal').target(loki('{a="b"}')); // error TS2345
timeseries('x').datasource(promVar).unit('s').stacking('normal').target(prometheus('up')); // ok
timeseries('x').datasource(lokiVar).target(prometheus('up')); // error TS2345
timeseries('x').datasource(lokiVar).target(loki('rate({a="b"}[1m])')); // ok
timeseries('x').target(loki('{a="b"}'), prometheus('up'), tempo('{}')); // ok
timeseries('x').datasource(promDs).target(tempo('{}')); // error TS2345
timeseries('x').datasource(promDs).target(rawQuery('prometheus', { expr: 'up' })); // ok
timeseries('x').datasource(promDs).target(rawQuery('elasticsearch', { query: '*' })); // error TS2345

// stat
stat('x').datasource(promDs).target(loki('{a="b"}')); // error TS2345
stat('x').datasource(promDs).colorMode('background').target(prometheus('up')); // ok
stat('x').datasource(lokiVar).target(prometheus('up')); // error TS2345
stat('x').target(loki('{a="b"}')); // ok

// table
table('x').datasource(promDs).target(loki('{a="b"}')); // error TS2345
table('x').datasource(promVar).sortBy('Value').target(prometheus('up').instant()); // ok
table('x').datasource(lokiVar).target(prometheus('up')); // error TS2345
table('x').target(prometheus('up')); // ok

// logs
logs('x').datasource(promDs).target(loki('{a="b"}')); // error TS2345
logs('x').datasource(lokiVar).wrapLines().target(loki('{a="b"}')); // ok
logs('x').datasource(lokiVar).target(prometheus('up')); // error TS2345
logs('x').target(prometheus('up')); // ok

// a query's own data source must be of its kind too
prometheus('up').datasource(lokiVar); // error TS2345
loki('{a="b"}').datasource(lokiVar); // ok

// a data source variable's regex selects data sources defined as code of its own plugin only
const promDef = prometheusDatasource({ uid: 'p', name: 'Prometheus', url: 'http://p:9090' });
const lokiDef = lokiDatasource({ uid: 'l', name: 'Loki', url: 'http://l:3100' });
promVar.regex(promDef); // ok
promVar.regex('/^prod-/'); // ok
promVar.regex(lokiDef); // error TS2769
promVar.regex(promDef, lokiDef); // error TS2345
promVar.regex(promDs); // error TS2769
lokiVar.regex(lokiDef); // ok
standardVariables({ datasources: [promDef] }); // ok
standardVariables({ datasources: [lokiDef] }); // error TS2322
standardVariables({ datasourceType: 'loki', datasources: [lokiDef] }); // ok
`;

interface Expectation {
  line: number;
  text: string;
  codes: number[];
}

const expectations: Expectation[] = fixture.split('\n').flatMap((text, index) => {
  const match = /\/\/ (ok|error TS(\d+))$/.exec(text);
  if (!match) return [];
  return [{ line: index + 1, text: text.replace(/\s*\/\/.*$/, ''), codes: match[2] ? [Number(match[2])] : [] }];
});

let diagnosticsByLine: Map<number, number[]>;
let allDiagnostics: readonly ts.Diagnostic[];

beforeAll(() => {
  // GIVEN the repository's compiler options and one Program over the virtual fixture
  const configPath = path.join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot, { noEmit: true }, configPath);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  const isFixture = (file: string) => path.resolve(file) === fixturePath;
  host.fileExists = (file) => isFixture(file) || fileExists.call(host, file);
  host.readFile = (file) => (isFixture(file) ? fixture : readFile.call(host, file));
  host.getSourceFile = (file, language, onError, shouldCreate) =>
    isFixture(file) ? ts.createSourceFile(file, fixture, language, true) : getSourceFile.call(host, file, language, onError, shouldCreate);
  const program = ts.createProgram({ rootNames: [fixturePath], options, host });

  // WHEN it is type-checked
  const source = program.getSourceFile(fixturePath)!;
  allDiagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  diagnosticsByLine = new Map();
  for (const d of allDiagnostics) {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    diagnosticsByLine.set(line, [...(diagnosticsByLine.get(line) ?? []), d.code]);
  }
}, 60_000);

const describeDiagnostics = () =>
  allDiagnostics.map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `line ${line} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`;
  });

describe('data source typing (compile time)', () => {
  it('the fixture has checked lines of both kinds for every panel kind', () => {
    // GIVEN the fixture WHEN its expectations are read THEN each kind has accepting and refusing lines
    for (const kind of ['timeseries', 'stat', 'table', 'logs']) {
      const lines = expectations.filter((e) => e.text.startsWith(`${kind}(`));
      expect(lines.some((e) => e.codes.length === 0)).toBe(true);
      expect(lines.some((e) => e.codes.length === 1)).toBe(true);
    }
  });

  it('only checked lines have diagnostics (no stray errors in the fixture)', () => {
    // THEN every diagnostic is on a line that expects an error
    const expectedLines = new Set(expectations.filter((e) => e.codes.length > 0).map((e) => e.line));
    expect(describeDiagnostics().filter((_, i) => !expectedLines.has(lineOf(allDiagnostics[i]!)))).toEqual([]);
  });

  it.each(expectations.map((e) => [e.text, e] as const))('%s', (_text, expectation) => {
    // THEN the line has exactly the expected diagnostics: one TS2345 for a refused query, none for an accepted one
    expect({ line: expectation.line, codes: diagnosticsByLine.get(expectation.line) ?? [] }).toEqual({
      line: expectation.line,
      codes: expectation.codes,
    });
  });
});

function lineOf(d: ts.Diagnostic): number {
  return d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
}
