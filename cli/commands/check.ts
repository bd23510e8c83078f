import { Command, InvalidArgumentError, Option } from 'commander';
import type { CheckedExemplars, CheckedPanel, CheckResult, CheckStatus } from '../../lib/check/check-result.js';
import type { OptionalPanel } from '../../lib/check/empty-ok.js';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO, type Palette } from '../io.js';
import { loadTimeoutOption } from '../load-timeout-option.js';
import { plural } from '../format.js';

interface CheckCommandOptions {
  prometheus?: string;
  json?: boolean;
  typecheck: boolean;
  timeout: number;
  scrapeInterval: string;
  range: string;
  step: string;
  optional: string[];
  exemplars: boolean;
  token?: string;
  username?: string;
  password?: string;
}

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/;

function duration(value: string): string {
  if (!DURATION.test(value)) throw new InvalidArgumentError('expected a duration such as 15s, 1m or 1h30m.');
  return value;
}

function positiveMilliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number of milliseconds.');
  return n;
}

function collectOptionalPanel(value: string, previous: string[]): string[] {
  if (!/^[^/]+\/.+$/.test(value)) throw new InvalidArgumentError('expected <dashboard>/<panel>, e.g. shop-services/Error ratio.');
  return [...previous, value];
}

/**
 * `dash check [paths...] --prometheus <url>`: resolves every dashboard's variables and runs
 * every Prometheus query against a live Prometheus; fails when a panel errors or shows no data.
 */
export function createCheckCommand(io: CliIO): Command {
  return new Command('check')
    .description('run every dashboard query (and rule expression) against a live Prometheus; fail on errors and empty panels')
    .argument('[paths...]', 'grafts project directories, dashboard JSON files or folders, Prometheus rule files', ['.'])
    .addOption(new Option('--prometheus <url>', 'Prometheus base URL (user:password@ in it is used as basic auth)').env('PROMETHEUS_URL'))
    .option('--json', 'print the result as JSON on stdout')
    .option('--no-typecheck', 'skip the TypeScript type check of grafts projects')
    .addOption(loadTimeoutOption())
    .option('--timeout <ms>', 'timeout of each Prometheus request, in milliseconds', positiveMilliseconds, 10_000)
    .option('--scrape-interval <duration>', "the Grafana data source's scrape interval, for $__rate_interval", duration, '15s')
    .option('--range <duration>', 'window of the range queries, ending now (also $__range)', duration, '5m')
    .option('--step <duration>', 'step of the range queries (also $__interval)', duration, '15s')
    .option(
      '--optional <dashboard/panel>',
      'a panel that may be empty: dashboard uid or title / panel title or id, * as wildcard (repeatable)',
      collectOptionalPanel,
      [],
    )
    .option('--no-exemplars', 'do not check that exemplars arrive for queries with "exemplar": true')
    .addOption(new Option('--token <token>', 'bearer token (prefer the environment variable)').env('PROMETHEUS_TOKEN'))
    .addOption(new Option('--username <name>', 'basic auth user name').env('PROMETHEUS_USERNAME'))
    .addOption(new Option('--password <password>', 'basic auth password (prefer the environment variable)').env('PROMETHEUS_PASSWORD'))
    .addHelpText(
      'after',
      [
        '',
        'A panel passes when a query returns data, or when it may legitimately be empty: it selects',
        'failures only (code=~"5.."), it is listed with --optional, or its description contains',
        '"[dash-check: optional]". Loki, Tempo and other queries are skipped.',
        '',
        'Queries with "exemplar": true that have data must also have exemplars in the window',
        '(/api/v1/query_exemplars); --no-exemplars skips that.',
        '',
        'Exit codes: 0 every panel has data or may be empty; 1 a query errors, a panel has no data,',
        'exemplars asked for are missing, a variable or rule fails, Prometheus cannot be reached,',
        'or the input is invalid.',
        '',
        'Examples:',
        '  $ dash check --prometheus http://localhost:9090',
        '  $ PROMETHEUS_URL=http://prom:9090 dash check dashboards/ rules/alerts.yaml --json',
        "  $ dash check --prometheus http://localhost:9090 --optional 'shop-services/Canary*'",
      ].join('\n'),
    )
    .action(async (paths: string[], options: CheckCommandOptions) => {
      if (!options.prometheus) {
        io.stderr.write('error: no Prometheus URL: pass --prometheus <url> or set PROMETHEUS_URL\n');
        throw new ExitError(1);
      }
      const [{ runCheck }, { parseOptionalPanel }, { PrometheusError }] = await Promise.all([
        import('../../lib/check/run-check.js'),
        import('../../lib/check/empty-ok.js'),
        import('../../lib/check/prometheus-error.js'),
      ]);
      const optional = options.optional.map((o) => parseOptionalPanel(o)).filter((o): o is OptionalPanel => o !== undefined);
      let result: CheckResult;
      try {
        result = await runCheck({
          cwd: io.cwd,
          paths,
          typecheck: options.typecheck,
          prometheusUrl: options.prometheus,
          timeoutMs: options.timeout,
          scrapeInterval: options.scrapeInterval,
          range: options.range,
          step: options.step,
          optional,
          exemplars: options.exemplars,
          ...(options.token && { token: options.token }),
          ...(options.username && { username: options.username }),
          ...(options.password && { password: options.password }),
        });
      } catch (error) {
        if (error instanceof PrometheusError) {
          if (error.endpoint === '') {
            io.stderr.write(`error: invalid --prometheus URL ${error.url}: ${error.detail}\n`);
            throw new ExitError(1);
          }
          const reason = error.unreachable ? 'cannot reach Prometheus' : 'Prometheus refused the check';
          io.stderr.write(`error: ${reason} at ${error.url}: ${error.status !== undefined ? `${error.status} ` : ''}${error.detail}\n`);
          throw new ExitError(1);
        }
        throw error;
      }
      if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else io.stdout.write(formatCheckReport(result, colorEnabled(io.stdout, io.env)));
      if (!result.ok) throw new ExitError(1);
    });
}

