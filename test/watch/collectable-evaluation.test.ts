// dash watch evaluates an entry per save; what it evaluates must be garbage-collected once
// rendered (an `import()` of each save's bundle stays in memory for good: +200 MiB over a few
// hundred saves). Entries are built as CommonJS with packages and built-ins linked in, and
// evaluated as modules Node does not keep; top-level await falls back to an ES module.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, onTestFinished, test } from 'vitest';
import { LinkedExternals } from '../../lib/project/linked-externals.js';
import { IncrementalBuild } from '../../lib/watch/incremental-build.js';
import { dashboardSource, watchProject, write } from './watch-project.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function build(dir: string, entries: string[]): Promise<IncrementalBuild> {
  const b = await IncrementalBuild.create(dir, entries);
  onTestFinished(() => b.dispose());
  return b;
}

/** Collects garbage until `ref` is cleared (or gives up): finalization is not immediate. */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 20 && ref.deref() !== undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref.deref() === undefined;
}

describe('IncrementalBuild evaluation is garbage-collected', () => {
  test('GIVEN an entry saved and evaluated again and again WHEN its exports are dropped THEN every evaluation is collected', async () => {
    const dir = watchProject();
    const b = await build(dir, ['dashboards/a.dash.ts']);
    const refs: WeakRef<object>[] = [];
    for (let save = 1; save <= 5; save++) {
      // WHEN the entry changes and is evaluated
      write(dir, 'dashboards/a.dash.ts', dashboardSource('a', { title: `Save ${save}` }));
      await b.rebuild(['dashboards/a.dash.ts']);
      const namespace = await b.evaluate('dashboards/a.dash.ts');
      // THEN it is this save's dashboard
      expect((namespace['default'] as { build(): { title: string } }).build().title).toBe(`Save ${save}`);
      refs.push(new WeakRef(namespace));
    }
    // AND nothing keeps the earlier evaluations (Node may hold on to the latest compiled one)
    for (const ref of refs.slice(0, -1)) expect(await collected(ref)).toBe(true);
  }, 60_000);

  test('GIVEN an entry using Node built-ins (default, named and namespace imports), import.meta.url and top-level await THEN it evaluates as before', async () => {
    const dir = watchProject();
    write(
      dir,
      'dashboards/node.dash.ts',
      [
        "import path, { basename } from 'node:path';",
        "import * as os from 'node:os';",
        "import { dashboard } from 'grafts';",
        "import { createRequire } from 'node:module';",
        'const url: string = import.meta.url;',
        "export default dashboard(`${basename('/x/y.txt')} ${path.extname('a.json')} ${typeof os.platform} ${typeof createRequire(url)} ${url.startsWith('file:')}`).uid('node');",
        '',
      ].join('\n'),
    );
    write(
      dir,
      'dashboards/tla.dash.ts',
      "import { dashboard } from 'grafts';\nconst title = await Promise.resolve('Awaited');\nexport default dashboard(title).uid('tla');\n",
    );
    const b = await build(dir, ['dashboards/node.dash.ts', 'dashboards/tla.dash.ts']);
    const result = await b.rebuild();
    expect(result.failed).toEqual(new Map());
    const title = async (entry: string) => ((await b.evaluate(entry))['default'] as { build(): { title: string } }).build().title;
    expect(await title('dashboards/node.dash.ts')).toBe('y.txt .json function function true');
    expect(await title('dashboards/tla.dash.ts')).toBe('Awaited');
    // a later save of the top-level-await entry still builds and evaluates
    write(
      dir,
      'dashboards/tla.dash.ts',
      "import { dashboard } from 'grafts';\nconst title = await Promise.resolve('Again');\nexport default dashboard(title).uid('tla');\n",
    );
    expect((await b.rebuild(['dashboards/tla.dash.ts'])).failed).toEqual(new Map());
    expect(await title('dashboards/tla.dash.ts')).toBe('Again');
  }, 60_000);

  test('GIVEN an entry that throws while loading THEN the error names the user file (never the bundle)', async () => {
    const dir = watchProject();
    write(dir, 'dashboards/boom.dash.ts', "import { dashboard } from 'grafts';\n\nthrow new Error('boom');\nexport default dashboard('x');\n");
    const b = await build(dir, ['dashboards/boom.dash.ts']);
    await b.rebuild();
    const error = (await b.evaluate('dashboards/boom.dash.ts').catch((e: unknown) => e)) as { problems: { file?: string; line?: number; message: string }[] };
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.message).toBe('threw Error: boom');
    // Mapped by the source map (the built bin), or left for the watch session to name the entry.
    if (error.problems[0]!.file !== undefined) expect(error.problems[0]).toMatchObject({ file: 'dashboards/boom.dash.ts', line: 3 });
  }, 60_000);
});

describe('LinkedExternals', () => {
  test('PROPERTY: the generated module exports every name of the namespace with the same value, whatever the name', async () => {
    const linked = new LinkedExternals();
    const esbuild = (await import('esbuild')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('default', 'delete', 'class', '$x', 'a-b')), { maxLength: 6 }),
        async (names) => {
          // GIVEN a module exporting those names (as a data: URL, imported once)
          const body = names.map((n, i) => `const v${i} = ${JSON.stringify(`value of ${n}`)};\nexport { v${i} as ${JSON.stringify(n)} };`).join('\n');
          const specifier = `data:text/javascript,${encodeURIComponent(body)}`;
          // WHEN its linked module is generated, bundled as CommonJS and evaluated
          const source = await linked.moduleSource(specifier);
          const out = await esbuild.build({ stdin: { contents: source, loader: 'js' }, bundle: true, format: 'cjs', write: false, logLevel: 'silent' });
          const module: { exports: Record<string, unknown> } = { exports: {} };
          new Function('module', 'exports', out.outputFiles[0]!.text)(module, module.exports);
          // THEN every name is there with its value
          expect(Object.keys(module.exports).sort()).toEqual([...names].sort());
          for (const n of names) expect(module.exports[n]).toBe(`value of ${n}`);
        },
      ),
      { numRuns: 30 },
    );
  });
});
