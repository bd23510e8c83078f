// The dashboard: house-style RED rows (lib/style red.dashboard) plus one SLO row per SLO, built
// on the recording rules: error budget left over the SLO period, burn rates per window, and
// each SLI against its objective.
import { prometheus, red, row, standardVariables, stat, timeseries, type DashboardBuilder, type RedService, type RowBuilder } from 'grafts';
import type { ServiceRedConfig } from './config.js';
import { durationSeconds } from './duration.js';
import { windowName } from './windows.js';
import { clean, errorBudget, percent, records, resolveSlos, type ResolvedSlo, type SliKind } from './slo.js';

const SLI_TITLE: Record<SliKind, string> = { availability: 'Availability', latency: 'Latency' };

function sloRow(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo): RowBuilder {
  const vars = standardVariables();
  const ds = vars.datasource;
  // Recorded series keep only the service labels and `slo`: `instance` is aggregated away, so
  // only the job picker applies (when job is a service label).
  const sel = [slo.sloMatcher, ...(c.serviceLabels.includes('job') ? [`job=~"${vars.job}"`] : [])].join(', ');
  const legend = c.serviceLabels.map((l) => `{{${l}}}`).join('/');
  const bad = (sli: SliKind) => (sli === 'availability' ? records.errors(c) : records.slowRequests(c));
  const all = (sli: SliKind) => (sli === 'availability' ? records.requests(c) : records.latencyRequests(c));

  const budget = stat('Error budget left')
    .description(
      `Share of the ${c.sloPeriod} error budget not yet spent, from the recorded 5m rates: ` +
        `1 - (bad requests / requests over ${c.sloPeriod}) / (1 - objective). Below 0 the SLO is missed.`,
    )
    .datasource(ds)
    .target(
      ...(['availability', 'latency'] as const).map((sli) =>
        prometheus(`1 - (sum_over_time(${bad(sli)}{${sel}}[${c.sloPeriod}]) / sum_over_time(${all(sli)}{${sel}}[${c.sloPeriod}])) / ${errorBudget(slo, sli)}`)
          .legend(`${legend} ${sli}`)
          .instant(),
      ),
    )
    .unit('percentunit')
    .decimals(1)
    .reduce('lastNotNull')
    .colorMode('background')
    .thresholds([{ color: 'red' }, { value: 0, color: 'orange' }, { value: 0.25, color: 'green' }])
    .size(6, 8);

  const windows = [...new Set(c.burnRateWindows.map((w) => windowName(w.long)))];
  const minFactor = (cls: 'page' | 'ticket') => Math.min(...c.burnRateWindows.filter((w) => w.class === cls).map((w) => w.factor));
  const steps = [
    { color: 'green' },
    ...(['ticket', 'page'] as const).flatMap((cls) => {
      const f = minFactor(cls);
      return Number.isFinite(f) ? [{ value: f, color: cls === 'page' ? 'red' : 'orange' }] : [];
    }),
  ];
  const burnPanel = (sli: SliKind) =>
    timeseries(`${SLI_TITLE[sli]} burn rate`)
      .description(
        `How fast the ${sli} error budget is spent over each alert window: 1 spends exactly the budget in ${c.sloPeriod}. ` +
          `Dashed lines: the lowest ticket and page factors (${c.burnRateWindows.map((w) => `${w.long}/${w.short} ${w.factor}x ${w.class}`).join(', ')}).`,
      )
      .datasource(ds)
      .target(...windows.map((w) => prometheus(`${records.ratio(c, sli, w)}{${sel}} / ${errorBudget(slo, sli)}`).legend(`${legend} ${w}`)))
      .unit('suffix:x')
      .min(0)
      .thresholds(steps)
      .thresholdsStyle('dashed')
      .size(9, 8);

  // 5m and the shortest long window of the alerts (1h by default): both are recorded.
  const shortestLong = [...c.burnRateWindows].sort((a, b) => durationSeconds(a.long) - durationSeconds(b.long))[0]?.long;
  const sliPanelWindows = [...new Set(['5m', ...(shortestLong ? [windowName(shortestLong)] : [])])];
  const sliPanel = (sli: SliKind) => {
    const objective = sli === 'availability' ? slo.objectives.availability : slo.objectives.latency.target;
    const what =
      sli === 'availability' ? `requests not answered with ${c.statusLabel} ${c.errorStatus}` : `requests faster than ${slo.objectives.latency.threshold}s`;
    return timeseries(`${SLI_TITLE[sli]} SLI`)
      .description(`Share of ${what} over ${sliPanelWindows.join(' and ')}, against the objective of ${percent(objective)} over ${c.sloPeriod}.`)
      .datasource(ds)
      .target(
        ...sliPanelWindows.map((w) => prometheus(`1 - ${records.ratio(c, sli, w)}{${sel}}`).legend(`${legend} ${w}`)),
        prometheus(`vector(${objective})`).legend('objective'),
      )
      .unit('percentunit')
      .decimals(2)
      .max(1)
      .overrideByName('objective', { color: { mode: 'fixed', fixedColor: 'red' }, custom: { lineStyle: { fill: 'dash', dash: [10, 10] } } })
      .size(12, 8);
  };

  return row(`${slo.name} SLO`).panel(budget, burnPanel('availability'), burnPanel('latency'), sliPanel('availability'), sliPanel('latency'));
}

export function serviceRedDashboards(c: Readonly<ServiceRedConfig>): Record<string, DashboardBuilder> {
  const slos = resolveSlos(c);
  const services: RedService[] = slos.map((slo) => ({
    service: slo.name,
    selector: slo.matchers,
    histogram: slo.histogram,
    // orange above the budget's rate (burn rate 1), red above the fastest page factor
    errorThresholds: [
      errorBudget(slo, 'availability'),
      clean(Math.min(1, errorBudget(slo, 'availability') * Math.max(1, ...c.burnRateWindows.map((w) => w.factor)))),
    ],
    ...(c.logs?.streamSelector !== undefined ? { logs: { ...c.logs, streamSelector: c.logs.streamSelector } } : {}),
  }));
  const dash = red
    .dashboard(`${c.dashboardNamePrefix}RED and SLOs`, services, {
      requestsMetric: c.requestsMetric,
      durationMetric: c.durationMetric,
      statusLabel: c.statusLabel,
      errorStatus: c.errorStatus,
      ...(c.traces ? { traces: c.traces } : {}),
      ...(c.logs ? { logs: c.logs } : {}),
      description: `Rate, errors and duration of ${slos.map((s) => s.name).join(', ')}, and their SLOs over ${c.sloPeriod} (service-red mixin).`,
    })
    .uid(c.dashboardUid)
    .tags(...c.dashboardTags)
    .row(...slos.map((slo) => sloRow(c, slo)));
  return { [`${c.dashboardUid}.json`]: dash };
}
