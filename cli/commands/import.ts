import { Command } from 'commander';
import type { ImportResult } from '../../lib/import/dashboard/run-import.js';
import type { ImportedMixin } from '../../lib/import/mixin/import-mixin.js';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { plural } from '../format.js';

interface ImportCommandOptions {
  out?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  mixin?: string;
  name?: string;
  importPath?: string;
}

/**
 * `dash import <files|dirs>… [--out DIR] [--force] [--dry-run] [--json]` and
 * `dash import --mixin <dir> [--out DIR] [--name NAME] [--force]`: dashboard JSON → `.dash.ts`,
 * Prometheus rule files → `.rules.ts`, a rendered mixin → a mixin package. All or nothing;
 * exit 0 when everything was imported, 1 on any error (nothing written).
 */
export function createImportCommand(io: CliIO): Command {
  return new Command('import')
    .description(
      'turn dashboard JSON (classic or schema v2; files, folders, what `dash pull` wrote) into .dash.ts code, Prometheus rule files into .rules.ts, or a rendered mixin into a mixin package',
    )
    .argument('[inputs...]', 'dashboard JSON files, rule files (.yaml/.yml) or folders (searched recursively)')
    .option('-o, --out <dir>', 'output folder (default: dashboards; with --mixin: the mixin name)')
    .option('--force', 'replace existing files')
    .option('--dry-run', 'show what would be written, write nothing')
    .option('--json', 'print the result as JSON')
    .option('--mixin <dir>', 'import a rendered mixin folder (dashboards_out/ and alert/rule YAML) as a mixin package')
    .option('--name <name>', 'with --mixin: the mixin name (default: the folder name)')
    .option('--import-path <module>', 'module the generated code imports builders from', 'grafts')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 imported, 1 error (bad input, a schema v2 part the builders cannot express,',
        'code that would not build, existing files without --force; nothing written).',
        '',
        'Files are named after the input file (or the title, for files dash pull named by uid);',
        'a .folder.json beside pulled dashboards puts them back in their folder with .folder(...).',
        '',
        'Examples:',
        '  $ dash import exported/api.json',
        '  $ dash pull --out pulled && dash import pulled --out dashboards',
        '  $ dash import prometheus_alerts.yaml --out rules',
        '  $ dash import --mixin ./node-mixin-rendered --out mixins/node',
      ].join('\n'),
    )
    .action(async (inputs: string[], options: ImportCommandOptions) => {
      const c = palette(colorEnabled(io.stdout, io.env));
      if (options.mixin !== undefined) {
        if (inputs.length > 0) usageError(io, '--mixin takes the folder itself; do not name other inputs');
        await runMixin(io, options);
        return;
      }
      if (options.name !== undefined) usageError(io, '--name only applies to --mixin');
      if (inputs.length === 0) usageError(io, 'name at least one dashboard JSON file, rule file or folder');
      const { runImport } = await import('../../lib/import/dashboard/run-import.js');
      const result: ImportResult = await runImport({ cwd: io.cwd, inputs, ...(options.out !== undefined && { out: options.out }), ...commonOptions(options) });
      if (printedAsJson(io, options, result)) return;
      const lines: string[] = [];
      for (const f of result.files) {
        const flag = f.kind === 'dashboard' && f.exact === false ? c.cyan('  (not an exact round trip, see notes)') : '';
        lines.push(`  ${f.source} → ${c.bold(f.file)}${flag}`);
        for (const note of f.notes) lines.push(c.dim(`      ${note}`));
      }
      for (const s of result.skipped) lines.push(c.dim(`  skipped ${s.source}: ${s.reason}`));
      const verb = options.dryRun ? 'Would import' : 'Imported';
      const count = result.files.length;
      io.stdout.write(`${c.green(verb)} ${plural(count, 'file')} → ${result.outDir}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`);
    });
}

async function runMixin(io: CliIO, options: ImportCommandOptions): Promise<void> {
  const { importMixin } = await import('../../lib/import/mixin/import-mixin.js');
  const outDir =
    options.out ??
    options.name ??
    (options
      .mixin!.replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ||
      'mixin');
  const result: ImportedMixin = await importMixin(options.mixin!, {
    outDir,
    ...(options.name !== undefined && { name: options.name }),
    ...commonOptions(options),
  });
  if (printedAsJson(io, options, result)) return;
  const c = palette(colorEnabled(io.stdout, io.env));
  const lines = [...result.files.map((f) => `  ${f}`), ...result.notes.map((n) => c.dim(`  ${n}`))];
  io.stdout.write(`${c.green(options.dryRun ? 'Would import' : 'Imported')} mixin ${c.bold(result.name)} → ${result.outDir}\n${lines.join('\n')}\n`);
}

function commonOptions(options: ImportCommandOptions): { force: boolean; dryRun: boolean; importPath?: string } {
  return { force: options.force === true, dryRun: options.dryRun === true, ...(options.importPath !== undefined && { importPath: options.importPath }) };
}

/** With `--json`, prints the result as JSON and says so. */
function printedAsJson(io: CliIO, options: ImportCommandOptions, result: unknown): boolean {
  if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return options.json === true;
}

function usageError(io: CliIO, message: string): never {
  io.stderr.write(`error: ${message}\n(run with --help for usage)\n`);
  throw new ExitError(1);
}
