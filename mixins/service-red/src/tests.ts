// promtool unit tests, generated from the config so they test the rules as rendered: for each
// SLO and SLI, a fast burn fires the page alert (and not before its `for`), a slow burn fires
// only the ticket alert, healthy traffic fires nothing; and the recorded series have the
// values their definitions promise. Latency tests need classic histograms: promtool 2.42
// cannot feed native histogram series.
import type { AlertTest, ExpectedAlert, PromtoolTest, TestSeries } from 'grafts';
import { ALERT_NAMES, alertDescription, alertSummary, runbookUrl } from './alerts.js';
import type { AlertClass, ServiceRedConfig } from './config.js';
import { durationSeconds } from './duration.js';
import { sampleLabelValue } from './selector.js';
import { clean, errorBudget, records, resolveSlos, type ResolvedSlo, type SliKind } from './slo.js';

/** Requests per minute of the input series: 10 per second. */
const PER_MINUTE = 600;

/**
 * Prometheus' `humanize` for the burn rates the tests produce (0.001 ≤ v < 1000): Go's `%.4g`,
 * with an `m` prefix below 1.
 *
 * @example
 * humanize(28.8) // → '28.8'
 * humanize(0.5)  // → '500m'
 */
export function humanize(value: number): string {
  const g4 = (v: number) => String(Number(v.toPrecision(4)));
  return value >= 1 ? g4(value) : `${g4(value * 1000)}m`;
}

/** The labels of the input series: the service labels and what the selector requires. */
function serviceLabelValues(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const label of [...new Set([...c.serviceLabels, ...slo.matchers.map((m) => m.label)])]) {
    const value = sampleLabelValue(slo.matchers, label, label === 'job' ? 'checkout' : `${label}-a`);
    if (value === undefined) return undefined;
    labels[label] = value;
  }
  return labels;
}

/** The labels the recorded series keep: the service labels (`sum by`). */
function grouped(c: Readonly<ServiceRedConfig>, labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(c.serviceLabels.map((l) => [l, labels[l]!]));
}

