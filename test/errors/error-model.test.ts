// One error model: every error class the library defines is a GraftsError, and the CLI's one
// report path prints each as `error: …` with its hint once, never as a bug. The classes are
// found by scanning lib/, so a new one without a sample here fails the test.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatUserError, reportError } from '../../cli/report.js';
import { ExitError } from '../../cli/errors.js';
import { GraftsError, HttpError, isGraftsError } from '../../lib/errors/index.js';
import { makeProject, runDashAsync } from '../cli/run-dash.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIB = path.join(ROOT, 'lib');

interface ErrorClassSource {
  readonly name: string;
  readonly base: string;
  readonly file: string;
  readonly exported: boolean;
}

/** Every `class X extends Y` under lib/ (generated code aside) whose chain reaches `Error`. */
function errorClassesInLib(): ErrorClassSource[] {
  const all: ErrorClassSource[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/^(export\s+)?(?:abstract\s+)?class\s+(\w+)(?:<[^>{]*>)?\s+extends\s+([\w.]+)/gm)) {
          all.push({ name: m[2]!, base: m[3]!, file: path.relative(ROOT, full), exported: m[1] !== undefined });
        }
      }
    }
  };
  walk(LIB);
  const errors = new Map<string, ErrorClassSource>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) {
      if (!errors.has(c.name) && (c.base === 'Error' || errors.has(c.base))) {
        errors.set(c.name, c);
        grew = true;
      }
    }
  }
  return [...errors.values()];
}

/** The class `name` exported by `file`. */
async function loadClass(source: ErrorClassSource): Promise<new (...args: never[]) => Error> {
  const module = (await import(pathToFileURL(path.join(ROOT, source.file)).href)) as Record<string, unknown>;
  return module[source.name] as new (...args: never[]) => Error;
}

const RULE_PROBLEM = { namespace: 'team', group: 'api', rule: 'HighErrorRate', problem: 'evaluation failed: bad_data' };
const SHAPE_SOURCE = { url: 'http://127.0.0.1:3000', method: 'GET', path: '/api/search' };

