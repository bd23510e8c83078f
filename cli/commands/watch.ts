import type { Command } from 'commander';
import type { WatchCycle, WatchEvent } from '../../lib/watch/watch-session.js';
import { colorEnabled, palette, type CliIO, type Palette } from '../io.js';
import { intRange } from './option-parsers.js';
import { addProjectOptions, projectCommand, projectRunOptions, type ProjectCommandOptions } from './shared-options.js';
import { plural } from '../format.js';

interface WatchCommandOptions extends ProjectCommandOptions {
  target?: string;
  poll?: number | true;
  debounce?: number;
  prune?: boolean;
  force?: boolean;
  open?: boolean;
  port?: number;
  json?: boolean;
  message?: string;
}

/** Default polling interval of `--poll` without a value. */
const DEFAULT_POLL_MS = 300;

/**
 * `dash watch [dir] [--target NAME] [--poll [ms]] [--debounce ms] [--prune] [--open] [--port n]
 * [--no-typecheck] [--json]`: applies every save to a development target until Ctrl-C. Exit
 * codes: 0 stopped by SIGINT/SIGTERM, 1 could not start (invalid config, unknown target, port in
 * use). Errors in the code while watching are printed and never end the process.
 */
export function createWatchCommand(io: CliIO): Command {
  const command = projectCommand(
    'watch',
    'apply every save to a development target: incremental rebuild, only changed dashboards written, optional live preview',
  )
    .option('-t, --target <name>', 'a target from dash.config.ts `targets` (default: the one marked dev: true, else a per-user folder .grafts-watch/<user>/)')
    .option(
      '--poll [ms]',
      `poll the file system every ms (default ${DEFAULT_POLL_MS}) instead of OS events: network file systems, containers, WSL`,
      intRange(20, 60_000),
    )
    .option('--debounce <ms>', 'quiet time that ends the burst of events one save makes (0–2000, default 20)', intRange(0, 2000))
    .option('--prune', 'delete dashboards whose code was deleted (only ones grafts manages)')
    .option('--force', 'overwrite dashboards changed outside grafts (e.g. saved in the Grafana UI); otherwise such a save is reported as a conflict')
    .option('--open', 'serve a live preview page on 127.0.0.1 that reloads after each apply')
    .option('--port <n>', 'port of the preview page (default: a free one)', intRange(1, 65_535))
    .option('-m, --message <message>', 'save message in Grafana’s version history', 'grafts watch')
    .option('--json', 'print one JSON object per event on stdout (ready, cycle, typecheck, error)');
  return addProjectOptions(command, 'skip the TypeScript check after each apply', { tsconfig: false })
    .addHelpText(
      'after',
      [
        '',
        'Errors in the code (syntax, type, load, validation) are printed with file:line and the',
        'watcher keeps running; the next good save applies. Stop with Ctrl-C.',
        '',
        'Exit codes: 0 stopped (Ctrl-C / SIGTERM), 1 could not start (config, target, port).',
        '',
        'Examples:',
        '  $ dash watch                              per-user folder .grafts-watch/$USER/',
        '  $ dash watch --open                       plus a live layout preview in the browser',
        '  $ dash watch --target dev --open          a Grafana target (allow_embedding for the preview)',
        '  $ dash watch --poll 500                   in a container / on a network file system',
      ].join('\n'),
    )
    .action(async (dir: string, options: WatchCommandOptions) => {
      const { runWatch } = await import('../../lib/watch/watch-session.js');
      const color = palette(colorEnabled(io.stdout, io.env));
      const print = options.json ? (event: WatchEvent) => io.stdout.write(`${JSON.stringify(event)}\n`) : humanPrinter(io, color);
      const handle = await runWatch({
        cwd: io.cwd,
        dir,
        env: io.env,
        prune: options.prune ?? false,
        force: options.force ?? false,
        ...projectRunOptions(options),
        onEvent: print,
        ...(options.target !== undefined && { targetName: options.target }),
        ...(options.poll !== undefined && { poll: options.poll === true ? DEFAULT_POLL_MS : options.poll }),
        ...(options.debounce !== undefined && { debounceMs: options.debounce }),
        ...(options.message !== undefined && { message: options.message }),
        ...((options.open || options.port !== undefined) && { open: { ...(options.port !== undefined && { port: options.port }) } }),
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await handle.close();
      if (!options.json) io.stderr.write('watch stopped\n');
    });
}

function humanPrinter(io: CliIO, color: Palette): (event: WatchEvent) => void {
  const out = io.stdout;
  return (event) => {
    switch (event.type) {
      case 'ready':
        out.write(
          `${color.bold('watching')} ${event.entries} entr${event.entries === 1 ? 'y' : 'ies'} → ${event.targetName} (${event.target})${event.dev ? '' : color.red(' — not a dev target')}${event.polling ? ', polling' : ''}\n`,
        );
        if (event.previewUrl) out.write(`preview: ${color.cyan(event.previewUrl)}\n`);
        out.write(color.dim('press Ctrl-C to stop\n'));
        break;
      case 'cycle':
        printCycle(out, color, event.cycle);
        break;
      case 'typecheck':
        for (const p of event.problems) out.write(`${color.red('type error')} ${problemLine(p)}\n`);
        break;
      case 'restart':
        out.write(`${color.dim(`reloading: ${event.reason}`)}\n`);
        break;
      case 'error':
        out.write(`${color.red('error')} ${event.message}\n`);
        break;
    }
  };
}

function printCycle(out: CliIO['stdout'], color: Palette, cycle: WatchCycle): void {
  const verb: Record<string, string> = { create: 'created', update: 'updated', move: 'moved', unchanged: 'unchanged' };
  if (cycle.index > 0 && cycle.changedFiles.length > 0) out.write(color.dim(`changed: ${cycle.changedFiles.join(', ')}\n`));
  if (cycle.datasources) out.write(`${datasourceLine(color, cycle.datasources)}\n`);
  for (const d of cycle.applied) out.write(`${color.green('✓')} ${verb[d.action] ?? d.action} "${d.title}" ${color.cyan(d.url)}\n`);
  for (const r of cycle.removed) {
    out.write(
      r.pruned
        ? `${color.green('✓')} deleted "${r.title}" (${r.uid})\n`
        : `${color.dim('-')} "${r.title}" (${r.uid}) is no longer in the code; kept (use --prune to delete it)\n`,
    );
  }
  for (const p of cycle.problems) out.write(`${color.red('✗')} ${problemLine(p)}\n`);
  const summary = `${cycle.index === 0 ? 'initial sync' : `cycle ${cycle.index}`}: ${plural(cycle.writes, 'write')}, ${cycle.evaluated.length} evaluated, ${plural(cycle.problems.length, 'problem')} in ${Math.round(cycle.durationMs)} ms`;
  out.write(`${cycle.ok ? color.dim(summary) : color.red(summary)}\n`);
}

/** `✓ data sources: created prom; updated loki; 2 unchanged`, or the provisioning file written. */
function datasourceLine(color: Palette, ds: NonNullable<WatchCycle['datasources']>): string {
  if (ds.kind === 'not-applied') return `${color.dim('-')} data sources not applied: ${ds.reason}`;
  if (ds.kind === 'file')
    return `${color.green('✓')} data sources: ${ds.path} ${ds.action === 'unchanged' ? 'unchanged' : `${ds.action}d`} (${plural(ds.count, 'data source')})`;
  const parts = [
    ...(ds.created.length > 0 ? [`created ${ds.created.join(', ')}`] : []),
    ...(ds.updated.length > 0 ? [`updated ${ds.updated.join(', ')}`] : []),
    ...(ds.deleted.length > 0 ? [`deleted ${ds.deleted.join(', ')}`] : []),
    `${ds.unchanged} unchanged`,
  ];
  return `${color.green('✓')} data sources: ${parts.join('; ')}`;
}

function problemLine(p: { file?: string; line?: number; column?: number; code?: string; message: string; kind?: string }): string {
  let where = p.file ?? '';
  if (where && p.line !== undefined) where += `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
  const text = `${p.kind && p.kind !== 'type' ? `${p.kind} error: ` : ''}${p.code ? `${p.code} ` : ''}${p.message}`;
  return where ? `${where}: ${text}` : text;
}
