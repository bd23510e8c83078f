/**
 * Read-only views of lint inputs: dashboards with their panels, targets and variables resolved
 * once, and rule files with their groups and rules. Rules work on these views rather than on raw
 * JSON, so each of them does not re-implement the walk over rows, legacy `rows[]` and data source
 * references.
 */
import { classicViewOfV2 } from './v2-classic-view.js';
import { v2SpecOfJson } from '../render/v2/v2-spec-of-json.js';
import { parseLogQL, type ParsedQuery } from '../logql/parse-logql.js';
import { parseTraceQL } from '../logql/parse-traceql.js';
import { parsePromQL, type ParsedPromQL } from '../promql/parse.js';
import { variableName } from '../promql/variables.js';
import { PROMQL_PLUGINS } from '../model/queries/query-shape.js';
import type { LintLocation, RuleFinding } from './types.js';

type Json = Record<string, unknown>;

/** Data source plugin ids that speak PromQL. */
const PROMQL_TYPES = new Set(PROMQL_PLUGINS);

/** How a panel or target picks its data source. */
export type DatasourceUse =
  /** Nothing set: Grafana falls back to its default data source. */
  | { kind: 'none' }
  /** `$name` / `${name}`: a template variable (`known`: the dashboard defines a data source variable of that name). */
  | { kind: 'variable'; name: string; type: string | undefined; known: boolean; importInput: boolean }
  /** `-- Mixed --`, `-- Grafana --`, `-- Dashboard --`, server-side expressions. */
  | { kind: 'builtin'; which: 'mixed' | 'grafana' | 'dashboard' | 'expression' }
  /** A hard-coded uid or (legacy) data source name. */
  | { kind: 'fixed'; uid: string; type: string | undefined };

/** Query language of a target, when grafts can lint it. */
export type QueryLanguage = 'promql' | 'logql' | 'traceql';

export interface TargetView {
  readonly json: Json;
  readonly index: number;
  /** refId, or `#<index>` without one. */
  readonly name: string;
  readonly datasource: DatasourceUse;
  /** The query text (`expr`; a Tempo TraceQL target's `query`), when it is a non-empty string. */
  readonly expr: string | undefined;
  readonly language: QueryLanguage | undefined;
  /** The parsed PromQL (cached); only for `language === 'promql'`. */
  promql(): ParsedPromQL;
  /** The LogQL or TraceQL parsed with Grafana's grammar (cached); only for those languages. */
  grammar(): ParsedQuery;
}

export interface PanelView {
  readonly json: Json;
  readonly type: string;
  readonly title: string;
  readonly id: number | undefined;
  readonly datasource: DatasourceUse;
  readonly targets: readonly TargetView[];
}

export interface VariableView {
  readonly json: Json;
  readonly name: string;
  readonly type: string;
}

export interface DashboardView {
  readonly source: string;
  readonly json: Json;
  /** Read from a JSON file (fixable), not rendered from TypeScript. */
  readonly fromJson: boolean;
  readonly title: string;
  readonly uid: string | undefined;
  /** The schema v2 spec, when the dashboard is v2 (`json` is then its classic-shaped copy). */
  readonly v2Spec?: Json;
  readonly variables: readonly VariableView[];
  /** Variables of type `datasource`. */
  readonly datasourceVariables: readonly VariableView[];
  /** Every panel except rows, in document order (nested and legacy `rows[]` panels included). */
  readonly panels: readonly PanelView[];
  /** Every panel including rows (for id checks). */
  readonly allPanels: readonly PanelView[];
  location(panel?: PanelView, target?: TargetView): LintLocation;
}

export interface RuleView {
  readonly json: Json;
  readonly index: number;
  readonly alert: string | undefined;
  readonly record: string | undefined;
  readonly expr: string | undefined;
  readonly labels: Json;
  readonly annotations: Json;
  /** The file's language (see {@link RuleFileView.language}). */
  readonly language: 'promql' | 'logql';
  promql(): ParsedPromQL;
  /** The expression parsed as LogQL (cached); meaningful when `language === 'logql'`. */
  logql(): ParsedQuery;
}

export interface RuleGroupView {
  readonly name: string;
  readonly rules: readonly RuleView[];
}

