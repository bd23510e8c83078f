// `dash import` never writes code that `dash build` would reject: the importer validates what it
// generated (the same verdict that decides `exact`), and a dashboard whose code would not build
// fails the whole import, naming the file, with nothing written.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { runImport } from '../../../lib/import/dashboard/run-import.js';

describe('dash import refuses code that would not build', () => {
  it('GIVEN a uid Grafana would refuse too WHEN imported THEN buildProblems names it', async () => {
    const imported = await importDashboard({ uid: 'has space', title: 'Bad uid', panels: [] }, { source: 'bad.json' });
    expect(imported.buildProblems).toEqual(['dashboard "Bad uid": uid "has space" may only contain letters, digits, "-" and "_"']);
  });

  it('GIVEN one such dashboard among good ones WHEN dash import runs THEN it fails naming the file and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-unbuildable-'));
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'good.json'), JSON.stringify({ uid: 'good', title: 'Good', panels: [] }));
    writeFileSync(path.join(dir, 'in', 'bad.json'), JSON.stringify({ uid: 'has space', title: 'Bad uid', panels: [] }));
    const error = await runImport({ cwd: dir, inputs: ['in'], out: 'out' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('ImportRunError');
    expect((error as Error).message).toBe(
      'in/bad.json: the generated code would not build: dashboard "Bad uid": uid "has space" may only contain letters, digits, "-" and "_"',
    );
    expect(readdirSync(dir)).toEqual(['in']);
  });
});
