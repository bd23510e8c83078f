// lib/mixin core: computed config with late binding, config errors, every override kind,
// unknown names reported at once, tests of dropped alerts left out, byte-stable YAML.
import { describe, expect, it } from 'vitest';
import {
  alertRule,
  computed,
  dashboard,
  defineMixin,
  isMixin,
  MixinConfigError,
  mixinFiles,
  recordingRule,
  resolveConfig,
  ruleGroup,
  text,
  ValidationError,
} from '../../lib/index.js';
import { renderMixins } from '../../lib/mixin/render-mixins.js';

interface Cfg {
  selector: string;
  threshold: number;
  forDuration: string;
  expr: string;
  thresholds: { warning: number; critical: number };
  tags: readonly string[];
}

const base = defineMixin<Cfg>({
  name: 'demo',
  defaults: {
    selector: 'job="demo"',
    threshold: 5,
    forDuration: '5m',
    expr: computed((c: Cfg) => `errors{${c.selector}} > ${c.threshold}`),
    thresholds: { warning: 80, critical: 90 },
    tags: ['demo'],
  },
  dashboards: (c) => ({
    'demo-overview.json': dashboard('Demo overview')
      .uid('demo-overview')
      .tags(...c.tags)
      .panel(text('About').content('demo')),
    'demo-detail.json': dashboard('Demo detail').uid('demo-detail').panel(text('About').content('detail')),
  }),
  alerts: (c) => [
    ruleGroup('demo').rule(
      alertRule('DemoErrors').expr(c.expr).for(c.forDuration).severity('warning').summary('Errors.').description('{{ $labels.job }} errs.'),
      alertRule('DemoDiskFull')
        .expr(`disk{${c.selector}} > ${c.thresholds.critical}`)
        .severity('critical')
        .summary('Disk full.')
        .description('{{ $labels.job }}.'),
    ),
  ],
  rules: (c) => [ruleGroup('demo.rules').rule(recordingRule('job:errors:rate5m').expr(`sum by (job) (rate(errors{${c.selector}}[5m]))`))],
  tests: () => [
    {
      name: 'errors',
      inputSeries: [{ series: 'errors{job="demo"}', values: '10x10' }],
      alertTests: [{ evalTime: '6m', alertname: 'DemoErrors', expAlerts: [{}] }],
    },
    {
      name: 'disk',
      inputSeries: [{ series: 'disk{job="demo"}', values: '95x10' }],
      alertTests: [{ evalTime: '1m', alertname: 'DemoDiskFull', expAlerts: [{}] }],
    },
    { name: 'rule', inputSeries: [], exprTests: [{ expr: 'job:errors:rate5m', evalTime: '1m', expSamples: [] }] },
  ],
});

const alertsOf = (m: typeof base) =>
  m.render().alerts.groups.flatMap((g) => g.rules) as {
    alert: string;
    expr: string;
    for?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }[];