/** One realistic instance of each class, as the library throws it. */
const SAMPLES: Record<string, (cls: new (...args: never[]) => Error) => Error> = {
  GraftsError: (C) => new (C as typeof GraftsError)('no dashboards found', { hint: 'name a folder with *.dash.ts files' }),
  HttpError: (C) =>
    new (C as typeof HttpError)('ruler', {
      kind: 'network',
      url: 'http://mimir:8080',
      method: 'GET',
      path: '/x',
      detail: 'refused',
      suggestion: 'check MIMIR_ADDRESS',
    }),
  GrafanaError: (C) =>
    new (C as never as new (i: object) => Error)({
      kind: 'network',
      url: 'http://g:3000',
      method: 'GET',
      path: '/api/health',
      detail: 'connection refused (ECONNREFUSED)',
      suggestion: 'check GRAFANA_URL',
    }),
  GrafanaApiError: (C) =>
    new (C as never as new (i: object) => Error)({
      url: 'http://g:3000',
      method: 'POST',
      path: '/api/dashboards/db',
      status: 412,
      detail: '412 Precondition Failed',
      suggestion: 'run dash diff',
    }),
  WrongShapeError: (C) => new (C as never as new (s: object, e: string, g: string) => Error)(SHAPE_SOURCE, 'a JSON array of search hits', 'an HTML page'),
  RulerError: (C) =>
    new (C as never as new (i: object) => Error)({
      kind: 'http',
      status: 401,
      url: 'http://mimir:8080',
      method: 'GET',
      path: '/prometheus/config/v1/rules',
      detail: '401 Unauthorized',
      suggestion: 'check MIMIR_API_KEY',
    }),
  PrometheusError: (C) =>
    new (C as never as new (i: object) => Error)({
      kind: 'api',
      url: 'http://prom:9090',
      endpoint: '/api/v1/query',
      status: 400,
      errorType: 'bad_data',
      detail: 'parse error',
    }),
  ValidationError: (C) =>
    new (C as never as new (p: object[]) => Error)([{ path: ['api.dash.ts', 'panel "Errors"'], message: 'timeseries panel has no queries' }]),
  ProjectError: (C) =>
    new (C as never as new (p: object[]) => Error)([
      { file: 'dash.config.ts', message: 'bad' },
      { file: 'a.dash.ts', message: 'worse' },
    ]),
  ConfigError: (C) => new (C as never as new (p: object[]) => Error)([{ file: 'dash.config.ts', line: 3, column: 1, message: 'unknown key "targts"' }]),
  LoadError: (C) => new (C as never as new (p: object[]) => Error)([{ file: 'api.dash.ts', line: 1, message: 'Unexpected "}"' }]),
  TypeCheckError: (C) => new (C as never as new (p: object[]) => Error)([{ file: 'api.dash.ts', line: 2, column: 5, code: 'TS2345', message: 'bad argument' }]),
  OutputError: (C) => new (C as never as new (m: string) => Error)('out/ holds files grafts did not write'),
  TargetConfigError: (C) => new (C as never as new (m: string) => Error)('unknown target "prd" (known: prod, dev)'),
  ConflictError: (C) =>
    new (C as never as new (i: object) => Error)({ kind: 'Dashboard', uid: 'api', target: 'grafana http://g:3000', expectedVersion: 3, actualVersion: 4 }),
  FileTargetError: (C) => new (C as never as new (m: string) => Error)('grafana-provisioning/dashboards: folder "team" not found'),
  SyncReadError: (C) => new (C as never as new (t: string, u: string, d: string) => Error)('grafana http://g:3000', 'api', 'the stored JSON is not an object'),
  SyncUnreadableError: (C) =>
    new (C as never as new (t: string, u: object[]) => Error)('grafana http://g:3000', [{ resource: 'Dashboard api', error: new Error('timeout') }]),
  SyncPathError: (C) => new (C as never as new (m: string) => Error)('refusing to write "../x": it resolves outside out'),
  RuleFileTargetError: (C) =>
    new (C as never as new (k: string, d: string, p: object[], s: string) => Error)(
      'unhealthy',
      'Prometheus loaded the rules, but 1 fails at evaluation:',
      [RULE_PROBLEM],
      'fix the expressions',
    ),
  UnsupportedRuleError: (C) => new (C as never as new (m: string) => Error)('recording rule "job:up" is not supported by the Grafana-managed alerting target'),
  MixinImportError: (C) => new (C as never as new (p: string[]) => Error)(['node/ already exists and is not empty (use --force)']),
  RuleImportError: (C) => new (C as never as new (s: string, a: string, d: string) => Error)('alerts.yaml', 'groups[0]', 'a rule group must be a mapping'),
  LiteralError: (C) => new (C as never as new (m: string, a: string) => Error)('nested more than 100 levels deep', 'groups[0].rules[3].labels'),
  ImportError: (C) => new (C as never as new (s: string, j: string, r: string) => Error)('api.json', '$.panels[3]', 'nesting deeper than 64 levels'),
  ImportRunError: (C) => new (C as never as new (p: string[]) => Error)(['bad.json › $: invalid JSON', 'list.json › $: expected a dashboard object']),
  MixinConfigError: (C) => new (C as never as new (m: string) => Error)('mixin "node": unknown config key "selectr"'),
  PreviewServerError: (C) =>
    new (C as never as new (m: string, h: string) => Error)('preview: cannot listen on 127.0.0.1:3001: the port is in use', 'pass another --port'),
  PromtoolMissingError: (C) => new (C as never as new () => Error)(),
  InitError: (C) => new (C as never as new (e: string[]) => Error)(['dash.config.ts']),
  CaFileError: (C) => new (C as never as new (m: string) => Error)('cannot read the CA file ca.pem (ENOENT)'),
  DecodeError: (C) => new (C as never as new () => Error)(),
  AmtoolMissingError: (C) => new (C as never as new () => Error)(),
  MissingSecretError: (C) => new (C as never as new (m: object[]) => Error)([{ env: 'SLACK_URL', where: 'receivers[0].slack_configs[0].api_url' }]),
  GraftsAssertionError: (C) =>
    new (C as never as new (s: string, p: string[]) => Error)('api.json does not match the dashboard schema', ['/title must be string']),
  DatasourceSyncError: (C) => new (C as never as new (m: string) => Error)('http://g:3000/api/datasources: expected a list of data sources'),
  MimirAlertmanagerError: (C) => new (C as never as new (m: string, s: number) => Error)('mimir http://mimir:8080 POST /api/v1/alerts: 400 bad config', 400),
  GrafanaAlertingSyncError: (C) =>
    new (C as never as new (m: string, a: string[]) => Error)('contact point "oncall" is not this project\'s (uid hand-made)', [
      'template grafts-ownership-abc',
    ]),
  KubernetesTargetError: (C) => new (C as never as new (m: string) => Error)('manifests/: dashboard-api.yaml was not written by grafts'),
};

