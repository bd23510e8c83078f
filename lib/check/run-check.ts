import { performance } from 'node:perf_hooks';
import type { CollectedDashboard, CollectedRuleFile } from '../project/collect-inputs.js';
import type { CheckCounts, CheckedDashboard, CheckedPanel, CheckedRule, CheckedTarget, CheckedVariable, CheckResult, CheckStatus } from './check-result.js';
import { dashboardPanels, type DashboardPanel } from './dashboard-panels.js';
import { foreignQueryShape } from './foreign-query-shape.js';
import { datasourceKind } from './datasource-kind.js';
import { formatGrafanaDuration, parseGrafanaDuration } from '../util/grafana-duration.js';
import { checkExemplars, exemplarStorage, type ExemplarStorage } from './exemplar-check.js';
import { emptyOkReason, isOptionalPanel, type OptionalPanel } from './empty-ok.js';
import { interpolate } from './interpolate.js';
import { createHintCache, noDataHint, type HintCache, type RecordingRuleOrigin } from './no-data-hint.js';
import { createPrometheusClient, type PrometheusClient, type PrometheusClientOptions, type QueryData } from './prometheus-client.js';
import { PrometheusError } from './prometheus-error.js';
import { resolveVariables, type ResolvedVariable } from './resolve-variables.js';
import { builtinVariables, type CheckWindow } from './time-context.js';

/** How to reach Prometheus and how to query it; shared by {@link runCheck} and {@link checkInputs}. */
export interface CheckQueryOptions extends Omit<PrometheusClientOptions, 'url'> {
  /** Base URL of Prometheus; user info becomes basic auth and is never printed. */
  prometheusUrl: string;
  /**
   * The data source's scrape interval as configured in Grafana ("Scrape interval", 15s by
   * default), from which `$__rate_interval` is computed. @default "15s"
   */
  scrapeInterval?: string;
  /** Length of the range query, ending now; also `$__range`. @default "5m" */
  range?: string;
  /** Step of the range query; also `$__interval`. @default "15s" */
  step?: string;
  /** Panels that may be empty without failing the check. */
  optional?: readonly OptionalPanel[];
  /** How many option values to report per variable. @default 10 */
  maxValues?: number;
  /** Queries in flight at once. @default 8 */
  concurrency?: number;
  /** The end of the window (for tests). @default Date.now() */
  now?: number;
  /**
   * For queries with `"exemplar": true` that have data, check that exemplars arrive
   * (`/api/v1/query_exemplars` over the window); missing ones fail the check. @default true
   */
  exemplars?: boolean;
}

/** Options of {@link runCheck}. */
export interface CheckOptions extends CheckQueryOptions {
  /** Directory relative paths are resolved from and sources are relative to. */
  cwd: string;
  /** Project directories, dashboard JSON files or folders, rule files. @default ["."] */
  paths?: string[];
  /** Type-check grafts projects before evaluating them. @default true */
  typecheck?: boolean;
}

/** What {@link checkInputs} checks: dashboards and rule files, as `collectInputs` returns them. */
export interface CheckInputs {
  dashboards: readonly Pick<CollectedDashboard, 'source' | 'json'>[];
  ruleFiles: readonly CollectedRuleFile[];
}

