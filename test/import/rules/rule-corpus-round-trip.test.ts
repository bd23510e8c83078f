import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importRuleFile } from '../../../lib/import/rules/import-rule-file.js';
import { sameRuleGroup } from '../../../lib/promql/normalize-promql.js';
import { sameJson } from '../../../lib/sync/normalize.js';
import type { RuleGroupJson } from '../../../lib/mixin/rule-group.js';
import { evaluateRuleModules, groupsOf } from './evaluate-rule-modules.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus/mixins');

describe('dash import of every rule file of the corpus', () => {
  it('gives code that type-checks and builds back to the same rules', async () => {
    if (!existsSync(CORPUS)) {
      // GIVEN no corpus on this machine / THEN there is nothing to round-trip
      console.log(`corpus not found at ${CORPUS}: no rule round trip measured`);
      expect(existsSync(CORPUS)).toBe(false);
      return;
    }
    // GIVEN every alerts.yaml and rules.yaml of the corpus
    const inputs = readdirSync(CORPUS)
      .sort()
      .flatMap((mixin) => ['alerts.yaml', 'rules.yaml'].map((f) => path.join(mixin, f)))
      .filter((rel) => existsSync(path.join(CORPUS, rel)));
    expect(inputs.length).toBeGreaterThan(150);

    // WHEN each is imported, and the generated modules are type-checked, evaluated and written as YAML
    const texts = inputs.map((rel) => readFileSync(path.join(CORPUS, rel), 'utf8'));
    const imported = inputs.map((rel, i) => importRuleFile(texts[i]!, { source: rel }));
    const { problems, results } = await evaluateRuleModules(imported.map((m, i) => ({ file: `${inputs[i]!.replace(/\.yaml$/, '')}.rules.ts`, code: m.code })));

    // THEN the code type-checks, and every file gives back the same groups
    expect(problems).toEqual([]);
    let exact = 0;
    let sameGroups = 0;
    let sameMeaning = 0;
    const different: string[] = [];
    results.forEach((r, i) => {
      const original = parse(texts[i]!) as unknown;
      const before = groupsOf(original);
      const after = groupsOf(r.doc);
      if (sameJson(original, r.doc)) exact++;
      if (sameJson(before, after)) sameGroups++;
      else different.push(inputs[i]!);
      if (before.length === after.length && before.every((g, j) => sameRuleGroup(g as RuleGroupJson, after[j] as RuleGroupJson))) sameMeaning++;
    });
    const rules = results.reduce((n, r) => n + groupsOf(r.doc).reduce<number>((m, g) => m + ((g as RuleGroupJson).rules?.length ?? 0), 0), 0);
    console.log(
      [
        `rule import round trip over ${inputs.length} corpus rule files (${rules} rules):`,
        `  same groups, rules and fields (parsed YAML deep-equal, expressions byte-equal): ${sameGroups}/${inputs.length}`,
        `  same meaning (sameRuleGroup: PromQL and durations normalised):                 ${sameMeaning}/${inputs.length}`,
        `  identical documents (also \`null\` / \`{}\` files, which come back as \`groups: []\`): ${exact}/${inputs.length}`,
      ].join('\n'),
    );
    expect(different).toEqual([]);
    expect(sameMeaning).toBe(inputs.length);
  }, 120_000);
});
