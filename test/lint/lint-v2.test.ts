import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  customVariable,
  dashboard,
  dashboardV2Resource,
  datasource,
  prometheus,
  queryVariable,
  renderDashboardV2,
  row,
  stat,
  timeseries,
} from '../../lib/index.js';
import { runLint } from '../../lib/lint/run-lint.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { promDs } from '../support/fixtures.js';
import { v1DashboardArb } from '../support/v2-arbitraries.js';

const fixed = datasource('prometheus', 'P123');

// Findings that do not depend on the file's shape: rule, severity, panel and query.
function findingsOf(result: Awaited<ReturnType<typeof runLint>>): string[] {
  return result.findings.map((f) => `${f.rule}|${f.severity}|${f.location?.panel ?? ''}|${f.location?.target ?? ''}|${f.message}`).sort();
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-lint-v2-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function lintJson(json: unknown): Promise<Awaited<ReturnType<typeof runLint>>> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'dashboard.json'), `${JSON.stringify(json, null, 2)}\n`);
  return runLint({ cwd: dir, paths: ['dashboard.json'] });
}

const messy = () => {
  const job = queryVariable('job').datasource(promDs).query('label_values(up, job)');
  return dashboard('Messy')
    .uid('messy')
    .variable(promDs, job, customVariable('unused', ['a']))
    .panel(stat('Hard-coded').datasource(fixed).target(prometheus('sum(rate(http_requests_total[5m]))')))
    .row(
      row('Traffic').panel(
        timeseries('Rate')
          .datasource(promDs)
          .target(prometheus(`rate(http_requests_total{job="${job}"}[1m])`)),
      ),
    );
};

describe('dash lint on schema v2 dashboards', () => {
  it('GIVEN the same dashboard as v1 JSON and as a v2 resource THEN lint finds the same problems, and --fix leaves the v2 file untouched', async () => {
    const v1 = await lintJson(renderDashboard(messy().parts()).json);
    const { uid, spec } = renderDashboardV2(messy());
    const resource = dashboardV2Resource(uid, spec, { apiVersion: 'v2' });
    const v2 = await lintJson(resource);
    expect(findingsOf(v1).length).toBeGreaterThan(0);
    expect(findingsOf(v2)).toEqual(findingsOf(v1));
    expect(v2.counts.queries).toBe(v1.counts.queries);

    const dir = tempDir();
    const file = path.join(dir, 'dashboard.json');
    writeFileSync(file, `${JSON.stringify(resource, null, 2)}\n`);
    const before = readFileSync(file, 'utf8');
    const fix = await runLint({ cwd: dir, paths: ['dashboard.json'], fix: true });
    expect(fix.fixed).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('PROPERTY: for any dashboard v1 can express, lint of its v2 rendering equals lint of its v1 rendering', async () => {
    await fc.assert(
      fc.asyncProperty(v1DashboardArb, async (d) => {
        const v1 = await lintJson(renderDashboard(d.parts()).json);
        const { uid, spec } = renderDashboardV2(d);
        const v2 = await lintJson(dashboardV2Resource(uid, spec, { apiVersion: 'v2' }));
        expect(findingsOf(v2)).toEqual(findingsOf(v1));
      }),
      { numRuns: 15 },
    );
  });

  it('GIVEN a project whose dashboard has tabs THEN lint walks the panels inside the tabs', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'tabs.dash.ts'),
      `import { dashboard, datasource, prometheus, stat, tab } from '${path.resolve('lib/index.ts').replace(/\\\\/g, '/')}';\n` +
        `export default dashboard('Tabs').tabs(tab('A').panel(stat('Fixed').datasource(datasource('prometheus', 'P123')).target(prometheus('up'))));\n`,
    );
    const result = await runLint({ cwd: dir, typecheck: false });
    expect(result.counts.queries).toBe(1);
    expect(result.findings.some((f) => f.location?.panel === 'Fixed')).toBe(true);
  });
});
