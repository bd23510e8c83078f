import path from 'node:path';
import type { Command } from 'commander';
import type { BuildResult } from '../../lib/project/run-build.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { addProjectOptions, projectCommand, projectRunOptions, type ProjectCommandOptions } from './shared-options.js';
import { plural } from '../format.js';

interface BuildCommandOptions extends ProjectCommandOptions {
  out?: string;
  json?: boolean;
}

/**
 * `dash build [dir] [--out <dir>] [--json] [--no-typecheck]`: renders every dashboard of the
 * project to `<out>/dashboards/<uid>.json` and prints a summary (or the result as JSON).
 */
export function createBuildCommand(io: CliIO): Command {
  const command = projectCommand(
    'build',
    'type-check, render and validate every dashboard and mixin, then write <out>/dashboards/<uid>.json and <out>/mixins/<name>/',
  )
    .option('-o, --out <dir>', 'output directory, replaced as a whole (default: outDir from dash.config.ts, else <dir>/out)')
    .option('--json', 'print the build result as JSON on stdout');
  return addProjectOptions(command, 'skip the TypeScript type check (faster; mistakes surface at load or render time)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ dash build                      build ./**/*.dash.ts into ./out',
        '  $ dash build monitoring --out dist/grafana',
        '  $ dash build --json | jq .totals',
      ].join('\n'),
    )
    .action(async (dir: string, options: BuildCommandOptions) => {
      const { runBuild } = await import('../../lib/project/run-build.js');
      const result = await runBuild({
        cwd: io.cwd,
        dir,
        ...(options.out !== undefined && { outDir: options.out }),
        ...projectRunOptions(options),
      });
      if (options.json) {
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        io.stdout.write(formatBuildSummary(result, io.cwd, colorEnabled(io.stdout, io.env)));
      }
    });
}

/**
 * The human summary of a build.
 *
 * @example
 * Built 2 dashboards + 1 mixin (5 panels, 7 queries) in 85 ms → out/
 *   dashboards/api.json  API  3 panels, 4 queries  ← api.dash.ts
 *   mixins/node-exporter/  mixin  2 dashboards, 26 alerts, 15 recording rules
 *   alertmanager/alertmanager.yaml  alerting  3 contact points, 1 mute timing, 0 templates
 */
export function formatBuildSummary(result: BuildResult, cwd: string, color: boolean): string {
  const c = palette(color);
  const { totals } = result;
  const fileWidth = Math.max(0, ...result.dashboards.map((d) => d.file.length));
  const titleWidth = Math.min(40, Math.max(0, ...result.dashboards.map((d) => d.title.length)));
  const lines = result.dashboards.map(
    (d) =>
      `  ${d.file.padEnd(fileWidth)}  ${c.bold(d.title.padEnd(titleWidth))}  ` +
      `${plural(d.panels, 'panel')}, ${plural(d.queries, 'query', 'queries')}  ${c.dim(`← ${d.source}`)}`,
  );
  const mixins = result.mixins;
  const mixinWidth = Math.max(0, ...mixins.map((m) => m.dir.length + 1));
  const mixinLines = mixins.map(
    (m) =>
      `  ${`${m.dir}/`.padEnd(mixinWidth)}  ${c.bold('mixin')}  ` +
      `${plural(m.dashboards, 'dashboard')}, ${plural(m.alerts, 'alert')}, ${plural(m.rules, 'recording rule')}`,
  );
  const what = [
    ...(result.dashboards.length > 0 || mixins.length === 0 ? [plural(totals.dashboards, 'dashboard')] : []),
    ...(mixins.length > 0 ? [plural(mixins.length, 'mixin')] : []),
  ].join(' + ');
  const sizes =
    result.dashboards.length > 0 || mixins.length === 0 ? `(${plural(totals.panels, 'panel')}, ${plural(totals.queries, 'query', 'queries')}) ` : '';
  const head = `${c.green('Built')} ${c.bold(what)} ${sizes}in ${result.durationMs} ms → ${c.cyan(displayDir(cwd, result.outDir))}`;
  const warnings = (result.warnings ?? []).map((w) => `${c.yellow('warning:')} ${w}`);
  const a = result.alerting;
  const alertingLines = a
    ? [
        `  ${a.files[0]}  ${c.bold('alerting')}  ${plural(a.contactPoints, 'contact point')}, ${plural(a.muteTimings, 'mute timing')}, ${plural(a.templates, 'template')}`,
      ]
    : [];
  return `${[head, ...lines, ...mixinLines, ...alertingLines, ...warnings].join('\n')}\n`;
}

/** A directory as typed from `cwd`, with a trailing slash: `out/`, `../build/`. */
function displayDir(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir) || '.';
  return `${rel.split(path.sep).join('/')}/`;
}
