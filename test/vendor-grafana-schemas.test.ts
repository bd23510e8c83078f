// schemas/grafana-*.schema.json are copies of Grafana's per-plugin schemas with one namespace:
// re-vendoring from ../shared/reference gives the committed files, and for any upstream-shaped
// input every name is prefixed by its kind and every $ref lands on a definition.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/gen-types-lib.js';
import { GRAFANA_PANEL_SCHEMAS, GRAFANA_QUERY_SCHEMAS, vendorSchemas, type UpstreamSchema } from '../scripts/vendor-grafana-schemas-lib.js';

const UPSTREAM = path.resolve(repoRoot, '..', 'shared', 'reference', 'grafana-jsonschema');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as UpstreamSchema;

type Node = Record<string, unknown>;
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (typeof node === 'object' && node !== null) {
    const n = node as Node;
    if (typeof n.$ref === 'string') {
      out.push(n.$ref);
      expect(Object.keys(n)).toEqual(['$ref']);
    }
    for (const v of Object.values(n)) refs(v, out);
  }
  return out;
}

describe('vendored Grafana schemas', () => {
  it('GIVEN the upstream folder WHEN vendored again THEN the committed schema files are what it gives', () => {
    if (!existsSync(UPSTREAM)) {
      console.log(`vendor-grafana-schemas: ${UPSTREAM} is absent; the copy was not compared`);
      return;
    }
    const shared = ['panels.schema.json', 'dashboard.schema.json'].map((file) => ({
      file,
      definitions: read(path.join(repoRoot, 'schemas', file)).definitions,
    }));
    for (const [file, kinds] of [
      ['grafana-panels.schema.json', GRAFANA_PANEL_SCHEMAS],
      ['grafana-queries.schema.json', GRAFANA_QUERY_SCHEMAS],
    ] as const) {
      const committed = read(path.join(repoRoot, 'schemas', file));
      const upstream = new Map(kinds.map((k) => [k.file, read(path.join(UPSTREAM, `${k.file}.jsonschema.json`))]));
      const again = vendorSchemas({ id: file, title: committed.title as string, description: committed.description as string, kinds, upstream, shared });
      expect(again, `${file} is out of date: run npx tsx scripts/vendor-grafana-schemas.ts, then npm run gen`).toEqual(committed);
    }
  });

  it('GIVEN any upstream-shaped schemas THEN every definition carries its kind prefix and every $ref resolves', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,6}$/);
    const kindSchema = fc.uniqueArray(name, { minLength: 1, maxLength: 5 }).chain((names) =>
      fc
        .array(
          fc.oneof(
            fc.constant<Node>({ type: 'string' }),
            fc.constantFrom(...names).map((n): Node => ({ $ref: `#/definitions/${n}`, description: 'x' })),
            fc
              .constantFrom(...names)
              .map((n): Node => ({ type: 'object', properties: { a: { $ref: `#/definitions/${n}` }, b: { type: 'number', default: 1 } } })),
            fc.constant<Node>({ enum: ['a', 'b'], type: 'string' }),
          ),
          { minLength: names.length, maxLength: names.length },
        )
        .map((defs) => ({ definitions: Object.fromEntries(names.map((n, i) => [n, defs[i]!])) }) as UpstreamSchema),
    );
    fc.assert(
      fc.property(fc.array(kindSchema, { minLength: 1, maxLength: 3 }), (schemas) => {
        const kinds = schemas.map((_, i) => ({ file: `k${i}`, prefix: `Kind${i}` }));
        const upstream = new Map(schemas.map((s, i) => [`k${i}`, s]));
        let out: Node;
        try {
          out = vendorSchemas({ id: 'x.schema.json', title: 't', description: 'd', kinds, upstream });
        } catch (error) {
          // Two names that become one after prefixing ("a" and "A") are refused by name, never merged.
          expect(String(error)).toMatch(/k\d\.jsonschema\.json: definitions \w+ and \w+ would both be named Kind\d\w*/);
          return;
        }
        const definitions = out.definitions as Node;
        for (const def of Object.keys(definitions)) expect(kinds.some((k) => def.startsWith(k.prefix))).toBe(true);
        for (const ref of refs(definitions)) expect(Object.keys(definitions)).toContain(ref.replace('#/definitions/', ''));
        // Objects left open by omission are stated open, as the schema tests require.
        for (const def of Object.values(definitions) as Node[]) if (def.type === 'object') expect(def.additionalProperties).toBe(true);
      }),
      { numRuns: 150, seed: 19 },
    );
  });

  it('GIVEN a $ref to a definition that does not exist THEN vendoring fails naming the file and the path', () => {
    const upstream = new Map([
      [
        'bad',
        { definitions: { Options: { type: 'object', additionalProperties: false, properties: { a: { $ref: '#/definitions/Missing' } } } } } as UpstreamSchema,
      ],
    ]);
    expect(() => vendorSchemas({ id: 'x', title: 't', description: 'd', kinds: [{ file: 'bad', prefix: 'Bad' }], upstream })).toThrow(
      /bad\.jsonschema\.json#\/definitions\/Options\/properties\/a: unsupported or dangling \$ref #\/definitions\/Missing/,
    );
  });
});