const SYMBOL: Record<CheckStatus, string> = { data: '✓', 'empty-ok': '○', 'no-data': '✗', error: '✗', skipped: '-' };
const LABEL: Record<CheckStatus, string> = { data: 'data', 'empty-ok': 'empty (ok)', 'no-data': 'NO DATA', error: 'ERROR', skipped: 'skipped' };

function paint(c: Palette, status: CheckStatus, text: string): string {
  if (status === 'data') return c.green(text);
  if (status === 'no-data' || status === 'error') return c.red(text);
  return c.dim(text);
}

function panelName(p: CheckedPanel): string {
  return `${p.row ? `${p.row} › ` : ''}${p.title || `panel ${p.id ?? '?'}`}`;
}

/**
 * The human report of a check: per dashboard its variables and one line per panel (with the
 * failing queries, their interpolated expression and a hint), then rules and a summary.
 *
 * @example
 * Checked 1 dashboard against http://localhost:9090 (Prometheus 2.42.0): last 5m, step 15s, $__rate_interval 1m
 *
 * examples/red-services/shop.dash.ts › Shop services (shop-services)
 *   $job = All (5 values: cart, checkout, node, prometheus, search)
 *   ✓ checkout › Request rate   data  3 series
 *   ✗ checkout › Latency        NO DATA
 *       A  histogram_quantile(0.99, …{job="checkoutt"}…)
 *          hint: http_request_duration_seconds_bucket: job="checkoutt" matches nothing; job has: cart, checkout, search
 */
