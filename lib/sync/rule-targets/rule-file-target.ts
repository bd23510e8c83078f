import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { toYaml } from '../../render/to-yaml.js';
import type { RuleFileJson, RuleGroupJson } from '../../mixin/rule-group.js';
import { parsePromQL } from '../../promql/parse.js';
import { displayUrl } from '../../util/redact.js';
import type { RemoteRuleGroup, RuleSyncTarget } from '../rule-resources.js';
import { GraftsError } from '../../errors/grafts-error.js';

/** First line of every rule file grafts writes: its managed marker (only marked files are pruned). */
export const RULE_FILE_MARKER = '# Managed by grafts: changes made here are replaced on the next apply.';

/** Options of {@link RuleFileTarget}. */
export interface RuleFileTargetOptions {
  /** Folder of the rule files: one `<namespace>.yaml` per namespace. */
  dir: string;
  /** Target name, for messages. @default 'rule-files' */
  name?: string;
  /**
   * Prometheus loading these files (its `rule_files` must match `<dir>/*.yaml`, and it must run
   * with `--web.enable-lifecycle`). When set, {@link RuleFileTarget.finish} reloads it and checks
   * that every group is loaded and every rule evaluates without error.
   */
  prometheusUrl?: string;
  /** How long finish() waits for every rule to be evaluated. @default 60000 */
  verifyTimeoutMs?: number;
  /** Pause between two polls of `/api/v1/rules`. @default 500 */
  pollIntervalMs?: number;
}

/** A rule (or group) that Prometheus did not load or could not evaluate. */
export interface RuleProblem {
  readonly namespace: string;
  readonly group: string;
  /** The alert or record name; absent for a problem with the whole group. */
  readonly rule?: string;
  readonly problem: string;
}

/** Why the rule-file target failed. */
export type RuleFileErrorKind = 'io' | 'reload' | 'not-loaded' | 'unhealthy' | 'unreachable';

/**
 * A failure of the rule-file target: a file that cannot be read or written, a Prometheus reload
 * that failed, or rules that Prometheus did not load or could not evaluate (`problems` names each).
 */
export class RuleFileTargetError extends GraftsError {
  readonly kind: RuleFileErrorKind;
  declare readonly problems: readonly RuleProblem[];
  readonly #summary: string;

  constructor(kind: RuleFileErrorKind, detail: string, problems: readonly RuleProblem[] = [], hint?: string) {
    const list = problems.map((p) => `\n  - ${p.namespace} / ${p.group}${p.rule ? ` / ${p.rule}` : ''}: ${p.problem}`).join('');
    super(`${detail}${list}${hint ? `\n(${hint})` : ''}`, { hint, problems });
    this.#summary = `${detail}${list}`;
    this.kind = kind;
  }

  /** The message without the hint. */
  override get summary(): string {
    return this.#summary;
  }

  /** @deprecated the hint, read {@link GraftsError.hint}. */
  get suggestion(): string | undefined {
    return this.hint;
  }
}

interface PromRule {
  name: string;
  health: string;
  lastError?: string;
}
interface PromGroup {
  name: string;
  file: string;
  rules: PromRule[];
}

/**
 * Rule groups as Prometheus rule files: `<dir>/<namespace>.yaml` holding `{ groups: [...] }`,
 * written atomically (a temporary file renamed over the target), starting with
 * {@link RULE_FILE_MARKER}: groups of files without it are listed as unmanaged. A namespace's characters other
 * than letters, digits, `.`, `_`, `-` are percent-encoded in its file name.
 *
 * With `prometheusUrl`, {@link finish} POSTs `/-/reload` and polls `/api/v1/rules` (bounded)
 * until every group of the folder is loaded with every rule `health: "ok"`.
 */
export class RuleFileTarget implements RuleSyncTarget {
  readonly name: string;
  readonly kind = 'rule-files' as const;
  readonly dir: string;
  readonly #prometheusUrl: string | undefined;
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  /** One read-modify-write at a time per file: an apply saves groups of one namespace concurrently. */
  readonly #fileQueues = new Map<string, Promise<unknown>>();

  constructor(options: RuleFileTargetOptions) {
    this.name = options.name ?? 'rule-files';
    this.dir = path.resolve(options.dir);
    this.#prometheusUrl = options.prometheusUrl?.replace(/\/+$/, '');
    this.#timeoutMs = options.verifyTimeoutMs ?? 60_000;
    this.#pollMs = options.pollIntervalMs ?? 500;
  }