export interface RuleFileView {
  readonly source: string;
  readonly doc: unknown;
  /**
   * `logql` for a Loki ruler's rule file: one whose expressions use LogQL-only syntax (a line
   * filter or parser after a stream selector), or that parse as LogQL and not as PromQL.
   * Loki and Prometheus rule files have the same shape, so the expressions decide.
   */
  readonly language: 'promql' | 'logql';
  readonly groups: readonly RuleGroupView[];
  /** Problems with the file's shape (not a list of groups, a rule without expr, …). */
  readonly shapeProblems: readonly { message: string; group?: string; alert?: string }[];
}

/** What every rule's `check` receives. */
export interface LintInputs {
  readonly dashboards: readonly DashboardView[];
  readonly ruleFiles: readonly RuleFileView[];
}

/** Builds the views of {@link LintInputs} from raw inputs. */
export function lintInputs(inputs: {
  dashboards: readonly { source: string; json: Json; fromJson?: boolean }[];
  ruleFiles: readonly { source: string; doc: unknown }[];
}): LintInputs {
  return {
    dashboards: inputs.dashboards.map((d) => dashboardView(d.source, d.json, d.fromJson ?? true)),
    ruleFiles: inputs.ruleFiles.map((f) => ruleFileView(f.source, f.doc)),
  };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function dashboardView(source: string, original: Json, fromJsonFile: boolean): DashboardView {
  // Schema v2 is read through a classic-shaped copy; fixes never write it back (the file is v2).
  const v2 = classicViewOfV2(original);
  const json = v2 ?? original;
  const fromJson = fromJsonFile && v2 === undefined;
  const templating = isRecord(json['templating']) ? json['templating']['list'] : undefined;
  const variables: VariableView[] = (Array.isArray(templating) ? templating : []).filter(isRecord).map((v) => ({
    json: v,
    name: str(v['name']) ?? '',
    type: str(v['type']) ?? '',
  }));
  const datasourceVariables = variables.filter((v) => v.type === 'datasource');
  const inputs = new Set((Array.isArray(json['__inputs']) ? json['__inputs'] : []).filter(isRecord).map((i) => str(i['name']) ?? ''));
  const resolve = (ref: unknown): DatasourceUse => resolveDatasource(ref, datasourceVariables, inputs);

  const allPanels: PanelView[] = [];
  const visit = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const p of list) {
      if (!isRecord(p)) continue;
      allPanels.push(panelView(p, resolve));
      if (Array.isArray(p['panels'])) visit(p['panels']);
    }
  };
  visit(json['panels']);
  if (Array.isArray(json['rows'])) for (const row of json['rows']) if (isRecord(row)) visit(row['panels']);
  const title = str(json['title']) ?? '';
  const uid = str(json['uid']);

  return {
    source,
    json,
    fromJson,
    title,
    uid,
    ...(v2 !== undefined && { v2Spec: v2SpecOfJson(original) }),
    variables,
    datasourceVariables,
    panels: allPanels.filter((p) => p.type !== 'row'),
    allPanels,
    location(panel, target) {
      return {
        dashboard: title || '(untitled)',
        ...(uid !== undefined && { uid }),
        ...(panel && { panel: panel.title || '(untitled)' }),
        ...(panel?.id !== undefined && { panelId: panel.id }),
        ...(target && { target: target.name }),
      };
    },
  };
}

function panelView(p: Json, resolve: (ref: unknown) => DatasourceUse): PanelView {
  const datasource = resolve(p['datasource']);
  const rawTargets = Array.isArray(p['targets']) ? p['targets'] : [];
  const targets = rawTargets.filter(isRecord).map((t, index) => targetView(t, index, datasource, resolve));
  return {
    json: p,
    type: str(p['type']) ?? '',
    title: str(p['title']) ?? '',
    id: typeof p['id'] === 'number' ? p['id'] : undefined,
    datasource,
    targets,
  };
}

