import { v2SpecOfJson } from '../render/v2/v2-spec-of-json.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { renderProject } from '../render/render-project.js';
import { ConfigError, LoadError, type SourceProblem } from './errors.js';
import { compareCodeUnits, findFiles } from './find-files.js';
import { CONFIG_FILE_NAMES, loadProject } from './load-project.js';
import { renderProjectWithMixins } from './render-with-mixins.js';

/** One Grafana dashboard found by {@link collectInputs}. */
export interface CollectedDashboard {
  /**
   * Where it came from, relative to `cwd` with forward slashes: the JSON file, or for a grafts
   * project the `.dash.ts` entry file that exported it.
   */
  source: string;
  /** The dashboard model (an API export's `{ dashboard: {...} }` wrapper is removed). */
  json: Record<string, unknown>;
  /** Whether `source` is a JSON file (which `--fix` may rewrite) rather than TypeScript source. */
  fromJson: boolean;
}

/** One Prometheus rule file (`groups:` at the top level) found by {@link collectInputs}. */
export interface CollectedRuleFile {
  /**
   * Path relative to `cwd`, with forward slashes; for a configured mixin's rules, the config file
   * and the mixin: `dash.config.ts › mixin "node-exporter" › prometheus_rules.yaml`.
   */
  source: string;
  /** The parsed YAML document. */
  doc: unknown;
  /** The name of the configured mixin the rules come from (with `mixins: true`). */
  mixin?: string;
}

/** Everything {@link collectInputs} found, each list sorted by `source`. */
export interface CollectedInputs {
  dashboards: CollectedDashboard[];
  ruleFiles: CollectedRuleFile[];
}

/** Options of {@link collectInputs}. */
export interface CollectInputsOptions {
  /** Directory relative paths are resolved from and sources are relative to. */
  cwd: string;
  /** Files and directories to read, relative to `cwd`. @default ["."] */
  paths?: string[];
  /** Type-check grafts projects before evaluating them. @default true */
  typecheck?: boolean;
  /**
   * Also render the mixins a grafts project's config lists, as `dash build`, `diff` and `apply`
   * do: their dashboards, and their alerting and recording rules as rule files. @default false
   */
  mixins?: boolean;
}

/**
 * Gathers the dashboards and Prometheus rule files to lint or check, without writing anything.
 *
 * Each path is taken by its kind:
 * - a grafts project directory (it holds `dash.config.*` or a `*.dash.ts` file) is loaded,
 *   type-checked (unless `typecheck: false`) and rendered in memory;
 * - any other directory is walked (skipping `node_modules` and dot directories) for dashboard
 *   JSON (`*.json` files holding a dashboard, plus extension-less files under a `dashboards/`
 *   folder whose content starts with `{`) and rule files (`*.yaml`/`*.yml` with top-level `groups`);
 * - a single file is read as a dashboard (`.json`) or a rule file (`.yaml`/`.yml`).
 *
 * A JSON file found by a walk that is not a dashboard (`package.json`, ...) is ignored, and so is a
 * YAML file without `groups`; a file named explicitly must be one or the other.
 *
 * @example
 * const { dashboards, ruleFiles } = await collectInputs({ cwd: process.cwd(), paths: ['mixins/'] });
 * // dashboards: [{ source: 'mixins/caddy/dashboards/caddy-overview.json', json: {...}, fromJson: true }]
 *
 * @throws {ConfigError} a path does not exist.
 * @throws {LoadError} invalid JSON or YAML (every file, with `line:col`), a named file of an unknown kind.
 * @throws {TypeCheckError | ValidationError} from loading or rendering a grafts project.
 */
export async function collectInputs(options: CollectInputsOptions): Promise<CollectedInputs> {
  const cwd = path.resolve(options.cwd);
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const dashboards: CollectedDashboard[] = [];
  const ruleFiles: CollectedRuleFile[] = [];
  const problems: SourceProblem[] = [];
  const seenFiles = new Set<string>();

  const missing: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      missing.push(given);
      continue;
    }
    if (info.isDirectory()) {
      if (await isGraftsProject(abs)) {
        const project = await loadProject({ cwd, dir: path.relative(cwd, abs) || '.', typecheck: options.typecheck });
        if (!options.mixins) {
          for (const d of renderProject(project.entries).dashboards) {
            dashboards.push({ source: relative(cwd, path.join(project.dir, d.source)), json: d.json as unknown as Record<string, unknown>, fromJson: false });
          }
          continue;
        }
        const rendered = renderProjectWithMixins(project);
        for (const d of rendered.dashboards.dashboards) {
          dashboards.push({ source: relative(cwd, path.join(project.dir, d.source)), json: d.json as unknown as Record<string, unknown>, fromJson: false });
        }
        const config = relative(cwd, path.join(project.dir, rendered.configFile));
        for (const m of rendered.mixins) {
          const where = `${config} › mixin "${m.name}"`;
          for (const d of m.rendered.dashboards) dashboards.push({ source: where, json: d.json as unknown as Record<string, unknown>, fromJson: false });
          for (const [file, doc] of [
            ['prometheus_alerts.yaml', m.rendered.alerts],
            ['prometheus_rules.yaml', m.rendered.rules],
          ] as const) {
            if (doc.groups.length > 0) ruleFiles.push({ source: `${where} › ${file}`, doc, mixin: m.name });
          }
        }
        continue;
      }
      const files = await findFiles({ dir: abs, patterns: ['**/*'] });
      for (const file of files) {
        const absFile = path.join(abs, file);
        if (seenFiles.has(absFile)) continue;
        const kind = fileKind(file);
        if (kind === undefined) continue;
        seenFiles.add(absFile);
        await readInput(absFile, relative(cwd, absFile), kind, false, { dashboards, ruleFiles, problems });
      }
    } else {
      if (seenFiles.has(abs)) continue;
      seenFiles.add(abs);
      const kind = fileKind(abs) ?? 'unknown';
      await readInput(abs, relative(cwd, abs), kind, true, { dashboards, ruleFiles, problems });
    }
  }
  if (missing.length > 0) {
    throw new ConfigError(missing.map((m) => ({ message: `path not found: ${m}` })));
  }
  if (problems.length > 0) {
    problems.sort((a, b) => compareCodeUnits(a.file ?? '', b.file ?? ''));
    throw new LoadError(problems);
  }
  // Stable sort: dashboards of one entry file keep their export order.
  dashboards.sort((a, b) => compareCodeUnits(a.source, b.source));
  ruleFiles.sort((a, b) => compareCodeUnits(a.source, b.source));
  return { dashboards, ruleFiles };
}