  describe(): string {
    return `rule files in ${this.dir}${this.#prometheusUrl ? ` (Prometheus ${displayUrl(this.#prometheusUrl)})` : ''}`;
  }

  /** The file of a namespace. */
  fileOf(namespace: string): string {
    return path.join(this.dir, `${namespaceFileName(namespace)}.yaml`);
  }

  async listGroups(): Promise<RemoteRuleGroup[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('.')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw this.#io('read', this.dir, error);
    }
    const out: RemoteRuleGroup[] = [];
    for (const file of names) {
      const namespace = fileNamespace(file);
      const { groups, managed } = await this.#readFile(path.join(this.dir, file));
      for (const group of groups) out.push({ namespace, group, managed, namespaceMarker: true });
    }
    return out;
  }

  async saveGroup(namespace: string, group: RuleGroupJson): Promise<void> {
    const file = this.fileOf(namespace);
    await this.#serialised(file, () => this.#save(file, group));
  }

  async deleteGroup(namespace: string, name: string): Promise<void> {
    const file = this.fileOf(namespace);
    await this.#serialised(file, () => this.#delete(file, name));
  }

  async #serialised(file: string, task: () => Promise<void>): Promise<void> {
    const previous = this.#fileQueues.get(file) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.#fileQueues.set(file, settled);
    try {
      await next;
    } finally {
      if (this.#fileQueues.get(file) === settled) this.#fileQueues.delete(file);
    }
  }

  async #save(file: string, group: RuleGroupJson): Promise<void> {
    const groups = await this.#read(file);
    const i = groups.findIndex((g) => g.name === group.name);
    if (i >= 0) groups[i] = group;
    else groups.push(group);
    await this.#write(file, groups);
  }

  async #delete(file: string, name: string): Promise<void> {
    const groups = (await this.#read(file)).filter((g) => g.name !== name);
    if (groups.length === 0) {
      await unlink(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw this.#io('delete', file, error);
      });
    } else {
      await this.#write(file, groups);
    }
  }

  /**
   * Reloads Prometheus (when `prometheusUrl` is set) and waits until every group of the folder
   * is loaded and every rule has been evaluated without error.
   *
   * @throws {RuleFileTargetError} `reload` (Prometheus refused the files: the rules with invalid
   * PromQL are named), `unhealthy` (rules that fail at evaluation), `not-loaded` (groups or rules
   * missing, or not evaluated in time), `unreachable`.
   */
  async finish(): Promise<void> {
    const base = this.#prometheusUrl;
    if (base === undefined) return;
    const shown = displayUrl(base);
    const desired = await this.listGroups();

    let reload: Response;
    try {
      reload = await fetch(`${base}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
    } catch {
      throw new RuleFileTargetError(
        'unreachable',
        `Prometheus at ${shown} did not answer POST /-/reload`,
        [],
        'check prometheusUrl and that Prometheus is running',
      );
    }
    if (!reload.ok) {
      const body = (await reload.text().catch(() => '')).trim().slice(0, 1000);
      if (reload.status === 403 || reload.status === 404 || reload.status === 405) {
        throw new RuleFileTargetError(
          'reload',
          `Prometheus at ${shown} refused POST /-/reload (${reload.status}${body ? `: ${body}` : ''})`,
          [],
          'start Prometheus with --web.enable-lifecycle',
        );
      }
      throw new RuleFileTargetError(
        'reload',
        `Prometheus at ${shown} failed to reload the rule files (${reload.status}${body ? `: ${body}` : ''})`,
        invalidExpressions(desired),
        `Prometheus keeps the previous rules; check the files with promtool check rules ${path.join(this.dir, '*.yaml')}`,
      );
    }

    const deadline = Date.now() + this.#timeoutMs;
    let problems: RuleProblem[];
    for (;;) {
      let loaded: PromGroup[];
      try {
        const response = await fetch(`${base}/api/v1/rules`, { signal: AbortSignal.timeout(30_000) });
        const json = (await response.json()) as { data?: { groups?: PromGroup[] } };
        loaded = json.data?.groups ?? [];
      } catch {
        throw new RuleFileTargetError(
          'unreachable',
          `Prometheus at ${shown} did not answer GET /api/v1/rules`,
          [],
          'check prometheusUrl and that Prometheus is running',
        );
      }
      const check = checkLoaded(desired, loaded);
      problems = check.problems;
      const errors = problems.filter((p) => p.problem.startsWith('evaluation failed'));
      if (check.pending === 0) {
        if (problems.length === 0) return;
        if (errors.length === problems.length) {
          throw new RuleFileTargetError(
            'unhealthy',
            `Prometheus at ${shown} loaded the rules, but ${errors.length} fail at evaluation:`,
            errors,
            'fix the expressions (or their labels); Prometheus keeps evaluating them and failing',
          );
        }
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
    }
    throw new RuleFileTargetError(
      'not-loaded',
      `Prometheus at ${shown} did not load and evaluate every rule within ${this.#timeoutMs} ms:`,
      problems,
      `check that its rule_files include ${path.join(this.dir, '*.yaml')} (as Prometheus sees the folder) and its log`,
    );
  }

  async #read(file: string): Promise<RuleGroupJson[]> {
    return (await this.#readFile(file)).groups;
  }

  async #readFile(file: string): Promise<{ groups: RuleGroupJson[]; managed: boolean }> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { groups: [], managed: false };
      throw this.#io('read', file, error);
    }
    const managed = text.startsWith(RULE_FILE_MARKER);
    let value: unknown;
    try {
      value = parse(text);
    } catch {
      throw new RuleFileTargetError('io', `${file} is not valid YAML`, [], 'fix or remove the file: grafts will not overwrite what it cannot read');
    }
    if (value === null || value === undefined) return { groups: [], managed };
    const groups = (value as Partial<RuleFileJson>).groups;
    if (typeof value !== 'object' || (groups !== undefined && !Array.isArray(groups))) {
      throw new RuleFileTargetError('io', `${file} is not a Prometheus rule file ({ groups: [...] })`, [], 'move it out of the rule folder');
    }
    return { groups: (groups ?? []).map((g) => ({ ...g, rules: Array.isArray(g.rules) ? g.rules : [] })), managed };
  }