/**
 * `dash check`: collects the dashboards and rule files of `paths` (grafts projects are rendered
 * in memory), then checks them against a live Prometheus with {@link checkInputs}.
 *
 * @example
 * const result = await runCheck({ cwd: process.cwd(), paths: ['examples/red-services'], prometheusUrl: 'http://localhost:9090' });
 * result.ok // false when a panel errors or has no data
 *
 * @throws {ConfigError | LoadError | TypeCheckError | ValidationError} from reading the inputs.
 * @throws {PrometheusError} Prometheus cannot be reached, or refuses the credentials.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { collectInputs } = await import('../project/collect-inputs.js');
  const inputs = await collectInputs({
    cwd: options.cwd,
    mixins: true,
    ...(options.paths !== undefined && { paths: options.paths }),
    ...(options.typecheck !== undefined && { typecheck: options.typecheck }),
  });
  return checkInputs(inputs, options);
}

/**
 * Checks dashboards and rule files against a live Prometheus, as Grafana would show them:
 * 1. resolves each dashboard's variables in order (chained `label_values` and friends,
 *    "All" as the all value, multi-values as `(a|b)`), see {@link resolveVariables};
 * 2. interpolates every Prometheus target (variables and `$__rate_interval`, `$__interval`,
 *    `$__range`, …), runs it as an instant query and as a range query over the window, and
 *    classifies it (`data`, `no-data` with a hint, `empty-ok`, `error`; Loki, Tempo and other
 *    targets `skipped`);
 * 3. for targets with `"exemplar": true` that have data, asks for their exemplars over the
 *    window and reports whether they arrive (off with `exemplars: false`);
 * 4. evaluates every rule's `expr` once.
 * Never throws for a failing query; throws {@link PrometheusError} only when Prometheus cannot
 * be reached or refuses the request as a whole (credentials, wrong URL).
 */
export async function checkInputs(inputs: CheckInputs, options: CheckQueryOptions): Promise<CheckResult> {
  const start = performance.now();
  const client = createPrometheusClient({ ...options, url: options.prometheusUrl });
  const version = await probe(client);
  const window = checkWindow(options);
  const range = { start: Math.floor((window.endMs - window.rangeMs) / 1000), end: Math.floor(window.endMs / 1000) };
  const limit = limiter(options.concurrency ?? 8);
  const hintCache = createHintCache();
  const recordedBy = recordingRules(inputs.ruleFiles);
  let storage: Promise<ExemplarStorage> | undefined;
  const ctx: Context = {
    client,
    window,
    range,
    limit,
    hintCache,
    recordedBy,
    optional: options.optional ?? [],
    maxValues: options.maxValues ?? 10,
    exemplars: options.exemplars ?? true,
    exemplarStorage: () => (storage ??= exemplarStorage(client)),
  };

  const dashboards: CheckedDashboard[] = [];
  for (const input of inputs.dashboards) dashboards.push(await checkDashboard(input, ctx));
  const rules = (await Promise.all(inputs.ruleFiles.map((file) => checkRuleFile(file, ctx)))).flat();

  const counts = countResults(dashboards, rules);
  const builtins = builtinVariables(window);
  return {
    prometheus: { url: client.url, ...(version !== undefined && { version }) },
    window: {
      start: new Date(window.endMs - window.rangeMs).toISOString(),
      end: new Date(window.endMs).toISOString(),
      step: formatGrafanaDuration(window.stepMs),
      scrapeInterval: formatGrafanaDuration(window.scrapeIntervalMs),
      rateInterval: builtins['__rate_interval']!,
    },
    dashboards,
    rules,
    counts,
    ok:
      counts.error === 0 &&
      counts.noData === 0 &&
      counts.variableErrors === 0 &&
      counts.ruleErrors === 0 &&
      counts.exemplarsMissing === 0 &&
      counts.exemplarErrors === 0,
    durationMs: Math.round(performance.now() - start),
  };
}

interface Context {
  client: PrometheusClient;
  window: CheckWindow;
  range: { start: number; end: number };
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  hintCache: HintCache;
  recordedBy: ReadonlyMap<string, RecordingRuleOrigin>;
  optional: readonly OptionalPanel[];
  maxValues: number;
  exemplars: boolean;
  /** Asked once, and only when a query has no exemplars. */
  exemplarStorage: () => Promise<ExemplarStorage>;
}

function durationOption(value: string | undefined, fallback: string, name: string): number {
  const ms = parseGrafanaDuration(value ?? fallback);
  if (ms === undefined || ms <= 0) throw new RangeError(`${name} must be a positive duration such as ${fallback}, got "${value}"`);
  return ms;
}

