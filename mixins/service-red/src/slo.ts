// One SLO resolved from the config: its objectives, its selector, the names of its recorded
// series and the PromQL that records them. Rules, alerts, dashboard and tests all read these,
// so they cannot disagree.
import type { HistogramKind, LabelMatcher } from 'grafts';
import type { ServiceRedConfig, ServiceSlo, SloObjectives } from './config.js';
import { parseSelector } from './selector.js';
import { windowName } from './windows.js';

/** The two SLIs of a service. */
export type SliKind = 'availability' | 'latency';

/** An SLO with every default applied. */
export interface ResolvedSlo {
  readonly name: string;
  readonly selector: string;
  readonly matchers: readonly LabelMatcher[];
  readonly histogram: HistogramKind;
  readonly objectives: SloObjectives;
  /** `{slo="<name>"}`: selects this SLO's recorded series. */
  readonly sloMatcher: string;
}

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Rounds away binary noise: 1 - 0.999 → 0.001. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** `0.999` → `99.9%`. */
export function percent(ratio: number): string {
  return `${clean(ratio * 100)}%`;
}

function checkRatio(what: string, value: number): void {
  if (!(typeof value === 'number' && value > 0 && value < 1))
    throw new Error(`${what} must be a ratio between 0 and 1 (exclusive), e.g. 0.999; got ${String(value)}`);
}

/**
 * The SLOs of a config, checked: unique lowercase names, parseable selectors, objectives
 * between 0 and 1, a positive latency threshold.
 */
export function resolveSlos(c: Readonly<ServiceRedConfig>): ResolvedSlo[] {
  if (c.services.length === 0) throw new Error('service-red: `services` is empty: give at least one { name, selector }');
  const seen = new Set<string>();
  return c.services.map((s: ServiceSlo) => {
    if (!NAME.test(s.name)) throw new Error(`service-red: SLO name "${s.name}" must be lowercase a-z, 0-9 and "-"`);
    if (seen.has(s.name)) throw new Error(`service-red: two SLOs are named "${s.name}"`);
    seen.add(s.name);
    const objectives: SloObjectives = {
      availability: s.objectives?.availability ?? c.objectives.availability,
      latency: s.objectives?.latency ?? c.objectives.latency,
    };
    checkRatio(`objectives.availability of "${s.name}"`, objectives.availability);
    checkRatio(`objectives.latency.target of "${s.name}"`, objectives.latency.target);
    if (!(objectives.latency.threshold > 0))
      throw new Error(`service-red: objectives.latency.threshold of "${s.name}" must be a positive number of seconds (a bucket boundary "le")`);
    return {
      name: s.name,
      selector: s.selector,
      matchers: parseSelector(s.selector),
      histogram: s.histogram ?? c.histogram,
      objectives,
      sloMatcher: `${c.sloLabel}="${s.name}"`,
    };
  });
}

/** The error budget of an SLI: the share of requests allowed to be bad (1 - objective). */
export function errorBudget(slo: ResolvedSlo, sli: SliKind): number {
  return clean(1 - (sli === 'availability' ? slo.objectives.availability : slo.objectives.latency.target));
}

/** Names of the recorded series. */
export const records = {
  /** Requests per second over 5m (the availability SLI's denominator; the RED rate). */
  requests: (c: Readonly<ServiceRedConfig>) => `${c.recordingLevel}:sli_requests:rate5m`,
  /** Error (5xx) requests per second over 5m. */
  errors: (c: Readonly<ServiceRedConfig>) => `${c.recordingLevel}:sli_errors:rate5m`,
  /** Requests per second the duration histogram counted over 5m (the latency SLI's denominator). */
  latencyRequests: (c: Readonly<ServiceRedConfig>) => `${c.recordingLevel}:sli_latency_requests:rate5m`,
  /** Requests per second slower than the threshold over 5m. */
  slowRequests: (c: Readonly<ServiceRedConfig>) => `${c.recordingLevel}:sli_slow_requests:rate5m`,
  /** Share of bad requests of an SLI over a window: the error ratio the burn rates divide. */
  ratio: (c: Readonly<ServiceRedConfig>, sli: SliKind, window: string) =>
    `${c.recordingLevel}:${sli === 'availability' ? 'sli_errors' : 'sli_slow_requests'}:ratio_rate${windowName(window)}`,
};

/** The `le` matcher of a threshold; integers also match Prometheus 3's `1.0` spelling. */
export function leMatcher(threshold: number): string {
  return Number.isInteger(threshold) ? `le=~"${threshold}(\\\\.0)?"` : `le="${threshold}"`;
}

/** PromQL of the recorded series of one SLO. */
export function sliExprs(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo) {
  const by = `sum by (${c.serviceLabels.join(', ')})`;
  const sel = slo.selector;
  const req = c.requestsMetric;
  const dur = c.durationMetric;
  const total = (w: string) => `${by} (rate(${req}{${sel}}[${w}]))`;
  // A service without any error series still gets 0, not nothing.
  const errors = (w: string) => `(${by} (rate(${req}{${sel}, ${c.errorSelector}}[${w}])) or 0 * ${total(w)})`;
  const t = slo.objectives.latency.threshold;
  const native = slo.histogram === 'native';
  const latencyTotal = (w: string) => (native ? `${by} (histogram_count(rate(${dur}{${sel}}[${w}])))` : `${by} (rate(${dur}_count{${sel}}[${w}]))`);
  const fast = (w: string) => `${by} (rate(${dur}_bucket{${sel}, ${leMatcher(t)}}[${w}]))`;
  const slowRatio = (w: string) => (native ? `1 - histogram_fraction(0, ${t}, ${by} (rate(${dur}{${sel}}[${w}])))` : `1 - ${fast(w)} / ${latencyTotal(w)}`);
  return {
    requests: total('5m'),
    errors: errors('5m'),
    errorRatio: (w: string) => `${errors(w)} / ${total(w)}`,
    latencyRequests: latencyTotal('5m'),
    slowRequests: native ? `${latencyTotal('5m')} * (${slowRatio('5m')})` : `${latencyTotal('5m')} - ${fast('5m')}`,
    slowRatio,
  };
}
