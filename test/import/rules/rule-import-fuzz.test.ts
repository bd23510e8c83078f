import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { nest, paths } from '../json-mutations.js';
import { importRuleFile } from '../../../lib/import/rules/import-rule-file.js';
import { RuleImportError } from '../../../lib/import/rules/rule-import-error.js';
import { evaluateRuleModules, groupsOf } from './evaluate-rule-modules.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus/mixins');

/** Strings that would break out of a TS string, template literal or comment if pasted raw. */
const HOSTILE = [
  '`); globalThis.__graftsRulesPwned = 1; (`',
  "'); globalThis.__graftsRulesPwned = 1; ('",
  '${globalThis.__graftsRulesPwned = 1}',
  '*/ globalThis.__graftsRulesPwned = 1; /*',
  'line\nbreak\r\nand\u2028separators\u2029end\n',
  'back\\slash \\u0041 \\${x} \\`',
  'nul\u0000 and \u001b escape',
  'lone \ud800 surrogate',
  '__proto__',
  'constructor',
];

type Json = unknown;

const mutation = fc.oneof(
  fc.constantFrom<Json>(...HOSTILE),
  // eslint-disable-next-line no-loss-of-precision -- an integer beyond 2^53, on purpose
  fc.constantFrom<Json>(1e308, -1e308, -0, 0.1 + 0.2, 12345678901234567890, Infinity, NaN),
  fc.constantFrom<Json>(null, true, false, [], {}, [1, 'a', null], { nested: { deeper: [1, { x: 'y' }] } }, 'text', 42),
  fc.integer({ min: 5, max: 90 }).map((depth) => nest(depth)),
);

/** A copy of `doc` with the value at one path replaced, or (asKey) a hostile key added next to it. */
function mutate(doc: Json, at: number, value: Json, asKey: boolean): Json {
  const copy = structuredClone(doc);
  const all = paths(copy).filter((p) => p.length > 0);
  const target = all[at % all.length]!;
  const parent = target.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], copy) as Record<string | number, Json>;
  if (asKey && typeof value === 'string' && !Array.isArray(parent))
    Object.defineProperty(parent, value, { value: 'x', enumerable: true, writable: true, configurable: true });
  else parent[target[target.length - 1]!] = value;
  return copy;
}

describe('importRuleFile over mutated corpus rule files', () => {
  it('returns code or a RuleImportError, and every generated module type-checks and builds back to its input', async () => {
    if (!existsSync(CORPUS)) {
      // GIVEN no corpus on this machine / THEN there is nothing to mutate
      console.log(`corpus not found at ${CORPUS}: no rule import fuzzing`);
      expect(existsSync(CORPUS)).toBe(false);
      return;
    }
    // GIVEN the corpus rule files that have groups
    const docs = readdirSync(CORPUS)
      .sort()
      .flatMap((m) => ['alerts.yaml', 'rules.yaml'].map((f) => path.join(CORPUS, m, f)))
      .filter((f) => existsSync(f))
      .map((f) => parse(readFileSync(f, 'utf8')) as Json)
      .filter((d) => groupsOf(d).length > 0);

    // WHEN 300 mutants (fixed seed) are written as YAML and imported
    const samples = fc.sample(fc.tuple(fc.nat(), fc.nat(), mutation, fc.boolean()), { numRuns: 300, seed: 20261121 });
    const texts: string[] = [];
    const modules: { file: string; code: string }[] = [];
    const refusals = new Map<string, number>();
    samples.forEach(([doc, at, value, asKey], i) => {
      const text = stringify(mutate(docs[doc % docs.length], at, value, asKey));
      try {
        const imported = importRuleFile(text, { source: `mutant-${i}.yaml` });
        texts.push(text);
        modules.push({ file: `mutant-${i}.rules.ts`, code: imported.code });
      } catch (error) {
        // THEN what is not imported is refused with a RuleImportError naming the mutant
        expect(error).toBeInstanceOf(RuleImportError);
        expect((error as Error).message).toContain(`mutant-${i}.yaml`);
        const reason = (error as Error).message.replace(/^[^:]*: /, '').replace(/, got .*$/, '');
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      }
    });

    // THEN every module type-checks in one program, runs nothing smuggled in, and gives back its input
    const { problems, results } = await evaluateRuleModules(modules);
    expect(problems).toEqual([]);
    expect((globalThis as Record<string, unknown>)['__graftsRulesPwned']).toBeUndefined();
    results.forEach((r, i) => expect(groupsOf(r.doc), modules[i]!.file).toEqual(groupsOf(parse(texts[i]!))));
    const refused = [...refusals].map(([reason, n]) => `    ${n}× ${reason}`);
    console.log(
      [`rule import fuzz: ${samples.length} mutants, ${modules.length} imported and built back exactly, refused with RuleImportError:`, ...refused].join('\n'),
    );
    expect(modules.length).toBeGreaterThan(samples.length / 2);
  }, 120_000);
});
