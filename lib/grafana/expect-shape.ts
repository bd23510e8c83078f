import type { GrafanaClient, GrafanaRequest } from './grafana-client.js';
import { GrafanaError } from './grafana-error.js';
import { NOT_GRAFANA_SUGGESTION } from './suggestions.js';

/** Where an answer came from, for the error that says it has the wrong shape. */
export interface AnswerSource {
  /** The client's base URL, safe to print. */
  readonly url: string;
  readonly method: string;
  /** The request path, without query. */
  readonly path: string;
}

/**
 * A checker of one answer's shape: returns the value typed, or throws
 * {@link WrongShapeError} via {@link wrongShape}. `expected` says in words what a Grafana
 * answers there.
 */
export type ShapeCheck<T> = (value: unknown, source: AnswerSource) => T;

/**
 * An answer that is not what the API promises (an HTML page, `{}` where a list belongs, a
 * missing field): never read as "nothing there". Kind `protocol`; the message names the request
 * and what was expected.
 *
 * @example
 * // grafana http://127.0.0.1:3000 GET /api/search: expected a JSON array of search hits, got an HTML page (is this URL a Grafana?)
 */
export class WrongShapeError extends GrafanaError {
  constructor(source: AnswerSource, expected: string, got: string) {
    super({
      kind: 'protocol',
      url: source.url,
      method: source.method,
      path: source.path,
      detail: `expected ${expected}, got ${got}`,
      suggestion: NOT_GRAFANA_SUGGESTION,
    });
    this.name = 'GrafanaWrongShapeError';
  }
}

/** Throws a {@link WrongShapeError} for `value`. */
export function wrongShape(source: AnswerSource, expected: string, value: unknown): never {
  throw new WrongShapeError(source, expected, describeValue(value));
}

/** A short, secret-free description of a value: its type, never its content (bodies may echo headers). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'an empty body';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return /^\s*</.test(value) ? 'an HTML page (is this URL a Grafana?)' : `text that is not JSON (${value.length} characters)`;
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    // Keys are not named: a reflecting server can put a header in one.
    const keys = Object.keys(value).length;
    return keys === 0 ? 'an empty object {}' : `an object (${keys} key${keys === 1 ? '' : 's'})`;
  }
  return `a ${typeof value}`;
}

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object whose `required` keys hold strings, and whose `optional` keys, when present, hold
 * the given types.
 *
 * @example
 * const check = objectWith('Grafana health {database, version}', { database: 'string' }, { version: 'string' });
 * check({ database: 'ok', version: '12.1.0' }, source) // → the object
 * check('<html>', source)                               // throws WrongShapeError
 */
export function objectWith(
  expected: string,
  required: Readonly<Record<string, FieldType>>,
  optional: Readonly<Record<string, FieldType>> = {},
): ShapeCheck<Record<string, unknown>> {
  return (value, source) => {
    if (!isRecord(value)) wrongShape(source, expected, value);
    for (const [key, type] of Object.entries(required)) {
      if (!hasType(value[key], type)) throw new WrongShapeError(source, expected, fieldProblem(key, value[key], type));
    }
    for (const [key, type] of Object.entries(optional)) {
      if (value[key] !== undefined && value[key] !== null && !hasType(value[key], type))
        throw new WrongShapeError(source, expected, fieldProblem(key, value[key], type));
    }
    return value;
  };
}

/**
 * A JSON array whose every item passes `item` (its index is named in the error).
 *
 * @example
 * arrayOf('a JSON array of search hits', objectWith('a search hit', { uid: 'string' }))
 */
export function arrayOf<T>(expected: string, item: ShapeCheck<T>): ShapeCheck<T[]> {
  return (value, source) => {
    if (!Array.isArray(value)) wrongShape(source, expected, value);
    return value.map((v, i) => {
      try {
        return item(v, source);
      } catch (error) {
        if (error instanceof WrongShapeError) throw new WrongShapeError(source, expected, `item ${i}: ${error.detail.replace(/^expected .*?, got /, '')}`);
        throw error;
      }
    });
  };
}

/** The JSON types a field can be checked for. */
export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

function hasType(value: unknown, type: FieldType): boolean {
  if (type === 'object') return isRecord(value);
  if (type === 'array') return Array.isArray(value);
  return typeof value === type;
}

function fieldProblem(key: string, value: unknown, type: FieldType): string {
  return value === undefined
    ? `no "${key}"`
    : `"${key}" as ${describeValue(value)} instead of ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}`;
}

/**
 * Sends a request and checks the answer's shape (for the statuses in `accept`, only a 2xx
 * answer is checked). The one way the sync code reads what it consumes.
 *
 * @throws {WrongShapeError} the answer has another shape.
 * @example
 * const hits = await requestShaped(client, { method: 'GET', path: '/api/search' }, SEARCH_HITS);
 */
export async function requestShaped<T>(
  client: GrafanaClient,
  req: GrafanaRequest,
  check: ShapeCheck<T>,
): Promise<{ status: number; data: T; attempts: number }> {
  const res = await client.request(req);
  if (res.status < 200 || res.status >= 300) return res as { status: number; data: T; attempts: number };
  return { ...res, data: check(res.data, { url: client.url, method: req.method, path: req.path }) };
}

/**
 * A check typed as the interface its caller reads (the check covers the fields that interface
 * relies on; the others stay optional there).
 *
 * @example
 * const check = typedAs<{ uid: string; title?: string }>(objectWith('a folder', { uid: 'string' }));
 */
export function typedAs<T>(check: ShapeCheck<unknown>): ShapeCheck<T> {
  return check as ShapeCheck<T>;
}
