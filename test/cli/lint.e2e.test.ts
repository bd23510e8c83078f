import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../lib/lint/registry.js';
import { makeProject, runDash } from './run-dash.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const BROKEN = `import { dashboard, timeseries, prometheus, datasource } from 'grafts';
const prom = datasource('prometheus', 'prom');
export default dashboard('Broken').uid('broken').panel(
  timeseries('Requests').datasource(prom).target(prometheus('sum(rate(http_requests_total[5m])')),
);
`;

describe('dash lint (built bin)', () => {
  it('lints examples/quickstart with no findings and exits 0', () => {
    // GIVEN the quickstart example / WHEN it is linted
    const run = runDash(['lint', 'examples/quickstart'], ROOT);
    // THEN it passes with a clean summary
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('0 errors, 0 warnings in 1 dashboard\n');
  });

  it('reports errors of a broken project grouped by file, dashboard and panel, and exits 1', () => {
    // GIVEN a project with a hard-coded data source and a query missing a parenthesis
    const dir = makeProject({ 'dashboards/broken.dash.ts': BROKEN });

    // WHEN it is linted
    const run = runDash(['lint', '--no-typecheck'], dir);

    // THEN errors are printed under their place with the rule id, and the process fails
    expect(run.exitCode).toBe(1);
    const expr = 'sum(rate(http_requests_total[5m])';
    expect(run.stdout).toContain('dashboards/broken.dash.ts › dashboard "Broken"\n');
    expect(run.stdout).toContain('  panel "Requests" (id 1)\n');
    expect(run.stdout).toContain(`    error   query A: invalid PromQL at offset ${expr.length}: unexpected end of query (1 unclosed "("): `);
    expect(run.stdout).toMatch(/error {3}no data source variable: .+ {2}datasource-variable\n/);
    expect(run.stdout).toMatch(/\n3 errors, \d+ warnings? in 1 dashboard\n$/);
  });

  it('prints JSON with --json and fails on warnings past --max-warnings', () => {
    // GIVEN a JSON dashboard with a warning only (a fixed rate range)
    const dashboard = {
      uid: 'w',
      title: 'W',
      templating: { list: [{ type: 'datasource', name: 'datasource', query: 'prometheus' }] },
      panels: [
        {
          id: 1,
          type: 'timeseries',
          title: 'Rate',
          datasource: { uid: '$datasource' },
          fieldConfig: { defaults: { unit: 'reqps' } },
          targets: [{ refId: 'A', expr: 'sum(rate(x_total[5m]))' }],
        },
      ],
    };
    const dir = makeProject({ 'w.json': JSON.stringify(dashboard) });

    // WHEN linted with and without --max-warnings 0
    const lenient = runDash(['lint', 'w.json', '--json'], dir);
    const strict = runDash(['lint', 'w.json', '--max-warnings', '0'], dir);

    // THEN warnings alone pass, past the limit they fail
    expect(lenient.exitCode).toBe(0);
    const result = JSON.parse(lenient.stdout) as { findings: { rule: string; severity: string }[]; passed: boolean };
    expect(result.passed).toBe(true);
    expect(result.findings.map((f) => `${f.rule}:${f.severity}`)).toContain('rate-interval:warning');
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(/more than --max-warnings 0\n$/);
  });

  it('lists rules with --rules, explains one with --explain, and exits 1 on a missing path', () => {
    // GIVEN any directory / WHEN rules are listed, one explained, and a missing path linted
    const dir = makeProject({});
    const rules = runDash(['lint', '--rules'], dir);
    const explain = runDash(['lint', '--explain', 'rate-interval'], dir);
    const missing = runDash(['lint', 'nope'], dir);
    // THEN each behaves as documented
    expect(rules.exitCode).toBe(0);
    expect(rules.stdout).toMatch(/^datasource-variable +error +a dashboard with queries/);
    expect(
      rules.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/ +/)[0]),
    ).toEqual(LINT_RULES.map((rule) => rule.id));
    expect(explain.stdout).toMatch(/^rate-interval +warning +rate\/irate\/idelta use \[\$__rate_interval\]/);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('error: path not found: nope\n');
  });
});
