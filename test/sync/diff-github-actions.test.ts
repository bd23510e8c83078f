import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubWorkflow } from '../../lib/project/init-workflow.js';
import { INIT_FILES } from '../../lib/project/run-init.js';
import { typeCheckCachePaths } from '../../lib/project/type-check-cache.js';

const EXAMPLE = new URL('../../examples/github-actions/dashboards.yml', import.meta.url);

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}

describe('examples/github-actions/dashboards.yml', () => {
  const text = readFileSync(EXAMPLE, 'utf8');
  const workflow = parse(text) as {
    on: { pull_request: unknown; push: { branches: string[] } };
    jobs: Record<string, { if: string; env: Record<string, string>; environment?: string; steps: Step[] }>;
  };

  it('diffs as markdown on pull requests and comments, without failing on exit code 2', () => {
    // GIVEN the workflow's pull-request job
    const diff = workflow.jobs['diff']!;
    const runs = diff.steps.map((s) => s.run ?? '').join('\n');
    // THEN it runs npm ci and the markdown diff, tolerates 2, fails on anything else, and posts a comment
    expect(workflow.on).toHaveProperty('pull_request');
    expect(diff.if).toContain('pull_request');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx dash diff --format markdown --exit-code');
    expect(runs).toMatch(/-ne 0 \] && \[ "\$code" -ne 2 \]; then exit "\$code"/);
    const script = diff.steps.find((s) => s.uses?.startsWith('actions/github-script'))?.with?.['script'] ?? '';
    expect(script).toContain('<!-- grafts-diff -->');
    expect(script).toContain('updateComment');
  });

  it('applies with prune on pushes to main, with the Grafana secrets', () => {
    // GIVEN the workflow's push job
    const apply = workflow.jobs['apply']!;
    // THEN it applies with prune, on main, with both secrets
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(apply.if).toContain('push');
    expect(apply.steps.map((s) => s.run ?? '').join('\n')).toContain('npx dash apply --prune');
    for (const job of [apply, workflow.jobs['diff']!]) {
      expect(job.env).toEqual({ GRAFANA_URL: '${{ secrets.GRAFANA_URL }}', GRAFANA_TOKEN: '${{ secrets.GRAFANA_TOKEN }}' });
    }
  });

  it('builds and lints every pull request in a job that needs no secrets', () => {
    // GIVEN the workflow's check job
    const check = workflow.jobs['check']!;
    const runs = check.steps.map((s) => s.run ?? '');
    // THEN it runs on pull requests (forks included), without secrets, build then lint
    expect(check.if).toBe("github.event_name == 'pull_request'");
    expect(check.env).toBeUndefined();
    expect(runs.indexOf('npx dash build')).toBeGreaterThan(runs.indexOf('npm ci'));
    expect(runs.indexOf('npx dash lint')).toBeGreaterThan(runs.indexOf('npx dash build'));
  });

  it.each(['check', 'diff', 'apply'])('job %s restores the type-check cache where dash keeps it, after npm ci and before dash runs', (name) => {
    // GIVEN the job's steps, and where grafts puts the cache of a project with node_modules
    const steps = workflow.jobs[name]!.steps;
    const project = mkdtempSync(path.join(os.tmpdir(), 'grafts-ci-cache-'));
    try {
      mkdirSync(path.join(project, 'node_modules'));
      const previous = process.env['GRAFTS_CACHE_DIR'];
      delete process.env['GRAFTS_CACHE_DIR'];
      const base = path.dirname(typeCheckCachePaths(project).dir);
      if (previous !== undefined) process.env['GRAFTS_CACHE_DIR'] = previous;
      // THEN one actions/cache step caches exactly that folder, keyed by OS and a hash of the inputs
      const cache = steps.findIndex((s) => s.uses?.startsWith('actions/cache@'));
      expect(cache).toBeGreaterThan(steps.findIndex((s) => s.run === 'npm ci'));
      expect(cache).toBeLessThan(steps.findIndex((s) => /npx dash /.test(s.run ?? '')));
      const { path: cached, key, 'restore-keys': restoreKeys } = steps[cache]!.with!;
      expect(cached).toBe(path.relative(project, base).split(path.sep).join('/'));
      expect(key).toMatch(/^grafts-typecheck-\$\{\{ runner\.os \}\}-\$\{\{ hashFiles\(.*'\*\*\/\*\.ts'.*\) \}\}$/);
      expect(restoreKeys).toBe('grafts-typecheck-${{ runner.os }}-');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('gates apply behind an environment', () => {
    expect(workflow.jobs['apply']!.environment).toBe('production');
  });

  describe.each(['diff', 'apply'])('job %s, first step', (name) => {
    const job = workflow.jobs[name]!;
    const guard = job.steps[0]!;
    const runGuard = (env: Record<string, string>) =>
      spawnSync('bash', ['-e', '-c', guard.run!], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });

    it('fails when a Grafana secret is empty or blank, before anything else runs', () => {
      // GIVEN every way the two secrets can be missing (undefined secrets arrive as '')
      const cases = [
        { GRAFANA_URL: '', GRAFANA_TOKEN: '' },
        { GRAFANA_URL: 'https://g.example.com', GRAFANA_TOKEN: '' },
        { GRAFANA_URL: '', GRAFANA_TOKEN: 'glsa_x' },
        { GRAFANA_URL: '   ', GRAFANA_TOKEN: 'glsa_x' },
        { GRAFANA_URL: 'https://g.example.com', GRAFANA_TOKEN: '  ' },
      ];
      for (const env of cases) {
        // WHEN the guard step runs THEN it fails with a GitHub error annotation
        const run = runGuard(env);
        expect(run.status, JSON.stringify(env)).toBe(1);
        expect(run.stdout).toContain('::error::GRAFANA_URL and GRAFANA_TOKEN must both be set');
      }
      expect(guard.uses).toBeUndefined();
    });

    it('passes when both secrets are set', () => {
      expect(runGuard({ GRAFANA_URL: 'https://g.example.com', GRAFANA_TOKEN: 'glsa_x' }).status).toBe(0);
    });
  });

  it('is exactly what dash init writes', () => {
    // THEN the scaffolded workflow and the example are the same bytes
    expect(githubWorkflow()).toBe(text);
    expect(INIT_FILES['.github/workflows/dashboards.yml']).toBe(text);
  });
});
