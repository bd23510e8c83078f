// `dash import --mixin` and `dash import <rules.yaml>` through the built bin, then `dash mixin build`
// of the imported package.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeProject, readTree, runDash } from '../../cli/run-dash.js';

const ALERTS = `groups:
  - name: cache
    rules:
      - alert: CacheDown
        expr: up{job="cache"} == 0
        for: 5m
        labels: { severity: critical }
      - alert: CacheEvicting
        expr: rate(cache_evictions_total{job="cache"}[5m]) > 10
        query_offset_note: kept
      - alert: CacheFull
        expr: cache_bytes{job="cache"} / cache_limit_bytes{job="cache"} > 0.95
`;

describe('dash import of rule files and mixins (built bin)', () => {
  it('imports a rendered mixin into a package that dash mixin build turns back into the same rules', () => {
    // GIVEN a rendered mixin with alerts only
    const dir = makeProject({ 'rendered/prometheus_alerts.yaml': ALERTS });

    // WHEN imported, and the package built
    const run = runDash(['import', '--mixin', 'rendered', '--out', 'pkg', '--name', 'cache'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Imported mixin cache');
    expect(run.stdout).toContain('config.selector: job="cache" lifted');
    const build = runDash(['mixin', 'build', 'pkg', '--out', 'built'], dir);
    expect(build.stderr).toBe('');
    expect(build.exitCode).toBe(0);

    // THEN the built alerts are the input's
    const built = parse(readFileSync(path.join(dir, 'built', 'prometheus_alerts.yaml'), 'utf8')) as unknown;
    expect(built).toEqual(parse(ALERTS));

    // AND importing again over the package is refused without --force, writing nothing
    const before = readTree(path.join(dir, 'pkg'));
    const again = runDash(['import', '--mixin', 'rendered', '--out', 'pkg'], dir);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already exists and is not empty (use --force');
    expect(again.stderr).toContain('nothing was written');
    expect(readTree(path.join(dir, 'pkg'))).toEqual(before);
  });

  it('imports a rule file as a .rules.ts module, and refuses a file that is not one', () => {
    const dir = makeProject({ 'alerts.yaml': ALERTS, 'broken.yaml': 'groups:\n  - just text\n' });
    const run = runDash(['import', 'alerts.yaml', '--out', 'rules'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const code = readFileSync(path.join(dir, 'rules', 'alerts.rules.ts'), 'utf8');
    expect(code).toContain("alertRule('CacheDown').expr('up{job=\"cache\"} == 0').for('5m').severity('critical')");
    expect(code).toContain(".$merge({ query_offset_note: 'kept' })");

    const bad = runDash(['import', 'broken.yaml', '--out', 'more'], dir);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('broken.yaml › groups[0]: a rule group must be a mapping');
    expect(existsSync(path.join(dir, 'more'))).toBe(false);
  });
});