function targetView(t: Json, index: number, panelDatasource: DatasourceUse, resolve: (ref: unknown) => DatasourceUse): TargetView {
  const own = t['datasource'] === undefined || t['datasource'] === null ? undefined : resolve(t['datasource']);
  const datasource = own ?? (panelDatasource.kind === 'builtin' && panelDatasource.which === 'mixed' ? { kind: 'none' as const } : panelDatasource);
  // Tempo keeps TraceQL in `query`; its other query types (trace id, search form, service map) are not TraceQL
  const traceql = datasourceType(datasource) === 'tempo' && (t['queryType'] === undefined || t['queryType'] === 'traceql');
  const raw = str(traceql ? t['query'] : t['expr']);
  const expr = raw !== undefined && raw.trim() !== '' ? raw : undefined;
  const language = expr === undefined ? undefined : traceql ? 'traceql' : languageOf(datasource, expr);
  let parsed: ParsedPromQL | undefined;
  let grammar: ParsedQuery | undefined;
  return {
    json: t,
    index,
    name: str(t['refId']) || `#${index + 1}`,
    datasource,
    expr,
    language,
    promql() {
      parsed ??= parsePromQL(expr ?? '');
      return parsed;
    },
    grammar() {
      grammar ??= language === 'traceql' ? parseTraceQL(expr ?? '') : parseLogQL(expr ?? '');
      return grammar;
    },
  };
}

function datasourceType(ds: DatasourceUse): string | undefined {
  return ds.kind === 'variable' || ds.kind === 'fixed' ? ds.type : undefined;
}

/** Constructs only LogQL has: line filters, parsers and formatting stages. */
export const LOGQL_HINT = /\|[=~]|!~\s*"|\|\s*(?:json|logfmt|regexp|pattern|unpack|line_format|label_format|unwrap|drop|keep|decolorize)\b/;