describe('computed config', () => {
  it('resolves computed values after every override (late binding)', () => {
    // GIVEN a computed expr reading selector and threshold
    // WHEN the values it reads are overridden, in two steps
    const config = base.config({ selector: 'job="other"' }).config({ threshold: 7 }).render().config;

    // THEN the computed value sees the final values
    expect(config.expr).toBe('errors{job="other"} > 7');
    // AND the defaults are unchanged for the original mixin (immutability)
    expect(base.render().config.expr).toBe('errors{job="demo"} > 5');
  });

  it('lets an override be computed too, and replaces a computed default by a value', () => {
    // WHEN threshold is computed from thresholds, and expr replaced by a plain value
    const computedThreshold = base.config({ threshold: computed((c: Cfg) => c.thresholds.warning) }).render().config;
    const plain = base.config({ expr: 'up == 0' }).render().config;

    // THEN
    expect(computedThreshold.expr).toBe('errors{job="demo"} > 80');
    expect(plain.expr).toBe('up == 0');
  });

  it('reports a cycle between computed values with its path', () => {
    // GIVEN two values computed from each other
    const cyclic = base.config({ selector: computed((c: Cfg) => c.expr) });

    // WHEN rendered, THEN a MixinConfigError names the cycle
    expect(() => cyclic.render()).toThrow(MixinConfigError);
    expect(() => cyclic.render()).toThrow(/depend on each other: .*expr → selector → expr|selector → expr → selector/);
  });

  it('rejects an unknown key, listing the known ones', () => {
    // WHEN a key that is not in the defaults is overridden, THEN
    expect(() => resolveConfig('demo', { a: 1 }, [{ b: 2 } as never])).toThrow('mixin "demo": unknown config key "b" (known: a)');
  });

  it('merges nested plain objects key by key, and replaces arrays', () => {
    // WHEN one nested key and an array are overridden
    const config = base.config({ thresholds: { critical: 99 }, tags: ['x'] }).render().config;

    // THEN the other nested key keeps its default and the array is replaced
    expect(config.thresholds).toEqual({ warning: 80, critical: 99 });
    expect(config.tags).toEqual(['x']);
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('overrides', () => {
  it('drops alerts, recording rules and dashboards (by file, uid or title)', () => {
    // WHEN one of each is dropped
    const r = base.dropAlert('DemoDiskFull').dropRecordingRule('job:errors:rate5m').dropDashboard('Demo detail').render();

    // THEN they are gone, and a group left empty is removed
    expect(r.alerts.groups.flatMap((g) => g.rules.map((x) => ('alert' in x ? x.alert : '')))).toEqual(['DemoErrors']);
    expect(r.rules.groups).toEqual([]);
    expect(r.dashboards.map((d) => d.file)).toEqual(['demo-overview.json']);
    expect(
      base
        .dropDashboard('demo-detail')
        .render()
        .dashboards.map((d) => d.uid),
    ).toEqual(['demo-overview']);
    expect(base.dropDashboard('demo-detail.json').render().dashboards).toHaveLength(1);
  });

  it('patches and replaces alerts, patches recording rules and dashboards', () => {
    // WHEN each patch kind is applied
    const r = base
      .patchAlert('DemoErrors', (a) => a.for('1h').severity('critical'))
      .replaceAlert('DemoDiskFull', alertRule('DemoDiskAlmostFull').expr('disk > 80').severity('warning').summary('Disk.').description('{{ $value }}'))
      .patchRecordingRule('job:errors:rate5m', (rule) => rule.labels({ team: 'a' }))
      .patchDashboard('demo-overview', (d) => d.tags('patched'))
      .render();

    // THEN
    const alerts = r.alerts.groups[0]!.rules as { alert: string; for?: string; labels?: Record<string, string> }[];
    expect(alerts.map((a) => [a.alert, a.for, a.labels?.['severity']])).toEqual([
      ['DemoErrors', '1h', 'critical'],
      ['DemoDiskAlmostFull', undefined, 'warning'],
    ]);
    expect(r.rules.groups[0]!.rules[0]).toMatchObject({ record: 'job:errors:rate5m', labels: { team: 'a' } });
    expect(r.dashboards.find((d) => d.uid === 'demo-overview')!.json.tags).toEqual(['demo', 'patched']);
  });

  it('adds labels and annotations (fixed or per alert) to every alert, keys sorted', () => {
    // WHEN labels and computed annotations are added
    const alerts = alertsOf(base.addAlertLabels({ team: 'platform' }).addAlertAnnotations((a) => ({ runbook_url: `https://rb/${a.alert}` })));

    // THEN every alert has them, after its own
    expect(alerts.map((a) => a.labels)).toEqual([
      { severity: 'warning', team: 'platform' },
      { severity: 'critical', team: 'platform' },
    ]);
    expect(alerts.map((a) => a.annotations?.['runbook_url'])).toEqual(['https://rb/DemoErrors', 'https://rb/DemoDiskFull']);
    expect(Object.keys(alerts[0]!.annotations!)).toEqual(['description', 'runbook_url', 'summary']);
  });

  it('reports every override naming nothing at once', () => {
    // GIVEN three overrides with typos
    const typo = base
      .dropAlert('DemoErorrs')
      .patchRecordingRule('job:errors:rate1m', (r) => r)
      .dropDashboard('nope');

    // WHEN rendered
    let error: unknown;
    try {
      typo.render();
    } catch (e) {
      error = e;
    }

    // THEN one ValidationError lists all three
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.message)).toEqual([
      'drop: no alert named "DemoErorrs" (did you mean "DemoErrors"?)',
      'patch: no recording rule named "job:errors:rate1m" (did you mean "job:errors:rate5m"?)',
      'drop: no dashboard named "nope"',
    ]);
  });

  it('suggests the closest name for a shortened or mistyped alert, rule or dashboard name', () => {
    // GIVEN overrides naming a cut-short alert, a mistyped replaced alert and a dashboard title with a typo
    const typo = base
      .dropAlert('DemoDiskFul')
      .replaceAlert('DemoErrs', alertRule('X').expr('up == 0'))
      .patchDashboard('Demo overvew', (d) => d);

    // WHEN rendered
    const messages = (() => {
      try {
        typo.render();
        return [];
      } catch (e) {
        return (e as ValidationError).problems.map((p) => p.message);
      }
    })();

    // THEN each message names what was most likely meant
    expect(messages).toEqual([
      'drop: no alert named "DemoDiskFul" (did you mean "DemoDiskFull"?)',
      'patch: no alert named "DemoErrs" (did you mean "DemoErrors"?)',
      'patch: no dashboard named "Demo overvew" (did you mean "Demo overview"?)',
    ]);
  });

  it('leaves out the tests of dropped alerts, keeping the others', () => {
    // WHEN an alert with a test is dropped
    const tests = base.dropAlert('DemoDiskFull').render().tests;

    // THEN its test group is gone and the others stay
    expect(tests.map((t) => t.name)).toEqual(['errors', 'rule']);
    expect(isMixin(base.dropAlert('DemoDiskFull'))).toBe(true);
  });
});

describe('mixinFiles and renderMixins', () => {
  it('writes the same bytes on every render, in mixtool layout', () => {
    // WHEN the mixin is rendered twice (once from a fresh override chain)
    const a = mixinFiles(base.render());
    const b = mixinFiles(base.config({}).render());

    // THEN the files and bytes are identical
    expect(a.map((f) => f.path)).toEqual([
      'dashboards_out/demo-overview.json',
      'dashboards_out/demo-detail.json',
      'prometheus_alerts.yaml',
      'prometheus_rules.yaml',
      'tests.yaml',
    ]);
    expect(b).toEqual(a);
    // AND the YAML is exactly this (long PromQL stays on one line)
    expect(a.find((f) => f.path === 'prometheus_rules.yaml')!.contents).toBe(
      'groups:\n  - name: demo.rules\n    rules:\n      - record: job:errors:rate5m\n        expr: sum by (job) (rate(errors{job="demo"}[5m]))\n',
    );
  });

  it('collects render problems of several mixins with where they come from', () => {
    // GIVEN a mixin with a typo, one with a config cycle, one that is not a mixin, and a duplicate name
    const where = (i: number) => ['dash.config.ts', `mixins[${i}]`];

    // WHEN rendered together
    let error: unknown;
    try {
      renderMixins([
        { mixin: base.dropAlert('Nope'), where: where(0) },
        { mixin: base.config({ selector: computed((c: Cfg) => c.expr) }), where: where(1) },
        { mixin: { name: 'x' } as never, where: where(2) },
      ]);
    } catch (e) {
      error = e;
    }

    // THEN every problem is reported with its path
    const lines = (error as ValidationError).problems.map((p) => `${p.path.join(' › ')}: ${p.message}`);
    expect(lines[0]).toBe('dash.config.ts › mixins[0] › mixin "demo": drop: no alert named "Nope"');
    expect(lines[1]).toMatch(/^dash\.config\.ts › mixins\[1\]: two mixins are named "demo"/);
    expect(lines[2]).toMatch(/^dash\.config\.ts › mixins\[1\] › mixin "demo": config values depend on each other/);
    expect(lines[3]).toBe('dash.config.ts › mixins[2]: not a mixin (use defineMixin(...) or a mixin package’s default export)');
    expect(lines).toHaveLength(4);
  });
});
