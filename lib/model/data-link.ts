import type { DataLink } from '../generated/index.js';
import type { DatasourceLike } from './datasource.js';
import type { QueryBuilder } from './queries/query-builder.js';

const LINK_BRAND: unique symbol = Symbol.for('grafts.data-link');

/**
 * A link on a panel (header menu) or on a field (click on a value): to a URL, or — an
 * internal link — to a query on another data source of the same Grafana, opened in Explore
 * with the panel's time range. Build one with {@link urlLink}, {@link internalLink},
 * {@link traceLink} or {@link logsLink}; place it with `.link(...)` (panel menu),
 * `.fieldLink(...)` (every field) or `.fieldLinkFor(name, ...)` (one field).
 */
export class DataLinkSpec {
  /** @internal */
  readonly [LINK_BRAND] = true;
  readonly #link: DataLink;

  /** @internal */
  constructor(link: DataLink) {
    this.#link = structuredClone(link);
  }

  /** The same link opening in a new browser tab (or not). */
  targetBlank(targetBlank = true): DataLinkSpec {
    return new DataLinkSpec({ ...this.#link, targetBlank });
  }

  /**
   * The link as Grafana stores it in `links` / `fieldConfig.defaults.links`. A fresh object
   * every call.
   *
   * @example
   * urlLink('Runbook', 'https://runbooks.example.com/api').build()
   * // → { "title": "Runbook", "url": "https://runbooks.example.com/api" }
   */
  build(): DataLink {
    return structuredClone(this.#link);
  }
}

/** True for any link built by this library (works across copies of it). */
export function isDataLink(value: unknown): value is DataLinkSpec {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LINK_BRAND] === true;
}

function requireTitle(fn: string, title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') throw new TypeError(`${fn}(): expected a non-empty link title, got ${JSON.stringify(title)}`);
  return title;
}

/**
 * A link to a URL. Data link variables such as `${__value.raw}`, `${__field.labels.job}` and
 * `${__url_time_range}` are interpolated by Grafana when the link is clicked.
 *
 * @example
 * urlLink('Runbook', 'https://runbooks.example.com/${__field.labels.job}', { targetBlank: true }).build()
 * // → { "title": "Runbook", "url": "https://runbooks.example.com/${__field.labels.job}", "targetBlank": true }
 */
export function urlLink(title: string, url: string, options: { targetBlank?: boolean } = {}): DataLinkSpec {
  requireTitle('urlLink', title);
  if (typeof url !== 'string' || url.trim() === '') throw new TypeError(`urlLink("${title}"): expected a URL, got ${JSON.stringify(url)}`);
  return new DataLinkSpec({ title, url, ...(options.targetBlank !== undefined ? { targetBlank: options.targetBlank } : {}) });
}

/**
 * An internal link: clicking it runs `query` on `datasource` in Explore, over the time range
 * of the panel clicked. The query must be one for the data source's plugin — a TraceQL query
 * cannot go to a Loki data source (a compile-time error).
 *
 * @example
 * internalLink('Logs of this service', lokiDs, loki('{service="checkout"} |= "${__value.raw}"')).build()
 * // → { "title": "Logs of this service", "url": "",
 * //     "internal": { "datasourceUid": "loki", "query": { "expr": "{service=\"checkout\"} |= \"${__value.raw}\"" } } }
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query model of the data source plugin K
export function internalLink<K extends string>(title: string, datasource: DatasourceLike<K>, query: QueryBuilder<NoInfer<K>, any>): DataLinkSpec {
  requireTitle('internalLink', title);
  if (query.kind !== datasource.kind) {
    throw new TypeError(`internalLink("${title}"): a ${query.kind} query cannot run on the ${datasource.kind} data source ${datasource.toRef().uid ?? ''}`);
  }
  const { refId: _refId, ...rendered } = query.build();
  const ref = datasource.toRef();
  if (!ref.uid) throw new TypeError(`internalLink("${title}"): the data source has no uid`);
  const internal: NonNullable<DataLink['internal']> = { datasourceUid: ref.uid, query: rendered };
  if (datasource.displayName !== undefined) internal.datasourceName = datasource.displayName;
  return new DataLinkSpec({ title, url: '', internal });
}
