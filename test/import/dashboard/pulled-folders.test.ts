// The .folder.json files dash pull writes put imported dashboards back in their folders; a
// malformed one is an error naming it, and nothing is written.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../lib/import/dashboard/run-import.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-pulled-folders-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const DASHBOARD = JSON.stringify({ uid: 'api', title: 'API', panels: [] });

describe('folders of pulled dashboards', () => {
  it('GIVEN a dashboard file named on the command line WHEN its directories carry .folder.json THEN the code declares the chain and uses it', async () => {
    const dir = tree({
      'pulled/team/.folder.json': JSON.stringify({ uid: 'team', title: 'Team' }),
      'pulled/team/api/.folder.json': JSON.stringify({ uid: 'f-123', title: 'API & Co' }),
      'pulled/team/api/api.json': DASHBOARD,
    });
    await runImport({ cwd: dir, inputs: ['pulled/team/api/api.json'], out: 'dashboards' });

    const code = readFileSync(path.join(dir, 'dashboards', 'api.dash.ts'), 'utf8');
    expect(code).toContain("const teamFolder = folder('Team');");
    expect(code).toContain("const teamAPICoFolder = folder('API & Co', { parent: teamFolder, uid: 'f-123' });");
    expect(code).toContain('.folder(teamAPICoFolder)');
  });

  it('GIVEN a malformed .folder.json WHEN imported THEN the error names it and nothing is written', async () => {
    for (const bad of ['{', '[]', JSON.stringify({ uid: '', title: 'T' }), JSON.stringify({ uid: 'u' })]) {
      const dir = tree({ 'pulled/team/.folder.json': bad, 'pulled/team/api.json': DASHBOARD });
      const error = await runImport({ cwd: dir, inputs: ['pulled'], out: 'dashboards' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/^pulled\/team\/\.folder\.json › \$: /);
      expect(readdirSync(dir)).toEqual(['pulled']);
    }
  });
});
