import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RenderedMixin } from './define-mixin.js';
import { MIXIN_FILES, mixinFiles } from './mixin-files.js';

/** What a promtool run said. */
export interface PromtoolRun {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly output: string;
}

/** The promtool binary: `$PROMTOOL`, else `promtool` on the PATH. */
export function promtoolBinary(): string {
  return process.env['PROMTOOL'] || 'promtool';
}

/**
 * promtool's version line (e.g. `promtool, version 2.42.0 (branch: debian/sid, …)`), or
 * undefined when promtool is not installed.
 */
export function promtoolVersion(): string | undefined {
  const run = spawnSync(promtoolBinary(), ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return undefined;
  return `${run.stdout}${run.stderr}`
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

function promtool(args: readonly string[], cwd: string): PromtoolRun {
  const run = spawnSync(promtoolBinary(), args, { cwd, encoding: 'utf8' });
  if (run.error) return { ok: false, exitCode: null, output: `could not run ${promtoolBinary()}: ${run.error.message}` };
  return { ok: run.status === 0, exitCode: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Writes a rendered mixin's files into a fresh temp folder; the caller removes it. */
function writeTemp(rendered: RenderedMixin): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `grafts-mixin-${rendered.name}-`));
  for (const file of mixinFiles(rendered)) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  return dir;
}

/**
 * `promtool check rules` on a rendered mixin's alert and rule files.
 *
 * @example
 * promtoolCheckRules(nodeExporterMixin.render()).ok // → true
 */
export function promtoolCheckRules(rendered: RenderedMixin): PromtoolRun {
  const dir = writeTemp(rendered);
  try {
    return promtool(['check', 'rules', MIXIN_FILES.alerts, MIXIN_FILES.rules], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `promtool test rules` on a rendered mixin's unit tests (its `tests` and any extra promtool
 * test files, which must name the rule files `prometheus_alerts.yaml` and
 * `prometheus_rules.yaml`). A mixin without tests is not ok: every alert should have one.
 *
 * @example
 * promtoolTestRules(nodeExporterMixin.render()) // → { ok: true, exitCode: 0, output: 'Unit Testing: tests.yaml\n  SUCCESS\n' }
 */
export function promtoolTestRules(rendered: RenderedMixin, extraTestFiles: readonly { name: string; contents: string }[] = []): PromtoolRun {
  const dir = writeTemp(rendered);
  try {
    const files: string[] = rendered.tests.length > 0 ? [MIXIN_FILES.tests] : [];
    for (const extra of extraTestFiles) {
      writeFileSync(path.join(dir, extra.name), extra.contents);
      files.push(extra.name);
    }
    if (files.length === 0) return { ok: false, exitCode: null, output: `mixin "${rendered.name}" has no promtool tests` };
    return promtool(['test', 'rules', ...files], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
