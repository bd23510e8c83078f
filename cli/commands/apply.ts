import { Command } from 'commander';
import type { ApplyProgress, StepResult } from '../../lib/sync/apply.js';
import type { ApplyResult } from '../../lib/sync/run-apply.js';
import { escapeControl } from '../../lib/util/escape-control.js';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO, type Palette } from '../io.js';
import { intRange } from './option-parsers.js';
import { addFleetTargetOptions, addProjectOptions, projectCommand, projectRunOptions, type ProjectCommandOptions } from './shared-options.js';
import { plural } from '../format.js';

interface ApplyCommandOptions extends ProjectCommandOptions {
  target?: string[];
  parallel?: number;
  prune?: boolean;
  force?: boolean;
  rotateSecrets?: boolean;
  dryRun?: boolean;
  message?: string;
  concurrency?: number;
  json?: boolean;
}

/**
 * `dash apply [dir] [--target NAME] [--prune] [--force] [--dry-run] [--message M]
 * [--concurrency N] [--json]`: writes what changed to a target. Exit codes: 0 applied (or
 * nothing to do), 1 error before any write, 3 some writes failed, 4 conflicts refused (the rest
 * was applied).
 */
export function createApplyCommand(io: CliIO): Command {
  const command = addFleetTargetOptions(
    projectCommand(
      'apply',
      'write what changed to a target (Grafana and its rules destination, or a file-provisioning folder by default); a no-op apply sends no writes',
    ),
  )
    .option('--prune', 'delete managed dashboards, folders and rule groups that are no longer in the code (never anything grafts does not own)')
    .option('--force', 'overwrite dashboards changed outside grafts and take over dashboards and rule groups grafts does not manage')
    .option('--rotate-secrets', 'send every data source secret again (Grafana never returns secrets, so a changed value is not seen otherwise)')
    .option('--dry-run', 'print the plan and write nothing')
    .option('-m, --message <message>', 'save message in Grafana’s version history (default: "grafts apply (<git sha>)")')
    .option('--concurrency <n>', 'requests in flight at once, reads and writes (1–64; default 32 reads, 8 writes)', intRange(1, 64))
    .option('--json', 'print the plan and the report as JSON on stdout');
  return addProjectOptions(command)
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 applied or nothing to do, 1 error before any write, 3 some writes failed',
        '(the report lists what was and was not applied), 4 conflicts refused (the rest was applied).',
        'Several targets (--target a --target b, or a fleet): 1 when any target failed, else 3, else 4,',
        "else 0; the report has one section per target and ends with each target's exit code.",
        '',
        'Examples:',
        '  $ dash apply examples/quickstart             to the file-provisioning folder',
        '  $ GRAFANA_URL=https://grafana.example.com GRAFANA_TOKEN=glsa_… dash apply --prune',
        '  $ dash apply --target prod --dry-run',
      ].join('\n'),
    )
    .action(async (dir: string, options: ApplyCommandOptions) => {
      const [{ runApply, applyExitCode }, { formatPlanText, planToJson }] = await Promise.all([
        import('../../lib/sync/run-apply.js'),
        import('../../lib/sync/diff-format.js'),
      ]);
      const color = palette(colorEnabled(io.stderr, io.env));
      const progress = progressPrinter(io, color);
      const base = {
        cwd: io.cwd,
        dir,
        env: io.env,
        prune: options.prune ?? false,
        force: options.force ?? false,
        rotateSecrets: options.rotateSecrets ?? false,
        dryRun: options.dryRun ?? false,
        ...projectRunOptions(options),
        ...(options.message !== undefined && { message: options.message }),
        ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      };
      const out = palette(colorEnabled(io.stdout, io.env));
      const render = (result: ApplyResult, code: number): string => {
        if (options.json)
          return `${JSON.stringify({ ...planToJson(result.plan, result.target), dryRun: result.dryRun, message: result.message, report: result.report ?? null, ...(result.datasources && { datasourceReport: result.datasources }), ...(result.alertmanager && { alertmanagerReport: result.alertmanager }), ...(result.alerting && { alertingReport: result.alerting }), exitCode: code, durationMs: result.durationMs }, null, 2)}\n`;
        if (result.dryRun) return `${formatPlanText(result.plan, result.target, out)}Dry run: nothing was written.\n`;
        return formatApplyReport(result, out);
      };
      const names = options.target ?? [];
      let result: ApplyResult;
      if (names.length === 0) {
        try {
          result = await runApply({ ...base, onProgress: (p) => progress.update(p) });
        } catch (error) {
          progress.end();
          throw error;
        }
      } else {
        const { runFleet } = await import('../../lib/sync/run-fleet.js');
        let fleet;
        try {
          // Progress lines of several targets interleave: each names its target.
          fleet = await runFleet(
            base,
            names,
            (o, targets) => runApply({ ...o, onProgress: (p) => progress.update(p, targets > 1 ? o.targetName : undefined) }),
            options.parallel,
          );
        } catch (error) {
          progress.end();
          throw error;
        }
        progress.end();
        const [only] = fleet.members;
        if (!fleet.single || !only) {
          const { fleetExitCode, fleetSections, fleetText } = await import('./fleet-report.js');
          const sections = await fleetSections(fleet.members, (r) => {
            const code = applyExitCode(r);
            return { text: render(r, code), exitCode: code };
          });
          const meaning = { 0: 'applied', 1: 'failed', 3: 'partially applied', 4: 'conflicts' };
          if (options.json) {
            io.stdout.write(
              `${JSON.stringify({ targets: sections.map((s) => ({ target: s.target, exitCode: s.exitCode, ...(s.error !== undefined ? { error: s.error.trimEnd() } : { result: JSON.parse(s.text) as unknown }) })) }, null, 2)}\n`,
            );
          } else {
            io.stdout.write(fleetText(sections, 'apply', meaning, out));
          }
          const code = fleetExitCode(sections, [3, 4]);
          const failed = sections.filter((s) => s.exitCode !== 0).map((s) => `${s.target} (exit ${s.exitCode})`);
          if (failed.length > 0) io.stderr.write(`error: ${failed.length} of ${sections.length} targets did not apply cleanly: ${failed.join(', ')}\n`);
          if (code !== 0) throw new ExitError(code);
          return;
        }
        if (only.error !== undefined || only.result === undefined) throw only.error;
        result = only.result;
      }
      progress.end();
      const code = applyExitCode(result);
      io.stdout.write(render(result, code));
      if (code !== 0) throw new ExitError(code);
    });
}

