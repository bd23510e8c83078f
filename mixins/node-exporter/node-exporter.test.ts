// Unit tests of the node exporter mixin: its promtool tests pass, its rule files check, its
// dashboards build, validate and lint clean, and overrides reach the rules, alerts and tests.
import { describe, expect, it } from 'vitest';
import type { AlertRuleJson, RecordingRuleJson, RenderedMixin } from 'grafts';
import { assertMixinLints, assertMixinRenders, assertPromtoolRulesValid, assertPromtoolTestsPass } from 'grafts/testing';
import mixin, { nodeExporterMixin, type NodeExporterConfig } from './index.js';

const rendered = nodeExporterMixin.render();

function alertsOf(r: RenderedMixin): AlertRuleJson[] {
  return r.alerts.groups.flatMap((g) => g.rules as AlertRuleJson[]);
}
function recordsOf(r: RenderedMixin): RecordingRuleJson[] {
  return r.rules.groups.flatMap((g) => g.rules as RecordingRuleJson[]);
}
function exprsOf(r: RenderedMixin): string[] {
  return [...alertsOf(r), ...recordsOf(r)].map((rule) => rule.expr);
}
function targetExprs(r: RenderedMixin): string[] {
  const panels = r.dashboards.flatMap((d) => (d.json.panels ?? []) as { targets?: { expr?: string }[]; panels?: { targets?: { expr?: string }[] }[] }[]);
  return panels.flatMap((p) => [...(p.targets ?? []), ...(p.panels ?? []).flatMap((q) => q.targets ?? [])]).map((t) => t.expr ?? '');
}

describe('node-exporter mixin: package shape', () => {
  it('exports the mixin as default and as nodeExporterMixin', () => {
    // THEN both exports are the same mixin, named node-exporter
    expect(mixin).toBe(nodeExporterMixin);
    expect(mixin.name).toBe('node-exporter');
  });
});

describe('node-exporter mixin: promtool', () => {
  it('passes its promtool unit tests', () => {
    // GIVEN the mixin rendered with its defaults
    // WHEN promtool runs its tests THEN every alert and expression test passes
    assertPromtoolTestsPass(rendered);
  });

  it('passes promtool check rules', () => {
    assertPromtoolRulesValid(rendered);
  });

  it('tests every alert firing and every recording rule', () => {
    // GIVEN the alert names and recorded series
    const alerts = new Set(alertsOf(rendered).map((a) => a.alert));
    const records = recordsOf(rendered).map((r) => r.record);

    // THEN each alert has a test where it fires, and each record an expression test
    const firing = new Set(
      rendered.tests
        .flatMap((t) => t.alertTests ?? [])
        .filter((t) => t.expAlerts.length > 0)
        .map((t) => t.alertname),
    );
    expect([...alerts].filter((a) => !firing.has(a))).toEqual([]);
    const tested = new Set(rendered.tests.flatMap((t) => t.exprTests ?? []).map((t) => t.expr));
    expect(records.filter((r) => !tested.has(r))).toEqual([]);
    expect(alerts.size).toBe(13);
  });
});

