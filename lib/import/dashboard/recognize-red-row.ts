import { layoutGrid } from '../../layout/grid-layout.js';
import { isPlainObject } from '../../model/deep-merge.js';
import type { AnyPanel, RowBuilder } from '../../model/row.js';
import type { LabelMatcher, MatchOperator } from '../../style/selector.js';
import { chain, evaluateExpr, json, object, ref, type Expr } from './code-model.js';
import type { ImportContext } from './import-context.js';
import { jsonEqual } from './json-equal.js';
import { normalizePanel } from './round-trip-normalize.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };

const PANEL_TITLES = ['Request rate', 'Latency', 'Error ratio'] as const;
const METRIC = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
/** `sum(rate(<requests>{<status>=~"<errors>", …}[<range>])) / sum(rate(<requests>{…}[<range>]))` */
const PROM_ERROR_RATIO = new RegExp(
  `^sum\\(rate\\((${METRIC})\\{(${LABEL})=~(${QUOTED})(?:, .*)?\\}\\[([^\\]]+)\\]\\)\\) / sum\\(rate\\(\\1(?:\\{(.*)\\})?\\[\\4\\]\\)\\)$`,
);
const PROM_P99_CLASSIC = new RegExp(`^histogram_quantile\\(0\\.99, sum by \\(le\\) \\(rate\\((${METRIC})_bucket[{[]`);
const PROM_P99_NATIVE = new RegExp(`^histogram_quantile\\(0\\.99, sum\\(rate\\((${METRIC})[{[]`);
/** `sum(rate(<stream> | <parser> | __error__="" | <status> >= 500 [<range>])) / sum(rate(<stream> | <parser> | __error__="" [<range>]))` */
const LOGS_ERROR_RATIO = new RegExp(
  `^sum\\(rate\\((\\{.*\\}) \\| (json|logfmt) \\| __error__="" \\| (${LABEL}) >= 500 \\[([^\\]]+)\\]\\)\\) / sum\\(rate\\(\\1 \\| \\2 \\| __error__="" \\[\\4\\]\\)\\)$`,
);
const LOGS_P99 = new RegExp(`^quantile_over_time\\(0\\.99, .* \\| unwrap (?:duration_seconds\\((${LABEL})\\)|(${LABEL})) \\| __error__="" \\[`);

// One shared `redVariables` constant per distinct variables object, per import.
const sharedVariables = new WeakMap<ImportContext, Map<string, string>>();

/**
 * Recognises a row whose panels are exactly what `red.row()` or `red.logsRow()` renders, and
 * returns the helper call that replaces the panel-by-panel code (the row header's extras,
 * such as `repeat` or a `$merge`, are left to the caller). The helper's options are read off
 * the JSON (service = row title; metric names, status label, error statuses, rate range and
 * histogram kind from the queries; thresholds from the error panel; the data source and the
 * label matchers, split into the leading `label=~"$variable"` ones, which become `variables`,
 * and the rest, which become `selector`), then the helper is run with them: the row is
 * recognised only when every rendered panel equals the row's panel under the round-trip
 * normaliser, sizes and positions included. Never a guess: anything else (a changed
 * description, colour, query, size) returns `undefined` and the row is imported panel by panel.
 *
 * @example
 * recognizeRedRow(ctx, rowJson, rowPanels)
 * // → red.row({ service: 'checkout', variables: redVariables, selector: { job: 'checkout' }, histogram: 'native' })
 */
export function recognizeRedRow(ctx: ImportContext, header: Json, panels: readonly Json[]): Chain | undefined {
  if (typeof header.title !== 'string' || header.title === '' || panels.length !== PANEL_TITLES.length) return undefined;
  const [rate, latency, errors] = PANEL_TITLES.map((title) => panels.find((p) => p.title === title && p.type === 'timeseries'));
  if (!rate || !latency || !errors) return undefined;
  const ds = sameDatasource(ctx, rate, latency, errors);
  if (ds === undefined) return undefined;
  const errorExpr = firstExpr(errors);
  const p99Expr = firstExpr(latency);
  if (errorExpr === undefined || p99Expr === undefined) return undefined;
  const candidate =
    ds.type === 'prometheus'
      ? prometheusRow(ctx, header, ds.value, errors, errorExpr, p99Expr)
      : ds.type === 'loki'
        ? logsRow(ctx, header, ds.value, latency, errors, errorExpr, p99Expr)
        : undefined;
  if (!candidate) return undefined;
  let built: RowBuilder;
  try {
    built = evaluateExpr(candidate.expr, ctx.scope) as RowBuilder;
  } catch {
    return undefined;
  }
  if (!rendersAs(built, header, panels)) return undefined;
  ctx.imports.add('red');
  const shared = candidate.variables ? shareVariables(ctx, candidate.variables) : undefined;
  const final = shared ? candidate.withVariables(shared) : candidate.expr;
  ctx.notes.push(`row "${header.title}" is the house-style ${final.factory}()`);
  return final;
}

