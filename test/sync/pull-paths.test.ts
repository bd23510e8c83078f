// dash pull never writes outside --out: every name the server chooses (folder uid or title,
// dashboard uid) becomes one safe path segment, every path is checked (links followed) before
// anything is written, and two names never share a file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { runPull } from '../../lib/sync/run-pull.js';
import { pathInside, safePathSegment, SyncPathError } from '../../lib/sync/safe-path.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

let grafana: GrafanaEmulator;
const dirs: string[] = [];

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ version: '12.1.0' });
});
afterAll(() => grafana.stop());
afterEach(() => {
  grafana.reset();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-pull-'));
  dirs.push(dir);
  return dir;
}

function target(): GrafanaTarget {
  return new GrafanaTarget({ name: 'hostile', client: new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 } }) });
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

async function post(pathname: string, body: unknown): Promise<void> {
  const res = await fetch(`${grafana.url}${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${grafana.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** Stores a dashboard, then gives it the uid and folder a hostile server would report. */
async function hostileDashboard(uid: string, folderUid: string): Promise<void> {
  await post('/api/dashboards/db', { dashboard: { uid: 'tmp', title: `T ${uid}` }, folderUid: '' });
  const stored = grafana.state.dashboards.get('tmp')!;
  grafana.state.dashboards.delete('tmp');
  grafana.state.dashboards.set(uid, { ...stored, uid, folderUid, data: { ...stored.data, uid } });
}

describe('safePathSegment', () => {
  it('maps any name to one segment inside the directory, and distinct names to distinct segments', () => {
    const root = path.join(os.tmpdir(), 'grafts-root');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), (a, b) => {
        const sa = safePathSegment(a);
        expect(sa).not.toMatch(/[/\\\u0000]/);
        expect(sa).not.toMatch(/^\./);
        expect(path.dirname(pathInside(root, [sa, `${sa}.json`]))).toBe(path.join(root, sa));
        if (a !== b) expect(safePathSegment(b)).not.toBe(sa);
      }),
    );
    for (const evil of ['..', '.', '../../x', '/etc/passwd', 'a/../../b', '', '\\..\\x']) {
      expect(() => pathInside(root, [safePathSegment(evil)])).not.toThrow();
    }
  });

  it('keeps clean names readable and refuses a raw traversal', () => {
    expect(safePathSegment('checkout-api_v2.1')).toBe('checkout-api_v2.1');
    expect(() => pathInside('/tmp/out', ['..', 'x'])).toThrow(SyncPathError);
    expect(() => pathInside('/tmp/out', ['a', '..'])).toThrow(SyncPathError);
  });
});

describe('dash pull against a hostile server', () => {
  it('writes traversal uids and unlisted traversal folders inside --out, never above it', async () => {
    // GIVEN a server listing dashboards with uids and folder uids that climb out
    await hostileDashboard('../../escaped', '');
    await hostileDashboard('plain', '../../../outside');
    await hostileDashboard('.hidden', '/tmp');
    const cwd = tempDir();
    // WHEN pulling into cwd/deep/pulled
    const result = await runPull({ cwd, out: 'deep/pulled', target: target() });
    // THEN three files are written, every one inside the output directory
    const outDir = path.join(cwd, 'deep', 'pulled');
    expect(result.dashboards).toHaveLength(3);
    expect(filesUnder(cwd).every((f) => f.startsWith(`deep${path.sep}pulled${path.sep}`))).toBe(true);
    expect(filesUnder(outDir)).toHaveLength(3);
    for (const d of result.dashboards) expect(existsSync(path.join(outDir, ...d.file.split('/')))).toBe(true);
    expect(existsSync(path.join(cwd, 'escaped.json'))).toBe(false);
  });

  it('refuses, writing nothing, when a directory inside --out is a link to elsewhere', async () => {
    // GIVEN two dashboards, one in a folder whose directory already exists as a link outside
    await post('/api/folders', { uid: 'team', title: 'Team' });
    await post('/api/dashboards/db', { dashboard: { uid: 'a', title: 'A' }, folderUid: '' });
    await post('/api/dashboards/db', { dashboard: { uid: 'b', title: 'B' }, folderUid: 'team' });
    const cwd = tempDir();
    const elsewhere = tempDir();
    mkdirSync(path.join(cwd, 'pulled'));
    symlinkSync(elsewhere, path.join(cwd, 'pulled', 'team'));
    writeFileSync(path.join(cwd, 'keep.txt'), 'x');
    // WHEN pulling
    const act = runPull({ cwd, target: target() });
    // THEN it fails naming the link, and nothing was written anywhere
    await expect(act).rejects.toThrow(SyncPathError);
    await expect(runPull({ cwd, target: target() })).rejects.toThrow(/outside/);
    expect(filesUnder(elsewhere)).toEqual([]);
    expect(filesUnder(path.join(cwd, 'pulled'))).toEqual([]);
  });
});
