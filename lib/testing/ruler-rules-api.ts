/**
 * The ruler config API's rules endpoints (list, read, create or replace, delete) over a
 * {@link RulerState}: shared by the ruler emulator and the Grafana emulator's ruler proxy.
 */
import { stringify as stringifyYaml } from 'yaml';
import { parsePromQL } from '../promql/parse.js';
import { canonicalPrometheusDuration } from '../promql/prometheus-duration.js';
import { matchPattern } from './http.js';
import { isPlainRecord } from './state.js';
import { GraftsError } from '../errors/grafts-error.js';

export type RulerFlavor = 'mimir' | 'cortex' | 'loki';

/** Where each flavor serves the ruler config API. Mimir also answers on the legacy Cortex prefix. */
export const RULER_PREFIXES: Readonly<Record<RulerFlavor, readonly string[]>> = {
  mimir: ['/prometheus/config/v1/rules', '/api/v1/rules'],
  cortex: ['/api/v1/rules'],
  loki: ['/loki/api/v1/rules'],
};

/** One rule as the ruler stores it (Prometheus `rulefmt.RuleNode`). */
export interface RulerRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** One rule group (`rulefmt.RuleGroup` plus Mimir's extensions). */
export interface RulerRuleGroup {
  name: string;
  interval?: string;
  source_tenants?: string[];
  evaluation_delay?: string;
  query_offset?: string;
  limit?: number;
  rules: RulerRule[];
}

/** tenant → namespace → group name → group (insertion order; listings sort by name). */
export class RulerState {
  readonly tenants = new Map<string, Map<string, Map<string, RulerRuleGroup>>>();

  /** The namespaces of a tenant (created on demand). */
  namespaces(tenant: string): Map<string, Map<string, RulerRuleGroup>> {
    let t = this.tenants.get(tenant);
    if (!t) {
      t = new Map();
      this.tenants.set(tenant, t);
    }
    return t;
  }

  /** The groups of one namespace, or undefined. */
  groups(tenant: string, namespace: string): Map<string, RulerRuleGroup> | undefined {
    return this.tenants.get(tenant)?.get(namespace);
  }

  /** Stores (creates or replaces) a group — arranges state without going through HTTP. */
  setGroup(tenant: string, namespace: string, group: RulerRuleGroup): void {
    const ns = this.namespaces(tenant);
    let groups = ns.get(namespace);
    if (!groups) {
      groups = new Map();
      ns.set(namespace, groups);
    }
    groups.set(group.name, structuredClone(group));
  }

  clear(): void {
    this.tenants.clear();
  }
}

/** A ruler answer: status, body text and its content type. */
export interface RulerReply {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const YAML = 'application/yaml';
const TEXT = 'text/plain; charset=utf-8';

/** A plain-text answer, as the ruler writes its errors. */
export function text(status: number, message: string): RulerReply {
  return { status, body: `${message}\n`, contentType: TEXT };
}

export function jsonReply(status: number, body: unknown): RulerReply {
  return { status, body: JSON.stringify(body), contentType: 'application/json' };
}

const ACCEPTED = jsonReply(202, { status: 'success', data: null, errorType: '', error: '' });
const NO_RULE_GROUPS = text(404, 'no rule groups found');
const GROUP_NOT_FOUND = text(404, 'group does not exist');
const NAMESPACE_NOT_FOUND = text(404, 'group namespace does not exist');
const UNDECODABLE = text(400, 'unable to decode rule group');
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A request body that is not a rule group (answered with {@link UNDECODABLE}). */
export class DecodeError extends GraftsError {
  constructor() {
    super('unable to decode rule group');
  }
}

function durationOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const normalized = typeof value === 'string' ? canonicalPrometheusDuration(value) : undefined;
  if (normalized === undefined) throw new DecodeError();
  return normalized === '0s' ? undefined : normalized;
}

function stringMapOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainRecord(value)) throw new DecodeError();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') throw new DecodeError();
    out[k] = v === null ? '' : String(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function stringOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') throw new DecodeError();
  return String(value);
}

/** Decodes a posted group into the stored shape (key order and durations as Mimir re-marshals them). */
function decodeGroup(raw: unknown): RulerRuleGroup {
  if (!isPlainRecord(raw)) throw new DecodeError();
  if (raw.rules !== undefined && raw.rules !== null && !Array.isArray(raw.rules)) throw new DecodeError();
  const group: Omit<RulerRuleGroup, 'rules'> = { name: stringOf(raw.name) };
  const rules: RulerRule[] = [];
  const interval = durationOf(raw.interval);
  if (interval) group.interval = interval;
  if (raw.source_tenants !== undefined && raw.source_tenants !== null) {
    if (!Array.isArray(raw.source_tenants)) throw new DecodeError();
    if (raw.source_tenants.length > 0) group.source_tenants = raw.source_tenants.map(stringOf);
  }
  const evaluationDelay = durationOf(raw.evaluation_delay);
  if (evaluationDelay) group.evaluation_delay = evaluationDelay;
  const queryOffset = durationOf(raw.query_offset);
  if (queryOffset) group.query_offset = queryOffset;
  if (raw.limit !== undefined && raw.limit !== null) {
    if (typeof raw.limit !== 'number' || !Number.isInteger(raw.limit)) throw new DecodeError();
    if (raw.limit !== 0) group.limit = raw.limit;
  }
  for (const r of (raw.rules as unknown[] | undefined | null) ?? []) {
    if (!isPlainRecord(r)) throw new DecodeError();
    const rule: RulerRule = { expr: '' };
    const record = stringOf(r.record);
    const alert = stringOf(r.alert);
    if (record) rule.record = record;
    if (alert) rule.alert = alert;
    rule.expr = stringOf(r.expr);
    const forDuration = durationOf(r.for);
    if (forDuration) rule.for = forDuration;
    const keepFiringFor = durationOf(r.keep_firing_for);
    if (keepFiringFor) rule.keep_firing_for = keepFiringFor;
    const labels = stringMapOf(r.labels);
    if (labels) rule.labels = labels;
    const annotations = stringMapOf(r.annotations);
    if (annotations) rule.annotations = annotations;
    // Key order as yaml.v3 writes rulefmt.RuleNode: record, alert, expr, for, keep_firing_for, labels, annotations.
    rules.push({
      ...(rule.record !== undefined ? { record: rule.record } : {}),
      ...(rule.alert !== undefined ? { alert: rule.alert } : {}),
      expr: rule.expr,
      ...(rule.for !== undefined ? { for: rule.for } : {}),
      ...(rule.keep_firing_for !== undefined ? { keep_firing_for: rule.keep_firing_for } : {}),
      ...(rule.labels !== undefined ? { labels: rule.labels } : {}),
      ...(rule.annotations !== undefined ? { annotations: rule.annotations } : {}),
    });
  }
  // Key order as yaml.v3 writes the group: name, interval, …, rules.
  return { ...group, rules };
}

