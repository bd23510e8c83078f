// schemas/grafana-*.schema.json are copies of the facts in Grafana's per-plugin schemas with one
// namespace: re-vendoring from ../shared/reference gives the committed files, no upstream prose
// survives in them or in the types generated from them, and for any upstream-shaped input every
// name is prefixed by its kind and every $ref lands on a definition.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/gen-types-lib.js';
import { GRAFANA_PANEL_SCHEMAS, GRAFANA_QUERY_SCHEMAS, vendorSchemas, type UpstreamSchema } from '../scripts/vendor-grafana-schemas-lib.js';
import { requireSharedReference } from './support/shared-reference.js';

const VENDORED_FILES = ['grafana-panels', 'grafana-queries'] as const;
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

// Keywords whose value is free text (prose), never a fact about the JSON.
const FREE_TEXT_KEYWORDS = ['description', 'title', 'examples', '$comment', 'markdownDescription'];
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every free-text keyword below `node`, as `<path>: <keyword>` (names under properties are data). */
function freeTextKeywords(node: unknown, where: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n, i) => freeTextKeywords(n, `${where}/${i}`, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node as Node)) {
      if (FREE_TEXT_KEYWORDS.includes(k)) out.push(`${where}: ${k}`);
      if (k === 'properties' || k === 'patternProperties' || k === 'definitions')
        for (const [name, child] of Object.entries(v as Node)) freeTextKeywords(child, `${where}/${k}/${name}`, out);
      else if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'required') freeTextKeywords(v, `${where}/${k}`, out);
    }
  }
  return out;
}

/** Every sentence of upstream prose (descriptions and titles) of every schema in `dir`. */
function upstreamSentences(dir: string): Set<string> {
  const sentences = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null)
      for (const [k, v] of Object.entries(node as Node)) {
        if ((k === 'description' || k === 'title') && typeof v === 'string') {
          for (const sentence of v.split(/\n|(?<=[.!?])\s+/)) if (words(sentence).split(' ').length >= 3) sentences.add(words(sentence));
        } else walk(v);
      }
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  return sentences;
}

