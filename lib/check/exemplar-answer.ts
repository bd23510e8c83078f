/** A label set (the same shape as the client's `Labels`; not imported, so the client can import this file). */
type Labels = Record<string, string>;

/** One exemplar as `/api/v1/query_exemplars` returns it: a trace id label, the value, the Unix time in seconds. */
export interface Exemplar {
  labels: Labels;
  value: string;
  timestamp: number;
}

/** The exemplars of one series (`seriesLabels`) in the window asked for. */
export interface ExemplarSeries {
  seriesLabels: Labels;
  exemplars: Exemplar[];
}

/**
 * Reads the `data` of `/api/v1/query_exemplars`, checking every field it uses: a list of
 * `{ seriesLabels, exemplars: [{ labels, value, timestamp }] }`. Returns the first problem as a
 * path into the answer (`data[0].exemplars[2].timestamp is not a number`) instead of guessing.
 *
 * @example
 * readExemplarAnswer([{ seriesLabels: { job: 'api' }, exemplars: [{ labels: { trace_id: 'ab12' }, value: '0.2', timestamp: 1718000000.5 }] }])
 * // → { series: [ … the same … ] }
 * readExemplarAnswer({ result: [] }) // → { problem: 'data is not a list' }
 */
export function readExemplarAnswer(data: unknown): { series: ExemplarSeries[] } | { problem: string } {
  // Prometheus answers `null` data for no series at all on some versions.
  if (data === null) return { series: [] };
  if (!Array.isArray(data)) return { problem: 'data is not a list' };
  for (const [i, entry] of data.entries()) {
    const at = `data[${i}]`;
    if (!isObject(entry)) return { problem: `${at} is not an object` };
    if (!isLabels(entry['seriesLabels'])) return { problem: `${at}.seriesLabels is not a label set` };
    const exemplars = entry['exemplars'];
    if (!Array.isArray(exemplars)) return { problem: `${at}.exemplars is not a list` };
    for (const [j, e] of exemplars.entries()) {
      const where = `${at}.exemplars[${j}]`;
      if (!isObject(e)) return { problem: `${where} is not an object` };
      if (!isLabels(e['labels'])) return { problem: `${where}.labels is not a label set` };
      if (typeof e['value'] !== 'string' || Number.isNaN(Number(e['value']))) return { problem: `${where}.value is not a number as a string` };
      if (typeof e['timestamp'] !== 'number' || !Number.isFinite(e['timestamp'])) return { problem: `${where}.timestamp is not a number` };
    }
  }
  return { series: data as ExemplarSeries[] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLabels(value: unknown): value is Labels {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}