interface Candidate {
  readonly expr: Chain;
  /** The `variables` option, when the matchers start with variable references. */
  readonly variables?: Expr;
  /** The same call with `variables` given by another expression (the shared constant). */
  readonly withVariables: (variables: Expr) => Chain;
}

function prometheusRow(ctx: ImportContext, header: Json, ds: Expr, errors: Json, errorExpr: string, p99Expr: string): Candidate | undefined {
  const m = PROM_ERROR_RATIO.exec(errorExpr);
  if (!m) return undefined;
  const [, requests, statusLabel, quotedErrors, range, matcherText] = m;
  const errorStatus = unquote(quotedErrors!);
  const matchers = matcherText === undefined ? [] : parseMatchers(matcherText);
  const classic = PROM_P99_CLASSIC.exec(p99Expr);
  const native = classic ? null : PROM_P99_NATIVE.exec(p99Expr);
  const duration = (classic ?? native)?.[1];
  if (errorStatus === undefined || matchers === undefined || duration === undefined) return undefined;
  const thresholds = errorThresholds(errors);
  if (thresholds === null) return undefined;
  const { variables, selector } = splitMatchers(ctx, matchers, ds);
  const options = (vars: Expr | undefined): [string, Expr][] => [
    ['service', ctx.text(header.title as string)],
    ...(vars ? [['variables', vars] as [string, Expr]] : [['datasource', ds] as [string, Expr]]),
    ...(selector ? [['selector', selector] as [string, Expr]] : []),
    ...optional('requestsMetric', requests!, 'http_requests_total'),
    ...optional('durationMetric', duration, 'http_request_duration_seconds'),
    ...(native ? [['histogram', json('native')] as [string, Expr]] : []),
    ...optional('statusLabel', statusLabel!, 'code'),
    ...optional('errorStatus', errorStatus, '5..'),
    ...optional('rateInterval', range!, '$__rate_interval'),
    ...(thresholds ? [['errorThresholds', json(thresholds)] as [string, Expr]] : []),
    ...(header.collapsed === true ? [['collapsed', json(true)] as [string, Expr]] : []),
  ];
  const make = (vars: Expr | undefined) => chain('red.row', object(options(vars)));
  return { expr: make(variables), ...(variables ? { variables } : {}), withVariables: make };
}

function logsRow(ctx: ImportContext, header: Json, ds: Expr, latency: Json, errors: Json, errorExpr: string, p99Expr: string): Candidate | undefined {
  const m = LOGS_ERROR_RATIO.exec(errorExpr);
  const unwrap = LOGS_P99.exec(p99Expr);
  if (!m || !unwrap) return undefined;
  const [, stream, parser, statusField, range] = m;
  const durationField = unwrap[1] ?? unwrap[2]!;
  const unit = isPlainObject(latency.fieldConfig) && isPlainObject(latency.fieldConfig.defaults) ? latency.fieldConfig.defaults.unit : undefined;
  const durationFormat = unwrap[1] !== undefined ? 'duration' : unit === 'ms' ? 'milliseconds' : 'seconds';
  const thresholds = errorThresholds(errors);
  if (thresholds === null) return undefined;
  const options: [string, Expr][] = [
    ['service', ctx.text(header.title as string)],
    ['datasource', ds],
    ['streamSelector', ctx.text(stream!)],
    ...optional('parser', parser!, 'json'),
    ...optional('statusField', statusField!, 'status'),
    ...optional('durationField', durationField, 'duration'),
    ...optional('durationFormat', durationFormat, 'seconds'),
    ...optional('interval', range!, '$__auto'),
    ...(thresholds ? [['errorThresholds', json(thresholds)] as [string, Expr]] : []),
    ...(header.collapsed === true ? [['collapsed', json(true)] as [string, Expr]] : []),
  ];
  const expr = chain('red.logsRow', object(options));
  return { expr, withVariables: () => expr };
}

function optional(key: string, value: string, fallback: string): [string, Expr][] {
  return value === fallback ? [] : [[key, json(value)]];
}

/** The panels' common data source as an expression with its plugin id, if they share one `ctx` can name. */
function sameDatasource(ctx: ImportContext, ...panels: Json[]): { value: Expr; type: string } | undefined {
  const first = panels[0]!.datasource;
  if (!panels.every((p) => jsonEqual(p.datasource, first))) return undefined;
  if (!isPlainObject(first) || (first.type !== 'prometheus' && first.type !== 'loki')) return undefined;
  const named = ctx.datasource(first);
  return named && named.kind === first.type ? { value: named.expr, type: named.kind } : undefined;
}

function firstExpr(panel: Json): string | undefined {
  const target = Array.isArray(panel.targets) ? panel.targets[0] : undefined;
  return isPlainObject(target) && typeof target.expr === 'string' ? target.expr : undefined;
}

