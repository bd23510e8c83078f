import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { toYaml, withSelectors, withStreamSelectors } from '../../lib/index.js';
import { bundleAndEvaluate } from '../../lib/project/bundle-modules.js';

// grafts loads its lezer grammars and yaml with require() on first use. Running from source,
// grafts is bundled into the user's bundle, which is evaluated from a temp dir: those require()
// calls must still resolve from grafts' own files.
describe('bundled from source, grafts loads its lazy dependencies on first use', () => {
  it('GIVEN a dashboard file calling the parser and yaml helpers WHEN it is bundled and evaluated THEN each returns what the library returns', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-lazy-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      path.join(dir, 'queries.dash.ts'),
      [
        "import { toYaml, withSelectors, withStreamSelectors } from 'grafts';",
        "export const promql = withSelectors('sum(rate(http_requests_total[5m]))', { job: 'api' });",
        'export const logql = withStreamSelectors(\'{app="api"} |= "error"\', { job: \'api\' });',
        "export const yaml = toYaml({ groups: [{ name: 'g' }] });",
        '',
      ].join('\n'),
    );
    const [module] = await bundleAndEvaluate(dir, ['queries.dash.ts']);
    expect(module!.namespace).toMatchObject({
      promql: withSelectors('sum(rate(http_requests_total[5m]))', { job: 'api' }),
      logql: withStreamSelectors('{app="api"} |= "error"', { job: 'api' }),
      yaml: toYaml({ groups: [{ name: 'g' }] }),
    });
  });
});