export function formatCheckReport(result: CheckResult, color: boolean): string {
  const c = palette(color);
  const out: string[] = [];
  const version = result.prometheus.version ? ` (Prometheus ${result.prometheus.version})` : '';
  const what = [plural(result.counts.dashboards, 'dashboard'), ...(result.counts.rules > 0 ? [plural(result.counts.rules, 'rule')] : [])].join(' and ');
  out.push(
    `Checked ${what} against ${result.prometheus.url}${version}: last ${windowLength(result)}, step ${result.window.step}, ` +
      `$__rate_interval ${result.window.rateInterval}`,
  );
  for (const d of result.dashboards) {
    out.push('', `${c.bold(`${d.source} › ${d.title}`)}${d.uid ? c.dim(` (${d.uid})`) : ''}`);
    for (const v of d.variables) {
      if (v.type === 'datasource' || v.type === 'constant') continue;
      if (v.error !== undefined) {
        out.push(`  ${c.red(`✗ $${v.name}: ${v.error}`)}${v.query ? c.dim(`  ← ${v.query}`) : ''}`);
        continue;
      }
      if (v.skipped !== undefined) {
        out.push(c.dim(`  - $${v.name}: skipped, ${v.skipped}`));
        continue;
      }
      const selected = v.selected === 'All' ? 'All' : v.selected.length === 0 ? '(nothing)' : v.selected.join(', ');
      const values = v.values.join(', ') + (v.count > v.values.length ? ', …' : '');
      out.push(c.dim(`  $${v.name} = ${selected} (${plural(v.count, 'value')}${v.count > 0 ? `: ${values}` : ''})`));
    }
    const width = Math.min(50, Math.max(0, ...d.panels.map((p) => panelName(p).length)));
    for (const p of d.panels) {
      const series = p.targets.reduce((n, t) => n + t.series, 0);
      const reasons = [...new Set(p.targets.map((t) => t.reason).filter((r): r is string => r !== undefined))];
      const detail =
        p.status === 'data' ? plural(series, 'series', 'series') : p.status === 'empty-ok' || p.status === 'skipped' ? (p.reason ?? reasons.join('; ')) : '';
      out.push(
        `  ${paint(c, p.status, SYMBOL[p.status])} ${panelName(p).padEnd(width)}  ${paint(c, p.status, LABEL[p.status])}${detail ? `  ${c.dim(detail)}` : ''}`,
      );
      for (const t of p.targets) if (t.exemplars) out.push(...exemplarLines(c, t.refId, t.exemplars));
      if (p.status !== 'error' && p.status !== 'no-data') continue;
      for (const t of p.targets) {
        if (t.status !== 'error' && t.status !== 'no-data') continue;
        out.push(`      ${t.refId}  ${c.dim(t.expr)}`);
        if (t.error !== undefined) out.push(`         ${c.red(`error: ${t.error}`)}`);
        if (t.hint !== undefined) out.push(`         hint: ${t.hint}`);
      }
    }
  }
  if (result.rules.length > 0) {
    out.push('', c.bold('Rules'));
    for (const r of result.rules) {
      const status: CheckStatus = r.status === 'error' ? 'error' : r.status === 'data' ? 'data' : 'empty-ok';
      const detail = r.status === 'error' ? c.red(`error: ${r.error}`) : r.status === 'data' ? plural(r.series, 'series', 'series') : c.dim('empty');
      out.push(`  ${paint(c, status, SYMBOL[status])} ${r.source} › ${r.group} › ${r.name}  ${detail}`);
    }
  }
  const k = result.counts;
  const parts = [`${k.data} data`, `${k.emptyOk} empty (ok)`, `${k.noData} no data`, plural(k.error, 'error'), `${k.skipped} skipped`];
  if (k.variableErrors > 0) parts.push(plural(k.variableErrors, 'variable error'));
  if (k.exemplarsArriving + k.exemplarsMissing + k.exemplarErrors > 0) {
    parts.push(
      `exemplars: ${k.exemplarsArriving} arriving, ${k.exemplarsMissing} missing${k.exemplarErrors > 0 ? `, ${plural(k.exemplarErrors, 'error')}` : ''}`,
    );
  }
  let summary = `${plural(k.panels, 'panel')}: ${parts.join(', ')}`;
  if (k.rules > 0) summary += `; ${plural(k.rules, 'rule')}: ${plural(k.ruleErrors, 'error')}, ${k.ruleEmpty} empty`;
  out.push('', `${result.ok ? c.green('OK') : c.red('FAILED')} ${summary} (${result.durationMs} ms)`);
  return `${out.join('\n')}\n`;
}

/** `A  exemplars: arriving (12 on 3 series; labels trace_id)`, or MISSING / ERROR with the hint. */
function exemplarLines(c: Palette, refId: string, e: CheckedExemplars): string[] {
  if (e.status === 'arriving') {
    return [c.dim(`      ${refId}  exemplars: arriving (${e.count} on ${plural(e.series, 'series', 'series')}; labels ${(e.labels ?? []).join(', ')})`)];
  }
  const out = [`      ${refId}  ${c.red(`exemplars: ${e.status === 'missing' ? 'MISSING' : 'ERROR'}`)}`];
  if (e.error !== undefined) out.push(`         ${c.red(`error: ${e.error}`)}`);
  if (e.hint !== undefined) out.push(`         hint: ${e.hint}`);
  return out;
}

function windowLength(result: CheckResult): string {
  const ms = Date.parse(result.window.end) - Date.parse(result.window.start);
  const s = Math.round(ms / 1000);
  return s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}
