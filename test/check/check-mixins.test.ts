// dash check covers what build, diff and apply cover: the dashboards and rules of the mixins a
// project's config lists. A series a recording rule of the project records is explained by that
// rule when it is absent: not loaded in this Prometheus, or loaded and empty.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../lib/check/check-result.js';
import { runCheck } from '../../lib/check/run-check.js';
import { makeProject } from '../cli/run-dash.js';
import { RECORDER_PROJECT } from './recorder-project.js';
import { s, startFakePrometheus } from './fake-prometheus.js';

const SERIES = [s('up', { job: 'api', instance: 'a:80' }), s('http_requests_total', { job: 'api', code: '200' })];

function recorderPanel(result: CheckResult) {
  const recorder = result.dashboards.find((d) => d.uid === 'recorder-overview');
  expect(recorder, JSON.stringify(result.dashboards.map((d) => d.source))).toBeDefined();
  return recorder!.panels[0]!;
}

describe('dash check of a project with mixins', () => {
  it('GIVEN a configured mixin THEN its dashboards and its alerting and recording rules are checked with the project’s', async () => {
    const fake = await startFakePrometheus({ series: SERIES, recordingRules: [] });
    const dir = makeProject(RECORDER_PROJECT);
    const result = await runCheck({ cwd: dir, prometheusUrl: fake.url, typecheck: false });
    expect(result.dashboards.map((d) => [d.source, d.uid])).toEqual([
      ['api.dash.ts', 'api'],
      ['dash.config.ts › mixin "recorder"', 'recorder-overview'],
    ]);
    expect(result.rules.map((r) => [r.source, r.group, r.name, r.kind])).toEqual([
      ['dash.config.ts › mixin "recorder" › prometheus_alerts.yaml', 'recorder.alerts', 'ApiDown', 'alert'],
      ['dash.config.ts › mixin "recorder" › prometheus_rules.yaml', 'recorder.rules', 'job:requests:rate5m', 'record'],
    ]);
    // the rules were evaluated against Prometheus, not just listed
    expect(fake.requests.some((r) => r.params.get('query') === 'sum by (job) (rate(http_requests_total{job="api"}[5m]))')).toBe(true);
  });

  it('GIVEN the recorded series is absent and Prometheus does not load the rule THEN the hint names the rule and the mixin, not "has no series"', async () => {
    const fake = await startFakePrometheus({ series: SERIES, recordingRules: ['some:other:rule'] });
    const result = await runCheck({ cwd: makeProject(RECORDER_PROJECT), prometheusUrl: fake.url, typecheck: false });
    const panel = recorderPanel(result);
    expect(panel.status).toBe('no-data');
    expect(panel.targets[0]!.hint).toBe(
      'metric job:requests:rate5m has no series: recorded by rule job:requests:rate5m (group "recorder.rules", mixin "recorder"), not loaded in this Prometheus',
    );
  });

  it('GIVEN the rule is loaded but has recorded nothing THEN the hint says so; GIVEN no rules API THEN it does not claim either', async () => {
    const loaded = await startFakePrometheus({ series: SERIES, recordingRules: ['job:requests:rate5m'] });
    const withRule = await runCheck({ cwd: makeProject(RECORDER_PROJECT), prometheusUrl: loaded.url, typecheck: false });
    expect(recorderPanel(withRule).targets[0]!.hint).toContain('which is loaded in this Prometheus but has recorded nothing yet');
    const noApi = await startFakePrometheus({ series: SERIES });
    const unknown = await runCheck({ cwd: makeProject(RECORDER_PROJECT), prometheusUrl: noApi.url, typecheck: false });
    const hint = recorderPanel(unknown).targets[0]!.hint!;
    expect(hint).toContain('recorded by rule job:requests:rate5m (group "recorder.rules", mixin "recorder")');
    expect(hint).not.toContain('not loaded');
  });

  it('GIVEN a recording rule in a rule file given on the command line THEN the hint names the file', async () => {
    const fake = await startFakePrometheus({ series: SERIES, recordingRules: [] });
    const dir = makeProject({
      'rules.yaml': 'groups:\n  - name: api\n    rules:\n      - record: api:rate\n        expr: sum(rate(http_requests_total[5m]))\n',
      'd.json': JSON.stringify({ uid: 'd', title: 'D', panels: [{ id: 1, type: 'stat', title: 'Rate', targets: [{ refId: 'A', expr: 'api:rate' }] }] }),
    });
    const result = await runCheck({ cwd: dir, paths: ['d.json', 'rules.yaml'], prometheusUrl: fake.url, typecheck: false });
    expect(result.dashboards[0]!.panels[0]!.targets[0]!.hint).toBe(
      'metric api:rate has no series: recorded by rule api:rate (group "api", rules.yaml), not loaded in this Prometheus',
    );
  });
});
