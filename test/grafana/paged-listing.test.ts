/**
 * Every paged listing ends: an honest server is read whole, any other either is read whole or
 * is refused within a bounded number of requests. Answers of the wrong shape are errors that
 * never quote what the server sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue, WrongShapeError } from '../../lib/grafana/expect-shape.js';
import { readContinuedPages, readNumberedPages } from '../../lib/grafana/paged-listing.js';
import { FOLDER_HITS, K8S_LIST, SEARCH_HITS } from '../../lib/sync/targets/grafana-shapes.js';

const source = { url: 'http://127.0.0.1:1', method: 'GET', path: '/api/search' };

describe('readNumberedPages', () => {
  it('reads an honest server whole, in order, with one request per page plus at most one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10 }), async (count, pageSize) => {
        const all = Array.from({ length: count }, (_, i) => `u${i}`);
        let fetches = 0;
        const got = await readNumberedPages({
          pageSize,
          source,
          key: (u: string) => u,
          fetch: async (page) => {
            fetches++;
            return all.slice((page - 1) * pageSize, page * pageSize);
          },
        });
        expect(got).toEqual(all);
        expect(fetches).toBe(Math.floor(count / pageSize) + 1);
      }),
    );
  });

  it('ends on any server: read whole or refused, within (distinct items + 2) requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 8 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        async (pageSize, script, ignorePage) => {
          // The server answers from a script (or the same page forever), ignoring or not the page it was asked.
          let fetches = 0;
          const run = readNumberedPages({
            pageSize,
            source,
            maxPages: 50,
            key: (u: string) => u,
            fetch: async (page) => {
              fetches++;
              return ignorePage ? script[0]! : (script[(page - 1) % script.length] ?? []);
            },
          });
          const outcome = await run.then(
            () => 'read',
            (error: unknown) => {
              expect(error).toBeInstanceOf(WrongShapeError);
              return 'refused';
            },
          );
          expect(['read', 'refused']).toContain(outcome);
          expect(fetches).toBeLessThanOrEqual(8 + 2);
        },
      ),
    );
  });

  it('refuses a page longer than the limit and more than maxPages pages', async () => {
    await expect(readNumberedPages({ pageSize: 2, source, key: (u: string) => u, fetch: async () => ['a', 'b', 'c'] })).rejects.toThrow(
      /3 on page 1 \(the server ignores limit\)/,
    );
    let n = 0;
    await expect(readNumberedPages({ pageSize: 1, source, maxPages: 5, key: (u: string) => u, fetch: async () => [`u${n++}`] })).rejects.toThrow(
      /had not ended after 5 pages/,
    );
    expect(n).toBe(5);
  });
});

describe('readContinuedPages', () => {
  it('ends on any token sequence: read whole or refused, within (distinct tokens + 2) requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.constantFrom('t1', 't2', 't3', 't4'), { nil: undefined }), { minLength: 1, maxLength: 20 }), async (tokens) => {
        let fetches = 0;
        const outcome = await readContinuedPages({
          source,
          maxPages: 100,
          fetch: async () => {
            const next = tokens[fetches % tokens.length];
            fetches++;
            return { items: [fetches], continue: next };
          },
        }).then(
          (items) => {
            expect(items).toHaveLength(fetches);
            return 'read';
          },
          (error: unknown) => {
            expect(error).toBeInstanceOf(WrongShapeError);
            expect((error as Error).message).toContain('continue token already used');
            return 'refused';
          },
        );
        expect(['read', 'refused']).toContain(outcome);
        expect(fetches).toBeLessThanOrEqual(4 + 2);
      }),
    );
  });
});

describe('answer shapes', () => {
  /** Any JSON value that is not an array. */
  const notAnArray = fc.jsonValue().filter((v) => !Array.isArray(v));

  it('listings refuse anything but an array of well-formed items, and name the request', () => {
    fc.assert(
      fc.property(notAnArray, (value) => {
        for (const check of [SEARCH_HITS, FOLDER_HITS]) {
          expect(() => check(value, source)).toThrow(WrongShapeError);
          expect(() => check(value, source)).toThrow(/^grafana http:\/\/127\.0\.0\.1:1 GET \/api\/search: expected a JSON array/);
        }
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 }), (items) => {
        const wellFormed = items.every(
          (i) =>
            typeof i === 'object' &&
            i !== null &&
            !Array.isArray(i) &&
            typeof (i as Record<string, unknown>)['uid'] === 'string' &&
            typeof (i as Record<string, unknown>)['title'] === 'string',
        );
        if (!wellFormed) expect(() => FOLDER_HITS(items, source)).toThrow(WrongShapeError);
      }),
    );
    expect(SEARCH_HITS([{ uid: 'a', title: 'A', type: 'dash-db', tags: [] }], source)).toHaveLength(1);
    expect(() => SEARCH_HITS([{ uid: 'a', title: 'A' }, { title: 'B' }], source)).toThrow(/item 1: no "uid"/);
  });

  it('k8s lists need items with metadata.name, and a string continue token', () => {
    expect(K8S_LIST({ items: [{ metadata: { name: 'f' } }], metadata: { continue: 'x' } }, source)).toEqual({
      items: [{ metadata: { name: 'f' } }],
      continue: 'x',
    });
    expect(() => K8S_LIST({}, source)).toThrow(/no "items"/);
    expect(() => K8S_LIST({ items: [{ spec: {} }] }, source)).toThrow(WrongShapeError);
    expect(() => K8S_LIST({ items: [], metadata: { continue: 3 } }, source)).toThrow(/metadata.continue/);
  });

  it('an error describes what came back without quoting it (bodies can echo the Authorization header)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (secret) => {
        const marked = `Bearer glsa_${secret}`;
        for (const body of [marked, `<html>${marked}</html>`, [marked], { [marked]: marked }, { message: marked }]) {
          expect(describeValue(body)).not.toContain('glsa_');
        }
      }),
    );
  });
});
