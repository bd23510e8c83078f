/**
 * `GRAFTS_BENCH=import-mixin`: the rule-file and mixin parts of `dash import` over the corpus
 * (../shared/corpus/mixins), in process: every `alerts.yaml` / `rules.yaml` through
 * `importRuleFile` (total, p95, max per file), and every rendered mixin through `importMixin`
 * with `dryRun` (rules + dashboards + config lifting; total, p50, max per mixin). No target of its
 * own: the corpus target (< 10 s) is `GRAFTS_BENCH=import`'s. Skipped, with a note, without the corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importMixin } from '../lib/import/mixin/import-mixin.js';
import { importRuleFile } from '../lib/import/rules/import-rule-file.js';

/** One table row, as bench/run.ts prints it. */
export interface ImportMixinBenchRow {
  name: string;
  value: string;
  target: string;
  ok: string;
}

const CORPUS = fileURLToPath(new URL('../../shared/corpus/mixins', import.meta.url));

/** Runs the rule-file and mixin import benchmark. */
export async function benchImportRulesMixin(): Promise<ImportMixinBenchRow[]> {
  if (!existsSync(CORPUS)) return [{ name: 'dash import rules/mixins', value: 'n/a', target: '', ok: `skipped: ${CORPUS} is absent` }];
  const row = (name: string, ms: number): ImportMixinBenchRow => ({ name, value: `${ms.toFixed(ms < 10 ? 2 : 0)} ms`, target: '', ok: '' });
  const mixins = readdirSync(CORPUS).sort();

  const files = mixins.flatMap((m) => ['alerts.yaml', 'rules.yaml'].map((f) => path.join(CORPUS, m, f))).filter((f) => existsSync(f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  importRuleFile(texts[0]!, { source: files[0]! }); // warm-up
  const ruleTimes: number[] = [];
  const rulesStart = performance.now();
  texts.forEach((text, i) => {
    const start = performance.now();
    importRuleFile(text, { source: files[i]! });
    ruleTimes.push(performance.now() - start);
  });
  const rulesTotal = performance.now() - rulesStart;

  const outRoot = path.join(os.tmpdir(), `grafts-bench-import-mixin-${process.pid}`);
  const mixinTimes: number[] = [];
  const mixinsStart = performance.now();
  for (const m of mixins) {
    const start = performance.now();
    await importMixin(path.join(CORPUS, m), { outDir: path.join(outRoot, m), dryRun: true });
    mixinTimes.push(performance.now() - start);
  }
  const mixinsTotal = performance.now() - mixinsStart;

  return [
    row(`import ${files.length} corpus rule files (total)`, rulesTotal),
    row('  per rule file p95', percentile(ruleTimes, 0.95)),
    row('  per rule file max', Math.max(...ruleTimes)),
    row(`import --mixin ${mixins.length} corpus mixins, dry run (total)`, mixinsTotal),
    row('  per mixin p50', percentile(mixinTimes, 0.5)),
    row('  per mixin max', Math.max(...mixinTimes)),
  ];
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