/** What the CLI prints for `error` and the exit code it returns. */
function reported(error: unknown): { text: string; code: number } {
  let text = '';
  const code = reportError(error, { write: (chunk: string) => (text += chunk) });
  return { text, code };
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('the error classes of lib/', () => {
  const classes = errorClassesInLib();

  it('GIVEN the scan WHEN it runs THEN it finds the error model and the clients built on it', () => {
    const names = classes.map((c) => c.name);
    for (const known of ['GraftsError', 'HttpError', 'GrafanaError', 'RulerError', 'PrometheusError', 'ValidationError', 'ConfigError'])
      expect(names).toContain(known);
  });

  it('GIVEN every error class under lib/ WHEN listed THEN each is exported and has a sample in this test', () => {
    expect(classes.filter((c) => !c.exported).map((c) => `${c.file}: ${c.name}`)).toEqual([]);
    expect(classes.map((c) => c.name).filter((name) => !(name in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((name) => !classes.some((c) => c.name === name))).toEqual([]);
  });

  it.each(classes.map((c) => [c.name, c] as const))(
    'GIVEN a %s WHEN the CLI reports it THEN it is a user error with its hint printed once',
    async (_name, source) => {
      const cls = await loadClass(source);
      const error = SAMPLES[source.name]!(cls);
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf(GraftsError);
      expect(error.name).toMatch(/Error$/);
      const grafts = error as GraftsError;
      const { text, code } = reported(error);
      expect(text).not.toContain('this is a bug');
      expect(text.startsWith(`error: ${grafts.summary.split('\n')[0]}`)).toBe(true);
      expect(code).toBe(grafts.exitCode);
      expect(code).toBe(1);
      if (grafts.hint === undefined) {
        expect(text).not.toContain('hint:');
      } else {
        expect(occurrences(text, 'hint:')).toBe(1);
        expect(occurrences(text, grafts.hint)).toBe(1);
        expect(text.endsWith(`\n  hint: ${grafts.hint}\n`)).toBe(true);
      }
    },
  );
});

/** Text with what a hostile server could put in a message: control characters, lines, parentheses. */
const hostileText = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', '(', ')', ':', '\n', '\r', '\t', '\u001b', '\u009b', '\u202e', 'hint: ', 'é'),
  minLength: 1,
  maxLength: 40,
});

describe('reportError', () => {
  it('GIVEN any HTTP error WHEN reported THEN the summary comes first, the suggestion once as the hint, and no raw control character', () => {
    fc.assert(
      fc.property(hostileText, fc.option(hostileText, { nil: undefined }), fc.constantFrom('grafana', 'ruler', 'prometheus'), (detail, suggestion, service) => {
        const error = new HttpError(service, { kind: 'http', url: 'http://127.0.0.1:1', method: 'GET', path: '/api/health', status: 502, detail, suggestion });
        expect(error.message).toBe(suggestion ? `${error.summary} (${suggestion})` : error.summary);
        const { text, code } = reported(error);
        expect(code).toBe(1);
        const lines = text.split('\n');
        expect(lines.at(-1)).toBe('');
        expect(lines[0]!.startsWith(`error: ${service} http://127.0.0.1:1 GET /api/health: `)).toBe(true);
        // Escaped: every line break in the output is one the report put there.
        expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
        const hintLines = lines.filter((line) => line.startsWith('  hint: '));
        expect(hintLines).toHaveLength(suggestion ? 1 : 0);
        if (suggestion) expect(lines.at(-2)).toBe(hintLines[0]);
        // The summary never carries the suggestion: it is printed once, as the hint.
        expect(error.summary).toBe(`${service} http://127.0.0.1:1 GET /api/health: ${detail}`);
      }),
      // A server's body that forges a hint line of ours (found by this property once).
      { examples: [['\n  hint: a', undefined, 'grafana']] },
    );
  });

  it('GIVEN any GraftsError WHEN formatted THEN the output is its summary then its hint, each line escaped', () => {
    fc.assert(
      fc.property(hostileText, fc.option(hostileText, { nil: undefined }), (message, hint) => {
        const error = new GraftsError(message, { hint });
        const text = formatUserError(error);
        const summaryLines = message.split('\n').length;
        expect(text.split('\n')).toHaveLength(summaryLines + (hint ? 1 : 0) + 1);
        expect(text.startsWith('error: ')).toBe(true);
      }),
    );
  });

  it('GIVEN errors that are not GraftsErrors, even named like the old user-facing ones WHEN reported THEN each is a bug with its stack', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GrafanaError', 'TargetConfigError', 'SyncReadError', 'ConflictError', 'ImportError', 'TypeError', 'Error'),
        fc.option(fc.string(), { nil: undefined }),
        (name, suggestion) => {
          const error = Object.assign(new Error('boom'), { name, suggestion });
          expect(isGraftsError(error)).toBe(false);
          const { text, code } = reported(error);
          expect(code).toBe(1);
          expect(text.startsWith('internal error (this is a bug): ')).toBe(true);
          expect(text).toContain('boom');
          expect(text).not.toContain('hint:');
        },
      ),
    );
    expect(reported('a string').text).toBe('internal error (this is a bug): a string\n');
  });

  it('GIVEN an ExitError WHEN reported THEN nothing more is printed and its code is returned', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (exitCode) => {
        expect(reported(new ExitError(exitCode))).toEqual({ text: '', code: exitCode });
      }),
    );
  });

  it('GIVEN a GraftsError of another copy of the library (the built dist/) WHEN reported THEN it is a user error', async () => {
    const dist = (await import(pathToFileURL(path.join(ROOT, 'dist/lib/errors/grafts-error.js')).href)) as { GraftsError: typeof GraftsError };
    expect(dist.GraftsError).not.toBe(GraftsError);
    const error = new dist.GraftsError('from the project’s own grafts', { hint: 'upgrade' });
    expect(error).not.toBeInstanceOf(GraftsError);
    expect(reported(error)).toEqual({ text: 'error: from the project’s own grafts\n  hint: upgrade\n', code: 1 });
  });
});