type FileKind = 'json' | 'yaml' | 'bare' | 'unknown';

/** How a file found by a walk (or named) is read; undefined = ignored by a walk. */
function fileKind(file: string): FileKind | undefined {
  const base = path.basename(file);
  if (/\.json$/i.test(base)) return 'json';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  const segments = file.split(/[\\/]/);
  if (!base.includes('.') && segments.slice(0, -1).includes('dashboards')) return 'bare';
  return undefined;
}

async function isGraftsProject(dir: string): Promise<boolean> {
  for (const name of CONFIG_FILE_NAMES) {
    if (
      await stat(path.join(dir, name)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return true;
  }
  return (await findFiles({ dir, patterns: ['**/*.dash.ts'] })).length > 0;
}

interface Sink {
  dashboards: CollectedDashboard[];
  ruleFiles: CollectedRuleFile[];
  problems: SourceProblem[];
}

async function readInput(abs: string, source: string, kind: FileKind, named: boolean, sink: Sink): Promise<void> {
  const text = await readFile(abs, 'utf8');
  if (kind === 'bare' && !text.trimStart().startsWith('{')) return;
  if (kind === 'json' || kind === 'bare') {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      sink.problems.push({ file: source, ...parsed.position, message: `invalid JSON: ${parsed.message}` });
      return;
    }
    const dashboard = asDashboard(parsed.value);
    if (dashboard) sink.dashboards.push({ source, json: dashboard, fromJson: true });
    else if (named) sink.problems.push({ file: source, message: 'not a Grafana dashboard (no "panels" or "rows")' });
    return;
  }
  if (kind === 'yaml') {
    const { parseDocument } = await import('yaml');
    const doc = parseDocument(text);
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0];
      sink.problems.push({
        file: source,
        ...(pos && { line: pos.line, column: pos.col }),
        message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      });
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: -1 });
    if (isRecord(value) && 'groups' in value) sink.ruleFiles.push({ source, doc: value });
    else if (named) sink.problems.push({ file: source, message: 'not a Prometheus rule file (no top-level "groups")' });
    return;
  }
  sink.problems.push({
    file: source,
    message: /\.dash\.ts$/.test(source)
      ? 'pass the grafts project directory rather than one .dash.ts file'
      : 'unknown input: expected a directory, a dashboard .json file or a rule .yaml/.yml file',
  });
}

/** The dashboard model in a parsed JSON value: itself, or `value.dashboard` of an API export. */
export function asDashboard(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value['panels']) || Array.isArray(value['rows'])) return value;
  if (v2SpecOfJson(value) !== undefined) return value;
  const inner = value['dashboard'];
  if (isRecord(inner) && (Array.isArray(inner['panels']) || Array.isArray(inner['rows']))) return inner;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function relative(cwd: string, abs: string): string {
  return (path.relative(cwd, abs) || '.').split(path.sep).join('/');
}

type JsonResult = { ok: true; value: unknown } | { ok: false; message: string; position: { line: number; column: number } };

/**
 * `JSON.parse` with a `line:column` on failure. V8's messages do not always carry a position, so
 * a small scanner locates the first offending character.
 */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const offset = findJsonErrorOffset(text);
    const { line, column } = lineColumn(text, offset);
    const message = (error as Error).message.replace(/,? (?:\.\.\.)?".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    return { ok: false, message, position: { line, column } };
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first character a JSON parser rejects (the text's length at an early end). */
function findJsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(i);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i + 1);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail(i);
      i++;
    }
    fail(i);
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail(i);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (text[i] !== ':') fail(i);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(i);
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(i);
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(i);
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail(i);
    return text.length;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}
