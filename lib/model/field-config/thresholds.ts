import type { ThresholdsConfig } from '../../generated/index.js';

/** One threshold step: from `value` upwards the colour is `color`; the first step has no value. */
export interface ThresholdStep {
  readonly value?: number | null;
  readonly color: string;
}

/** Renders threshold steps; the base step (no value) becomes Grafana's `null`. @internal */
export function renderThresholds(steps: readonly ThresholdStep[], mode: 'absolute' | 'percentage'): ThresholdsConfig {
  return { mode, steps: steps.map((s) => ({ color: s.color, value: s.value ?? null })) } as ThresholdsConfig;
}