function languageOf(ds: DatasourceUse, expr: string): QueryLanguage | undefined {
  if (ds.kind === 'builtin') return undefined;
  let type = datasourceType(ds);
  if (type === undefined && ds.kind === 'fixed') {
    if (/loki/i.test(ds.uid)) type = 'loki';
    else if (/prom|mimir|cortex|thanos/i.test(ds.uid)) type = 'prometheus';
  }
  if (type === undefined) return LOGQL_HINT.test(expr) && /^\s*(?:\w+\s*\(\s*)*\{/.test(expr) ? 'logql' : 'promql';
  if (type === 'loki') return 'logql';
  return PROMQL_TYPES.has(type) ? 'promql' : undefined;
}

/** Resolves a `datasource` reference (string or `{ type, uid }`). */
export function resolveDatasource(ref: unknown, datasourceVariables: readonly VariableView[], inputs: ReadonlySet<string> = new Set()): DatasourceUse {
  if (ref === undefined || ref === null) return { kind: 'none' };
  let uid: string | undefined;
  let type: string | undefined;
  if (typeof ref === 'string') uid = ref;
  else if (isRecord(ref)) {
    uid = str(ref['uid']);
    type = str(ref['type']);
  }
  if (type === '__expr__' || uid === '__expr__') return { kind: 'builtin', which: 'expression' };
  if (uid === '-- Mixed --' || type === 'mixed') return { kind: 'builtin', which: 'mixed' };
  if (uid === '-- Dashboard --' || type === 'dashboard') return { kind: 'builtin', which: 'dashboard' };
  if (uid === '-- Grafana --' || uid === 'grafana' || type === 'grafana') return { kind: 'builtin', which: 'grafana' };
  if (uid === undefined || uid === '') return type === undefined ? { kind: 'none' } : { kind: 'fixed', uid: '', type };
  const name = variableName(uid);
  if (name !== undefined) {
    const variable = datasourceVariables.find((v) => v.name === name);
    const query = variable ? str(variable.json['query']) : undefined;
    return { kind: 'variable', name, type: query || type, known: variable !== undefined, importInput: inputs.has(name) };
  }
  return { kind: 'fixed', uid, type };
}

/** A stream selector followed by a pipeline stage: LogQL, never PromQL. */
const LOGQL_PIPELINE = /\}\s*(?:\|[=~>]|!=\s*["`]|!~\s*["`]|\|\s*(?:json|logfmt|regexp|pattern|unpack|line_format|label_format|unwrap|drop|keep|decolorize)\b)/;

/** Whether rule expressions are LogQL (see {@link RuleFileView.language}). */
function rulesLanguage(exprs: readonly string[]): 'promql' | 'logql' {
  if (exprs.some((e) => LOGQL_PIPELINE.test(e))) return 'logql';
  return exprs.some((e) => parsePromQL(e).error !== undefined && parseLogQL(e).error === undefined) ? 'logql' : 'promql';
}

export function ruleFileView(source: string, doc: unknown): RuleFileView {
  const shapeProblems: { message: string; group?: string; alert?: string }[] = [];
  const groups: RuleGroupView[] = [];
  const rawGroups = isRecord(doc) ? doc['groups'] : undefined;
  const language = rulesLanguage(ruleExprs(rawGroups));
  if (!Array.isArray(rawGroups)) {
    shapeProblems.push({ message: '"groups" must be a list of rule groups' });
  } else {
    rawGroups.forEach((g, gi) => {
      if (!isRecord(g)) {
        shapeProblems.push({ message: `group #${gi + 1} is not a mapping` });
        return;
      }
      const name = str(g['name']) ?? `#${gi + 1}`;
      if (str(g['name']) === undefined) shapeProblems.push({ message: `group #${gi + 1} has no name`, group: name });
      const rawRules = g['rules'];
      if (!Array.isArray(rawRules)) {
        shapeProblems.push({ message: '"rules" must be a list', group: name });
        groups.push({ name, rules: [] });
        return;
      }
      const rules: RuleView[] = [];
      rawRules.forEach((r, index) => {
        if (!isRecord(r)) {
          shapeProblems.push({ message: `rule #${index + 1} is not a mapping`, group: name });
          return;
        }
        const alert = str(r['alert']);
        const record = str(r['record']);
        const rawExpr = r['expr'];
        const expr = typeof rawExpr === 'string' ? rawExpr : typeof rawExpr === 'number' ? String(rawExpr) : undefined;
        const label = alert ?? record ?? `#${index + 1}`;
        if (alert === undefined && record === undefined) shapeProblems.push({ message: `rule #${index + 1} has neither "alert" nor "record"`, group: name });
        if (expr === undefined || expr.trim() === '') shapeProblems.push({ message: 'no "expr"', group: name, alert: label });
        let parsed: ParsedPromQL | undefined;
        let logql: ParsedQuery | undefined;
        rules.push({
          json: r,
          index,
          alert,
          record,
          expr,
          labels: isRecord(r['labels']) ? r['labels'] : {},
          annotations: isRecord(r['annotations']) ? r['annotations'] : {},
          language,
          promql() {
            parsed ??= parsePromQL(expr ?? '');
            return parsed;
          },
          logql() {
            logql ??= parseLogQL(expr ?? '');
            return logql;
          },
        });
      });
      groups.push({ name, rules });
    });
  }
  return { source, doc, language, groups, shapeProblems };
}

/** The non-empty string expressions of a rule file's rules, read as loosely as the views are. */
function ruleExprs(rawGroups: unknown): string[] {
  if (!Array.isArray(rawGroups)) return [];
  return rawGroups.flatMap((g) =>
    isRecord(g) && Array.isArray(g['rules'])
      ? g['rules'].flatMap((r) => (isRecord(r) && typeof r['expr'] === 'string' && r['expr'].trim() !== '' ? [r['expr']] : []))
      : [],
  );
}

/** `{ group, alert }` of a rule, for findings. */
export function ruleLocation(group: RuleGroupView, rule: RuleView): LintLocation {
  return { group: group.name, alert: rule.alert ?? rule.record ?? `#${rule.index + 1}` };
}

/**
 * One finding per alerting rule of the inputs for which `problem` returns a message: the loop
 * every alert convention rule shares.
 *
 * @example
 * checkAlerts(ctx, (rule) => (rule.labels['severity'] ? undefined : 'no severity label'))
 */
export function checkAlerts(ctx: LintInputs, problem: (rule: RuleView & { alert: string }) => string | undefined): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const file of ctx.ruleFiles) {
    for (const group of file.groups) {
      for (const rule of group.rules) {
        if (rule.alert === undefined) continue;
        const message = problem(rule as RuleView & { alert: string });
        if (message !== undefined) findings.push({ source: file.source, location: ruleLocation(group, rule), message });
      }
    }
  }
  return findings;
}
