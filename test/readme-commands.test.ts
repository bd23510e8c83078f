// The shell examples of README.md and docs/*.md that run the dash CLI on the repository's own
// examples and mixins are executed here, as written (with `npm run dash --` standing for the
// built bin), in a copy of those folders: a documented command that stops working fails CI.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, dashTestEnv } from './cli/run-dash.js';
import { docBlocks, REPO_ROOT as ROOT } from './support/doc-pages.js';

/** `sh` blocks made only of `npm run dash -- …` lines that need no server (no `dash check`). */
function runnableBlocks(): string[] {
  const blocks = docBlocks('sh').map(({ file, block }) => `# ${file}\n${block}`);
  return blocks.filter((block) => {
    const lines = block.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    return lines.length > 0 && lines.every((l) => l.startsWith('npm run dash -- ') && !l.startsWith('npm run dash -- check '));
  });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'grafts-readme-sh-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README and docs/ shell examples', () => {
  const blocks = runnableBlocks();

  it('include the build, lint, mixin and diff examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks)(
    'runs: %s',
    (block) => {
      // GIVEN a copy of the examples and mixins the commands name
      const dir = mkdtempSync(path.join(work, 'run-'));
      cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), {
        recursive: true,
        filter: (src) => !/(^|\/)(out|grafana-provisioning|node_modules)(\/|$)/.test(path.relative(ROOT, src)),
      });
      cpSync(path.join(ROOT, 'mixins'), path.join(dir, 'mixins'), {
        recursive: true,
        filter: (src) => !/(^|\/)(dist|node_modules)(\/|$)/.test(path.relative(ROOT, src)),
      });
      // WHEN the block runs in bash, `npm run dash --` being the built bin
      const script = `set -e\n${block.replace(/npm run dash -- /g, `node ${JSON.stringify(BIN)} `)}\n`;
      const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: dashTestEnv({ GRAFTS_CACHE_DIR: path.join(dir, '.cache') }) });
      // THEN it succeeds
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    },
    120_000,
  );
});
