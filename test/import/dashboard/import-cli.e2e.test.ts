import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { makeProject, readTree, runDash } from '../../cli/run-dash.js';

const checkout = {
  uid: 'checkout',
  title: 'Checkout',
  templating: { list: [{ type: 'datasource', name: 'datasource', query: 'prometheus' }] },
  panels: [
    {
      type: 'timeseries',
      title: 'Requests',
      gridPos: { x: 0, y: 0, w: 24, h: 8 },
      datasource: { type: 'prometheus', uid: '${datasource}' },
      targets: [{ refId: 'A', expr: 'sum(rate(checkout_requests_total[$__rate_interval]))' }],
    },
  ],
};
const api = {
  uid: 'api',
  title: 'API `${hostile}` */',
  panels: [],
  schemaVersion: 16,
  rows: [{ title: 'Main', panels: [{ type: 'singlestat', title: 'Up', span: 4, targets: [{ expr: 'up' }] }] }],
};

describe('dash import (built bin)', () => {
  it('GIVEN dash pull output, an extension-less export and a non-dashboard WHEN imported THEN .dash.ts files are written that dash build turns back into the dashboards', () => {
    const dir = makeProject({
      'pulled/payments/checkout.json': JSON.stringify(checkout),
      'pulled/notes.json': JSON.stringify({ hello: 'not a dashboard' }),
      'exported/api': JSON.stringify(api),
    });
    const run = runDash(['import', 'pulled', 'exported/api'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Imported 2 files → dashboards');
    expect(run.stdout).toContain('pulled/payments/checkout.json → dashboards/payments/checkout.dash.ts');
    expect(run.stdout).toContain('exported/api → dashboards/api.dash.ts');
    expect(run.stdout).toMatch(/singlestat → stat/);
    expect(run.stdout).toMatch(/skipped pulled\/notes\.json: not a dashboard/);

    const build = runDash(['build'], dir);
    expect(build.stderr).toBe('');
    expect(build.exitCode).toBe(0);
    const built = JSON.parse(readFileSync(path.join(dir, 'out/dashboards/checkout.json'), 'utf8')) as Record<string, unknown>;
    expect(normalizeForRoundTrip(built)).toEqual(normalizeForRoundTrip(checkout));
    const apiBuilt = JSON.parse(readFileSync(path.join(dir, 'out/dashboards/api.json'), 'utf8')) as Record<string, unknown>;
    expect(apiBuilt.title).toBe(api.title);
  }, 120_000);

  it('GIVEN files that exist WHEN imported again without --force THEN it exits 1 naming them and changes nothing; with --force it replaces them', () => {
    const dir = makeProject({ 'in/checkout.json': JSON.stringify(checkout) });
    expect(runDash(['import', 'in', '--out', 'src'], dir).exitCode).toBe(0);
    const before = readTree(path.join(dir, 'src'));

    const again = runDash(['import', 'in', '--out', 'src'], dir);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('src/checkout.dash.ts exists (use --force to replace it)');
    expect(again.stderr).toContain('nothing was written');
    expect(readTree(path.join(dir, 'src'))).toEqual(before);

    expect(runDash(['import', 'in', '--out', 'src', '--force'], dir).exitCode).toBe(0);
    expect(readTree(path.join(dir, 'src'))).toEqual(before);
  }, 120_000);

  it('GIVEN one broken input among good ones WHEN imported THEN it exits 1 with the file and JSON path, and writes nothing', () => {
    const dir = makeProject({ 'good.json': JSON.stringify(checkout), 'bad.json': '{"title": "x", ', 'list.json': '[1, 2]' });
    const run = runDash(['import', 'good.json', 'bad.json', 'list.json'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/bad\.json › \$: invalid JSON/);
    expect(run.stderr).toContain('list.json › $: expected a dashboard object, got an array');
    expect(existsSync(path.join(dir, 'dashboards'))).toBe(false);
  }, 120_000);

  it('GIVEN --dry-run --json WHEN imported THEN it prints what it would write and writes nothing', () => {
    const dir = makeProject({ 'checkout.json': JSON.stringify(checkout) });
    const run = runDash(['import', 'checkout.json', '--dry-run', '--json'], dir);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { files: { file: string; exact: boolean }[]; written: boolean };
    expect(result.written).toBe(false);
    expect(result.files).toEqual([{ source: 'checkout.json', file: 'dashboards/checkout.dash.ts', kind: 'dashboard', exact: true, notes: [] }]);
    expect(existsSync(path.join(dir, 'dashboards'))).toBe(false);
  }, 120_000);
});
