import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateTypes, repoRoot } from '../scripts/gen-types-lib.js';

const HINT = 'is out of date with schemas/; run `npm run gen` and commit the result';

describe('lib/generated', () => {
  it('GIVEN the schemas WHEN types are regenerated in memory THEN they equal the committed files byte for byte', async () => {
    const generated = await generateTypes();
    expect(generated.size).toBeGreaterThan(1);
    for (const [rel, contents] of generated) {
      const onDisk = await readFile(path.join(repoRoot, rel), 'utf8').catch(() => undefined);
      expect(onDisk, `${rel} is missing; run \`npm run gen\``).toBeDefined();
      expect(onDisk, `${rel} ${HINT}`).toBe(contents);
    }
  });

  it('GIVEN the generated directory THEN it holds no stale generated files', async () => {
    const generated = await generateTypes();
    const onDisk = (await readdir(path.join(repoRoot, GENERATED_DIR)))
      .filter((f) => f.endsWith('.gen.ts') || f === 'index.ts')
      .map((f) => `${GENERATED_DIR}/${f}`);
    const stale = onDisk.filter((f) => !generated.has(f));
    expect(stale, `stale generated files ${stale.join(', ')}; run \`npm run gen\``).toEqual([]);
  });

  it('GIVEN the generated index THEN it re-exports by explicit name only', async () => {
    const index = (await generateTypes()).get(`${GENERATED_DIR}/index.ts`) ?? '';
    expect(index).toMatch(/^\/\/ Code generated from schemas\/\*\.schema\.json by scripts\/gen-types\.ts\. DO NOT EDIT\.\n/);
    expect(index).not.toMatch(/export \*/);
    for (const name of ['Dashboard', 'Panel', 'RowPanel', 'TimeseriesOptions', 'PrometheusQuery', 'Target']) {
      expect(index).toMatch(new RegExp(`\\b${name},?\\n`));
    }
  });
});