function checkWindow(options: CheckQueryOptions): CheckWindow {
  const stepMs = durationOption(options.step, '15s', 'step');
  const endMs = Math.floor((options.now ?? Date.now()) / 1000) * 1000;
  return {
    endMs,
    rangeMs: durationOption(options.range, '5m', 'range'),
    stepMs,
    scrapeIntervalMs: durationOption(options.scrapeInterval, '15s', 'scrapeInterval'),
  };
}

/** Reaches Prometheus once before anything else, so a wrong URL or credentials fail fast and clearly. */
async function probe(client: PrometheusClient): Promise<string | undefined> {
  try {
    return (await client.buildInfo()).version;
  } catch (error) {
    // Some Prometheus-compatible APIs have no buildinfo: any working query will do.
    if (!(error instanceof PrometheusError) || error.unreachable || error.status === 401 || error.status === 403) throw error;
    await client.query('vector(1)');
    return undefined;
  }
}

/** At most `n` tasks at a time. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

async function checkDashboard(input: Pick<CollectedDashboard, 'source' | 'json'>, ctx: Context): Promise<CheckedDashboard> {
  const json = input.json;
  const uid = typeof json['uid'] === 'string' ? json['uid'] : '';
  const title = typeof json['title'] === 'string' ? json['title'] : '';
  const templating = json['templating'] as { list?: unknown } | undefined;
  const list = Array.isArray(templating?.list) ? (templating.list as unknown[]) : [];
  const resolved = await resolveVariables(list, { client: ctx.client, window: ctx.window, builtins: builtinVariables(ctx.window) });
  const variables = resolved.variables.map((v) => reportVariable(v, ctx.maxValues));
  const failed = resolved.variables.filter((v) => v.error !== undefined).map((v) => v.name);

  const panels = await Promise.all(dashboardPanels(json).map((panel) => checkPanel(panel, { uid, title }, resolved.scope, resolved.datasources, failed, ctx)));
  return { source: input.source, uid, title, variables, panels: panels.filter((p): p is CheckedPanel => p !== undefined) };
}

function reportVariable(v: ResolvedVariable, max: number): CheckedVariable {
  return {
    name: v.name,
    type: v.type,
    ...(v.query !== undefined && { query: v.query }),
    values: v.options.slice(0, max).map((o) => o.value),
    count: v.options.length,
    selected: v.selected.all ? 'All' : [...v.selected.values],
    ...(v.error !== undefined && { error: v.error }),
    ...(v.skipped !== undefined && { skipped: v.skipped }),
  };
}

async function checkPanel(
  panel: DashboardPanel,
  dashboard: { uid: string; title: string },
  scope: ReadonlyMap<string, unknown>,
  datasources: ReadonlyMap<string, string>,
  failedVariables: readonly string[],
  ctx: Context,
): Promise<CheckedPanel | undefined> {
  const base = { ...(panel.id !== undefined && { id: panel.id }), title: panel.title, ...(panel.row !== undefined && { row: panel.row }) };
  if (panel.targets.length === 0) {
    return panel.type === 'library-panel' || panel.type === ''
      ? { ...base, status: 'skipped', reason: 'library panel (its queries are stored in Grafana)', targets: [] }
      : undefined;
  }
  const optional = isOptionalPanel(dashboard, panel, ctx.optional);
  const panelKind = datasourceKind(panel.datasource, datasources);
  const targets = await Promise.all(
    panel.targets.map((target, i) => checkTarget(target, i, panel, panelKind, scope, datasources, failedVariables, optional, ctx)),
  );
  return { ...base, status: panelStatus(targets), ...(optional && { optional }), targets };
}

function panelStatus(targets: readonly CheckedTarget[]): CheckStatus {
  const has = (s: CheckStatus) => targets.some((t) => t.status === s);
  if (has('error')) return 'error';
  if (has('no-data')) return 'no-data';
  if (has('data')) return 'data';
  if (has('empty-ok')) return 'empty-ok';
  return 'skipped';
}

async function checkTarget(
  target: Record<string, unknown>,
  index: number,
  panel: DashboardPanel,
  panelKind: string | undefined,
  scope: ReadonlyMap<string, unknown>,
  datasources: ReadonlyMap<string, string>,
  failedVariables: readonly string[],
  optional: boolean,
  ctx: Context,
): Promise<CheckedTarget> {
  const refId = typeof target['refId'] === 'string' ? target['refId'] : String.fromCharCode(65 + index);
  const raw = typeof target['expr'] === 'string' ? target['expr'] : '';
  const own = datasourceKind(target['datasource'], datasources);
  const kind = own !== undefined && own !== 'mixed' ? own : panelKind !== undefined && panelKind !== 'mixed' ? panelKind : 'prometheus';
  const skip = (reason: string): CheckedTarget => ({ refId, expr: raw, status: 'skipped', series: 0, reason });
  if (kind !== 'prometheus') return skip(`${kind} query (only Prometheus queries are checked)`);
  // Nothing named its data source (so it was taken for Prometheus), but its fields are another kind's.
  const foreign = foreignQueryShape(target);
  if (foreign !== undefined) return skip(`not checked (no Prometheus): its fields are ${foreign} query fields`);
  if (target['hide'] === true) return skip('hidden query');
  if (raw.trim() === '') return skip('no expression');

  const minInterval = typeof target['interval'] === 'string' && target['interval'] !== '' ? target['interval'] : panel.interval;
  const targetScope = new Map(scope as Map<string, never>);
  for (const [name, value] of Object.entries(builtinVariables(ctx.window, minInterval))) targetScope.set(name, value as never);
  const expr = interpolate(raw, targetScope);
  const broken = failedVariables.filter((name) => new RegExp(`\\$(\\{)?${name}\\b`).test(raw));

  const [instant, ranged] = await Promise.all([
    ctx.limit(() => settle(ctx.client.query(expr, ctx.range.end))),
    ctx.limit(() => settle(ctx.client.queryRange(expr, { ...ctx.range, step: Math.max(1, Math.round(ctx.window.stepMs / 1000)) }))),
  ]);
  const failure = instant.error ?? ranged.error;
  if (failure) {
    return {
      refId,
      expr,
      status: 'error',
      series: 0,
      error: failure.detail,
      ...(broken.length > 0 && { hint: `variable ${broken.map((b) => `$${b}`).join(', ')} failed to resolve` }),
    };
  }
  const series = Math.max(seriesWithData(instant.data!), seriesWithData(ranged.data!));
  if (series > 0) {
    if (!ctx.exemplars || target['exemplar'] !== true) return { refId, expr, status: 'data', series };
    const exemplars = await ctx.limit(() => checkExemplars(ctx.client, expr, ctx.range, ctx.exemplarStorage));
    return { refId, expr, status: 'data', series, exemplars };
  }
  const reason = optional ? 'panel marked optional' : emptyOkReason(expr);
  if (reason !== undefined) return { refId, expr, status: 'empty-ok', series: 0, reason };
  const hint =
    broken.length > 0
      ? `variable ${broken.map((b) => `$${b}`).join(', ')} failed to resolve`
      : await ctx.limit(() =>
          noDataHint(expr, { client: ctx.client, time: ctx.range.end, range: ctx.range, cache: ctx.hintCache, recordedBy: ctx.recordedBy }),
        );
  return { refId, expr, status: 'no-data', series: 0, ...(hint !== undefined && { hint }) };
}

async function settle<T>(promise: Promise<T>): Promise<{ data?: T; error?: PrometheusError }> {
  try {
    return { data: await promise };
  } catch (error) {
    if (error instanceof PrometheusError && !error.unreachable) return { error };
    throw error;
  }
}

/** Series with at least one value that is a number (NaN, as `histogram_quantile` gives on no traffic, is no data). */
function seriesWithData(data: QueryData): number {
  const isValue = (v: string) => !Number.isNaN(Number(v));
  switch (data.resultType) {
    case 'vector':
      return data.result.filter((s) => (s.value ? isValue(s.value[1]) : 'histogram' in s)).length;
    case 'matrix':
      return data.result.filter((s) => (s.values ?? []).some((v) => isValue(v[1])) || 'histograms' in s).length;
    case 'scalar':
      return isValue(data.result[1]) ? 1 : 0;
    default:
      return 1;
  }
}