describe('node-exporter mixin: alert conventions', () => {
  const alerts = alertsOf(rendered);

  it('gives every alert a severity, a static summary, a templated description, a runbook and a for', () => {
    for (const a of alerts) {
      expect(['critical', 'warning', 'info'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toMatch(/^[A-Z][^{}]*\.$/);
      expect(a.annotations?.description, a.alert).toMatch(/\{\{ \$labels\.instance \}\}/);
      expect(a.annotations?.runbook_url, a.alert).toBe(`https://www.npmjs.com/package/@grafts/mixin-node-exporter#runbook-${a.alert}`);
      expect(a.for, a.alert).toMatch(/^\d+[mh]$/);
    }
  });

  it('keeps every group at 20 rules or fewer, with no scrape-health alert (the prometheus mixin has it)', () => {
    for (const g of [...rendered.alerts.groups, ...rendered.rules.groups]) expect(g.rules.length, g.name).toBeLessThanOrEqual(20);
    expect(exprsOf(rendered).some((e) => /\bup\{/.test(e))).toBe(false);
  });

  it('selects node exporter series only, in every rule', () => {
    // THEN every selector of every rule carries job="node" (the default nodeExporterSelector)
    for (const rule of [...alertsOf(rendered), ...recordsOf(rendered)]) {
      const selectors = rule.expr.match(/\bnode_[a-z0-9_]+(\{[^}]*\})?/gi) ?? [];
      expect(selectors.length, rule.expr).toBeGreaterThan(0);
      for (const s of selectors) expect(s, rule.expr).toContain('job="node"');
    }
  });

  it('names recording rules level:metric:operation with instance or instance_device levels', () => {
    for (const r of recordsOf(rendered)) expect(r.record).toMatch(/^instance(_device)?:node_[a-z0-9_]+:[a-z0-9]+$/);
  });
});

describe('node-exporter mixin: dashboards', () => {
  it('renders two dashboards that validate against the dashboard schema', () => {
    // THEN the USE and fleet dashboards exist under their file names and validate
    expect(rendered.dashboards.map((d) => [d.file, d.uid, d.title])).toEqual([
      ['node-exporter-use.json', 'node-exporter-use', 'Node Exporter / USE Method / Instance'],
      ['node-exporter-fleet.json', 'node-exporter-fleet', 'Node Exporter / Fleet Overview'],
    ]);
    assertMixinRenders(nodeExporterMixin);
  });

  it('has the USE rows and discovers job and instance from node_uname_info, chained', () => {
    const use = rendered.dashboards.find((d) => d.uid === 'node-exporter-use')!.json as unknown as {
      panels: { type: string; title: string }[];
      templating: { list: { name: string; query: unknown }[] };
    };
    const rows = use.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['CPU', 'Memory', 'Disk I/O', 'Filesystem', 'Network']);
    const vars = use.templating.list.map((v) => [v.name, v.query]);
    expect(vars).toEqual([
      ['datasource', 'prometheus'],
      ['job', 'label_values(node_uname_info{job="node"}, job)'],
      ['instance', 'label_values(node_uname_info{job="node", job=~"$job"}, instance)'],
    ]);
  });

  it('reads only recorded series the recording rules record', () => {
    // GIVEN every recorded name (level:metric:operation) a dashboard query uses
    const recorded = new Set(recordsOf(rendered).map((r) => r.record));
    const used = new Set(targetExprs(rendered).flatMap((e) => e.match(/\binstance(?:_device)?:[a-z0-9_]+:[a-z0-9]+/g) ?? []));

    // THEN each is a recording rule of the mixin, and the dashboards use most of them
    expect([...used].filter((name) => !recorded.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(8);
  });

  it('lints with no errors and no warnings', () => {
    // GIVEN the rendered dashboards and rule files, as `dash mixin lint` sees them
    // WHEN linted THEN nothing is found at all (not even the informational alert-for)
    expect(assertMixinLints(rendered, { failOn: 'info' })).toEqual([]);
  });
});

describe('node-exporter mixin: overrides', () => {
  it('puts an overridden selector into every rule, alert and dashboard query', () => {
    // WHEN the node exporter job is called node-exporter
    const r = mixin.config({ nodeExporterSelector: 'job="node-exporter"' }).render();

    // THEN no rule or dashboard query selects job="node" any more, and they select the new job
    const all = [...exprsOf(r), ...targetExprs(r)];
    expect(all.filter((e) => e.includes('job="node"'))).toEqual([]);
    expect(all.every((e) => e.includes('job="node-exporter"'))).toBe(true);
  });

  it('recomputes the file system selector from an overridden list of types', () => {
    // WHEN only btrfs is excluded
    const r = mixin.config({ fsTypesExcluded: ['btrfs'] }).render();

    // THEN the computed fsSelector and the file system alerts follow
    expect(r.config.fsSelector).toBe('fstype!="", fstype!~"btrfs"');
    const space = alertsOf(r).find((a) => a.alert === 'NodeFilesystemSpaceLow')!;
    expect(space.expr).toContain('fstype!~"btrfs"');
    expect(space.expr).not.toContain('tmpfs');
  });

  it('moves thresholds and severity names, and the promtool tests follow them', () => {
    // GIVEN other thresholds, severity names and rate interval
    const config: Partial<NodeExporterConfig> = {
      fsSpaceAvailableWarningPercent: 20,
      fsSpaceAvailableCriticalPercent: 8,
      memoryUtilisationPercent: 80,
      loadPerCoreThreshold: 4,
      severityCritical: 'page',
      rateInterval: '2m',
    };
    const r = mixin.config(config).render();

    // THEN the rules say so
    const low = alertsOf(r).filter((a) => a.alert === 'NodeFilesystemSpaceLow');
    expect(low.map((a) => [a.labels?.severity, /< (\d+) and/.exec(a.expr)?.[1]])).toEqual([
      ['warning', '20'],
      ['page', '8'],
    ]);
    expect(alertsOf(r).find((a) => a.alert === 'NodeMemoryHighUtilisation')!.expr).toMatch(/> 80$/);
    expect(recordsOf(r).map((x) => x.record)).toContain('instance:node_cpu_utilisation:rate2m');
    // AND the promtool tests, derived from the config, still pass
    assertPromtoolTestsPass(r);
  });

  it('drops an alert together with its tests', () => {
    // WHEN the clock skew alert is dropped
    const r = mixin.dropAlert('NodeClockSkew').render();

    // THEN neither the alert nor a test of it is left, and the other clock alert keeps its test
    expect(alertsOf(r).map((a) => a.alert)).not.toContain('NodeClockSkew');
    const tested = r.tests.flatMap((t) => t.alertTests ?? []).map((t) => t.alertname);
    expect(tested).not.toContain('NodeClockSkew');
    expect(tested).toContain('NodeClockNotSynchronising');
    assertPromtoolTestsPass(r);
  });

  it('says which alert was meant when a dropped name has a typo', () => {
    // WHEN an alert name with a typo is dropped
    const render = () => mixin.dropAlert('NodeClockSkw').render();

    // THEN the error names the closest alert
    expect(render).toThrow('drop: no alert named "NodeClockSkw" (did you mean "NodeClockSkew"?)');
  });

  it('keeps its promtool tests passing when labels and annotations are added to every alert', () => {
    // GIVEN a team label and a per-alert dashboard link added to every alert
    const r = mixin
      .addAlertLabels({ team: 'platform' })
      .addAlertAnnotations((alert) => ({ dashboard_url: `https://grafana.example.com/d/node?alert=${alert.alert}` }))
      .render();
    // THEN every alert carries them
    const alerts = r.alerts.groups.flatMap((g) => g.rules) as { labels?: Record<string, string>; annotations?: Record<string, string> }[];
    expect(alerts.every((a) => a.labels?.team === 'platform' && a.annotations?.dashboard_url?.startsWith('https://grafana.example.com/'))).toBe(true);
    // AND the mixin's own tests expect them too, so they still pass
    assertPromtoolTestsPass(r);
  });

  it('leaves runbook_url out with an empty pattern', () => {
    const r = mixin.config({ runbookUrlPattern: '' }).render();
    expect(alertsOf(r).filter((a) => a.annotations?.runbook_url !== undefined)).toEqual([]);
    assertPromtoolTestsPass(r);
  });
});

describe('node-exporter mixin: the README override example', () => {
  it('renders with every override of the example applied', () => {
    // GIVEN the overrides of README.md's dash.config.ts example
    const r = mixin
      .config({
        nodeExporterSelector: 'job="node-exporter"',
        fsTypesExcluded: ['tmpfs', 'overlay'],
        fsSpaceAvailableCriticalPercent: 3,
        runbookUrlPattern: 'https://wiki.example.com/runbooks/%s',
      })
      .dropAlert('NodeCPUHighUtilisation')
      .patchAlert('NodeFilesystemSpaceLow', (a) => a.for('1h'))
      .addAlertLabels({ team: 'platform' })
      .render();

    // THEN each shows in the rendered alerts
    const alerts = alertsOf(r);
    expect(r.config.fsSelector).toBe('fstype!="", fstype!~"tmpfs|overlay"');
    expect(alerts.map((a) => a.alert)).not.toContain('NodeCPUHighUtilisation');
    const low = alerts.filter((a) => a.alert === 'NodeFilesystemSpaceLow');
    expect(low.map((a) => [a.for, a.labels?.severity, a.labels?.team])).toEqual([
      ['1h', 'warning', 'platform'],
      ['1h', 'critical', 'platform'],
    ]);
    expect(low[1]!.expr).toContain('< 3 and');
    expect(alerts.every((a) => a.labels?.team === 'platform' && a.annotations?.runbook_url === `https://wiki.example.com/runbooks/${a.alert}`)).toBe(true);
    expect(alerts.every((a) => a.expr.includes('job="node-exporter"'))).toBe(true);
  });
});
