import type { CheckedExemplars } from './check-result.js';
import type { PrometheusClient } from './prometheus-client.js';
import { PrometheusError } from './prometheus-error.js';

/** What Prometheus says about exemplar storage: on, off, or unknown (no `/api/v1/status/flags`, e.g. Mimir). */
export type ExemplarStorage = 'on' | 'off' | 'unknown';

/** The feature flag Prometheus 2.x stores exemplars with. */
export const EXEMPLAR_STORAGE_FLAG = '--enable-feature=exemplar-storage';

const SERVICE_SETUP =
  'the service exposes none: Prometheus stores exemplars only from the OpenMetrics format (or protobuf), so /metrics must answer ' +
  'Content-Type application/openmetrics-text when the scrape asks for it, with `# {trace_id="…"} <value> <timestamp>` after histogram buckets';

/**
 * Whether this Prometheus stores exemplars, read once from its flags (`enable-feature`
 * contains `exemplar-storage`). Unknown when the API has no flags endpoint.
 *
 * @example
 * await exemplarStorage(client) // → 'off' for a Prometheus started without --enable-feature=exemplar-storage
 */
export async function exemplarStorage(client: PrometheusClient): Promise<ExemplarStorage> {
  try {
    const features = (await client.flags())['enable-feature'];
    if (features === undefined) return 'unknown';
    return features.split(',').some((f) => f.trim() === 'exemplar-storage') ? 'on' : 'off';
  } catch (error) {
    if (error instanceof PrometheusError && !error.unreachable) return 'unknown';
    throw error;
  }
}

/**
 * Whether exemplars arrive for a query whose series have data: asks `/api/v1/query_exemplars`
 * for the expression over the window, and when none come back, says whose set-up is missing
 * (Prometheus' exemplar storage, or the service's exposition).
 *
 * @example
 * await checkExemplars(client, 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[1m])))', range, storage)
 * // → { status: 'arriving', count: 120, series: 11, labels: ['trace_id'] }
 * // → { status: 'missing', count: 0, series: 0, hint: 'Prometheus stores no exemplars: start it with --enable-feature=exemplar-storage (…)' }
 */
export async function checkExemplars(
  client: PrometheusClient,
  expr: string,
  range: { start: number; end: number },
  storage: () => Promise<ExemplarStorage>,
): Promise<CheckedExemplars> {
  let series;
  try {
    series = await client.queryExemplars(expr, range);
  } catch (error) {
    if (!(error instanceof PrometheusError) || error.unreachable) throw error;
    const off = (await storage()) === 'off';
    return {
      status: 'error',
      count: 0,
      series: 0,
      error: error.message,
      ...(off && { hint: `Prometheus stores no exemplars: start it with ${EXEMPLAR_STORAGE_FLAG}` }),
    };
  }
  const withExemplars = series.filter((s) => s.exemplars.length > 0);
  const count = withExemplars.reduce((n, s) => n + s.exemplars.length, 0);
  if (count > 0) {
    const labels = [...new Set(withExemplars.flatMap((s) => s.exemplars.flatMap((e) => Object.keys(e.labels))))].sort();
    return { status: 'arriving', count, series: withExemplars.length, labels };
  }
  return { status: 'missing', count: 0, series: 0, hint: missingHint(await storage()) };
}

function missingHint(storage: ExemplarStorage): string {
  switch (storage) {
    case 'off':
      return `Prometheus stores no exemplars: its enable-feature flag lacks exemplar-storage; start it with ${EXEMPLAR_STORAGE_FLAG}`;
    case 'on':
      return `no exemplars in the window although Prometheus stores them: ${SERVICE_SETUP}`;
    default:
      return `no exemplars in the window: either Prometheus does not store them (${EXEMPLAR_STORAGE_FLAG}) or ${SERVICE_SETUP}`;
  }
}