/** Progress on stderr: a live line on a terminal, one plain line per write otherwise. */
function progressPrinter(io: CliIO, color: Palette): { update: (p: ApplyProgress, targetName?: string) => void; end: () => void } {
  const live = io.stderr.isTTY === true && io.env['CI'] === undefined;
  let shown = false;
  return {
    update: (p, targetName) => {
      // Several targets of a fleet report at once: each line names its target.
      const line = `[${p.done}/${p.total}] ${targetName !== undefined ? `${escapeControl(targetName)}: ` : ''}${describeResult(p.result)}`;
      if (live) {
        io.stderr.write(`\r\u001b[2K${line.length > 120 ? `${line.slice(0, 119)}…` : line}`);
        shown = true;
      } else {
        io.stderr.write(`${p.result.outcome === 'applied' ? line : color.red(line)}\n`);
      }
    },
    end: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/** What happened to the Alertmanager configuration: nothing when it was unchanged or not planned. */
function alertmanagerReportLines(result: ApplyResult, c: Palette): string[] {
  const am = result.alertmanager;
  const step = result.plan.alertmanager;
  if (!am || !step || am.action === 'unchanged') return [];
  const where = escapeControl(am.destination);
  if (am.error !== undefined)
    return [c.red(`Failed to ${am.action} the alertmanager config ${where} (not applied; re-run dash apply to retry): ${escapeControl(am.error)}`)];
  if (am.action === 'conflict')
    return [c.red(`Conflict on the alertmanager config ${where} (left untouched; \`--force\` overwrites): ${escapeControl(step.reason ?? '')}`)];
  return [`${PAST[am.action] ?? am.action} alertmanager config ${where}`, ...step.changes.map((line) => `    ${escapeControl(line)}`)];
}

const PAST: Record<string, string> = { create: 'created', update: 'updated', move: 'moved', delete: 'deleted', unchanged: 'unchanged', conflict: 'conflict' };

/** One step's outcome on one line; uids, titles and messages come from the server, so they are escaped. */
function describeResult(r: StepResult): string {
  return escapeControl(describeResultRaw(r));
}

function describeResultRaw(r: StepResult): string {
  const what = r.kind === 'RuleGroup' ? `rule group ${r.uid}` : `${r.kind === 'Folder' ? 'folder' : 'dashboard'} ${r.uid} "${r.title}"`;
  if (r.outcome === 'applied') return `${PAST[r.action]} ${what}`;
  if (r.outcome === 'failed') return `failed to ${r.action} ${what}: ${r.message ?? ''}`;
  if (r.outcome === 'skipped') return `did not ${r.action} ${what}: ${r.message ?? ''}`;
  if (r.outcome === 'conflict') return `conflict on ${what}: ${r.message ?? ''}`;
  return `unchanged ${what}`;
}

/**
 * The human report of an apply: a summary line, then what was not applied (conflicts, failed
 * and not attempted writes, each with its reason) and what was applied.
 *
 * @example
 * Applied to grafana https://grafana.example.com in 1.4 s: 1 created, 2 updated, 0 moved, 0 deleted, 40 unchanged, 0 conflicts, 0 failed
 *   created dashboard api "API"
 */
export function formatApplyReport(result: ApplyResult, c: Palette): string {
  const report = result.report!;
  const n = report.counts;
  const out: string[] = [];
  const partial = n.failed > 0 || n.skipped > 0 || result.alertmanager?.error !== undefined;
  const conflicts = n.conflicts > 0 || result.alertmanager?.action === 'conflict';
  const verb = partial ? c.red('Partially applied') : conflicts ? c.red('Applied with conflicts') : c.green('Applied');
  out.push(
    `${verb} to ${c.cyan(escapeControl(report.target))} in ${(result.durationMs / 1000).toFixed(1)} s: ${n.created} created, ${n.updated} updated, ${n.moved} moved, ${n.deleted} deleted, ${n.unchanged} unchanged, ${plural(n.conflicts, 'conflict')}, ${n.failed} failed${n.skipped > 0 ? `, ${n.skipped} not attempted` : ''}`,
  );
  const section = (title: string, results: readonly StepResult[], style: (t: string) => string, limit = Infinity) => {
    if (results.length === 0) return;
    out.push(c.bold(title));
    for (const r of results.slice(0, limit)) out.push(style(`  ${describeResult(r)}`));
    if (results.length > limit) out.push(c.dim(`  … and ${results.length - limit} more`));
  };
  section(
    'Conflicts (left untouched; `dash diff` shows them, `--force` overwrites):',
    report.results.filter((r) => r.outcome === 'conflict'),
    c.red,
  );
  section(
    'Failed (not applied; re-run dash apply to retry):',
    report.results.filter((r) => r.outcome === 'failed'),
    c.red,
  );
  section(
    'Not attempted:',
    report.results.filter((r) => r.outcome === 'skipped'),
    c.red,
  );
  const ds = result.datasources;
  if (ds) {
    out.push(`Data sources: ${ds.created.length} created, ${ds.updated.length} updated, ${ds.deleted.length} deleted, ${ds.unchanged.length} unchanged`);
    for (const [verb, uids] of [
      ['created', ds.created],
      ['updated', ds.updated],
      ['deleted', ds.deleted],
    ] as const)
      for (const uid of uids) out.push(escapeControl(`  ${verb} data source ${uid}`));
  }
  if (result.alerting) {
    out.push(`Alerting: ${plural(result.alerting.applied.length, 'request')} sent to the provisioning API`);
    for (const label of result.alerting.applied) out.push(escapeControl(`  ${label}`));
  }
  const file = result.plan.datasourceFile;
  if (file && file.action !== 'unchanged') out.push(escapeControl(`Wrote ${file.path} (${plural(file.count, 'data source')})`));
  out.push(...alertmanagerReportLines(result, c));
  const applied = report.results.filter((r) => r.outcome === 'applied');
  if (partial || n.conflicts > 0) section('Applied:', applied, (t) => t);
  else section('Changes:', applied, (t) => t, 50);
  if (result.plan.orphans.length > 0) {
    out.push(
      c.dim(
        escapeControl(
          `${plural(result.plan.orphans.length, 'managed resource')} no longer in the code (apply with --prune to delete): ${result.plan.orphans.map((o) => o.uid).join(', ')}`,
        ),
      ),
    );
  }
  for (const note of result.plan.notes) out.push(c.dim(`note: ${escapeControl(note)}`));
  return `${out.join('\n')}\n`;
}
