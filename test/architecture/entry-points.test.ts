// What each public entry exports, pinned: the sorted names (values and types) of every entry in
// package.json `exports` live in test/architecture/entry-points/<entry>.txt, so adding, moving
// or removing a public name is a reviewed diff (`npx vitest run -u` rewrites them). Each name
// has one home, and the barrels are the entries themselves: nothing in lib/ or cli/ imports one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { moduleGraph } from '../support/module-graph.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types?: string; import?: string }>;
};

/** package.json `exports` key → the library source it is built from (`./api` → `lib/api/index.ts`). */
const entries = Object.entries(manifest.exports)
  .filter(([key]) => key !== './package.json')
  .map(([key, target]) => {
    const built = typeof target === 'string' ? target : target.import!;
    const source = built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');
    return { name: key === '.' ? 'grafts' : `grafts/${key.slice(2)}`, source };
  });

function exportedNames(): Map<string, string[]> {
  const program = ts.createProgram(
    entries.map((e) => path.join(REPO, e.source)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  return new Map(
    entries.map((entry) => {
      const file = program.getSourceFile(path.join(REPO, entry.source));
      if (!file) throw new Error(`${entry.source} (entry ${entry.name}) does not exist`);
      const symbol = checker.getSymbolAtLocation(file)!;
      return [
        entry.name,
        checker
          .getExportsOfModule(symbol)
          .map((s) => s.getName())
          .sort(),
      ];
    }),
  );
}

describe('public entry points', () => {
  const names = exportedNames();

  it.each(entries.map((e) => e.name))('GIVEN entry %s WHEN its exports are listed THEN they match the committed list', async (entry) => {
    const file = `entry-points/${entry.replace('/', '-')}.txt`;
    await expect(`${names.get(entry)!.join('\n')}\n`).toMatchFileSnapshot(file);
  });

  it('GIVEN all entries WHEN their names are compared THEN each public name has exactly one home', () => {
    const homes = new Map<string, string[]>();
    for (const [entry, list] of names) for (const name of list) homes.set(name, [...(homes.get(name) ?? []), entry]);
    const shared = [...homes].filter(([, where]) => where.length > 1).map(([name, where]) => `${name}: ${where.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('GIVEN the root entry WHEN listed THEN it holds no run* tooling function', () => {
    expect(names.get('grafts')!.filter((n) => /^run[A-Z]/.test(n))).toEqual([]);
    expect(names.get('grafts/api')!.filter((n) => /^run[A-Z]/.test(n)).length).toBeGreaterThan(0);
  });

  it('GIVEN lib/ and cli/ WHEN their imports are read THEN none imports an entry barrel (barrels are for users only)', () => {
    const barrels = new Set(entries.map((e) => e.source));
    const offenders = moduleGraph(['lib', 'cli'], REPO)
      .filter((edge) => barrels.has(edge.to))
      .map((edge) => `${edge.from} imports ${edge.to}`);
    expect(offenders).toEqual([]);
  });

  it('GIVEN the exports map WHEN compared with tsconfig paths and the vitest aliases THEN every entry resolves in the repository too', () => {
    const tsconfig = readFileSync(path.join(REPO, 'tsconfig.json'), 'utf8');
    const vitest = readFileSync(path.join(REPO, 'vitest.config.ts'), 'utf8');
    for (const { name, source } of entries) {
      if (name === 'grafts') {
        expect(tsconfig).toContain(`"grafts": ["./${source}"]`);
        continue;
      }
      const sub = name.slice('grafts/'.length);
      expect(source).toBe(`lib/${sub}/index.ts`); // what the `grafts/*` path and the alias assume
      expect(vitest).toMatch(new RegExp(`grafts\\\\/\\([^)]*\\b${sub}\\b`));
    }
    expect(tsconfig).toContain('"grafts/*": ["./lib/*/index.ts"]');
  });
});
