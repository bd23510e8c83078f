import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../lib/lint/registry.js';
import { runLint } from '../../lib/lint/run-lint.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

describe('lint over the mixin corpus', () => {
  it('lints every dashboard and rule file of the corpus without crashing', async () => {
    if (!existsSync(CORPUS)) {
      // GIVEN no corpus on this machine / THEN there is nothing to lint
      console.log(`corpus not found at ${CORPUS}: skipping the corpus lint`);
      expect(existsSync(CORPUS)).toBe(false);
      return;
    }
    // GIVEN the corpus of mixins (dashboards JSON and rule YAML)
    // WHEN all of it is linted
    const result = await runLint({ cwd: CORPUS, paths: ['mixins'] });

    // THEN it finishes, every finding names a known rule and a source, and a summary is printed
    const ids = new Set(LINT_RULES.map((r) => r.id));
    expect(result.counts.dashboards).toBeGreaterThan(200);
    expect(result.counts.ruleFiles).toBeGreaterThan(50);
    for (const f of result.findings) {
      expect(ids.has(f.rule)).toBe(true);
      expect(f.source).not.toBe('');
    }
    const perRule = new Map(LINT_RULES.map((r) => [r.id, { severity: r.severity, findings: 0 }]));
    for (const f of result.findings) perRule.get(f.rule)!.findings++;
    const table = [...perRule].map(([id, r]) => `  ${id.padEnd(24)} ${r.severity.padEnd(8)} ${String(r.findings).padStart(5)}`);
    console.log(
      [
        `lint over ${result.counts.dashboards} dashboards, ${result.counts.ruleFiles} rule files, ${result.counts.queries} queries:`,
        ...table,
        `  total: ${result.counts.error} errors, ${result.counts.warning} warnings, ${result.counts.info} info`,
      ].join('\n'),
    );
  });
});
