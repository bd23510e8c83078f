/**
 * Helpers for golden dashboard tests: schema checks against our schema and (when present) the
 * relaxed upstream schema.
 */
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { validateRelaxedUpstreamDashboard } from './upstream-schema-relaxations.js';
import { upstreamDashboardSchemaPath, validateDashboard } from './validate-schema.js';

let reportedAbsence = false;

/** Asserts the dashboard validates against our schema and the relaxed upstream schema. */
export function expectValidDashboard(json: unknown): void {
  expect(validateDashboard(json).errors).toEqual([]);
  const upstream = validateRelaxedUpstreamDashboard(json);
  if (upstream === null) {
    if (!reportedAbsence) {
      console.log(`upstream dashboard schema not found at ${upstreamDashboardSchemaPath}; checking our schema only`);
      reportedAbsence = true;
    }
    expect(existsSync(upstreamDashboardSchemaPath)).toBe(false);
    return;
  }
  expect(upstream.errors).toEqual([]);
}
