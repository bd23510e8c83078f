import { createTwoFilesPatch } from 'diff';
import { formatKubernetesAlertingPlan, type KubernetesAlertingStep } from './targets/kubernetes/kubernetes-alerting-plan.js';
import { formatDatasourcePlan, type DatasourceStep } from '../datasources/datasource-plan.js';
import { formatGrafanaAlertingPlan, grafanaAlertingSummary, type AlertingStep } from '../alerting/grafana-alerting-plan.js';
import { escapeControl } from '../util/escape-control.js';
import { alertmanagerStepJson, formatAlertmanagerStep } from './alertmanager-format.js';
import { dashboardCounts, type DashboardCounts } from './dashboard-counts.js';
import { canonicalJson } from './normalize.js';
import { nameHunkPanels } from './panel-lines.js';
import {
  hasChanges,
  type DashboardStep,
  type DatasourceFileStep,
  type FolderStep,
  type Plan,
  type PlanStep,
  type PlanSummary,
  type ResourceKind,
  type StepAction,
} from './plan.js';
import { ruleGroupYaml, type RuleGroupStep } from './rule-plan.js';

/** Marks the PR comment `dash diff --format markdown` writes, so a workflow can find and update it. */
export const MARKDOWN_COMMENT_MARKER = '<!-- grafts-diff -->';

/** GitHub refuses comments over 65,536 characters; the markdown stays under this. */
export const MARKDOWN_SIZE_CAP = 60_000;

/** ANSI styles for the text format (identity when colour is off). */
export interface DiffPalette {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const PLAIN: DiffPalette = { bold: (t) => t, dim: (t) => t, green: (t) => t, red: (t) => t, cyan: (t) => t };

/** How much of the plan the text and markdown formats show. */
export interface PlanFormatOptions {
  /**
   * Print the whole JSON of dashboards to create. Off by default: a create shows its title,
   * folder and panel and query counts instead of hundreds of `+` lines.
   * @default false
   */
  full?: boolean;
}

/**
 * The unified diff of a dashboard step's normalised, canonical JSON (keys sorted, 2-space
 * indent): remote before, desired after. Empty when the content does not change. Each hunk
 * header names the panel the hunk changes, when it is inside one.
 *
 * @example
 * unifiedDiff(step)
 * // → '--- remote/api.json\n+++ desired/api.json\n@@ -30,3 +30,3 @@ panel "Latency"\n-      "title": "Old",\n+      "title": "Latency",\n …'
 */
export function unifiedDiff(step: DashboardStep, context = 3): string {
  const after = step.action !== 'delete' ? step.after : undefined;
  const patch = filePatch(step, 'json', step.before ? canonicalJson(step.before) : '', after ? canonicalJson(after) : '', context);
  return patch === '' ? '' : nameHunkPanels(patch, step.before, after);
}

/** `--- remote/<uid>.<ext>` / `+++ desired/<uid>.<ext>` patch of two texts; empty when equal. */
function filePatch(step: { uid: string; action: StepAction; before?: unknown }, ext: string, before: string, after: string, context: number): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    step.before ? `remote/${step.uid}.${ext}` : '/dev/null',
    step.action === 'delete' ? '/dev/null' : `desired/${step.uid}.${ext}`,
    before,
    after,
    undefined,
    undefined,
    { context },
  );
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('====='))
    .join('\n');
}

/**
 * The unified diff of a rule group step: remote before, desired after, both as YAML in canonical
 * form (PromQL normalised, so formatting never shows). Empty when nothing changes.
 *
 * @example
 * ruleGroupDiff(step)
 * // → '--- remote/node/node-exporter.yaml\n+++ desired/node/node-exporter.yaml\n@@ … @@\n-    for: 5m\n+    for: 10m\n …'
 */
export function ruleGroupDiff(step: RuleGroupStep, context = 3): string {
  const before = step.before ? ruleGroupYaml(step.before) : '';
  const after = step.after && step.action !== 'delete' ? ruleGroupYaml(step.after) : '';
  return filePatch(step, 'yaml', before, after, context);
}

