// The Prometheus stack shared by the integration test files (started once by
// ./prometheus-global-setup.ts). In a test file of test/integration:
//
//   const stack = sharedPrometheusStack();            // PrometheusStackInfo | null
//   it('…', async () => {
//     if (!stack) return expectPrometheusAbsent();    // only when not CI and not installed
//     await queryVector(stack.prometheusUrl, 'up');
//   });
//
// Do not stop the shared stack; a test that must own a stack (e.g. to stop it) calls
// startPrometheusStack() itself.
import { expect, inject } from 'vitest';
import { isPrometheusAvailable, type PrometheusStackInfo } from './prometheus-stack.js';

export type SharedPrometheusStack = ({ available: true } & PrometheusStackInfo) | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    prometheusStack: SharedPrometheusStack;
  }
}

/** The shared stack, or null when the binaries are absent outside CI (the global setup fails in CI). */
export function sharedPrometheusStack(): PrometheusStackInfo | null {
  const provided = inject('prometheusStack');
  if (provided === undefined) {
    throw new Error('no shared Prometheus stack: run this file in the vitest project "integration" (see vitest.config.ts)');
  }
  if (!provided.available) return null;
  const { available: _available, ...info } = provided;
  return info;
}

/** For a test that found no stack: asserts that is because the binaries are really absent, outside CI. */
export function expectPrometheusAbsent(): void {
  console.warn('Prometheus binaries absent: asserting their absence instead of querying');
  expect(process.env.CI, 'CI must have Prometheus').toBeFalsy();
  expect(isPrometheusAvailable()).toBe(false);
}
