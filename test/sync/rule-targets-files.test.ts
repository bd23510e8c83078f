import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { namespaceFileName, RULE_FILE_MARKER, RuleFileTarget, RuleFileTargetError } from '../../lib/sync/rule-targets/rule-file-target.js';

const A: RuleGroupJson = { name: 'a', rules: [{ alert: 'Down', expr: 'up == 0', for: '5m' }] };
const B: RuleGroupJson = { name: 'b', interval: '30s', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'grafts-rule-files-unit-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('RuleFileTarget files', () => {
  it('GIVEN groups saved in two namespaces WHEN listing THEN each namespace is one <namespace>.yaml with { groups }', async () => {
    const t = new RuleFileTarget({ dir: path.join(dir, 'rules') });
    await t.saveGroup('infra', A);
    await t.saveGroup('infra', B);
    await t.saveGroup('team/x', A);
    expect(readdirSync(path.join(dir, 'rules')).sort()).toEqual(['infra.yaml', 'team%2Fx.yaml']);
    expect(parse(readFileSync(path.join(dir, 'rules', 'infra.yaml'), 'utf8'))).toEqual({ groups: [A, B] });
    expect(await t.listGroups()).toEqual([
      { namespace: 'infra', group: A, managed: true, namespaceMarker: true },
      { namespace: 'infra', group: B, managed: true, namespaceMarker: true },
      { namespace: 'team/x', group: A, managed: true, namespaceMarker: true },
    ]);
    expect(readFileSync(path.join(dir, 'rules', 'infra.yaml'), 'utf8').split('\n')[0]).toBe(RULE_FILE_MARKER);
  });

  it('GIVEN many groups of one namespace saved at once WHEN listing THEN none is lost, in call order', async () => {
    const t = new RuleFileTarget({ dir });
    const groups = Array.from({ length: 12 }, (_, i) => ({ name: `g${i}`, rules: [{ record: `r${i}`, expr: 'up' }] }));
    await Promise.all(groups.map((g) => t.saveGroup('ns', g)));
    await Promise.all([t.deleteGroup('ns', 'g3'), t.saveGroup('ns', { name: 'g12', rules: [{ record: 'r12', expr: 'up' }] })]);
    expect((await t.listGroups()).map((g) => g.group.name)).toEqual(['g0', 'g1', 'g2', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9', 'g10', 'g11', 'g12']);
  });

  it('GIVEN a rule file grafts did not write WHEN listing THEN its groups are unmanaged', async () => {
    writeFileSync(path.join(dir, 'hand.yaml'), 'groups:\n  - name: hand\n    rules:\n      - record: x\n        expr: up\n');
    const t = new RuleFileTarget({ dir });
    expect(await t.listGroups()).toEqual([
      { namespace: 'hand', group: { name: 'hand', rules: [{ record: 'x', expr: 'up' }] }, managed: false, namespaceMarker: true },
    ]);
  });

  it('GIVEN a saved group WHEN saving it changed THEN it is replaced in place, order kept', async () => {
    const t = new RuleFileTarget({ dir });
    await t.saveGroup('ns', A);
    await t.saveGroup('ns', B);
    await t.saveGroup('ns', { ...A, interval: '2m' });
    expect((await t.listGroups()).map((g) => `${g.group.name}:${g.group.interval ?? ''}`)).toEqual(['a:2m', 'b:30s']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('GIVEN two groups in a namespace WHEN deleting both THEN the file goes with the last one; deleting again is fine', async () => {
    const t = new RuleFileTarget({ dir });
    await t.saveGroup('ns', A);
    await t.saveGroup('ns', B);
    await t.deleteGroup('ns', 'a');
    expect((await t.listGroups()).map((g) => g.group.name)).toEqual(['b']);
    await t.deleteGroup('ns', 'b');
    expect(existsSync(path.join(dir, 'ns.yaml'))).toBe(false);
    await expect(t.deleteGroup('ns', 'b')).resolves.toBeUndefined();
  });

  it('GIVEN a missing folder WHEN listing THEN there are no groups', async () => {
    expect(await new RuleFileTarget({ dir: path.join(dir, 'nope') }).listGroups()).toEqual([]);
  });

  it('GIVEN a file that is not a rule file WHEN saving into it THEN a typed error refuses to overwrite it', async () => {
    writeFileSync(path.join(dir, 'ns.yaml'), 'groups: [unclosed\n');
    await expect(new RuleFileTarget({ dir }).saveGroup('ns', A)).rejects.toBeInstanceOf(RuleFileTargetError);
    expect(readFileSync(path.join(dir, 'ns.yaml'), 'utf8')).toBe('groups: [unclosed\n');
  });

  it('GIVEN namespaces with odd characters THEN file names stay in one folder and decode back', () => {
    expect(namespaceFileName('a/b c')).toBe('a%2Fb%20c');
    expect(namespaceFileName('..')).toBe('%2E.');
    expect(namespaceFileName('ok-name_1.x')).toBe('ok-name_1.x');
  });

  it('GIVEN no Prometheus URL WHEN finishing THEN nothing happens', async () => {
    await expect(new RuleFileTarget({ dir }).finish()).resolves.toBeUndefined();
  });
});

interface FakeProm {
  url: string;
  reloads: number;
  reloadStatus: number;
  reloadBody: string;
  /** What /api/v1/rules answers, poll after poll (the last one repeats). */
  answers: unknown[][];
  close(): Promise<void>;
}

async function fakePrometheus(): Promise<FakeProm> {
  const fake = { reloads: 0, reloadStatus: 200, reloadBody: '', answers: [[]] as unknown[][] };
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/-/reload') {
      fake.reloads++;
      res.writeHead(fake.reloadStatus, { 'Content-Type': 'text/plain' });
      return res.end(fake.reloadBody);
    }
    if (req.url === '/api/v1/rules') {
      const groups = fake.answers.length > 1 ? fake.answers.shift()! : fake.answers[0]!;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ status: 'success', data: { groups } }));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

describe('RuleFileTarget finish() against a fake Prometheus', () => {
  let prom: FakeProm;
  beforeEach(async () => {
    prom = await fakePrometheus();
  });
  afterEach(async () => {
    await prom.close();
  });

  const loaded = (health: string, lastError?: string) => [
    { name: 'a', file: '/etc/prometheus/rules/ns.yaml', rules: [{ name: 'Down', health, ...(lastError ? { lastError } : {}) }] },
  ];

  it('GIVEN rules not evaluated yet, then healthy WHEN finishing THEN it reloads once and waits until they are ok', async () => {
    const t = new RuleFileTarget({ dir, prometheusUrl: prom.url, pollIntervalMs: 1 });
    await t.saveGroup('ns', A);
    prom.answers = [[], loaded('unknown'), loaded('ok')];
    await t.finish();
    expect(prom.reloads).toBe(1);
  });

  it('GIVEN lifecycle disabled (403) WHEN finishing THEN the error suggests --web.enable-lifecycle', async () => {
    prom.reloadStatus = 403;
    prom.reloadBody = 'Lifecycle API is not enabled.';
    const t = new RuleFileTarget({ dir, prometheusUrl: prom.url });
    await t.saveGroup('ns', A);
    await expect(t.finish()).rejects.toMatchObject({ kind: 'reload', suggestion: expect.stringContaining('--web.enable-lifecycle') });
  });

  it("GIVEN a rule failing at evaluation WHEN finishing THEN an unhealthy error names it with Prometheus' message", async () => {
    const t = new RuleFileTarget({ dir, prometheusUrl: prom.url, pollIntervalMs: 1 });
    await t.saveGroup('ns', A);
    prom.answers = [loaded('err', 'many-to-many matching not allowed')];
    const error = await t.finish().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      kind: 'unhealthy',
      problems: [{ namespace: 'ns', group: 'a', rule: 'Down', problem: 'evaluation failed: many-to-many matching not allowed' }],
    });
  });

  it('GIVEN a Prometheus that never loads the group WHEN finishing THEN a bounded wait ends in not-loaded naming the group', async () => {
    const t = new RuleFileTarget({ dir, prometheusUrl: prom.url, pollIntervalMs: 1, verifyTimeoutMs: 20 });
    await t.saveGroup('ns', A);
    prom.answers = [[]];
    const error = await t.finish().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'not-loaded', problems: [{ namespace: 'ns', group: 'a', problem: 'not loaded by Prometheus' }] });
  });

  it('GIVEN nothing listening WHEN finishing THEN an unreachable error', async () => {
    const url = prom.url;
    const t = new RuleFileTarget({ dir, prometheusUrl: url });
    await prom.close();
    await expect(t.finish()).rejects.toMatchObject({ kind: 'unreachable' });
    prom = await fakePrometheus();
  });
});
