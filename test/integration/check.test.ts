// `dash check` (the built bin) against the real Prometheus stack of the integration tests
// (test/support/prometheus-stack.ts): the RED example passes, a copy with a mistyped job fails
// with a hint naming `job`, and a node exporter dashboard discovers the `node` job and checks
// its panels and a rule file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../lib/check/check-result.js';
import { RECORDER_PROJECT } from '../check/recorder-project.js';
import { makeProject, runDash } from '../cli/run-dash.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';

const stack = sharedPrometheusStack();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOP = readFileSync(new URL('../../examples/red-services/shop.dash.ts', import.meta.url), 'utf8');

function parse(stdout: string): CheckResult {
  return JSON.parse(stdout) as CheckResult;
}

describe('dash check against real Prometheus', () => {
  it('passes on examples/red-services: every panel has data or may be empty, exit 0', () => {
    if (!stack) return expectPrometheusAbsent();
    // WHEN the example project is checked
    const run = runDash(['check', 'examples/red-services', '--prometheus', stack.prometheusUrl, '--json'], ROOT);

    // THEN it passes, with data in every panel of every service row
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = parse(run.stdout);
    expect(result.ok).toBe(true);
    const [shop] = result.dashboards;
    expect(shop).toMatchObject({ source: 'examples/red-services/shop.dash.ts', uid: 'shop-services' });
    expect(new Set(shop!.panels.map((p) => p.row))).toEqual(new Set(['checkout', 'cart', 'search']));
    expect(shop!.panels.length).toBeGreaterThanOrEqual(9);
    for (const panel of shop!.panels) expect(['data', 'empty-ok'], `${panel.row} › ${panel.title}`).toContain(panel.status);
    expect(shop!.panels.filter((p) => p.title === 'Request rate').every((p) => p.status === 'data')).toBe(true);
    expect(result.counts).toMatchObject({ noData: 0, error: 0, variableErrors: 0 });
    // AND the job variable (label_values(up, job)) discovered every service and node exporter's job
    const job = shop!.variables.find((v) => v.name === 'job')!;
    expect(job.values).toEqual(expect.arrayContaining(['cart', 'checkout', 'node', 'search']));
    expect(job.selected).toBe('All');
  });

  it('fails on a copy with a mistyped job, with a hint naming job and the jobs that exist, exit 1', () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the shop dashboard with `checkout` misspelt as `checkoutt` (its rows select job="checkoutt")
    const typo = SHOP.replace("'checkout'", "'checkoutt'");
    expect(typo).not.toBe(SHOP);
    const dir = makeProject({ 'shop.dash.ts': typo });

    // WHEN it is checked (human output)
    const run = runDash(['check', '--prometheus', stack.prometheusUrl, '--no-typecheck'], dir);

    // THEN it fails, the checkoutt panels have no data and the hint names job and its values
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/✗ checkoutt › Request rate +NO DATA/);
    expect(run.stdout).toMatch(/hint: http_requests_total: job="checkoutt" matches nothing; job has: cart, checkout, search\n/);
    expect(run.stdout).toMatch(/✓ cart › Request rate +data/);
    expect(run.stdout).toMatch(/\nFAILED \d+ panels: .*[1-9]\d* no data/);
  });

  it('discovers node exporter by a chained job/instance pair, checks its panels and a rule file', () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN a node dashboard (JSON) with job from label_values(up, job) restricted to node, and a rule file
    const ds = { type: 'prometheus', uid: '${datasource}' };
    const dashboard = {
      uid: 'node',
      title: 'Node',
      templating: {
        list: [
          { type: 'datasource', name: 'datasource', query: 'prometheus' },
          { type: 'query', name: 'job', datasource: ds, query: 'label_values(up, job)', regex: '/^node$/', refresh: 2 },
          {
            type: 'query',
            name: 'instance',
            datasource: ds,
            query: 'label_values(up{job=~"$job"}, instance)',
            multi: true,
            includeAll: true,
            allValue: '.+',
            refresh: 2,
          },
        ],
      },
      panels: [
        {
          id: 1,
          type: 'timeseries',
          title: 'CPU',
          datasource: ds,
          targets: [{ refId: 'A', expr: 'sum by (mode) (rate(node_cpu_seconds_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))' }],
        },
        { id: 2, type: 'stat', title: 'Load', datasource: ds, targets: [{ refId: 'A', expr: 'node_load1{job=~"$job", instance=~"$instance"}' }] },
        { id: 3, type: 'stat', title: 'Missing', datasource: ds, targets: [{ refId: 'A', expr: 'node_bogus_metric_total{job=~"$job"}' }] },
      ],
    };
    const rules = [
      'groups:',
      '  - name: node',
      '    rules:',
      '      - record: job:node_cpu:rate',
      '        expr: sum by (job) (rate(node_cpu_seconds_total[1m]))',
      '      - alert: NodeDown',
      '        expr: up{job="node"} == 0',
      '',
    ].join('\n');
    const dir = makeProject({ 'dashboards/node.json': JSON.stringify(dashboard), 'rules/node.yaml': rules });

    // WHEN checked with --json
    const run = runDash(['check', 'dashboards', 'rules/node.yaml', '--prometheus', stack.prometheusUrl, '--json', '--optional', 'node/Missing'], dir);

    // THEN node exporter's job and instance were discovered and every panel passes
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = parse(run.stdout);
    const [node] = result.dashboards;
    expect(node!.variables.find((v) => v.name === 'job')).toMatchObject({ values: ['node'], selected: ['node'] });
    expect(node!.variables.find((v) => v.name === 'instance')).toMatchObject({ values: [stack.nodeExporterInstance], selected: 'All' });
    expect(node!.panels.map((p) => [p.title, p.status])).toEqual([
      ['CPU', 'data'],
      ['Load', 'data'],
      ['Missing', 'empty-ok'],
    ]);
    expect(node!.panels[0]!.targets[0]!.expr).toBe('sum by (mode) (rate(node_cpu_seconds_total{job=~"node", instance=~".+"}[1m]))');
    // AND the rules evaluate: the recording rule has data, the alert is (rightly) empty
    expect(result.rules.map((r) => [r.name, r.status])).toEqual([
      ['job:node_cpu:rate', 'data'],
      ['NodeDown', 'empty'],
    ]);
  });

  it('checks the mixins of a project, and names the recording rule this Prometheus does not load', () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN a project whose config lists a mixin graphing the series its own recording rule records
    const dir = makeProject(RECORDER_PROJECT);
    // WHEN checked against a Prometheus that does not load that rule
    const run = runDash(['check', '--prometheus', stack.prometheusUrl, '--json', '--no-typecheck'], dir);
    // THEN the mixin's dashboard and rules are checked, and the empty panel names the rule and the mixin
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    const result = parse(run.stdout);
    expect(result.dashboards.map((d) => d.source)).toEqual(['api.dash.ts', 'dash.config.ts › mixin "recorder"']);
    expect(result.rules.map((r) => r.name)).toEqual(['ApiDown', 'job:requests:rate5m']);
    const panel = result.dashboards[1]!.panels[0]!;
    expect(panel.status).toBe('no-data');
    expect(panel.targets[0]!.hint).toBe(
      'metric job:requests:rate5m has no series: recorded by rule job:requests:rate5m (group "recorder.rules", mixin "recorder"), not loaded in this Prometheus',
    );
  });

  it('explains an absent metric without --optional', () => {
    if (!stack) return expectPrometheusAbsent();
    const dashboard = {
      uid: 'typo',
      title: 'Typo',
      panels: [{ id: 1, type: 'stat', title: 'Load', targets: [{ refId: 'A', expr: 'node_laod1' }] }],
    };
    const dir = makeProject({ 'typo.json': JSON.stringify(dashboard) });
    const run = runDash(['check', 'typo.json', '--prometheus', stack.prometheusUrl], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('hint: metric node_laod1 has no series (did you mean node_load1');
  });
});
