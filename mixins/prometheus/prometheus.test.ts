// Unit tests of the Prometheus mixin: its promtool tests pass and cover every alert and
// recording rule, its rule files check, its dashboards validate and lint clean (apart from the
// accepted warnings explained below), dashboards filter on the selector and the variables, and
// overrides reach alerts, tests, dashboards and rules.
import { describe, expect, it } from 'vitest';
import { OPTIONAL_MARKER, type AlertRuleJson, type RecordingRuleJson, type RenderedMixin } from 'grafts';
import { assertMixinLints, assertMixinRenders, assertPromtoolRulesValid, assertPromtoolTestsPass } from 'grafts/testing';
import mixin, { prometheusMixin, type PrometheusMixinConfig } from './index.js';

const rendered = prometheusMixin.render();

interface PanelJson {
  title?: string;
  type?: string;
  description?: string;
  targets?: { expr?: string }[];
  panels?: PanelJson[];
}

function alertsOf(r: RenderedMixin): AlertRuleJson[] {
  return r.alerts.groups.flatMap((g) => g.rules as AlertRuleJson[]);
}
function recordsOf(r: RenderedMixin): RecordingRuleJson[] {
  return r.rules.groups.flatMap((g) => g.rules as RecordingRuleJson[]);
}
function panelsOf(r: RenderedMixin, uid: string): PanelJson[] {
  const d = r.dashboards.find((x) => x.uid === uid);
  if (!d) throw new Error(`no dashboard ${uid}`);
  return ((d.json.panels ?? []) as PanelJson[]).flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
}
function exprsOf(panels: readonly PanelJson[]): string[] {
  return panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
}

const ALERTS: Record<string, { severity: string; for: string }> = {
  PrometheusBadConfig: { severity: 'critical', for: '10m' },
  PrometheusNotificationQueueRunningFull: { severity: 'warning', for: '15m' },
  PrometheusErrorSendingAlerts: { severity: 'warning', for: '15m' },
  PrometheusNotConnectedToAlertmanagers: { severity: 'warning', for: '10m' },
  PrometheusTSDBReloadsFailing: { severity: 'warning', for: '1h' },
  PrometheusTSDBCompactionsFailing: { severity: 'warning', for: '1h' },
  PrometheusTSDBWALCorrupted: { severity: 'warning', for: '5m' },
  PrometheusNotIngestingSamples: { severity: 'warning', for: '10m' },
  PrometheusDuplicateTimestamps: { severity: 'warning', for: '10m' },
  PrometheusOutOfOrderTimestamps: { severity: 'warning', for: '10m' },
  PrometheusTargetLimitHit: { severity: 'warning', for: '15m' },
  PrometheusLabelLimitHit: { severity: 'warning', for: '15m' },
  PrometheusScrapeBodySizeLimitHit: { severity: 'warning', for: '15m' },
  PrometheusScrapeSampleLimitHit: { severity: 'warning', for: '15m' },
  PrometheusTargetDown: { severity: 'warning', for: '15m' },
  PrometheusRuleFailures: { severity: 'critical', for: '15m' },
  PrometheusMissingRuleEvaluations: { severity: 'warning', for: '15m' },
  PrometheusRemoteStorageFailures: { severity: 'critical', for: '15m' },
  PrometheusRemoteWriteBehind: { severity: 'critical', for: '15m' },
  PrometheusRemoteWriteDesiredShards: { severity: 'warning', for: '15m' },
  PrometheusRemoteWriteQueuesFull: { severity: 'warning', for: '15m' },
};

describe('prometheus mixin: package shape', () => {
  it('exports the mixin as default and as prometheusMixin, with two dashboards, 21 alerts and 5 recording rules', () => {
    // THEN both exports are the same mixin, and it renders what the README lists
    expect(mixin).toBe(prometheusMixin);
    expect(mixin.name).toBe('prometheus');
    expect(rendered.dashboards.map((d) => [d.file, d.uid, d.title])).toEqual([
      ['prometheus-overview.json', 'prometheus-overview', 'Prometheus / Overview'],
      ['prometheus-remote-write.json', 'prometheus-remote-write', 'Prometheus / Remote write'],
    ]);
    expect(Object.fromEntries(alertsOf(rendered).map((a) => [a.alert, { severity: a.labels?.severity, for: a.for }]))).toEqual(ALERTS);
    expect(recordsOf(rendered).map((r) => r.record)).toEqual([
      'job:up:count',
      'job:up:sum',
      'job:up:ratio',
      'job:scrape_duration_seconds:max',
      'job:scrape_samples_scraped:sum',
    ]);
  });
});

