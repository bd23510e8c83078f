import { describe, expect, it } from 'vitest';
import {
  annotation,
  barChart,
  barGauge,
  gauge,
  heatmap,
  histogram,
  logs,
  pieChart,
  stateTimeline,
  table,
  customVariable,
  dashboard,
  datasource,
  datasourceVariable,
  deriveUid,
  formatProblem,
  isValidationError,
  libraryPanel,
  loki,
  MAX_UID_LENGTH,
  prometheus,
  queryVariable,
  row,
  stat,
  text,
  textboxVariable,
  timeseries,
  uidProblem,
  ValidationError,
  variableReferences,
  isBuiltinVariable,
  type DashboardBuilder,
  type Problem,
} from '../../lib/index.js';
import { renderProject } from '../../lib/api/index.js';

const ds = datasourceVariable('datasource', 'prometheus');
const job = queryVariable('job').datasource(ds).query('label_values(up, job)');
const up = (expr = 'up') => prometheus(expr);

/** Builds and returns the ValidationError thrown (fails the test when nothing is thrown). */
function problemsOf(build: () => unknown): ValidationError {
  try {
    build();
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but build() succeeded');
}

const lines = (problems: readonly Problem[]) => problems.map(formatProblem);

describe('every problem at once', () => {
  it('reports all problems of a dashboard in one ValidationError, each with its path', () => {
    // GIVEN a dashboard with one of each kind of problem
    const ghost = queryVariable('ghost');
    const d = dashboard('Bad')
      .uid('x'.repeat(41))
      .variable(ds, job, queryVariable('instance').datasource(ds).query('label_values(up{job=~"$jbo"}, instance)'), customVariable('job', ['again']))
      .annotation(annotation('Deploys').datasource(ds).expr('changes(deploys{env="$env"}[5m]) > 0'))
      .panel(
        timeseries('Requests $jobb').datasource(ds).target(up('sum(rate(http_requests_total{job=~"$jb"}[$__rate_interval]))').legend('{{code}} $legendvar')),
        timeseries('Fixed').datasource(datasource('prometheus', '${nope}')).target(up()),
        timeseries('Empty').datasource(ds),
        timeseries('Twice A').datasource(ds).target(up().refId('A'), up('down').refId('A')),
        // a Loki query forced onto a Prometheus panel (the types refuse it; see test/types)
        timeseries('Logs on Prometheus')
          .datasource(ds)
          .target(loki('{app="x"}') as never),
        timeseries('Zero').datasource(ds).target(up()).width(0),
        timeseries('Too wide').datasource(ds).target(up()).width(25),
        timeseries('Fraction').datasource(ds).target(up()).width(1.5).height(0),
        timeseries('Repeated').datasource(ds).target(up()).repeat(ghost),
      )
      .row(row('Row of $rowvar').repeat(queryVariable('phantom')).panel(text('ok').content('fine')));

    // WHEN it is built
    const error = problemsOf(() => d.build());

    // THEN every problem is listed, in dashboard order, with its path
    const expected = [
      `dashboard "Bad": uid "${'x'.repeat(41)}" is 41 characters long; Grafana allows at most 40`,
      'dashboard "Bad" › variable "job": duplicate variable name "job"',
      'dashboard "Bad" › variable "instance": unknown variable $jbo in "label_values(up{job=~"$jbo"}, instance)" (did you mean $job?)',
      'dashboard "Bad" › annotation "Deploys": unknown variable $env in "changes(deploys{env="$env"}[5m]) > 0"',
      'dashboard "Bad" › panel "Requests $jobb": unknown variable $jobb in "Requests $jobb" (did you mean $job?)',
      'dashboard "Bad" › panel "Requests $jobb": unknown variable $jb in "sum(rate(http_requests_total{job=~"$jb"}[$__rate_interval]))" (did you mean $job?)',
      'dashboard "Bad" › panel "Requests $jobb": unknown variable $legendvar in "{{code}} $legendvar"',
      'dashboard "Bad" › panel "Fixed": unknown variable $nope in "${nope}"',
      'dashboard "Bad" › panel "Empty": timeseries panel has no queries',
      'dashboard "Bad" › panel "Twice A": duplicate refId "A"',
      'dashboard "Bad" › panel "Logs on Prometheus": loki query A on a panel whose data source is prometheus',
      'dashboard "Bad" › panel "Zero": width 0 is not a whole number of columns from 1 to 24',
      'dashboard "Bad" › panel "Too wide": width 25 is not a whole number of columns from 1 to 24',
      'dashboard "Bad" › panel "Fraction": width 1.5 is not a whole number of columns from 1 to 24',
      'dashboard "Bad" › panel "Fraction": height 0 is not a whole number of at least 1',
      'dashboard "Bad" › panel "Repeated": repeats over unknown variable "ghost"',
      'dashboard "Bad" › row "Row of $rowvar": unknown variable $rowvar in "Row of $rowvar"',
      'dashboard "Bad" › row "Row of $rowvar": repeats over unknown variable "phantom"',
    ];
    expect(lines(error.problems).sort()).toEqual([...expected].sort());

    // AND the message counts them and lists each on its own line as "path › path: message"
    const messageLines = error.message.split('\n');
    expect(messageLines[0]).toBe(`${expected.length} problems found:`);
    expect(
      messageLines
        .slice(1)
        .map((l) => l.trim())
        .sort(),
    ).toEqual([...expected].sort());
    expect(messageLines.slice(1).every((l) => l.startsWith('  dashboard "Bad"'))).toBe(true);
    expect(error.name).toBe('ValidationError');
    expect(error).toBeInstanceOf(Error);
  });

  it('the problem paths are arrays of segments', () => {
    // GIVEN a problem inside a row WHEN built THEN its path has dashboard, row and panel segments
    const error = problemsOf(() =>
      dashboard('D')
        .row(row('R').panel(timeseries('P')))
        .build(),
    );
    expect(error.problems).toEqual([{ path: ['dashboard "D"', 'row "R"', 'panel "P"'], message: 'timeseries panel has no queries' }]);
    expect(error.message).toBe('1 problem found:\n  dashboard "D" › row "R" › panel "P": timeseries panel has no queries');
  });

  it('an untitled panel is named by its position in the section', () => {
    // GIVEN a second, untitled panel without queries WHEN built THEN it is "panel #2"
    const error = problemsOf(() => dashboard('D').panel(text('t'), stat()).build());
    expect(lines(error.problems)).toEqual(['dashboard "D" › panel #2: stat panel has no queries']);
  });
});

describe('variable references', () => {
  const build = (...texts: string[]) =>
    dashboard('Refs')
      .variable(ds, job)
      .panel(...texts.map((expr) => timeseries('P').datasource(ds).target(prometheus(expr))))
      .build();

  it('accepts builtins and regex back-references', () => {
    // GIVEN queries using Grafana's global variables, field paths and a label_replace back-reference
    // WHEN built THEN there is no problem
    expect(() =>
      build(
        'sum(rate(x{job=~"$job"}[$__rate_interval]))',
        'rate(x[$__interval]) * $__interval_ms / ${__range_s}',
        'label_replace(up, "host", "$1", "instance", "(.*):.*")',
        'up{instance="${__field.labels.instance}"}',
        'up{job=~"${job:regex}", x="[[job]]"}',
        'up offset $__range',
      ),
    ).not.toThrow();
  });

  it('reads all three reference syntaxes and skips back-references', () => {
    // GIVEN each syntax WHEN parsed THEN the names come out in order
    expect(variableReferences('$a ${b} ${c:csv} ${d.path} [[e]] [[f:regex]] $1 ${2}')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(isBuiltinVariable('__rate_interval')).toBe(true);
    expect(isBuiltinVariable('__field')).toBe(true);
    expect(isBuiltinVariable('interval')).toBe(true);
    expect(isBuiltinVariable('job')).toBe(false);
  });

  it('accepts undefined variables named in allowUndefinedVariables, and only those', () => {
    // GIVEN a query using $hostname and $typo, with hostname allowed WHEN built THEN only $typo is reported
    const d = dashboard('Node')
      .uid('node')
      .allowUndefinedVariables('hostname')
      .panel(stat('Up').target(prometheus('up{host="$hostname", x="$typo"}')));
    expect(() => d.build()).toThrow(/^1 problem found:\n.*: unknown variable \$typo in /);
    // AND allowing a name the dashboard defines is itself a problem
    const defined = dashboard('Node')
      .uid('node')
      .variable(customVariable('env', ['a']))
      .allowUndefinedVariables('env')
      .panel(stat('Up').target(prometheus('up{env="$env"}')));
    expect(() => defined.build()).toThrow('allowUndefinedVariables("env"): the dashboard defines this variable');
  });

  it('skips a $ escaped with a backslash (a literal $ in a regex), but not a variable after an escaped character', () => {
    // GIVEN an MQTT-style topic regex and a variable after "\\." WHEN parsed THEN only the variable is a reference
    expect(variableReferences('rate(x{topic=~"\\\\$SYS/.*", host=~"a\\\\.$host"}[5m])')).toEqual(['host']);
  });

  it('reports an unknown variable in a chained variable query, with a suggestion', () => {
    // GIVEN instance chained on a misspelt job WHEN built THEN it is reported at the variable
    const error = problemsOf(() =>
      dashboard('Chain').variable(ds, job, queryVariable('instance').datasource(ds).query('label_values(up{job="$jbo"}, instance)')).panel(text()).build(),
    );
    expect(lines(error.problems)).toEqual([
      'dashboard "Chain" › variable "instance": unknown variable $jbo in "label_values(up{job="$jbo"}, instance)" (did you mean $job?)',
    ]);
  });

  it('reports an unknown data source variable in a variable and in an annotation', () => {
    // GIVEN a variable and an annotation on an undeclared data source variable
    const other = datasourceVariable('other', 'prometheus');
    const error = problemsOf(() =>
      dashboard('DS')
        .variable(queryVariable('q').datasource(other).query('label_values(job)'))
        .annotation(annotation('A').datasource(other).expr('up'))
        .panel(text())
        .build(),
    );
    // WHEN built THEN both are reported with their paths
    expect(lines(error.problems)).toEqual([
      'dashboard "DS" › variable "q": unknown variable $other in "${other}"',
      'dashboard "DS" › annotation "A": unknown variable $other in "${other}"',
    ]);
  });

  it('reports unknown variables in descriptions, display names and panel links, which Grafana also interpolates', () => {
    // GIVEN a panel whose description, display name and link each reference an undeclared variable
    const panel = timeseries('P')
      .datasource(ds)
      .target(prometheus(`up{job=~"${job}"}`))
      .description('Instances of $jobs')
      .displayName('${instanc}')
      .link('Logs', 'https://logs.example/?q=$jbo');
    // WHEN built
    const error = problemsOf(() => dashboard('Texts').variable(ds, job).panel(panel).build());
    // THEN each is reported at the panel
    expect(lines(error.problems)).toEqual([
      'dashboard "Texts" › panel "P": unknown variable $jobs in "Instances of $jobs" (did you mean $job?)',
      'dashboard "Texts" › panel "P": unknown variable $instanc in "${instanc}"',
      'dashboard "Texts" › panel "P": unknown variable $jbo in "https://logs.example/?q=$jbo" (did you mean $job?)',
    ]);
  });

  it('suggests only close names', () => {
    // GIVEN a reference far from every known name WHEN built THEN no suggestion is made
    const error = problemsOf(() => build('up{x="$completelydifferent"}'));
    expect(error.problems[0]!.message).toBe('unknown variable $completelydifferent in "up{x="$completelydifferent"}"');
  });
});

describe('uids', () => {
  it('rejects a 41-character uid and one with characters Grafana does not allow', () => {
    // GIVEN bad uids WHEN checked THEN each has its specific message
    expect(uidProblem('a'.repeat(MAX_UID_LENGTH))).toBeUndefined();
    expect(uidProblem('a'.repeat(41))).toBe(`uid "${'a'.repeat(41)}" is 41 characters long; Grafana allows at most 40`);
    expect(uidProblem('my dash/1')).toBe('uid "my dash/1" may only contain letters, digits, "-" and "_"');
    expect(uidProblem('')).toBe('uid is empty');
    expect(uidProblem('Ok_uid-1')).toBeUndefined();
    // AND a dashboard with a bad uid reports it
    const error = problemsOf(() => dashboard('D').uid('bad.uid').panel(text()).build());
    expect(lines(error.problems)).toEqual(['dashboard "D": uid "bad.uid" may only contain letters, digits, "-" and "_"']);
  });

  it('derives uids from titles', () => {
    // GIVEN titles of several shapes WHEN uids are derived THEN they follow the documented rule
    expect(deriveUid('Checkout / API (prod)')).toBe('checkout-api-prod');
    expect(deriveUid('  Node Exporter :: Nodes  ')).toBe('node-exporter-nodes');
    expect(deriveUid('A  b__c')).toBe('a-b-c');
    expect(deriveUid('Café résumé')).toBe('cafe-resume');
    // ß has no decomposition, so it is punctuation to the rule
    expect(deriveUid('Übersicht Größe')).toBe('ubersicht-gro-e');
    expect(deriveUid('x'.repeat(40))).toBe('x'.repeat(40));
    // long titles: the first 31 characters plus a hash of the title
    const long = deriveUid('A very long dashboard title that goes on and on');
    expect(long).toMatch(/^a-very-long-dashboard-title-tha-[0-9a-f]{8}$/);
    expect(long.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
    expect(deriveUid('A very long dashboard title that goes on and on!')).not.toBe(long);
    // titles with nothing usable: "dashboard" plus a hash
    expect(deriveUid('日本語')).toMatch(/^dashboard-[0-9a-f]{8}$/);
    expect(deriveUid('!!!')).toMatch(/^dashboard-[0-9a-f]{8}$/);
    expect(deriveUid('日本語')).not.toBe(deriveUid('!!!'));
    // every derived uid is valid
    for (const title of ['Checkout / API (prod)', 'x'.repeat(80), '日本語', '', '---']) expect(uidProblem(deriveUid(title))).toBeUndefined();
  });

  it('a dashboard without .uid() gets the derived one', () => {
    // GIVEN a dashboard without uid WHEN built THEN its uid is derived from the title
    expect(dashboard('Checkout / API (prod)').panel(text()).build().uid).toBe('checkout-api-prod');
  });

  it('renderProject reports a uid used twice, naming both files', () => {
    // GIVEN two files whose dashboards derive the same uid (one exporting an array)
    const entries = [
      { source: 'dashboards/a.dash.ts', exported: dashboard('Same').panel(text()) },
      { source: 'dashboards/b.dash.ts', exported: [dashboard('Other').panel(text()), dashboard('Same').panel(text())] },
    ];
    // WHEN the project is rendered
    const error = problemsOf(() => renderProject(entries));
    // THEN one problem names both places
    expect(lines(error.problems)).toEqual([
      'dashboards/b.dash.ts › dashboard "Same": duplicate uid "same" (also used in dashboards/a.dash.ts › dashboard "Same"); set a distinct .uid()',
    ]);
  });

  it('renderProject reports non-dashboard default exports, and every dashboard problem prefixed with its file', () => {
    // GIVEN a file exporting a plain object, one exporting an empty array, and one with a broken dashboard
    const entries = [
      { source: 'a.dash.ts', exported: { title: 'not a dashboard' } },
      { source: 'b.dash.ts', exported: [] },
      { source: 'c.dash.ts', exported: [dashboard('Ok').panel(text()), 'nope'] },
      { source: 'd.dash.ts', exported: dashboard('Broken').panel(timeseries('P')) },
    ];
    // WHEN rendered
    const error = problemsOf(() => renderProject(entries));
    // THEN all are reported together, with their file first
    const exportMessage = 'the default export must be a dashboard or an array of dashboards (e.g. `export default dashboard("…")`)';
    expect(lines(error.problems)).toEqual([
      `a.dash.ts: ${exportMessage}`,
      `b.dash.ts: ${exportMessage}`,
      `c.dash.ts: ${exportMessage}`,
      'd.dash.ts › dashboard "Broken" › panel "P": timeseries panel has no queries',
    ]);
  });

  it('renderProject returns dashboards with counts when everything is valid', () => {
    // GIVEN a valid project WHEN rendered THEN each dashboard comes with its source and counts
    const d: DashboardBuilder = dashboard('API')
      .variable(ds)
      .row(
        row('R')
          .collapsed()
          .panel(timeseries('P').datasource(ds).target(up(), up('down'))),
      );
    const result = renderProject([{ source: 'api.dash.ts', exported: d }]);
    expect(result.dashboards.map(({ uid, title, source, panelCount, queryCount }) => ({ uid, title, source, panelCount, queryCount }))).toEqual([
      { uid: 'api', title: 'API', source: 'api.dash.ts', panelCount: 1, queryCount: 2 },
    ]);
  });
});

describe('panels and queries', () => {
  it('text panels and library panels need no queries', () => {
    // GIVEN a dashboard of a text panel and a library panel WHEN built THEN nothing is reported
    expect(() => dashboard('Static').panel(text('About').content('x'), libraryPanel('uid1', 'Shared')).build()).not.toThrow();
  });

  it('every other kind without queries is reported', () => {
    // GIVEN one panel of every query-driven kind, none with targets
    const kinds = [timeseries, stat, gauge, barGauge, table, logs, heatmap, pieChart, stateTimeline, histogram, barChart];
    const panels = kinds.map((kind, i) => kind(`K${i}`).datasource(ds));
    // WHEN built
    const error = problemsOf(() =>
      dashboard('D')
        .variable(ds)
        .panel(...panels)
        .build(),
    );
    // THEN each is reported with Grafana's plugin id
    const types = ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'logs', 'heatmap', 'piechart', 'state-timeline', 'histogram', 'barchart'];
    expect(lines(error.problems)).toEqual(types.map((type, i) => `dashboard "D" › panel "K${i}": ${type} panel has no queries`));
  });

  it('explicit refIds are kept and automatic ones skip them; duplicates are reported', () => {
    // GIVEN explicit and automatic refIds WHEN built THEN automatic ones avoid explicit ones
    const json = dashboard('R')
      .variable(ds)
      .panel(timeseries('P').datasource(ds).target(up('a'), up('b').refId('A'), up('c')))
      .build();
    const targets = (json.panels as unknown as { targets: { refId: string }[] }[])[0]!.targets;
    expect(targets.map((t) => t.refId)).toEqual(['B', 'A', 'C']);
    // AND two explicit equal refIds are reported
    const error = problemsOf(() =>
      dashboard('R')
        .variable(ds)
        .panel(timeseries('P').datasource(ds).target(up().refId('X'), up().refId('X')))
        .build(),
    );
    expect(lines(error.problems)).toEqual(['dashboard "R" › panel "P": duplicate refId "X"']);
  });

  it('a query with its own data source on a mixed panel is not a kind mismatch', () => {
    // GIVEN a Loki query with its own Loki data source and a Prometheus query on a Prometheus panel
    const lokiDs = datasourceVariable('logs', 'loki');
    const json = dashboard('Mixed')
      .variable(ds, lokiDs)
      .panel(
        timeseries('P')
          .datasource(ds)
          .target(up(), loki('rate({a="b"}[1m])').datasource(lokiDs) as never),
      )
      .build();
    // WHEN built THEN it is accepted
    expect(json.panels).toHaveLength(1);
  });

  it('repeat over a variable that is declared is accepted; an empty title is reported', () => {
    // GIVEN a repeat over a declared variable, and a dashboard with an empty title
    const instance = textboxVariable('instance', 'a');
    expect(() => dashboard('Ok').variable(ds, instance).panel(timeseries('P').datasource(ds).target(up()).repeat(instance)).build()).not.toThrow();
    // WHEN the empty-titled one is built THEN it is reported
    const error = problemsOf(() => dashboard(' ').panel(text()).build());
    expect(lines(error.problems)).toEqual(['dashboard " ": title is empty']);
  });
});

describe('ValidationError', () => {
  it('formats problems and is recognised across copies', () => {
    // GIVEN problems with and without a path
    const error = new ValidationError([
      { path: ['a.dash.ts', 'dashboard "X"'], message: 'first' },
      { path: [], message: 'second' },
    ]);
    // WHEN formatted THEN each is on its own line as "path › path: message"
    expect(error.message).toBe('2 problems found:\n  a.dash.ts › dashboard "X": first\n  second');
    // AND an error from another copy of the library (same name and problems) is recognised
    const foreign = Object.assign(new Error('x'), { name: 'ValidationError', problems: [] });
    expect(isValidationError(foreign)).toBe(true);
    expect(isValidationError(new Error('x'))).toBe(false);
  });
});