/** Mimir's `ValidateRuleGroup` + Prometheus' `RuleNode.Validate`: every problem, in order. */
function validateGroup(group: RulerRuleGroup, flavor: RulerFlavor): string[] {
  const errors: string[] = [];
  if (group.name === '') errors.push('invalid rules config: rule group name must not be empty');
  group.rules.forEach((rule, i) => {
    const problems: string[] = [];
    if (rule.record && rule.alert) problems.push("only one of 'record' and 'alert' must be set");
    if (!rule.record && !rule.alert) problems.push("one of 'record' or 'alert' must be set");
    if (rule.expr.trim() === '') problems.push("field 'expr' must be set in rule");
    else if (flavor !== 'loki') {
      const error = parsePromQL(rule.expr).error;
      if (error) problems.push(`could not parse expression: 1:${error.offset + 1}: parse error: ${error.message}`);
    }
    if (rule.record) {
      if (!METRIC_NAME.test(rule.record)) problems.push(`invalid recording rule name: ${rule.record}`);
      if (rule.for) problems.push("invalid field 'for' in recording rule");
      if (rule.keep_firing_for) problems.push("invalid field 'keep_firing_for' in recording rule");
      if (rule.annotations) problems.push("invalid field 'annotations' in recording rule");
    }
    for (const p of problems) errors.push(`group "${group.name}", rule ${i + 1}, "${rule.alert ?? rule.record ?? ''}": ${p}`);
  });
  return errors;
}

function yamlReply(value: unknown): RulerReply {
  const body = stringifyYaml(value, { lineWidth: 0 });
  return { status: 200, body, contentType: YAML };
}

function byName<T>(entries: Iterable<[string, T]>): [string, T][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function listing(namespaces: Iterable<[string, Map<string, RulerRuleGroup>]>): Record<string, RulerRuleGroup[]> {
  const out: Record<string, RulerRuleGroup[]> = {};
  for (const [ns, groups] of byName(namespaces)) {
    if (groups.size === 0) continue;
    out[ns] = byName(groups.entries()).map(([, g]) => g);
  }
  return out;
}

/**
 * The ruler config API below its prefix (`rest` is `''`, `/<namespace>` or `/<namespace>/<group>`)
 * for one tenant; `decodeBody` parses the POST body (YAML on a ruler, JSON through Grafana's proxy).
 */
export function serveRules(state: RulerState, tenant: string, flavor: RulerFlavor, method: string, rest: string, decodeBody: () => unknown): RulerReply {
  const namespaces = state.tenants.get(tenant);
  const one = matchPattern('/:namespace', rest);
  const two = matchPattern('/:namespace/:group', rest);

  if (method === 'GET' || method === 'HEAD') {
    if (rest === '') {
      const all = listing(namespaces?.entries() ?? []);
      if (Object.keys(all).length === 0 && flavor === 'loki') return NO_RULE_GROUPS;
      return yamlReply(all);
    }
    if (one) {
      const groups = namespaces?.get(one.namespace!);
      const map = listing(groups ? [[one.namespace!, groups]] : []);
      if (Object.keys(map).length === 0 && flavor === 'loki') return NO_RULE_GROUPS;
      return yamlReply(map);
    }
    if (two) {
      const group = namespaces?.get(two.namespace!)?.get(two.group!);
      return group ? yamlReply(group) : GROUP_NOT_FOUND;
    }
  }
  if (method === 'POST' && one) {
    let group: RulerRuleGroup;
    try {
      group = decodeGroup(decodeBody());
    } catch {
      return UNDECODABLE;
    }
    const errors = validateGroup(group, flavor);
    if (errors.length > 0) return text(400, errors.join(', '));
    state.setGroup(tenant, one.namespace!, group);
    return ACCEPTED;
  }
  if (method === 'DELETE' && two) {
    const groups = namespaces?.get(two.namespace!);
    if (!groups?.delete(two.group!)) return GROUP_NOT_FOUND;
    if (groups.size === 0) namespaces!.delete(two.namespace!);
    return ACCEPTED;
  }
  if (method === 'DELETE' && one) {
    if (!namespaces?.delete(one.namespace!)) return NAMESPACE_NOT_FOUND;
    return ACCEPTED;
  }
  return text(405, 'method not allowed');
}