/** `[warning, critical]` when they differ from the default, `undefined` for the default, `null` when unreadable. */
function errorThresholds(errors: Json): [number, number] | undefined | null {
  const defaults = isPlainObject(errors.fieldConfig) && isPlainObject(errors.fieldConfig.defaults) ? errors.fieldConfig.defaults : {};
  const steps = isPlainObject(defaults.thresholds) && Array.isArray(defaults.thresholds.steps) ? defaults.thresholds.steps : [];
  const [warning, critical, ...more] = steps.slice(1).map((s) => (isPlainObject(s) ? s.value : undefined));
  if (more.length > 0 || typeof warning !== 'number' || typeof critical !== 'number' || !Number.isFinite(warning) || !Number.isFinite(critical)) return null;
  return warning === 0.01 && critical === 0.05 ? undefined : [warning, critical];
}

/**
 * Splits the matchers every selector carries: the leading `label=~"$variable"` ones (distinct
 * labels, declared variables) become `variables: { datasource, matchers }`; the rest `selector`.
 */
function splitMatchers(ctx: ImportContext, matchers: readonly LabelMatcher[], ds: Expr): { variables?: Expr; selector?: Expr } {
  const leading: [string, Expr][] = [];
  for (const m of matchers) {
    const name = m.op === '=~' ? /^\$(\w+)$/.exec(m.value)?.[1] : undefined;
    const constant = name === undefined ? undefined : ctx.variables.get(name);
    if (constant === undefined || leading.some(([label]) => label === m.label)) break;
    leading.push([m.label, ref(constant)]);
  }
  const rest = matchers.slice(leading.length);
  const out: { variables?: Expr; selector?: Expr } = {};
  if (leading.length > 0)
    out.variables = object([
      ['datasource', ds],
      ['matchers', object(leading)],
    ]);
  if (rest.length > 0) out.selector = selectorExpr(ctx, rest);
  return out;
}

/** Matchers as `{ label: value }` when each label occurs once, else as a list of `{ label, op, value }`. */
function selectorExpr(ctx: ImportContext, matchers: readonly LabelMatcher[]): Expr {
  const labels = new Set(matchers.map((m) => m.label));
  if (labels.size === matchers.length && !labels.has('__proto__')) {
    return object(
      matchers.map((m): [string, Expr] => {
        const name = m.op === '=~' ? /^\$(\w+)$/.exec(m.value)?.[1] : undefined;
        const constant = name === undefined ? undefined : ctx.variables.get(name);
        if (constant !== undefined) return [m.label, ref(constant)];
        if (m.op === '=') return [m.label, ctx.text(m.value)];
        return [
          m.label,
          object([
            ['op', json(m.op)],
            ['value', ctx.text(m.value)],
          ]),
        ];
      }),
    );
  }
  return {
    kind: 'array',
    items: matchers.map((m) =>
      object([
        ['label', json(m.label)],
        ['op', json(m.op)],
        ['value', ctx.text(m.value)],
      ]),
    ),
  };
}

/** `a="x", b=~"y"` as rendered by `selector()`; undefined for anything else. */
function parseMatchers(text: string): LabelMatcher[] | undefined {
  const one = new RegExp(`^(${LABEL})(=~|!~|!=|=)(${QUOTED})(?:, |$)`);
  const out: LabelMatcher[] = [];
  let rest = text;
  while (rest !== '') {
    const m = one.exec(rest);
    const value = m ? unquote(m[3]!) : undefined;
    if (!m || value === undefined) return undefined;
    out.push({ label: m[1]!, op: m[2] as MatchOperator, value });
    rest = rest.slice(m[0].length);
  }
  return out;
}

// `quoteLabelValue` writes only JSON's escapes; anything else is not the helper's output.
function unquote(quoted: string): string | undefined {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the helper's row renders the row's panels exactly: contents, sizes and places within the row. */
function rendersAs(built: RowBuilder, header: Json, panels: readonly Json[]): boolean {
  if (built.titleText !== header.title || built.isCollapsed !== (header.collapsed === true)) return false;
  const mine: readonly AnyPanel[] = built.panels();
  if (mine.length !== panels.length) return false;
  const sizes = mine.map((p) => p.layoutSize());
  const [placed] = layoutGrid([{ row: { collapsed: built.isCollapsed }, panels: sizes }]);
  const rowY = isPlainObject(header.gridPos) && typeof header.gridPos.y === 'number' ? header.gridPos.y : undefined;
  if (rowY === undefined || !placed) return false;
  return mine.every((panel, j) => {
    const want = panels[j]!;
    const { gridPos, ...content } = normalizePanel(want);
    const at = placed.panels[j]!;
    const where = { x: at.x, y: at.y - placed.row!.y + rowY, w: at.w, h: at.h };
    if (!jsonEqual(gridPos, where)) return false;
    return jsonEqual(normalizePanel(panel.build() as Json), content);
  });
}

/** Declares (once per distinct value) `const redVariables = { datasource, matchers: { … } }`. */
function shareVariables(ctx: ImportContext, variables: Expr): Expr {
  let byKey = sharedVariables.get(ctx);
  if (!byKey) sharedVariables.set(ctx, (byKey = new Map()));
  const key = JSON.stringify(variables);
  let name = byKey.get(key);
  if (name === undefined) {
    name = ctx.names.take('redVariables', '');
    ctx.declare(name, variables);
    byKey.set(key, name);
  }
  return ref(name);
}
