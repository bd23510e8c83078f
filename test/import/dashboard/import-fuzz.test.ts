import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nest, paths } from '../json-mutations.js';
import { importDashboard, type ImportedDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { applyGrafanaLoadFixes } from '../../../lib/import/dashboard/grafana-load-fixes.js';
import { isImportError } from '../../../lib/import/dashboard/import-error.js';
import { migrateLegacy } from '../../../lib/import/dashboard/migrate-legacy.js';
import { resolveInputs } from '../../../lib/import/dashboard/resolve-inputs.js';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { buildGenerated } from './build-generated.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/mixins', import.meta.url));

type Json = unknown;

/** Strings that would break out of a TS string, template literal or comment if pasted raw. */
const HOSTILE = [
  'quote " and \' and `backtick`',
  '${globalThis.__graftsPwned = 1}',
  '`); globalThis.__graftsPwned = 1; (`',
  '"); globalThis.__graftsPwned = 1; ("',
  '*/ globalThis.__graftsPwned = 1; /*',
  'line\nbreak\r\nand\u2028separators\u2029end',
  'back\\slash \\u0041 \\${x}',
  'nul\u0000 and \u001b escape',
  'lone \ud800 surrogate',
  '\u{1F600} emoji and ünïcödé',
  '// not a comment\n/* nor this */',
  '</script><!--',
  '__proto__',
];

const mutation = fc.oneof(
  fc.constantFrom(...HOSTILE).map((s) => ({ kind: 'string' as const, value: s as Json })),
  fc
    // eslint-disable-next-line no-loss-of-precision -- an integer beyond 2^53, on purpose
    .constantFrom<Json>(1e308, -1e308, Number.MAX_SAFE_INTEGER * 1024, -0, 0.1 + 0.2, 12345678901234567890)
    .map((value) => ({ kind: 'number' as const, value })),
  fc
    .constantFrom<Json>(null, true, false, [], {}, [1, 'a', null], { nested: { deeper: [1, { x: 'y' }] } }, 'string-instead', 42)
    .map((value) => ({ kind: 'type' as const, value })),
  fc.integer({ min: 5, max: 80 }).map((depth) => ({ kind: 'deep' as const, value: nest(depth) })),
  fc
    .constantFrom('alertlist', 'my-org-unknown-panel', 'graph', 'singlestat', 'row', '', 'text')
    .map((value) => ({ kind: 'panelType' as const, value: value as Json })),
  fc.constantFrom(...HOSTILE).map((s) => ({ kind: 'key' as const, value: s as Json })),
);

function mutate(dashboard: Json, at: number, m: { kind: string; value: Json }): Json {
  const copy = structuredClone(dashboard) as Record<string, unknown>;
  if (m.kind === 'panelType') {
    const panels = (Array.isArray(copy.panels) ? copy.panels : []) as Record<string, unknown>[];
    if (panels.length > 0) panels[at % panels.length]!.type = m.value;
    return copy;
  }
  const all = paths(copy).filter((p) => p.length > 0);
  const target = all[at % all.length]!;
  let parent: any = copy;
  for (const key of target.slice(0, -1)) parent = parent[key];
  const last = target[target.length - 1]!;
  if (m.kind === 'key' && typeof parent === 'object' && !Array.isArray(parent)) {
    Object.defineProperty(parent, m.value as string, { value: 'hostile key', enumerable: true, writable: true, configurable: true });
  } else {
    parent[last] = m.value;
  }
  return copy;
}

function corpusSample(): { name: string; json: Json }[] {
  const out: { name: string; json: Json }[] = [];
  for (const mixin of readdirSync(CORPUS).sort()) {
    const dir = path.join(CORPUS, mixin, 'dashboards');
    if (!existsSync(dir)) continue;
    const file = readdirSync(dir).sort()[0];
    if (file) out.push({ name: `${mixin}/${file}`, json: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) });
  }
  // Every fourth mixin keeps the run short while covering legacy rows, graph, singlestat and modern panels.
  return out.filter((_, i) => i % 4 === 0);
}

describe('dash import robustness', () => {
  if (!existsSync(CORPUS)) {
    it('GIVEN no ../shared/corpus THEN there is nothing to mutate', () => {
      console.log(`import-fuzz: ${CORPUS} is absent; the fuzz test did not run`);
      expect(existsSync(CORPUS)).toBe(false);
    });
    return;
  }
  const sample = corpusSample();
  const input = fc.record({ which: fc.nat(), at: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
  const build = ({ which, at, mutations }: { which: number; at: number; mutations: { kind: string; value: Json }[] }) => {
    const base = sample[which % sample.length]!;
    let json = base.json;
    mutations.forEach((m, i) => (json = mutate(json, at + i * 7919, m)));
    return { name: base.name, json };
  };

  it('GIVEN mutated corpus dashboards WHEN imported THEN the importer returns code or throws a clear ImportError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (args) => {
        const { name, json } = build(args);
        try {
          const result = await importDashboard(json, { source: name });
          expect(typeof result.code).toBe('string');
        } catch (error) {
          expect(isImportError(error), String(error)).toBe(true);
          expect((error as Error).message).toContain(name);
        }
      }),
      { numRuns: 120, seed: 8 },
    );
  }, 600_000);

  it('GIVEN mutated corpus dashboards WHEN the generated code is type-checked and built THEN it compiles, does nothing else, and an exact verdict is true', async () => {
    const cases = fc.sample(input, { numRuns: 60, seed: 42 }).map(build);
    const imported: { name: string; json: Json; result: ImportedDashboard }[] = [];
    for (const c of cases) {
      try {
        imported.push({ ...c, result: await importDashboard(c.json, { source: c.name }) });
      } catch (error) {
        expect(isImportError(error), String(error)).toBe(true);
      }
    }
    expect(imported.length).toBeGreaterThan(40);
    // The hostile strings did reach the generated code (escaped), so the checks below mean something.
    expect(imported.filter((i) => i.result.code.includes('__graftsPwned')).length).toBeGreaterThan(3);
    const { typeErrors, built } = await buildGenerated(imported.map((i) => i.result));
    expect(typeErrors).toEqual([]);
    // Evaluating the modules ran no code smuggled in through strings.
    expect((globalThis as Record<string, unknown>).__graftsPwned).toBeUndefined();
    let exact = 0;
    imported.forEach((c, i) => {
      const b = built[i]!;
      expect(b.json, c.name).toBeDefined();
      if (!c.result.exact) return;
      exact++;
      expect(b.problems, c.name).toEqual([]);
      const want = normalizeForRoundTrip(applyGrafanaLoadFixes(resolveInputs(migrateLegacy(c.json as Record<string, unknown>, []), []), []));
      expect(canonical(normalizeForRoundTrip(b.json!)), c.name).toEqual(canonical(want));
    });
    console.log(`import-fuzz: ${imported.length}/${cases.length} mutated dashboards imported, ${exact} of them exactly`);
    expect(exact).toBeGreaterThan(0);
  }, 900_000);
});

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
