// Vitest global setup of the `integration` project (vitest.config.ts): starts ONE Prometheus
// stack for every integration test file and hands its description to them through
// provide/inject (read it with sharedPrometheusStack() from ./shared-stack.js). Vitest runs it
// only when at least one file of that project is selected, so unit-test runs pay nothing.
//
// Every built-in mixin (mixins/*/, see ./builtin-mixins.ts) is rendered with its default config
// and its alerts and recording rules are loaded into that Prometheus (info.mixinRuleFiles); a
// mixin that fails to load or render fails the setup, naming it, even without the binaries.
//
// Binaries absent: in CI (`CI` set) this fails the run; elsewhere it provides
// `{ available: false, reason }` and the tests assert that absence instead of skipping.
import type { TestProject } from 'vitest/node';
import { missingPrometheusBinaries, startPrometheusStack, STACK_PACKAGES, type PrometheusStack } from './prometheus-stack.js';
import type { SharedPrometheusStack } from './shared-stack.js';
import { loadBuiltinMixins } from './builtin-mixins.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mixins = (await loadBuiltinMixins()).map((m) => m.mixin);
  for (const mixin of mixins) {
    try {
      mixin.render();
    } catch (e) {
      throw new Error(
        `integration tests: built-in mixin "${mixin.name}" failed to render with its default config: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
  }
  const missing = missingPrometheusBinaries();
  if (missing.length > 0) {
    const reason = `${missing.join(', ')} not on PATH; apt-get install -y ${STACK_PACKAGES.join(' ')}`;
    if (process.env.CI) throw new Error(`integration tests: ${reason} (CI is set: failing instead of skipping)`);
    console.warn(`integration tests: ${reason}; the tests will only assert that the binaries are absent`);
    project.provide('prometheusStack', { available: false, reason } satisfies SharedPrometheusStack);
    return async () => {};
  }
  const stack: PrometheusStack = await startPrometheusStack({ mixins });
  const { stop: _stop, ...info } = stack;
  console.log(
    `integration tests: Prometheus stack at ${stack.prometheusUrl} ready in ${stack.startupMs} ms with the rules of ${mixins.length} mixin(s): ${mixins.map((m) => m.name).join(', ') || 'none'}`,
  );
  project.provide('prometheusStack', { available: true, ...info } satisfies SharedPrometheusStack);
  return () => stack.stop();
}
