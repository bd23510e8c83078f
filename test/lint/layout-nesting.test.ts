import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dashboard, dashboardV2Resource, prometheus, renderDashboardV2, row, stat, tab } from '../../lib/index.js';
import { runLint } from '../../lib/lint/run-lint.js';
import { v2NestingWarnings } from '../../lib/render/v2/v2-nesting.js';
import { formatBuildSummary } from '../../cli/commands/build.js';
import { makeProject, runDash } from '../cli/run-dash.js';

const up = () => stat('Up').target(prometheus('up'));

// tab "Ops" › tab "Inner" (tab directly in a tab); tab "Deep" › row "L2" › tabs › tab "L3" › row "L4" (4 levels).
const nested = () =>
  dashboard('Nested')
    .uid('nested')
    .tabs(
      tab('Ops').tabs(tab('Inner').panel(up())),
      tab('Deep').row(row('L2').tabs(tab('L3').row(row('L4').row(row('L5').panel(up()))))),
      tab('Fine').row(row('A').tabs(tab('B').panel(up()))),
    );

const TAB_IN_TAB = 'tab "Inner" is directly inside tab "Ops": Grafana\'s editor does not allow tabs directly in tabs (put a row between them)';
const TOO_DEEP = 'row "L4" is at grouping level 4 (tab "Deep" › row "L2" › tab "L3" › row "L4"): Grafana\'s editor allows at most 3 levels of rows and tabs';

describe('v2 nesting warnings', () => {
  it('GIVEN a tab directly in a tab and a row at level 4 THEN each is reported once; 3 levels with a row between tabs are fine', () => {
    const { spec } = renderDashboardV2(nested());
    expect(v2NestingWarnings(spec as unknown as Record<string, unknown>)).toEqual([
      { path: ['tab "Ops"', 'tab "Inner"'], message: TAB_IN_TAB },
      { path: ['tab "Deep"', 'row "L2"', 'tab "L3"', 'row "L4"'], message: TOO_DEEP },
    ]);
    const fine = renderDashboardV2(
      dashboard('Fine')
        .uid('fine')
        .tabs(tab('A').row(row('B').tabs(tab('C').panel(up())))),
    ).spec;
    expect(v2NestingWarnings(fine as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('GIVEN the dashboard as a v2 resource file THEN dash lint reports layout-nesting warnings, not errors', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-v2-nesting-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const { uid, spec } = renderDashboardV2(nested());
    writeFileSync(path.join(dir, 'nested.json'), JSON.stringify(dashboardV2Resource(uid, spec, { apiVersion: 'v2' })));
    const result = await runLint({ cwd: dir, paths: ['nested.json'] });
    const nesting = result.findings.filter((f) => f.rule === 'layout-nesting');
    expect(nesting.map((f) => [f.severity, f.location.uid, f.message])).toEqual([
      ['warning', 'nested', TAB_IN_TAB],
      ['warning', 'nested', TOO_DEEP],
    ]);
  });

  it('GIVEN build warnings THEN the build summary prints them after the dashboards', () => {
    const result = {
      outDir: '/p/out',
      dashboards: [{ uid: 'nested', title: 'Nested', source: 'nested.dash.ts', file: 'dashboards/nested.json', panels: 3, queries: 3 }],
      mixins: [],
      totals: { dashboards: 1, panels: 3, queries: 3 },
      durationMs: 5,
      warnings: [`nested.dash.ts › dashboard "Nested" › ${TAB_IN_TAB}`],
    };
    expect(formatBuildSummary(result, '/p', false).split('\n').slice(-2)).toEqual([`warning: nested.dash.ts › dashboard "Nested" › ${TAB_IN_TAB}`, '']);
  });

  it('GIVEN a project with such a dashboard THEN dash build succeeds and prints the warnings (and --json lists them)', () => {
    const dir = makeProject({
      'nested.dash.ts': `import { dashboard, prometheus, row, stat, tab } from 'grafts';
const up = () => stat('Up').target(prometheus('up'));
export default dashboard('Nested').uid('nested').tabs(
  tab('Ops').tabs(tab('Inner').panel(up())),
  tab('Deep').row(row('L2').tabs(tab('L3').row(row('L4').row(row('L5').panel(up()))))),
);
`,
    });
    const build = runDash(['build', '--no-typecheck'], dir);
    expect(build.exitCode, build.stderr).toBe(0);
    expect(build.stdout).toContain(`warning: nested.dash.ts › dashboard "Nested" › ${TAB_IN_TAB}\n`);
    expect(build.stdout).toContain(`warning: nested.dash.ts › dashboard "Nested" › ${TOO_DEEP}\n`);
    const json = runDash(['build', '--no-typecheck', '--json'], dir);
    expect((JSON.parse(json.stdout) as { warnings: string[] }).warnings).toEqual([
      `nested.dash.ts › dashboard "Nested" › ${TAB_IN_TAB}`,
      `nested.dash.ts › dashboard "Nested" › ${TOO_DEEP}`,
    ]);
  });
});
