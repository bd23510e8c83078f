// The built entries (dist/, from `npm run build`) as a user gets them: importing `grafts` loads
// the model only, and the declarations of every entry type-check on their own after
// `stripInternal` removed the `@internal` members (a public type naming a stripped one breaks
// every user with `skipLibCheck: false`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { withSelectors, withStreamSelectors } from '../../lib/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const entryNames = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'grafts' : `grafts/${key.slice(2)}`));

// Tooling the authoring API must not load (each costs tens to hundreds of milliseconds at start).
const TOOLING = ['typescript', 'ts-morph', '@ts-morph/common', 'prettier', 'axios', 'diff', 'esbuild', 'chokidar', 'commander'];

// Packages the authoring API loads on first use only: a dashboard-only script never pays for them.
const ON_FIRST_USE = ['yaml'];

// The query grammars and their lezer runtime: only selector helpers, checks and lint parse queries.
const GRAMMARS = ['@lezer/common', '@lezer/lr', '@lezer/highlight', '@prometheus-io/lezer-promql', '@grafana/lezer-logql', '@grafana/lezer-traceql'];

// Records every module the ESM loader resolves (the hooks run on their own thread, so they log
// to a file), plus the CommonJS modules in require's cache, then imports the given file.
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}`;

function loadedPackages(file: string, afterImport = ''): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-load-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const hooks = path.join(dir, 'hooks.mjs');
  const log = path.join(dir, 'resolved.log');
  writeFileSync(hooks, HOOKS);
  writeFileSync(log, '');
  const script = `
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: ${JSON.stringify(log)} } });
const entry = await import(${JSON.stringify(pathToFileURL(file).href)});
${afterImport}
const cjs = Object.keys(createRequire(import.meta.url)('node:module')._cache);
appendFileSync(${JSON.stringify(log)}, cjs.map((f) => 'file://' + f).join('\\n') + '\\n');
`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('file://'));
  expect(files.length).toBeGreaterThan(10); // the hook saw the library's own modules load
  const packages = new Set<string>();
  for (const f of files) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    if (m) packages.add(m[1]!);
  }
  return [...packages].sort();
}

describe('built entries', () => {
  it('GIVEN dist/ WHEN it is checked THEN it was built', () => {
    expect(existsSync(path.join(REPO, 'dist', 'lib', 'index.js')), 'run npm run build first').toBe(true);
  });

  it('GIVEN a script WHEN it imports grafts THEN no tooling package is loaded', () => {
    const loaded = loadedPackages(path.join(REPO, 'dist', 'lib', 'index.js'));
    expect(loaded.filter((p) => TOOLING.includes(p))).toEqual([]);
  });

  it('GIVEN a script WHEN it imports grafts THEN yaml is not loaded, and it is once toYaml is called', () => {
    const root = path.join(REPO, 'dist', 'lib', 'index.js');
    expect(loadedPackages(root).filter((p) => ON_FIRST_USE.includes(p))).toEqual([]);
    const called = loadedPackages(root, "if (entry.toYaml({ a: [1] }) !== 'a:\\n  - 1\\n') throw new Error('toYaml');");
    expect(called).toEqual(expect.arrayContaining(ON_FIRST_USE));
  });

  it('GIVEN a script WHEN it imports grafts THEN no query grammar is loaded, and the parsing helpers load theirs and answer as the library does', () => {
    const root = path.join(REPO, 'dist', 'lib', 'index.js');
    expect(loadedPackages(root).filter((p) => GRAMMARS.includes(p))).toEqual([]);
    // Label values that need escaping, and queries with several selectors, variables and pipelines.
    const cases = fc.sample(
      fc.record({
        metric: fc.constantFrom(
          'up',
          'sum by (job) (rate(http_requests_total{code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[5m]))',
          'topk($k, node_load1)',
        ),
        stream: fc.constantFrom('{app="api"} |= "error"', 'sum by (level) (count_over_time({app="api", env=~"$env"} | json [$__auto]))'),
        matchers: fc.dictionary(fc.constantFrom('job', 'instance', 'env', 'app'), fc.string({ maxLength: 8 }), { minKeys: 1 }),
      }),
      { numRuns: 25, seed: 16 },
    );
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'grafts-grammars-')), 'answers.json');
    onTestFinished(() => rmSync(path.dirname(out), { recursive: true, force: true }));
    const called = loadedPackages(
      root,
      `const cases = ${JSON.stringify(cases)};
const answers = cases.map((c) => [entry.withSelectors(c.metric, c.matchers), entry.withStreamSelectors(c.stream, c.matchers)]);
appendFileSync(${JSON.stringify(out)}, JSON.stringify(answers));`,
    );
    expect(called).toEqual(expect.arrayContaining(['@lezer/common', '@lezer/lr', '@prometheus-io/lezer-promql', '@grafana/lezer-logql']));
    const answers = JSON.parse(readFileSync(out, 'utf8')) as unknown;
    expect(answers).toEqual(cases.map((c) => [withSelectors(c.metric, c.matchers), withStreamSelectors(c.stream, c.matchers)]));
  });

  it('GIVEN a script WHEN it imports grafts/api THEN the probe sees the tooling load (so the check above can fail)', () => {
    const loaded = loadedPackages(path.join(REPO, 'dist', 'lib', 'api', 'index.js'));
    expect(loaded).toEqual(expect.arrayContaining(['ts-morph', 'prettier', 'axios', 'diff']));
  });

  it('GIVEN a user project WHEN it imports every entry with skipLibCheck off THEN the declarations type-check', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-consumer-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(REPO, path.join(dir, 'node_modules', 'grafts'), 'dir');
    symlinkSync(path.join(REPO, 'node_modules', '@types', 'node'), path.join(dir, 'node_modules', '@types', 'node'), 'dir');
    const lines = entryNames.map((name, i) => `import * as entry${i} from '${name}';`);
    writeFileSync(path.join(dir, 'index.ts'), `${lines.join('\n')}\nexport { ${entryNames.map((_, i) => `entry${i}`).join(', ')} };\n`);
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['index.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    // Only grafts' own declarations are ours to answer for (dependencies ship theirs).
    const ours = tsc.stdout
      .split('\n')
      .filter((l) => /error TS/.test(l) && !/node_modules\/grafts\/node_modules\//.test(l) && !/\/work\/main\/node_modules\//.test(l));
    expect(ours).toEqual([]);
  });
});
