import { Command } from 'commander';
import type { ProjectTestResult } from '../../lib/mixin-tools/run-project-test.js';
import { ExitError } from '../errors.js';
import { plural } from '../format.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { formatRoutingTests } from './mixin.js';

/**
 * `dash test [dir] [--json]`: runs a project's tests: the promtool unit tests of its mixins and
 * the routing tests of its notification policy tree (amtool). Exits 1 when a test fails.
 */
export function createTestCommand(io: CliIO): Command {
  return new Command('test')
    .description("run the project's tests: its mixins' promtool rule tests and its routing tests (amtool config routes test)")
    .argument('[dir]', 'the project directory (with dash.config.ts)', '.')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 every test passed; 1 a test failed, there is nothing to test, promtool (for mixin tests) or amtool (for routing tests) is missing, or the project does not load.',
      ].join('\n'),
    )
    .action(async (dir: string, options: { json?: boolean }) => {
      const { runProjectTest } = await import('../../lib/mixin-tools/run-project-test.js');
      const result = await runProjectTest({ cwd: io.cwd, dir });
      io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatProjectTest(result, colorEnabled(io.stdout, io.env)));
      if (!result.passed) throw new ExitError(1);
    });
}

/**
 * @example
 * promtool, version 2.42.0 (branch: debian/sid, …)
 * PASS mixin service-red: 4 test groups
 * 1 mixin passed (no promtool tests: node-exporter)
 * amtool, version 0.25.0 (branch: debian/sid, …)
 * PASS routing "critical pages" {alertname="ApiDown", severity="critical"} → page  dash.config.ts › alerting › routingTests[0]
 * 1 routing test passed
 */
export function formatProjectTest(result: ProjectTestResult, color: boolean): string {
  const c = palette(color);
  const lines: string[] = [];
  if (result.promtoolVersion !== undefined) lines.push(c.dim(result.promtoolVersion));
  for (const m of result.mixins) {
    lines.push(`${m.passed ? c.green('PASS') : c.red('FAIL')} mixin ${c.bold(m.name)}: ${plural(m.tsTests, 'test group')}`);
    if (!m.passed) lines.push(...m.output.split('\n').map((l) => `  ${l}`));
  }
  const untested = result.untested.length > 0 ? c.dim(` (no promtool tests: ${result.untested.join(', ')})`) : '';
  const failed = result.mixins.filter((m) => !m.passed).length;
  if (result.mixins.length > 0 || untested !== '')
    lines.push(
      failed === 0
        ? `${plural(result.mixins.length, 'mixin')} passed${untested}`
        : c.red(`${failed} of ${plural(result.mixins.length, 'mixin')} failed`) + untested,
    );
  if (result.routing) lines.push(...formatRoutingTests(result.routing, c));
  return `${lines.join('\n')}\n`;
}