describe('dash (built) against an unreachable or wrong server', () => {
  it('GIVEN nothing listening at GRAFANA_URL WHEN dash pull runs THEN it exits 1 with the hint printed once', async () => {
    const dir = makeProject({});
    const run = await runDashAsync(['pull', '--out', 'pulled'], dir, {
      GRAFANA_URL: 'http://127.0.0.1:1',
      GRAFANA_TOKEN: 'glsa_sentinel_token_0123',
      CI: 'true',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: grafana http:\/\/127\.0\.0\.1:1 GET \/api\/health: connection refused \(ECONNREFUSED\)\n {2}hint: [^\n]+\n$/);
    const hint = /hint: ([^\n]+)/.exec(run.stderr)![1]!;
    expect(occurrences(run.stderr, hint)).toBe(1);
    expect(run.stderr).not.toContain('glsa_sentinel_token_0123');
  });

  it('GIVEN a server answering HTML WHEN dash pull runs THEN the wrong-shape error prints its hint once', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>login</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = await runDashAsync(['pull', '--out', 'pulled'], makeProject({}), { GRAFANA_URL: url, GRAFANA_TOKEN: 'glsa_sentinel_token_0123', CI: 'true' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: grafana http:\/\/127\.0\.0\.1:\d+ GET \/api\/\S+: expected [^\n]*, got an HTML page[^\n]*\n {2}hint: [^\n]+\n$/);
    const hint = /hint: ([^\n]+)/.exec(run.stderr)![1]!;
    expect(occurrences(run.stderr, hint)).toBe(1);
  });
});
