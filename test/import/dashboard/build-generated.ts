import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDashboardBuilder, type DashboardBuilder } from '../../../lib/model/dashboard.js';
import { renderDashboard } from '../../../lib/model/dashboard-render.js';
import { bundleAndEvaluate } from '../../../lib/project/bundle-modules.js';
import { typeCheck } from '../../../lib/project/type-check.js';

/** What building one generated module gave. */
export interface BuiltModule {
  fileName: string;
  json?: Record<string, unknown>;
  /** The default export itself (for a v2 rendering of it). */
  dashboard?: DashboardBuilder;
  problems: string[];
}

/**
 * Writes generated `.dash.ts` modules into a temp project, type-checks them all in ONE
 * TypeScript program and bundles them in ONE esbuild call (as `dash build` does), then
 * renders each default export. Type errors come back per file; nothing throws for bad code.
 */
export async function buildGenerated(modules: readonly { fileName: string; code: string }[]): Promise<{ typeErrors: string[]; built: BuiltModule[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-import-test-'));
  try {
    const files = modules.map((m, i) => {
      const file = `m${i}-${m.fileName}`;
      writeFileSync(path.join(dir, file), m.code);
      return file;
    });
    const problems = await typeCheck({ dir, files: files.map((f) => path.join(dir, f)), cacheDir: false });
    const typeErrors = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    const evaluated = await bundleAndEvaluate(dir, files);
    const built = evaluated.map((m, i): BuiltModule => {
      const value = m.namespace['default'];
      if (!isDashboardBuilder(value)) return { fileName: modules[i]!.fileName, problems: ['default export is not a dashboard'] };
      const rendered = renderDashboard(value.parts());
      return {
        fileName: modules[i]!.fileName,
        json: rendered.json as unknown as Record<string, unknown>,
        dashboard: value,
        problems: rendered.problems.map((p) => `${p.path.join(' › ')}: ${p.message}`),
      };
    });
    return { typeErrors, built };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
