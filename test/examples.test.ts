import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runDash } from './cli/run-dash.js';
import { validateRelaxedUpstreamDashboard } from './support/upstream-schema-relaxations.js';
import { upstreamDashboardSchemaPath, validateDashboard, validateUpstreamDashboard } from './support/validate-schema.js';
import { upstreamV2SchemaPath, validateUpstreamV2Spec } from './support/upstream-v2-schema.js';

function isV2Resource(json: unknown): json is { apiVersion: string; spec: unknown } {
  return typeof json === 'object' && json !== null && String((json as { apiVersion?: unknown }).apiVersion).startsWith('dashboard.grafana.app/v2');
}

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
// Example projects: folders holding *.dash.ts files (examples/github-actions holds a workflow).
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .filter((name) => readdirSync(path.join(EXAMPLES, name), { recursive: true }).some((f) => String(f).endsWith('.dash.ts')));

// The quickstart must import into Grafana unchanged, so it is held to Grafana's upstream schema
// as published. Other examples use field overrides, which that schema rejects although Grafana
// saves them itself; they are held to it with the documented relaxations only.
const STRICT_UPSTREAM = new Set(['quickstart']);

describe.each(examples)('examples/%s', (name) => {
  it('builds, and every dashboard validates against our schema and against Grafana’s', () => {
    // GIVEN the example project and an empty output folder
    const out = mkdtempSync(path.join(os.tmpdir(), `grafts-example-${name}-`));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    rmSync(out, { recursive: true });

    // WHEN it is built with the dash bin
    const run = runDash(['build', path.join(EXAMPLES, name), '--out', out], process.cwd());

    // THEN it succeeds and every written dashboard is valid
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const files = readdirSync(path.join(out, 'dashboards'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const json: unknown = JSON.parse(readFileSync(path.join(out, 'dashboards', file), 'utf8'));
      if (isV2Resource(json)) {
        // A schema v2 dashboard: its spec against Grafana's v2 schema (with the override relaxations only).
        const v2 = validateUpstreamV2Spec(json.spec, 'v2', { relaxed: true });
        if (v2 === null) expect(existsSync(upstreamV2SchemaPath('v2'))).toBe(false);
        else expect(v2, file).toEqual({ valid: true, errors: [] });
        continue;
      }
      expect(validateDashboard(json), file).toEqual({ valid: true, errors: [] });
      const upstream = STRICT_UPSTREAM.has(name) ? validateUpstreamDashboard(json) : validateRelaxedUpstreamDashboard(json);
      if (upstream === null) {
        console.log(`upstream schema not found at ${upstreamDashboardSchemaPath}; only our schema was checked`);
        expect(existsSync(upstreamDashboardSchemaPath)).toBe(false);
      } else {
        expect(upstream, file).toEqual({ valid: true, errors: [] });
      }
    }
  });

  it('lints with no errors and no warnings', () => {
    // GIVEN the example project WHEN linted with the dash bin
    const run = runDash(['lint', path.join(EXAMPLES, name), '--json', '--max-warnings', '0'], process.cwd());
    // THEN nothing is found
    const result = JSON.parse(run.stdout) as { findings: unknown[] };
    expect(result.findings).toEqual([]);
    expect(run.exitCode).toBe(0);
  });
});