  async #write(file: string, groups: RuleGroupJson[]): Promise<void> {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, `${RULE_FILE_MARKER}\n${toYaml({ groups } satisfies RuleFileJson)}`, 'utf8');
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw this.#io('write', file, error);
    }
  }

  #io(action: string, file: string, error: unknown): RuleFileTargetError {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return new RuleFileTargetError('io', `cannot ${action} ${file} (${code})`);
  }
}

/** `infra/nodes` → `infra%2Fnodes`: a namespace as a file name (letters, digits, `.`, `_`, `-` kept). */
export function namespaceFileName(namespace: string): string {
  const name = namespace.replace(/[^A-Za-z0-9._-]/g, (c) => encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
  return name.startsWith('.') ? `%2E${name.slice(1)}` : name;
}

function fileNamespace(file: string): string {
  const stem = file.replace(/\.ya?ml$/, '');
  try {
    return decodeURIComponent(stem);
  } catch {
    return stem;
  }
}

function ruleName(rule: RuleGroupJson['rules'][number]): string {
  return 'alert' in rule ? rule.alert : rule.record;
}

function checkLoaded(desired: readonly RemoteRuleGroup[], loaded: readonly PromGroup[]): { problems: RuleProblem[]; pending: number } {
  const problems: RuleProblem[] = [];
  let pending = 0;
  for (const { namespace, group } of desired) {
    const match = loaded.find((g) => g.name === group.name && fileNamespace(path.basename(g.file)) === namespace);
    if (!match) {
      problems.push({ namespace, group: group.name, problem: 'not loaded by Prometheus' });
      pending++;
      continue;
    }
    const want = group.rules.map(ruleName);
    const have = match.rules.map((r) => r.name);
    if (want.join('\n') !== have.join('\n')) {
      problems.push({ namespace, group: group.name, problem: `Prometheus has other rules (${have.join(', ') || 'none'}) than the file (${want.join(', ')})` });
      pending++;
      continue;
    }
    for (const rule of match.rules) {
      if (rule.health === 'ok') continue;
      if (rule.health === 'err') {
        problems.push({ namespace, group: group.name, rule: rule.name, problem: `evaluation failed: ${rule.lastError ?? 'unknown error'}` });
      } else {
        problems.push({ namespace, group: group.name, rule: rule.name, problem: 'not evaluated yet' });
        pending++;
      }
    }
  }
  return { problems, pending };
}

function invalidExpressions(groups: readonly RemoteRuleGroup[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const { namespace, group } of groups) {
    for (const rule of group.rules) {
      const error = parsePromQL(String(rule.expr ?? '')).error;
      if (error) problems.push({ namespace, group: group.name, rule: ruleName(rule), problem: `invalid PromQL: ${error.message} at ${error.snippet}` });
    }
  }
  return problems;
}
