/**
 * The file-provisioning target on temp dirs: layout, nested folders, the provider YAML,
 * atomic writes, listing and managed detection, and refusing to delete foreign files.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { MANAGED_TAG, withManagedMarker } from '../../lib/sync/managed-marker.js';
import { DEFAULT_OWNER_SCOPE, ownerTag, ownerToken } from '../../lib/sync/ownership.js';
import type { DashboardResource, FolderResource } from '../../lib/sync/resources.js';
import { directoryName, FileTarget, FileTargetError, FOLDER_MARKER_FILE } from '../../lib/sync/targets/file-target.js';

const W = { message: 'grafts apply' };
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'grafts-files-'));
  dirs.push(dir);
  return dir;
}

function folder(uid: string, title: string, parentUid?: string): FolderResource {
  return { kind: 'Folder', uid, title, ...(parentUid !== undefined ? { parentUid } : {}), source: 'test' };
}

function dashboard(uid: string, title: string, folderUid?: string, extra: Record<string, unknown> = {}): DashboardResource {
  return {
    kind: 'Dashboard',
    uid,
    title,
    ...(folderUid !== undefined ? { folderUid } : {}),
    schema: 'v1',
    json: withManagedMarker({ uid, title, panels: [], ...extra }, { ownerTag: ownerTag(DEFAULT_OWNER_SCOPE, uid), folderUid }),
    source: 'test',
  };
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('file target layout', () => {
  test('GIVEN nested folders and dashboards WHEN written THEN directories follow folder titles and hold markers', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('payments', 'Payments'), W);
    await t.createFolder(folder('payments-api', 'API', 'payments'), W);
    await t.saveDashboard(dashboard('home', 'Home'), W);
    await t.saveDashboard(dashboard('checkout', 'Checkout', 'payments'), W);
    await t.saveDashboard(dashboard('payments-api', 'Payments API', 'payments-api'), W);
    await t.finish();
    expect(tree(dir)).toEqual([
      'dashboards/Payments/.grafts-folder.json',
      'dashboards/Payments/API/.grafts-folder.json',
      'dashboards/Payments/API/payments-api.json',
      'dashboards/Payments/checkout.json',
      'dashboards/home.json',
      'provisioning/dashboards/grafts.yaml',
    ]);
    expect(JSON.parse(readFileSync(path.join(dir, 'dashboards/Payments/API', FOLDER_MARKER_FILE), 'utf8'))).toEqual({
      uid: 'payments-api',
      title: 'API',
      parentUid: 'payments',
      owner: ownerToken(DEFAULT_OWNER_SCOPE, 'payments-api'),
    });
    const stored = readFileSync(path.join(dir, 'dashboards/Payments/checkout.json'), 'utf8');
    expect(stored.endsWith('}\n')).toBe(true);
    expect(JSON.parse(stored)).toEqual(dashboard('checkout', 'Checkout', 'payments').json);
    expect(t.describe()).toBe(dir);
  });

  test('GIVEN finish WHEN called THEN the provider YAML is what Grafana reads; a second finish writes nothing', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir, grafanaPath: '/var/lib/grafana/dashboards' });
    await t.finish();
    const file = path.join(dir, 'provisioning/dashboards/grafts.yaml');
    const text = readFileSync(file, 'utf8');
    expect(parse(text)).toEqual({
      apiVersion: 1,
      providers: [
        {
          name: 'grafts',
          orgId: 1,
          type: 'file',
          disableDeletion: false,
          allowUiUpdates: false,
          updateIntervalSeconds: 30,
          options: { path: '/var/lib/grafana/dashboards', foldersFromFilesStructure: true },
        },
      ],
    });
    expect(existsSync(path.join(dir, 'dashboards'))).toBe(true);
    const { mtimeMs } = statSync(file);
    await t.finish();
    expect(statSync(file).mtimeMs).toBe(mtimeMs);
    const local = tempDir();
    await new FileTarget({ name: 'default', dir: local }).finish();
    expect(parse(readFileSync(path.join(local, 'provisioning/dashboards/grafts.yaml'), 'utf8')).providers[0].options.path).toBe(path.join(local, 'dashboards'));
  });

  test('GIVEN writes WHEN done THEN no temporary files remain (temp + rename)', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('f', 'F'), W);
    for (let i = 0; i < 5; i++) await t.saveDashboard(dashboard('d', `D${i}`, 'f'), W);
    await t.finish();
    expect(tree(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dir, 'dashboards/F/d.json'), 'utf8')).title).toBe('D4');
  });

  test('GIVEN odd folder titles THEN directory names stay inside their parent and read like the title', () => {
    expect(directoryName('a/b\\c')).toBe('a\u2215b\u29f5c');
    expect(directoryName('..')).toBe('%2E%2E');
    expect(directoryName('.hidden')).toBe('%2Ehidden');
    expect(directoryName('  Team  ')).toBe('%20 Team %20');
    expect(directoryName('Payments')).toBe('Payments');
  });

  test('GIVEN a uid that is not a Grafana uid THEN nothing is written outside the folder', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await expect(t.saveDashboard(dashboard('../escape', 'E'), W)).rejects.toBeInstanceOf(FileTargetError);
    expect(existsSync(path.join(dir, 'escape.json'))).toBe(false);
  });
});

describe('file target listing', () => {
  test('GIVEN a directory written by grafts and by hand WHEN listed THEN managed flags come from markers and the tag', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('payments', 'Payments'), W);
    await t.saveDashboard(dashboard('checkout', 'Checkout', 'payments'), W);
    mkdirSync(path.join(dir, 'dashboards/Hand made'), { recursive: true });
    writeFileSync(path.join(dir, 'dashboards/Hand made/theirs.json'), JSON.stringify({ uid: 'theirs', title: 'Theirs', tags: ['x'] }));
    writeFileSync(path.join(dir, 'dashboards/broken.json'), '{ not json');

    const fresh = new FileTarget({ name: 'default', dir });
    expect(await fresh.listFolders()).toEqual([
      { uid: 'dir:Hand made', title: 'Hand made', managed: false },
      { uid: 'payments', title: 'Payments', managed: true },
    ]);
    expect(await fresh.listDashboards()).toEqual([
      { uid: 'theirs', title: 'Theirs', folderUid: 'dir:Hand made', managed: false },
      { uid: 'checkout', title: 'Checkout', folderUid: 'payments', managed: true },
      { uid: 'broken', title: '', managed: false },
    ]);
    const got = await fresh.getDashboard('checkout');
    expect(got).toMatchObject({ uid: 'checkout', title: 'Checkout', folderUid: 'payments', managed: true });
    expect((got?.json['tags'] as string[]).includes(MANAGED_TAG)).toBe(true);
    expect(await fresh.getDashboard('nope')).toBeUndefined();
    expect(await fresh.getDashboard('broken')).toBeUndefined();
  });

  test('GIVEN an empty or missing folder WHEN listed THEN nothing is listed', async () => {
    const t = new FileTarget({ name: 'default', dir: path.join(tempDir(), 'not-yet') });
    expect(await t.listFolders()).toEqual([]);
    expect(await t.listDashboards()).toEqual([]);
  });
});

describe('file target changes', () => {
  test('GIVEN a dashboard WHEN saved into another folder THEN the old file is removed', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('a', 'A'), W);
    await t.createFolder(folder('b', 'B'), W);
    await t.saveDashboard(dashboard('d', 'D', 'a'), W);
    await t.saveDashboard(dashboard('d', 'D', 'b'), W);
    expect(tree(path.join(dir, 'dashboards')).filter((f) => f.endsWith('d.json'))).toEqual(['B/d.json']);
    expect((await new FileTarget({ name: 'x', dir }).getDashboard('d'))?.folderUid).toBe('b');
  });

  test('GIVEN a folder WHEN renamed and moved THEN its directory moves with its dashboards', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('top', 'Top'), W);
    await t.createFolder(folder('child', 'Child', 'top'), W);
    await t.saveDashboard(dashboard('d', 'D', 'child'), W);
    const remote = (await t.listFolders()).find((f) => f.uid === 'child')!;
    await t.updateFolder(folder('child', 'Renamed'), remote, W);
    expect(tree(path.join(dir, 'dashboards'))).toEqual(['Renamed/.grafts-folder.json', 'Renamed/d.json', 'Top/.grafts-folder.json']);
    expect((await t.listFolders()).find((f) => f.uid === 'child')).toEqual({ uid: 'child', title: 'Renamed', managed: true });
    expect((await t.getDashboard('d'))?.folderUid).toBe('child');
  });

  test('GIVEN a dashboard in a folder that does not exist THEN the error names the folder', async () => {
    const t = new FileTarget({ name: 'default', dir: tempDir() });
    await expect(t.saveDashboard(dashboard('d', 'D', 'missing'), W)).rejects.toThrow(/folder "missing" not found/);
    await expect(t.createFolder(folder('c', 'C', 'missing'), W)).rejects.toThrow(/parent folder "missing" of folder "c" not found/);
  });

  test('GIVEN a directory of the same title held by another folder or by hand THEN create refuses', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('one', 'Same'), W);
    await expect(t.createFolder(folder('two', 'Same'), W)).rejects.toThrow(/already holds folder "one"/);
  });

  test('GIVEN deletes WHEN the folder holds only what grafts wrote THEN it goes; foreign files block it', async () => {
    const dir = tempDir();
    const t = new FileTarget({ name: 'default', dir });
    await t.createFolder(folder('f', 'F'), W);
    await t.createFolder(folder('g', 'G', 'f'), W);
    await t.saveDashboard(dashboard('d', 'D', 'g'), W);
    await t.createFolder(folder('keep', 'Keep'), W);
    writeFileSync(path.join(dir, 'dashboards/Keep/notes.txt'), 'mine');
    await t.deleteDashboard('nope');
    await t.deleteFolder('nope');
    await t.deleteFolder('f');
    await expect(t.deleteFolder('keep')).rejects.toThrow(/holds files grafts did not write/);
    expect(tree(path.join(dir, 'dashboards'))).toEqual(['Keep/.grafts-folder.json', 'Keep/notes.txt']);
    await t.saveDashboard(dashboard('x', 'X'), W);
    await t.deleteDashboard('x');
    expect(await t.listDashboards()).toEqual([]);
  });
});
