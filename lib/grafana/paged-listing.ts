import { WrongShapeError, type AnswerSource } from './expect-shape.js';

/**
 * Pages one listing may take before it is refused: 1000 pages are 5 million search hits, a
 * million folders, half a million k8s objects — beyond any real Grafana, well short of forever.
 */
export const MAX_PAGES = 1000;

/** Options of {@link readNumberedPages}. */
export interface NumberedPagesOptions<T> {
  /** Items asked for per page (`limit`); a shorter page is the last. */
  readonly pageSize: number;
  /** Reads page `page` (1-based). */
  readonly fetch: (page: number) => Promise<readonly T[]>;
  /** The identity of an item (its uid), to notice a page that was already read. */
  readonly key: (item: T) => string;
  /** The listing, for errors. */
  readonly source: AnswerSource;
  /** @default {@link MAX_PAGES} */
  readonly maxPages?: number;
}

/**
 * Reads a `page`/`limit` listing (`/api/search`, `/api/folders`) to its end, refusing a server
 * that would make it endless: a page longer than `limit`, a page whose items were all on earlier
 * pages (the server ignores `page`), or more than `maxPages` pages.
 *
 * @throws {WrongShapeError} one of those.
 * @example
 * const hits = await readNumberedPages({ pageSize: 5000, fetch: (page) => search(page), key: (h) => h.uid, source });
 */
export async function readNumberedPages<T>(options: NumberedPagesOptions<T>): Promise<T[]> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const out: T[] = [];
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      throw new WrongShapeError(options.source, `at most ${maxPages} pages of ${options.pageSize}`, `a listing that had not ended after ${maxPages} pages`);
    }
    const items = await options.fetch(page);
    if (items.length > options.pageSize) {
      throw new WrongShapeError(
        options.source,
        `at most ${options.pageSize} items per page (limit=${options.pageSize})`,
        `${items.length} on page ${page} (the server ignores limit)`,
      );
    }
    const keys = items.map(options.key);
    if (page > 1 && keys.length > 0 && keys.every((k) => seen.has(k))) {
      throw new WrongShapeError(
        options.source,
        `page ${page} to continue the listing`,
        `page ${page} repeating items of earlier pages (the server ignores page)`,
      );
    }
    for (const k of keys) seen.add(k);
    out.push(...items);
    if (items.length < options.pageSize) return out;
  }
}

/** Options of {@link readContinuedPages}. */
export interface ContinuedPagesOptions<T> {
  /** Reads the page after `token` (undefined: the first). */
  readonly fetch: (token: string | undefined) => Promise<{ readonly items: readonly T[]; readonly continue?: string | undefined }>;
  readonly source: AnswerSource;
  /** @default {@link MAX_PAGES} */
  readonly maxPages?: number;
}

/**
 * Reads a Kubernetes-style listing (`metadata.continue`) to its end, refusing a token that was
 * already used (a loop) and more than `maxPages` pages.
 *
 * @throws {WrongShapeError} one of those.
 * @example
 * const items = await readContinuedPages({ fetch: (token) => listFolders(token), source });
 */
export async function readContinuedPages<T>(options: ContinuedPagesOptions<T>): Promise<T[]> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const out: T[] = [];
  const used = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const { items, continue: next } = await options.fetch(token);
    out.push(...items);
    if (next === undefined || next === '') return out;
    if (used.has(next)) {
      throw new WrongShapeError(
        options.source,
        'a new continue token on every page',
        `page ${page} handing back a continue token already used (the listing loops)`,
      );
    }
    if (page >= maxPages) {
      throw new WrongShapeError(options.source, `at most ${maxPages} pages`, `a listing that had not ended after ${maxPages} pages`);
    }
    used.add(next);
    token = next;
  }
}