const seriesOf = (metric: string, labels: Record<string, string>) =>
  `${metric}{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;

/** Input series with a constant share `ratio` of bad requests, `minutes` long. */
function inputs(
  c: Readonly<ServiceRedConfig>,
  slo: ResolvedSlo,
  sli: SliKind,
  labels: Record<string, string>,
  ratio: number,
  minutes: number,
): TestSeries[] | undefined {
  const bad = clean(PER_MINUTE * ratio);
  if (sli === 'availability') {
    const errorCode = ['500', '503', '599'].find((code) => new RegExp(`^(?:${c.errorStatus})$`).test(code));
    const okCode = ['200', '204'].find((code) => !new RegExp(`^(?:${c.errorStatus})$`).test(code));
    if (!errorCode || !okCode) return undefined;
    return [
      { series: seriesOf(c.requestsMetric, { ...labels, [c.statusLabel]: okCode }), values: `0+${clean(PER_MINUTE - bad)}x${minutes}` },
      { series: seriesOf(c.requestsMetric, { ...labels, [c.statusLabel]: errorCode }), values: `0+${bad}x${minutes}` },
    ];
  }
  return [
    {
      series: seriesOf(`${c.durationMetric}_bucket`, { ...labels, le: String(slo.objectives.latency.threshold) }),
      values: `0+${clean(PER_MINUTE - bad)}x${minutes}`,
    },
    { series: seriesOf(`${c.durationMetric}_count`, labels), values: `0+${PER_MINUTE}x${minutes}` },
  ];
}

function minutesOf(duration: string): number {
  return Math.ceil(durationSeconds(duration) / 60);
}

function burnTests(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo, sli: SliKind, labels: Record<string, string>): PromtoolTest[] {
  const budget = errorBudget(slo, sli);
  const factors = (cls: AlertClass) => c.burnRateWindows.filter((w) => w.class === cls).map((w) => w.factor);
  const page = factors('page');
  const ticket = factors('ticket');
  const expected = (cls: AlertClass, burn: number): ExpectedAlert => ({
    labels: { ...grouped(c, labels), [c.sloLabel]: slo.name, severity: c.severities[cls] },
    annotations: {
      summary: alertSummary(sli, cls),
      description: alertDescription(c, slo, sli, cls, c.serviceLabels.map((l) => labels[l]).join('/'), humanize(burn)),
      ...(runbookUrl(c, ALERT_NAMES[sli][cls]) !== undefined && { runbook_url: runbookUrl(c, ALERT_NAMES[sli][cls])! }),
    },
  });
  const at = (cls: AlertClass) => `${minutesOf(c.alertFor[cls]) + 10}m`;
  const check = (cls: AlertClass, evalTime: string, alerts: ExpectedAlert[]): AlertTest[] =>
    (cls === 'page' ? page : ticket).length === 0 ? [] : [{ evalTime, alertname: ALERT_NAMES[sli][cls], expAlerts: alerts }];
  const out: PromtoolTest[] = [];
  const lastEval = Math.max(minutesOf(c.alertFor.page), minutesOf(c.alertFor.ticket)) + 10;
  const length = lastEval + 5;

  // Fast: twice the highest page factor, or every request bad when that is more than all.
  if (page.length > 0) {
    const fast = Math.min(2 * Math.max(...page), clean(1 / budget));
    const series = fast > Math.min(...page) ? inputs(c, slo, sli, labels, clean(fast * budget), length) : undefined;
    if (series) {
      out.push({
        name: `${slo.name} ${sli}: a fast burn (${fast}x) pages`,
        interval: '1m',
        inputSeries: series,
        alertTests: [...(minutesOf(c.alertFor.page) >= 2 ? check('page', '1m', []) : []), ...check('page', at('page'), [expected('page', fast)])],
      });
    }
  }
  // Slow: between the lowest ticket factor and the lowest page factor.
  if (ticket.length > 0) {
    const low = Math.min(...ticket);
    const high = page.length > 0 ? Math.min(...page) : 2 * low + 1;
    const slow = clean((low + high) / 2);
    const series = slow * budget < 1 && slow > low ? inputs(c, slo, sli, labels, clean(slow * budget), length) : undefined;
    if (series) {
      out.push({
        name: `${slo.name} ${sli}: a slow burn (${slow}x) opens a ticket and does not page`,
        interval: '1m',
        inputSeries: series,
        alertTests: [...check('ticket', at('ticket'), [expected('ticket', slow)]), ...check('page', at('ticket'), [])],
      });
    }
  }
  // Healthy: half the lowest factor of all.
  const lowest = Math.min(...page, ...ticket);
  if (Number.isFinite(lowest)) {
    const healthy = clean(lowest / 2);
    const series = inputs(c, slo, sli, labels, clean(healthy * budget), length);
    if (series) {
      out.push({
        name: `${slo.name} ${sli}: healthy traffic (${healthy}x) alerts nobody`,
        interval: '1m',
        inputSeries: series,
        alertTests: [...check('page', `${lastEval}m`, []), ...check('ticket', `${lastEval}m`, [])],
      });
    }
  }
  return out;
}

/**
 * Recording rules: 1 % of 10 requests per second bad gives these series. promtool compares
 * samples exactly, and `1 - fast / all` is not exact in floating point, so the samples are
 * compared rounded to 4 decimals (`round()` drops the metric name; the expression names it).
 */
function recordingTests(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo, labels: Record<string, string>): PromtoolTest[] {
  const sample = (name: string, value: number) => ({
    expr: `round(${name}{${slo.sloMatcher}}, 0.0001)`,
    evalTime: '10m',
    expSamples: [{ labels: seriesOf('', { ...grouped(c, labels), [c.sloLabel]: slo.name }), value }],
  });
  const out: PromtoolTest[] = [];
  const availability = inputs(c, slo, 'availability', labels, 0.01, 15);
  if (availability) {
    out.push({
      name: `${slo.name} availability recording rules: 1% errors at 10 req/s`,
      interval: '1m',
      inputSeries: availability,
      exprTests: [
        sample(records.requests(c), 10),
        sample(records.errors(c), 0.1),
        ...c.sliWindows.map((w) => sample(records.ratio(c, 'availability', w), 0.01)),
      ],
    });
    const healthy = inputs(c, slo, 'availability', labels, 0, 15)!.slice(0, 1);
    out.push({
      name: `${slo.name} availability recording rules: a service without error series has an error ratio of 0`,
      interval: '1m',
      inputSeries: healthy,
      exprTests: [
        sample(records.errors(c), 0),
        sample(records.ratio(c, 'availability', '5m'), 0),
        sample(records.ratio(c, 'availability', c.sliWindows.at(-1)!), 0),
      ],
    });
  }
  if (slo.histogram === 'classic') {
    out.push({
      name: `${slo.name} latency recording rules: 1% slower than ${slo.objectives.latency.threshold}s at 10 req/s`,
      interval: '1m',
      inputSeries: inputs(c, slo, 'latency', labels, 0.01, 15)!,
      exprTests: [
        sample(records.latencyRequests(c), 10),
        sample(records.slowRequests(c), 0.1),
        ...c.sliWindows.map((w) => sample(records.ratio(c, 'latency', w), 0.01)),
      ],
    });
  }
  return out;
}

export function serviceRedTests(c: Readonly<ServiceRedConfig>): PromtoolTest[] {
  return resolveSlos(c).flatMap((slo) => {
    const labels = serviceLabelValues(c, slo);
    if (!labels) return [];
    const slis: SliKind[] = slo.histogram === 'classic' ? ['availability', 'latency'] : ['availability'];
    return [...recordingTests(c, slo, labels), ...slis.flatMap((sli) => burnTests(c, slo, sli, labels))];
  });
}
