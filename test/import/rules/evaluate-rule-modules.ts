import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { isPlainObject } from '../../../lib/model/deep-merge.js';
import { toYaml } from '../../../lib/render/to-yaml.js';
import type { RuleGroupBuilder } from '../../../lib/mixin/rule-group.js';
import { bundleAndEvaluate } from '../../../lib/project/bundle-modules.js';
import type { SourceProblem } from '../../../lib/project/errors.js';
import { typeCheck } from '../../../lib/project/type-check.js';

/** A generated module: where to put it in the temp project, and its code. */
export interface GeneratedModule {
  file: string;
  code: string;
}

/** What a generated rule module gives back. */
export interface EvaluatedRuleModule {
  file: string;
  /** The default export's groups built and written with `toYaml`, then parsed again. */
  yaml: string;
  doc: unknown;
}

/**
 * Writes generated modules into one temp project, type-checks them in ONE TypeScript program,
 * bundles them in ONE esbuild call, and renders each default export (a `RuleGroupBuilder[]`)
 * as a rule file. The temp project is removed afterwards.
 */
export async function evaluateRuleModules(modules: readonly GeneratedModule[]): Promise<{ problems: SourceProblem[]; results: EvaluatedRuleModule[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-import-rules-'));
  try {
    for (const m of modules) {
      mkdirSync(path.dirname(path.join(dir, m.file)), { recursive: true });
      writeFileSync(path.join(dir, m.file), m.code);
    }
    const problems = await typeCheck({ dir, files: modules.map((m) => path.join(dir, m.file)), cacheDir: false });
    const evaluated = await bundleAndEvaluate(
      dir,
      modules.map((m) => m.file),
    );
    const results = evaluated.map(({ file, namespace }) => {
      const groups = namespace['default'] as RuleGroupBuilder[];
      const yaml = toYaml({ groups: groups.map((g) => g.build()) });
      return { file, yaml, doc: parse(yaml) as unknown };
    });
    return { problems, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A rule file's groups as the importer reads it: an empty file, `null` or `{}` has none. */
export function groupsOf(doc: unknown): unknown[] {
  if (!isPlainObject(doc)) return [];
  return Array.isArray(doc['groups']) ? doc['groups'] : [];
}