describe('prometheus mixin: promtool', () => {
  it('passes its promtool unit tests', () => {
    // GIVEN the mixin rendered with its defaults
    // WHEN promtool runs its tests THEN every alert and expression test passes
    assertPromtoolTestsPass(rendered);
  });

  it('passes promtool check rules', () => {
    // WHEN promtool checks the alert and rule files THEN both are valid
    assertPromtoolRulesValid(rendered);
  });

  it('tests every alert firing with exact labels and every annotation, and every recording rule', () => {
    // GIVEN the rendered alerts and recorded series
    const alerts = alertsOf(rendered);
    const firing = rendered.tests.flatMap((t) => t.alertTests ?? []).filter((t) => t.expAlerts.length > 0);

    // THEN each alert has a test where it fires, expecting its severity and all of its annotations
    for (const a of alerts) {
      const tests = firing.filter((t) => t.alertname === a.alert);
      expect(tests.length, a.alert).toBeGreaterThan(0);
      for (const t of tests) {
        for (const e of t.expAlerts) {
          expect(e.labels?.['severity'], a.alert).toBe(a.labels?.severity);
          expect(Object.keys(e.annotations ?? {}).sort(), a.alert).toEqual(Object.keys(a.annotations ?? {}).sort());
          expect(e.annotations?.['summary'], a.alert).toBe(a.annotations?.summary);
          expect(e.annotations?.['description'], a.alert).not.toMatch(/\{\{/);
        }
      }
    }
    // AND most alerts are also checked quiet (pending) before they fire
    const quiet = new Set(
      rendered.tests
        .flatMap((t) => t.alertTests ?? [])
        .filter((t) => t.expAlerts.length === 0)
        .map((t) => t.alertname),
    );
    expect(quiet.size).toBe(alerts.length);
    // AND each recording rule has an expression test
    const tested = new Set(rendered.tests.flatMap((t) => t.exprTests ?? []).map((t) => t.expr));
    expect(
      recordsOf(rendered)
        .map((r) => r.record)
        .filter((r) => !tested.has(r)),
    ).toEqual([]);
  });
});

describe('prometheus mixin: alert conventions', () => {
  it('gives every alert a severity, a static summary, a templated description, a runbook and a for', () => {
    for (const a of alertsOf(rendered)) {
      expect(a.alert).toMatch(/^Prometheus([A-Z][a-z0-9]*|[A-Z]+(?=[A-Z][a-z]|$))+$/);
      expect(a.alert.length, a.alert).toBeLessThanOrEqual(40);
      expect(['critical', 'warning', 'info'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toMatch(/^[A-Z][^{}]*\.$/);
      expect(a.annotations?.description, a.alert).toMatch(/\{\{ \$labels\.[a-z_]+ \}\}/);
      expect(a.annotations?.runbook_url, a.alert).toBe(`https://www.npmjs.com/package/@grafts/mixin-prometheus#runbook-${a.alert}`);
      expect(a.for, a.alert).toMatch(/^\d+[mh]$/);
    }
  });

  it('keeps every group at 20 rules or fewer, with names of at most 40 characters', () => {
    const groups = [...rendered.alerts.groups, ...rendered.rules.groups];
    expect(groups.map((g) => g.name)).toEqual([
      'prometheus.config-alerting',
      'prometheus.tsdb',
      'prometheus.scrape',
      'prometheus.rule-evaluation',
      'prometheus.remote-write',
      'prometheus.scrape-health',
    ]);
    for (const g of groups) {
      expect(g.rules.length, g.name).toBeLessThanOrEqual(20);
      expect(g.name.length, g.name).toBeLessThanOrEqual(40);
    }
  });

  it('selects the Prometheus servers with prometheusSelector in every alert but the target health one', () => {
    for (const a of alertsOf(rendered)) {
      if (a.alert === 'PrometheusTargetDown') expect(a.expr).toBe('100 * (1 - avg by (job) (up)) > 10');
      else expect(a.expr, a.alert).toContain('{job="prometheus"}');
    }
  });
});

describe('prometheus mixin: dashboards', () => {
  it('validates every dashboard against the project schema', () => {
    assertMixinRenders(prometheusMixin);
  });

  it('lints with no errors; the only warnings are the scrape target panels, which follow $scrape_job instead of $job', () => {
    // GIVEN the panels reading the scrape health recording rules: those series carry each
    // target's job (node, api, …), not the Prometheus server's, so they are filtered on
    // $scrape_job by design
    const scrapePanels = [
      'Samples per scrape by job',
      'Slowest scrape by job',
      'Target availability by job',
      'Targets down',
      'Targets up',
      'Targets up and down by job',
    ];
    // WHEN linted as `dash mixin lint` does, accepting job-instance-matchers on those panels only
    const findings = assertMixinLints(rendered, { allow: (f) => f.rule === 'job-instance-matchers' && scrapePanels.includes(f.location.panel ?? '') });

    // THEN nothing is an error, and the warnings are all job-instance-matchers on those panels
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const warnings = findings.filter((f) => f.severity === 'warning');
    expect(new Set(warnings.map((f) => f.rule))).toEqual(new Set(['job-instance-matchers']));
    expect([...new Set(warnings.map((f) => f.location.panel))].sort()).toEqual([...scrapePanels].sort());
    expect(findings.filter((f) => f.severity === 'info')).toEqual([]);
  });

  it('filters every server query on the selector, $job and $instance, and every target health query on $scrape_job', () => {
    for (const d of rendered.dashboards) {
      for (const expr of exprsOf(panelsOf(rendered, d.uid))) {
        if (/job:(up|scrape_)/.test(expr)) {
          expect(expr).toMatch(/job:[a-z_:]+\{job=~"\$scrape_job"\}/);
          expect(expr).not.toMatch(/job:[a-z_:]+(?!\{)[^a-z_:{]/);
        } else {
          const selectors = expr.match(/[a-z_:]+\{[^}]*\}/g) ?? [];
          const metrics = expr.match(/\b(prometheus_[a-z_]+|up)\b(?!\s*\()/g) ?? [];
          expect(selectors.length, expr).toBe(metrics.length);
          for (const s of selectors) expect(s, expr).toMatch(/\{job="prometheus", job=~"\$job", instance=~"\$instance"/);
        }
      }
    }
  });

  it('gives every panel a title of its own within its dashboard', () => {
    for (const d of rendered.dashboards) {
      const titles = panelsOf(rendered, d.uid).map((p) => p.title);
      expect(
        titles.every((t) => typeof t === 'string' && t !== ''),
        d.uid,
      ).toBe(true);
      expect(new Set(titles).size, d.uid).toBe(titles.length);
    }
  });

  it('chains the variables: job from prometheus_build_info under the selector, instance on $job', () => {
    const overview = rendered.dashboards.find((d) => d.uid === 'prometheus-overview')!.json;
    const list = (overview.templating?.list ?? []) as { name: string; query?: unknown }[];
    expect(list.map((v) => [v.name, v.query])).toEqual([
      ['datasource', 'prometheus'],
      ['job', 'label_values(prometheus_build_info{job="prometheus"}, job)'],
      ['instance', 'label_values(prometheus_build_info{job="prometheus", job=~"$job"}, instance)'],
      ['scrape_job', 'label_values(up, job)'],
    ]);
  });

  it('reads every recorded series in the overview', () => {
    const exprs = exprsOf(panelsOf(rendered, 'prometheus-overview')).join('\n');
    for (const r of recordsOf(rendered)) expect(exprs, r.record).toContain(`${r.record}{`);
  });

  it('marks the remote write queue panels optional, with the reason, and keeps "Samples in" required', () => {
    // GIVEN the remote write dashboard's panels
    const panels = panelsOf(rendered, 'prometheus-remote-write');

    // THEN every panel but "Samples in" (which exists without remote write) is optional, saying why
    const optional = panels.filter((p) => p.description?.includes(OPTIONAL_MARKER));
    expect(panels.filter((p) => !optional.includes(p)).map((p) => p.title)).toEqual(['Samples in']);
    for (const p of optional) expect(p.description).toContain('unless remote_write is configured');
    expect(optional.length).toBe(8);
    // AND in the overview only the Alertmanager error ratio is optional
    const overviewOptional = panelsOf(rendered, 'prometheus-overview').filter((p) => p.description?.includes(OPTIONAL_MARKER));
    expect(overviewOptional.map((p) => p.title)).toEqual(['Notification errors']);
  });
});

describe('prometheus mixin: overrides', () => {
  it('moves alerts, dashboards, variables and promtool tests to another selector', () => {
    // GIVEN the mixin for servers scraped as job="prom" in env="prod"
    const custom = prometheusMixin.config({ prometheusSelector: 'job="prom", env="prod"' }).render();

    // THEN every alert but target health selects them
    for (const a of alertsOf(custom)) {
      if (a.alert !== 'PrometheusTargetDown') expect(a.expr, a.alert).toContain('{job="prom", env="prod"}');
      expect(a.expr, a.alert).not.toContain('job="prometheus"');
    }
    // AND the dashboards' variables and queries follow
    const overview = custom.dashboards[0]!.json;
    expect(JSON.stringify(overview.templating)).toContain('label_values(prometheus_build_info{job=\\"prom\\", env=\\"prod\\"}, job)');
    expect(exprsOf(panelsOf(custom, 'prometheus-overview'))).toContain(
      'sum by (instance) (prometheus_tsdb_head_series{job="prom", env="prod", job=~"$job", instance=~"$instance"})',
    );
    // AND the promtool tests' input series carry the new labels, and still pass
    const series = custom.tests.flatMap((t) => t.inputSeries.map((s) => s.series));
    expect(series).toContain('prometheus_config_last_reload_successful{job="prom", env="prod", instance="prom-0:9090"}');
    assertPromtoolTestsPass(custom);
  });

  it('changes thresholds and for durations in the rules, and the promtool tests follow them', () => {
    // GIVEN stricter settings for targets down, a longer bad-config wait and higher limits
    const r = prometheusMixin
      .config({
        targetDownPercentThreshold: 60,
        targetDownFor: '5m',
        configReloadFailedFor: '30m',
        notificationQueueFullPercent: 95,
        ruleEvaluationFailuresThreshold: 12,
        remoteWriteBehindSeconds: 3600,
      })
      .render();
    const byName = new Map(alertsOf(r).map((a) => [a.alert, a]));

    // THEN the rules carry them
    expect(byName.get('PrometheusTargetDown')).toMatchObject({ expr: '100 * (1 - avg by (job) (up)) > 60', for: '5m' });
    expect(byName.get('PrometheusBadConfig')!.for).toBe('30m');
    expect(byName.get('PrometheusNotificationQueueRunningFull')!.expr).toMatch(/ > 95$/);
    expect(byName.get('PrometheusRuleFailures')!.expr).toMatch(/\[5m\]\) > 12$/);
    expect(byName.get('PrometheusRemoteWriteBehind')!.expr).toMatch(/ > 3600$/);
    // AND the tests feed values above the new thresholds and expect what they produce
    const descriptions = r.tests.flatMap((t) => t.alertTests ?? []).flatMap((t) => t.expAlerts.map((e) => e.annotations?.['description'] ?? ''));
    expect(descriptions).toContain('70% of the targets of job node cannot be scraped.');
    expect(descriptions).toContain('Prometheus prom-0:9090 failed 15 rule evaluations of group /etc/prometheus/rules.yaml;example in the last 5 minutes.');
    expect(descriptions.some((d) => d.includes('is 1h 4m 40s behind'))).toBe(true);
    assertPromtoolTestsPass(r);
  });

  it('renames dashboards through the computed titles and retags them', () => {
    // GIVEN another prefix and tags
    const r = prometheusMixin.config({ dashboardNamePrefix: 'Ops / Prometheus / ', dashboardTags: ['ops'] }).render();

    // THEN the computed titles follow the prefix and every dashboard has the tags
    expect(r.dashboards.map((d) => d.title)).toEqual(['Ops / Prometheus / Overview', 'Ops / Prometheus / Remote write']);
    for (const d of r.dashboards) expect(d.json.tags).toEqual(['ops']);
    // AND an explicit title still wins over the computed one
    const titled = prometheusMixin.config({ overviewDashboardTitle: 'Prom' }).render();
    expect(titled.dashboards[0]!.title).toBe('Prom');
  });

  it('builds runbook URLs from the pattern, and leaves them out when it is empty', () => {
    const custom = prometheusMixin.config({ runbookUrlPattern: 'https://wiki.example/prom#%s' }).render();
    for (const a of alertsOf(custom)) expect(a.annotations?.runbook_url).toBe(`https://wiki.example/prom#${a.alert}`);
    const none = prometheusMixin.config({ runbookUrlPattern: '' }).render();
    for (const a of alertsOf(none)) expect(a.annotations?.runbook_url, a.alert).toBeUndefined();
    // AND the tests expect exactly that, so promtool still passes
    assertPromtoolTestsPass(none);
  });

  it('restricts target health to targetSelector in the rules, the alert and the scrape job variable', () => {
    const r = prometheusMixin.config({ targetSelector: 'env="prod"' }).render();
    expect(recordsOf(r).map((x) => x.expr)).toContain('count by (job) (up{env="prod"})');
    expect(alertsOf(r).find((a) => a.alert === 'PrometheusTargetDown')!.expr).toBe('100 * (1 - avg by (job) (up{env="prod"})) > 10');
    const list = (r.dashboards[0]!.json.templating?.list ?? []) as { name: string; query?: unknown }[];
    expect(list.find((v) => v.name === 'scrape_job')!.query).toBe('label_values(up{env="prod"}, job)');
  });

  it('drops the remote write alerts and dashboard; their tests go too and the rest still pass', () => {
    // GIVEN a Prometheus without remote write
    const r = prometheusMixin
      .dropAlert('PrometheusRemoteStorageFailures', 'PrometheusRemoteWriteBehind', 'PrometheusRemoteWriteDesiredShards', 'PrometheusRemoteWriteQueuesFull')
      .dropDashboard('prometheus-remote-write')
      .render();

    // THEN the group, the dashboard and the tests are gone
    expect(r.alerts.groups.map((g) => g.name)).not.toContain('prometheus.remote-write');
    expect(r.dashboards.map((d) => d.uid)).toEqual(['prometheus-overview']);
    expect(r.tests.flatMap((t) => t.alertTests ?? []).some((t) => t.alertname.startsWith('PrometheusRemote'))).toBe(false);
    assertPromtoolTestsPass(r);
  });

  it('patches one alert and adds labels to all', () => {
    const r = prometheusMixin
      .patchAlert('PrometheusNotConnectedToAlertmanagers', (a) => a.severity('info').for('1h'))
      .addAlertLabels({ team: 'observability' })
      .render();
    const patched = alertsOf(r).find((a) => a.alert === 'PrometheusNotConnectedToAlertmanagers')!;
    expect(patched).toMatchObject({ for: '1h', labels: { severity: 'info', team: 'observability' } });
    for (const a of alertsOf(r)) expect(a.labels?.team).toBe('observability');
  });

  it('renders the README override example; its config and drops keep the promtool tests passing', () => {
    // GIVEN the override chain of README.md (cluster selector, no remote write), without and with
    // the alert patch and the team label (which the mixin's own tests do not expect)
    const configured = prometheusMixin
      .config({
        prometheusSelector: 'job="prometheus", cluster="eu-1"',
        targetDownPercentThreshold: 25,
        targetDownFor: '10m',
        runbookUrlPattern: 'https://wiki.example.com/runbooks/prometheus#%s',
        dashboardNamePrefix: 'EU-1 / Prometheus / ',
      })
      .dropAlert('PrometheusRemoteStorageFailures', 'PrometheusRemoteWriteBehind', 'PrometheusRemoteWriteDesiredShards', 'PrometheusRemoteWriteQueuesFull')
      .dropDashboard('prometheus-remote-write');
    const full = configured
      .patchAlert('PrometheusNotConnectedToAlertmanagers', (a) => a.severity('critical'))
      .addAlertLabels({ team: 'observability' })
      .render();
    const r = configured.render();

    // THEN it has 17 alerts, one dashboard, runbooks from the pattern, the label and the patch
    expect(alertsOf(full)).toHaveLength(17);
    expect(full.dashboards.map((d) => d.title)).toEqual(['EU-1 / Prometheus / Overview']);
    expect(alertsOf(full).find((a) => a.alert === 'PrometheusBadConfig')!.annotations?.runbook_url).toBe(
      'https://wiki.example.com/runbooks/prometheus#PrometheusBadConfig',
    );
    expect(alertsOf(full).find((a) => a.alert === 'PrometheusNotConnectedToAlertmanagers')!.labels).toEqual({ severity: 'critical', team: 'observability' });
    // AND with the config and drops alone, the tests (their series carrying the cluster label) pass
    expect(r.tests.flatMap((t) => t.inputSeries.map((x) => x.series))).toContain(
      'prometheus_config_last_reload_successful{job="prometheus", cluster="eu-1", instance="prom-0:9090"}',
    );
    assertPromtoolTestsPass(r);
  });

  it('rejects an override of an unknown config key at the type level', () => {
    // @ts-expect-error: not a config key of the Prometheus mixin
    const wrong: Parameters<typeof prometheusMixin.config>[0] = { prometheusSelectr: 'job="x"' };
    const ok: Partial<PrometheusMixinConfig> = { prometheusSelector: 'job="x"' };
    expect(Object.keys(wrong)).toEqual(['prometheusSelectr']);
    expect(ok.prometheusSelector).toBe('job="x"');
  });
});