/** Whether a step is a dashboard create shown in short form (counts instead of its JSON). */
function isShortCreate(step: PlanStep, options: PlanFormatOptions): boolean {
  return step.kind === 'Dashboard' && step.action === 'create' && step.before === undefined && step.after !== undefined && options.full !== true;
}

/** The diff a step shows: dashboards' JSON, rule groups' YAML; none for folders and moves. */
function stepDiff(step: PlanStep, options: PlanFormatOptions = {}): string {
  if (step.action === 'unchanged' || step.action === 'move') return '';
  if (isShortCreate(step, options)) return '';
  if (step.kind === 'Dashboard') return unifiedDiff(step);
  if (step.kind === 'RuleGroup') return ruleGroupDiff(step);
  return '';
}

const KIND_LABEL: Record<ResourceKind, string> = { Folder: 'folder', Dashboard: 'dashboard', RuleGroup: 'rule group' };

function folderLabel(uid: string | undefined): string {
  return uid === undefined ? 'root' : `"${uid}"`;
}

const SIGN: Record<StepAction, string> = { create: '+', update: '~', move: '→', delete: '-', unchanged: '=', conflict: '!' };

function headline(step: PlanStep, options: PlanFormatOptions = {}): string {
  const what = step.kind === 'RuleGroup' ? `rule group ${step.uid}` : `${KIND_LABEL[step.kind]} ${step.uid} "${step.title}"`;
  const details: string[] = [];
  if (step.kind === 'Folder') {
    if (step.changes && step.changes.length > 0) details.push(step.changes.join(', '));
    if (step.action === 'create' && step.desired?.parentUid !== undefined) details.push(`in ${folderLabel(step.desired.parentUid)}`);
  } else if (step.kind === 'RuleGroup') {
    if (step.changes && step.changes.length > 0) details.push(step.changes.join(', '));
    if (step.action === 'create') details.push(`${step.after?.rules.length ?? 0} rule${step.after?.rules.length === 1 ? '' : 's'}`);
  } else {
    if (step.moved) details.push(`folder ${folderLabel(step.fromFolderUid)} → ${folderLabel(step.folderUid)}`);
    if (step.action === 'create') details.push(`in ${folderLabel(step.folderUid)}`);
    if (isShortCreate(step, options)) details.push(countsLabel(step.after!));
  }
  if (step.reason && step.action !== 'conflict') details.push(step.reason);
  const verb = step.action === 'conflict' ? `conflict: ${step.reason ?? ''}` : step.action;
  return `${SIGN[step.action]} ${what}: ${verb}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
}

/** `3 panels, 1 query` */
function countsLabel(dashboard: Readonly<Record<string, unknown>>): string {
  const { panels, queries } = dashboardCounts(dashboard);
  return `${panels} panel${panels === 1 ? '' : 's'}, ${queries} quer${queries === 1 ? 'y' : 'ies'}`;
}

/** `2 to create, 1 to update, …` */
export function summaryLine(summary: PlanSummary): string {
  return [
    `${summary.create} to create`,
    `${summary.update} to update`,
    `${summary.move} to move`,
    `${summary.delete} to delete`,
    `${summary.unchanged} unchanged`,
    `${summary.conflict} conflict${summary.conflict === 1 ? '' : 's'}`,
  ].join(', ');
}

/**
 * The plan as text for a terminal: one headline per changed resource (unchanged ones are only
 * counted), each dashboard's unified diff coloured (a dashboard to create: its panel and query
 * counts, unless `options.full`), and a summary line.
 *
 * @example
 * formatPlanText(p, 'grafana https://grafana.example.com', palette(false))
 * // + dashboard db "DB": create (in "infra"; 4 panels, 6 queries)
 * // ~ dashboard api "API": update
 * // --- remote/api.json
 * // +++ desired/api.json
 * // @@ -30,3 +30,3 @@ panel "Latency" …
 * // Plan for grafana https://grafana.example.com: 1 to create, 1 to update, 0 to move, 0 to delete, 4 unchanged, 0 conflicts
 */
export function formatPlanText(p: Plan, target: string, color: DiffPalette = PLAIN, options: PlanFormatOptions = {}): string {
  const out: string[] = [];
  const datasourceLines = formatDatasourcePlan((p.datasources ?? []).filter((s) => s.action !== 'unchanged'));
  const file = p.datasourceFile;
  if (file && file.action !== 'unchanged') datasourceLines.unshift(datasourceFileLine(file));
  const alertingLines = [
    ...(p.grafanaAlerting ? formatGrafanaAlertingPlan(p.grafanaAlerting) : []),
    ...(p.kubernetesAlerting ? formatKubernetesAlertingPlan(p.kubernetesAlerting) : []),
  ];
  for (const line of [...datasourceLines, ...alertingLines]) {
    const sign = line.trimStart()[0];
    out.push(
      sign === '+'
        ? color.green(escapeControl(line))
        : sign === '~'
          ? color.bold(escapeControl(line))
          : sign === '-' || sign === '!'
            ? color.red(escapeControl(line))
            : escapeControl(line),
    );
  }
  for (const step of p.steps) {
    if (step.action === 'unchanged') continue;
    const line = escapeControl(headline(step, options));
    const styled = step.action === 'create' ? color.green(line) : step.action === 'delete' || step.action === 'conflict' ? color.red(line) : color.bold(line);
    out.push(styled);
    const patch = escapeControlLines(stepDiff(step, options));
    if (patch !== '') out.push(colorPatch(patch, color).trimEnd());
  }
  // A configuration to create shows its routes; its whole YAML only with --full, like a dashboard.
  const [amHead, ...amRest] = formatAlertmanagerStep(p.alertmanager, options.full === true || p.alertmanager?.action !== 'create');
  if (amHead !== undefined)
    out.push(
      p.alertmanager?.action === 'conflict' || p.alertmanager?.action === 'delete' ? color.red(amHead) : color.bold(amHead),
      ...(amRest.length > 0 ? [colorPatch(amRest.join('\n'), color)] : []),
    );
  if (p.orphans.length > 0) {
    out.push(
      color.dim(
        escapeControl(
          `${p.orphans.length} managed resource${p.orphans.length === 1 ? '' : 's'} no longer in the code (deleted with --prune): ${p.orphans.map((o) => `${KIND_LABEL[o.kind]} ${o.uid}`).join(', ')}`,
        ),
      ),
    );
  }
  for (const note of p.notes ?? []) out.push(color.dim(`note: ${escapeControl(note)}`));
  out.push(
    `${color.bold(`Plan for ${escapeControl(target)}:`)} ${summaryLine(p.summary)}${p.datasources ? `; data sources: ${datasourceSummary(p.datasources)}` : ''}${file ? `; ${file.path}: ${file.action}` : ''}${p.alertmanager ? `; alertmanager config: ${p.alertmanager.action}` : ''}${p.grafanaAlerting ? `; alerting: ${grafanaAlertingSummary(p.grafanaAlerting)}` : ''}`,
  );
  return `${out.join('\n')}\n`;
}

function colorPatch(patch: string, color: DiffPalette): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return color.bold(line);
      if (line.startsWith('@@')) return color.cyan(line);
      if (line.startsWith('+')) return color.green(line);
      if (line.startsWith('-')) return color.red(line);
      return line;
    })
    .join('\n');
}

/**
 * The plan as a GitHub-flavoured markdown PR comment: a hidden marker
 * ({@link MARKDOWN_COMMENT_MARKER}), a summary table, one collapsed `<details>` per changed
 * resource with a ```` ```diff ```` block (none for a dashboard to create, whose counts are
 * shown instead, unless `options.full`), capped at `cap` characters (the rest is listed by
 * name, with a note).
 */
export function formatPlanMarkdown(p: Plan, target: string, cap = MARKDOWN_SIZE_CAP, options: PlanFormatOptions = {}): string {
  const head: string[] = [MARKDOWN_COMMENT_MARKER, `### grafts diff — \`${escapeCode(target)}\``, ''];
  const changed = p.steps.filter((s) => s.action !== 'unchanged');
  if (!hasChanges(p)) {
    head.push(`No changes: ${p.summary.unchanged} resource${p.summary.unchanged === 1 ? '' : 's'} up to date.`);
  }
  head.push('| | Folders | Dashboards | Rule groups |', '|---|---:|---:|---:|');
  const actions: [StepAction, string][] = [
    ['create', 'create'],
    ['update', 'update'],
    ['move', 'move'],
    ['delete', 'delete'],
    ['conflict', 'conflict'],
    ['unchanged', 'unchanged'],
  ];
  for (const [action, label] of actions) {
    const folders = p.steps.filter((s) => s.kind === 'Folder' && s.action === action).length;
    const dashboards = p.steps.filter((s) => s.kind === 'Dashboard' && s.action === action).length;
    const ruleGroups = p.steps.filter((s) => s.kind === 'RuleGroup' && s.action === action).length;
    head.push(`| ${SIGN[action]} ${label} | ${folders} | ${dashboards} | ${ruleGroups} |`);
  }
  head.push('');
  if (p.datasourceFile && p.datasourceFile.action !== 'unchanged') head.push(`\`${escapeCode(datasourceFileLine(p.datasourceFile))}\``, '');
  if (p.kubernetesAlerting) for (const line of formatKubernetesAlertingPlan(p.kubernetesAlerting)) head.push(`\`${escapeCode(line.trim())}\``, '');
  if (p.datasources) {
    head.push(`Data sources: ${datasourceSummary(p.datasources)}.`, '');
    for (const line of formatDatasourcePlan(p.datasources.filter((s) => s.action !== 'unchanged'))) head.push(`- \`${escapeCode(line)}\``);
    if (p.datasources.some((s) => s.action !== 'unchanged')) head.push('');
  }
  const am = formatAlertmanagerStep(p.alertmanager, true);
  if (am.length > 0)
    head.push(
      '<details>',
      `<summary>${escapeHtml(am[0] ?? '')}</summary>`,
      '',
      '```diff',
      ...am.slice(1).map((l) => l.replace(/```/g, '`\u200b``')),
      '```',
      '',
      '</details>',
      '',
    );
  if (p.grafanaAlerting) {
    head.push(`Alerting: ${grafanaAlertingSummary(p.grafanaAlerting)}.`, '');
    const lines = formatGrafanaAlertingPlan(p.grafanaAlerting);
    if (lines.length > 0) head.push('```diff', ...lines.map((l) => escapeControl(l.replace(/^ {4}/, '  ')).replace(/```/g, "'''")), '```', '');
  }
  for (const note of p.notes ?? []) head.push(`> ${escapeHtml(note)}`, '');
  if (p.orphans.length > 0) {
    head.push(
      `${p.orphans.length} managed resource${p.orphans.length === 1 ? '' : 's'} no longer in the code would be deleted with \`--prune\`: ${p.orphans.map((o) => `\`${escapeCode(o.uid)}\``).join(', ')}.`,
      '',
    );
  }
  const blocks: string[] = [];
  let size = head.join('\n').length;
  const omitted: PlanStep[] = [];
  for (const step of changed) {
    const block = markdownBlock(step, options);
    if (size + block.length + 400 > cap) {
      omitted.push(step);
      continue;
    }
    blocks.push(block);
    size += block.length + 1;
  }
  const tail: string[] = [];
  if (omitted.length > 0) {
    tail.push(
      `> **Note:** ${omitted.length} more change${omitted.length === 1 ? ' is' : 's are'} not shown (this comment is capped at ${cap.toLocaleString('en-US')} characters); run \`dash diff\` locally to see ${omitted.length === 1 ? 'it' : 'them all'}: ` +
        omitted
          .map((s) => `${s.action} \`${escapeCode(s.uid)}\``)
          .join(', ')
          .slice(0, 300),
    );
  }
  return `${[...head, ...blocks, ...tail].join('\n').trimEnd()}\n`;
}

function markdownBlock(step: PlanStep, options: PlanFormatOptions): string {
  const summary = `${SIGN[step.action]} ${step.action} ${KIND_LABEL[step.kind]} <code>${escapeHtml(step.uid)}</code> — ${escapeHtml(step.title)}`;
  const lines: string[] = ['<details>', `<summary>${summary}</summary>`, ''];
  const notes = headline(step, options).replace(/^\S+ /, '');
  lines.push(escapeHtml(notes), '');
  const patch = escapeControlLines(stepDiff(step, options));
  if (patch !== '') lines.push('```diff', patch.replace(/```/g, '`\u200b``').trimEnd(), '```', '');
  lines.push('</details>', '');
  return lines.join('\n');
}

/** Escapes control characters line by line, keeping the line breaks (a unified diff). */
function escapeControlLines(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}

function escapeHtml(text: string): string {
  return escapeControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeCode(text: string): string {
  return escapeControl(text).replace(/`/g, "'");
}

/** A step as `dash diff --format json` prints it. */
export interface PlanStepJson {
  kind: ResourceKind;
  action: StepAction;
  uid: string;
  title: string;
  folderUid?: string;
  fromFolderUid?: string;
  parentUid?: string;
  /** Rule groups: the namespace (ruler namespace, rule file, or Grafana folder uid). */
  namespace?: string;
  changes?: string[];
  reason?: string;
  forced?: boolean;
  /** Dashboards to create or update: panels and queries of the desired dashboard. */
  counts?: DashboardCounts;
  /**
   * Unified diff of the normalised JSON (dashboards) or canonical YAML (rule groups) when the
   * content changes; always whole, also for creates. Hunk headers name the panel they change.
   */
  diff?: string;
}

/** The plan as `dash diff --format json` prints it. */
export interface PlanJson {
  target: string;
  prune: boolean;
  force: boolean;
  changes: boolean;
  summary: PlanSummary;
  orphans: { kind: ResourceKind; uid: string; title: string }[];
  /** What the plan left out on purpose, and why. */
  notes: string[];
  steps: PlanStepJson[];
  /** The data source steps (secrets by key only), when the project declares data sources on a Grafana target. */
  datasources?: DatasourceStepJson[];
  /** The data source provisioning file of a file target, when the project declares data sources. */
  datasourceFile?: { path: string; action: DatasourceFileStep['action']; count: number };
  /** The Alertmanager configuration step (`destination`, `action`, `changes`, `reason`, `diff`; secrets redacted), when one is planned. */
  alertmanager?: Record<string, unknown>;
  /** grafana-operator alerting objects of a Kubernetes target (kind, name, action; never settings). */
  kubernetesAlerting?: { steps: { kind: string; name: string; action: KubernetesAlertingStep['action'] }[]; orphans: { kind: string; name: string }[] };
  /** Contact points, policy tree, mute timings and templates on a Grafana target (setting names, never values). */
  alerting?: { steps: AlertingStep[]; orphans: { kind: string; name: string }[]; writes: number; provenance: 'api' | 'none' };
}

/** One data source step as JSON. */
export interface DatasourceStepJson {
  uid: string;
  action: DatasourceStep['action'];
  /** Settings that differ (`update`), `secureJsonData.<key>` for secrets sent. */
  changes?: string[];
  /** Secret keys sent (`create`, `update`), never their values. */
  secrets?: string[];
  reason?: string;
}

/**
 * Counts of a data source plan, for summary lines.
 *
 * @example
 * datasourceSummary(steps) // → '1 to create, 0 to update, 0 to delete, 3 unchanged, 0 conflicts'
 */
export function datasourceSummary(steps: readonly DatasourceStep[]): string {
  const n = (a: DatasourceStep['action']) => steps.filter((s) => s.action === a).length;
  return `${n('create')} to create, ${n('update')} to update, ${n('delete')} to delete, ${n('unchanged')} unchanged, ${n('conflict')} conflict${n('conflict') === 1 ? '' : 's'}`;
}

/** `+ file provisioning/datasources/grafts.yaml (4 data sources)`. */
function datasourceFileLine(file: DatasourceFileStep): string {
  return `${file.action === 'create' ? '+' : '~'} file ${file.path} (${file.count} data source${file.count === 1 ? '' : 's'})`;
}

function datasourceJson(s: DatasourceStep): DatasourceStepJson {
  return {
    uid: s.uid,
    action: s.action,
    ...(s.action === 'update' && { changes: [...s.changes] }),
    ...((s.action === 'create' || s.action === 'update') && { secrets: [...s.secrets] }),
    ...(s.action === 'conflict' && { reason: s.reason }),
  };
}

/** The plan as plain JSON data (every step, unchanged ones included). */
export function planToJson(p: Plan, target: string): PlanJson {
  return {
    target,
    prune: p.prune,
    force: p.force,
    changes: hasChanges(p),
    summary: { ...p.summary },
    orphans: p.orphans.map((o) => ({ ...o })),
    notes: [...(p.notes ?? [])],
    steps: p.steps.map((s) => (s.kind === 'Folder' ? folderJson(s) : s.kind === 'Dashboard' ? dashboardJson(s) : ruleGroupJson(s))),
    ...(p.datasources && { datasources: p.datasources.map(datasourceJson) }),
    ...(p.datasourceFile && { datasourceFile: { path: p.datasourceFile.path, action: p.datasourceFile.action, count: p.datasourceFile.count } }),
    ...(p.alertmanager && { alertmanager: alertmanagerStepJson(p.alertmanager) }),
    ...(p.kubernetesAlerting && {
      kubernetesAlerting: {
        steps: p.kubernetesAlerting.steps.map((st) => ({ kind: st.kind, name: st.name, action: st.action })),
        orphans: p.kubernetesAlerting.orphans.map((o) => ({ ...o })),
      },
    }),
    ...(p.grafanaAlerting && {
      alerting: {
        steps: p.grafanaAlerting.steps.map((st) => ({ ...st, ...(st.changes && { changes: [...st.changes] }) })),
        orphans: p.grafanaAlerting.orphans.map((o) => ({ ...o })),
        writes: p.grafanaAlerting.writes.length,
        provenance: p.grafanaAlerting.provenance,
      },
    }),
  };
}

function folderJson(s: FolderStep): PlanStepJson {
  const parentUid = s.desired?.parentUid ?? s.remote?.parentUid;
  return {
    kind: s.kind,
    action: s.action,
    uid: s.uid,
    title: s.title,
    ...(parentUid !== undefined && { parentUid }),
    ...(s.changes && { changes: [...s.changes] }),
    ...(s.reason !== undefined && { reason: s.reason }),
    ...(s.forced && { forced: true }),
  };
}

function dashboardJson(s: DashboardStep): PlanStepJson {
  const diff = s.action === 'unchanged' || s.action === 'move' ? '' : unifiedDiff(s);
  return {
    kind: s.kind,
    action: s.action,
    uid: s.uid,
    title: s.title,
    ...(s.action !== 'delete' && s.folderUid !== undefined && { folderUid: s.folderUid }),
    ...((s.moved || s.action === 'delete') && s.fromFolderUid !== undefined && { fromFolderUid: s.fromFolderUid }),
    ...(s.reason !== undefined && { reason: s.reason }),
    ...(s.forced && { forced: true }),
    ...((s.action === 'create' || s.action === 'update') && s.after !== undefined && { counts: dashboardCounts(s.after) }),
    ...(diff !== '' && { diff }),
  };
}

function ruleGroupJson(s: RuleGroupStep): PlanStepJson {
  const diff = stepDiff(s);
  return {
    kind: s.kind,
    action: s.action,
    uid: s.uid,
    title: s.title,
    namespace: s.namespace,
    ...(s.changes && { changes: [...s.changes] }),
    ...(s.reason !== undefined && { reason: s.reason }),
    ...(s.forced && { forced: true }),
    ...(diff !== '' && { diff }),
  };
}