/** The recording rules of the inputs by the series they record (the first one wins). */
function recordingRules(ruleFiles: readonly CollectedRuleFile[]): Map<string, RecordingRuleOrigin> {
  const byName = new Map<string, RecordingRuleOrigin>();
  for (const file of ruleFiles) {
    const groups = (file.doc as { groups?: unknown } | null)?.groups;
    for (const group of Array.isArray(groups) ? groups : []) {
      for (const rule of Array.isArray(group?.rules) ? group.rules : []) {
        if (typeof rule?.record !== 'string' || byName.has(rule.record)) continue;
        byName.set(rule.record, {
          group: typeof group.name === 'string' ? group.name : '',
          from: file.mixin !== undefined ? `mixin "${file.mixin}"` : file.source,
        });
      }
    }
  }
  return byName;
}

async function checkRuleFile(file: CollectedRuleFile, ctx: Context): Promise<CheckedRule[]> {
  const groups = (file.doc as { groups?: unknown } | null)?.groups;
  const jobs: Promise<CheckedRule>[] = [];
  for (const group of Array.isArray(groups) ? groups : []) {
    const groupName = typeof group?.name === 'string' ? group.name : '';
    for (const rule of Array.isArray(group?.rules) ? group.rules : []) {
      if (!rule || typeof rule !== 'object') continue;
      const kind = typeof rule.record === 'string' ? 'record' : 'alert';
      const name = String(rule.record ?? rule.alert ?? '');
      const expr = typeof rule.expr === 'string' ? rule.expr : String(rule.expr ?? '');
      jobs.push(
        ctx.limit(async (): Promise<CheckedRule> => {
          const base = { source: file.source, group: groupName, name, kind, expr } as const;
          const result = await settle(ctx.client.query(expr, ctx.range.end));
          if (result.error) return { ...base, status: 'error', series: 0, error: result.error.detail };
          const series = seriesWithData(result.data!);
          return { ...base, status: series > 0 ? 'data' : 'empty', series };
        }),
      );
    }
  }
  return Promise.all(jobs);
}

function countResults(dashboards: readonly CheckedDashboard[], rules: readonly CheckedRule[]): CheckCounts {
  const panels = dashboards.flatMap((d) => d.panels);
  const count = (s: CheckStatus) => panels.filter((p) => p.status === s).length;
  const exemplars = panels.flatMap((p) => p.targets.flatMap((t) => (t.exemplars ? [t.exemplars.status] : [])));
  return {
    dashboards: dashboards.length,
    panels: panels.length,
    data: count('data'),
    noData: count('no-data'),
    emptyOk: count('empty-ok'),
    error: count('error'),
    skipped: count('skipped'),
    variableErrors: dashboards.reduce((n, d) => n + d.variables.filter((v) => v.error !== undefined).length, 0),
    rules: rules.length,
    ruleErrors: rules.filter((r) => r.status === 'error').length,
    ruleEmpty: rules.filter((r) => r.status === 'empty').length,
    exemplarsArriving: exemplars.filter((s) => s === 'arriving').length,
    exemplarsMissing: exemplars.filter((s) => s === 'missing').length,
    exemplarErrors: exemplars.filter((s) => s === 'error').length,
  };
}