/** The text of every JSDoc block of a TypeScript source, one string per block, whitespace folded. */
function jsdocTexts(source: string): string[] {
  return [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((m) => words(m[1]!.replace(/^\s*\*/gm, ' ')));
}

describe('vendored Grafana schemas', () => {
  it('GIVEN the upstream folder WHEN vendored again THEN the committed schema files are what it gives', () => {
    const upstreamDir = requireSharedReference('grafana-jsonschema');
    const shared = ['panels.schema.json', 'dashboard.schema.json'].map((file) => ({
      file,
      definitions: read(path.join(repoRoot, 'schemas', file)).definitions,
    }));
    for (const [file, kinds] of [
      ['grafana-panels.schema.json', GRAFANA_PANEL_SCHEMAS],
      ['grafana-queries.schema.json', GRAFANA_QUERY_SCHEMAS],
    ] as const) {
      const committed = read(path.join(repoRoot, 'schemas', file));
      const upstream = new Map(kinds.map((k) => [k.file, read(path.join(upstreamDir, `${k.file}.jsonschema.json`))]));
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

  it('GIVEN the committed copies THEN no definition carries a description, title or other free text, and the file-level description is ours', () => {
    for (const file of VENDORED_FILES) {
      const schema = read(path.join(repoRoot, 'schemas', `${file}.schema.json`));
      expect(freeTextKeywords(schema.definitions, `${file}.schema.json#/definitions`)).toEqual([]);
      expect(schema.description).toMatch(/scripts\/vendor-grafana-schemas\.ts/);
    }
  });

  it('GIVEN the upstream folder THEN no sentence of its prose appears in the vendored schemas or in the JSDoc of the generated types', () => {
    const sentences = upstreamSentences(requireSharedReference('grafana-jsonschema'));
    // The comparison means something only if upstream has prose to compare with.
    expect(sentences.size).toBeGreaterThan(500);
    for (const file of VENDORED_FILES) {
      const schemaText = words(readFileSync(path.join(repoRoot, 'schemas', `${file}.schema.json`), 'utf8').replace(/\\n/g, ' '));
      const jsdoc = jsdocTexts(readFileSync(path.join(repoRoot, 'lib', 'generated', `${file}.gen.ts`), 'utf8')).join(' | ');
      const copied = [...sentences].filter((sentence) => jsdoc.includes(sentence) || schemaText.includes(JSON.stringify(sentence).slice(1, -1)));
      expect(copied, `${file}: upstream prose copied`).toEqual([]);
    }
  });

  it('GIVEN upstream schemas with prose anywhere WHEN vendored THEN the output is the one vendoring the same schemas without prose gives', () => {
    const PROSE = 'SENTINEL upstream prose.';
    const prose = fc.record(
      { description: fc.constant(PROSE), title: fc.constant(PROSE), examples: fc.constant([PROSE]), $comment: fc.constant(PROSE) },
      { requiredKeys: [] },
    );
    // A property may itself be named like a free-text keyword: that name is data and stays.
    const propertyName = fc.constantFrom('description', 'title', 'examples', 'a', 'b');
    const kind = fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z0-9]{0,5}$/), { minLength: 1, maxLength: 4 }).chain((names) => {
      const { node } = fc.letrec<{ node: Node }>((tie) => ({
        node: fc
          .tuple(
            fc.oneof(
              { depthSize: 'small', withCrossShrink: true },
              fc.constant<Node>({ type: 'string', default: 'x', pattern: '^x' }),
              fc.constant<Node>({ type: 'number', minimum: 0, maximum: 9 }),
              fc.constant<Node>({ type: 'string', enum: ['a', 'b'] }),
              fc.constantFrom(...names).map((n): Node => ({ $ref: `#/definitions/${n}` })),
              fc
                .dictionary(propertyName, tie('node'), { maxKeys: 3 })
                .map((properties): Node => ({ type: 'object', properties, required: Object.keys(properties).slice(0, 1) })),
              tie('node').map((items): Node => ({ type: 'array', items })),
              fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((anyOf): Node => ({ anyOf })),
            ),
            prose,
          )
          .map(([schema, annotations]) => ({ ...schema, ...annotations })),
      }));
      return fc.array(node, { minLength: names.length, maxLength: names.length }).map((defs) => Object.fromEntries(names.map((n, i) => [n, defs[i]!])));
    });
    const withoutProse = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(withoutProse);
      if (typeof node !== 'object' || node === null) return node;
      const out: Node = {};
      for (const [k, v] of Object.entries(node as Node)) {
        if (FREE_TEXT_KEYWORDS.includes(k)) continue;
        out[k] =
          k === 'properties'
            ? Object.fromEntries(Object.entries(v as Node).map(([name, child]) => [name, withoutProse(child)]))
            : k === 'required' || k === 'enum'
              ? v
              : withoutProse(v);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(kind, { minLength: 1, maxLength: 2 }), (definitionsPerKind) => {
        const kinds = definitionsPerKind.map((_, i) => ({ file: `k${i}`, prefix: `Vendored${i}` }));
        const vendor = (strip: boolean) =>
          vendorSchemas({
            id: 'x.schema.json',
            title: 'ours',
            description: 'ours',
            kinds,
            upstream: new Map(definitionsPerKind.map((d, i) => [`k${i}`, { definitions: (strip ? withoutProse(d) : d) as UpstreamSchema['definitions'] }])),
          });
        const out = vendor(false);
        expect(JSON.stringify(out)).not.toContain('SENTINEL');
        expect(freeTextKeywords(out.definitions, '#/definitions')).toEqual([]);
        expect(out).toEqual(vendor(true));
      }),
      { numRuns: 200, seed: 19 },
    );
  });

  it('GIVEN a keyword that is neither a known fact nor known prose THEN vendoring fails naming the file, the path and the keyword', () => {
    const upstream = new Map([
      ['odd', { definitions: { Options: { type: 'object', properties: { a: { type: 'string', 'x-docs': 'Some text.' } } } } } as UpstreamSchema],
    ]);
    expect(() => vendorSchemas({ id: 'x', title: 't', description: 'd', kinds: [{ file: 'odd', prefix: 'Odd' }], upstream })).toThrow(
      /odd\.jsonschema\.json#\/definitions\/Options\/properties\/a: unsupported keyword "x-docs"/,
    );
  });

  it('GIVEN a reference folder that is absent THEN the test fails naming where it looked, rather than passing unchecked', () => {
    expect(() => requireSharedReference('no-such-folder')).toThrow(/shared\/reference\/no-such-folder is absent: this test needs the shared reference/);
  });
});
