import { isPlainObject } from '../model/deep-merge.js';

/**
 * Top-level dashboard keys Grafana (the classic API on save, or its frontend when a dashboard
 * is saved from the UI) fills in, removed when they hold the value that means the same as
 * leaving them out. grafts never needs to emit these values, so a dashboard that only gained
 * them is unchanged.
 */
export const SERVER_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  editable: true,
  fiscalYearStartMonth: 0,
  graphTooltip: 0,
  liveNow: false,
  gnetId: null,
  links: [],
  tags: [],
  timepicker: {},
  timezone: '',
  weekStart: '',
  annotations: { list: [] },
  templating: { list: [] },
});

/** Keys Grafana owns and rewrites on every save or read; never part of a comparison. */
export const SERVER_KEYS: readonly string[] = Object.freeze(['id', 'version', 'iteration']);

/**
 * A dashboard's JSON as grafts compares it: what Grafana adds or changes on its side is
 * removed, so only what a user or the code decided is left. Applied to both sides of every
 * comparison (remote JSON, and desired JSON before it is written). It
 *
 * - unwraps a Kubernetes-style object (`/apis/dashboard.grafana.app`: `{ apiVersion, kind,
 *   metadata, spec }`) to its `spec`, with `uid` taken from `metadata.name` (the server strips
 *   it from the spec) and all metadata dropped (resourceVersion, generation, timestamps,
 *   managedFields, `grafana.app/*` annotations and labels);
 * - removes `id` (instance-local, also `null`), `version` and `iteration` ({@link SERVER_KEYS});
 * - removes the top-level defaults of {@link SERVER_DEFAULTS} when they equal the default;
 * - trims `title` and `uid` (the server trims them on save).
 *
 * Key order is kept (compare with {@link canonicalJson}); the managed marker is kept (see
 * managed-marker.ts). Pure and idempotent: the same input gives the same output.
 *
 * @example
 * normalizeDashboard({ id: 12, uid: 'api', title: 'API ', version: 7, editable: true, panels: [] })
 * // → { uid: 'api', title: 'API', panels: [] }
 */
export function normalizeDashboard(json: Readonly<Record<string, unknown>>): Record<string, unknown> {
  let source: Readonly<Record<string, unknown>> = json;
  let metadataName: string | undefined;
  if (isKubernetesObject(json)) {
    source = json['spec'] as Record<string, unknown>;
    const metadata = json['metadata'];
    if (isPlainObject(metadata) && typeof metadata['name'] === 'string') metadataName = metadata['name'];
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || SERVER_KEYS.includes(key)) continue;
    if (key in SERVER_DEFAULTS && sameJson(value, SERVER_DEFAULTS[key])) continue;
    out[key] = (key === 'title' || key === 'uid') && typeof value === 'string' ? value.trim() : value;
  }
  if (metadataName !== undefined && out['uid'] === undefined) out['uid'] = metadataName;
  return out;
}

function isKubernetesObject(json: Readonly<Record<string, unknown>>): boolean {
  return typeof json['apiVersion'] === 'string' && isPlainObject(json['spec']) && isPlainObject(json['metadata']);
}

/**
 * JSON with keys sorted at every level, 2-space indented, with a final newline: the form
 * diffs are made of. Equal values give equal strings.
 *
 * @example
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })
 * // → '{\n  "a": [\n    {\n      "c": 3,\n      "d": 2\n    }\n  ],\n  "b": 1\n}\n'
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    }
    return out;
  }
  return value;
}

/** Whether two JSON values are equal regardless of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
