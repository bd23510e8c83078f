// `dash check` (the built bin) and exemplars against real Prometheus 2.42: with the shared stack
// (exemplar storage on, the example services exposing trace id exemplars) the big-tent example's
// latency panels report exemplars arriving; with a Prometheus of its own without exemplar
// storage, a correlated RED row fails the check with the hint naming the feature flag.
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { CheckResult } from '../../lib/check/check-result.js';
import { makeProject, runDash } from '../cli/run-dash.js';
import { prometheusApi, startPrometheusStack } from '../support/prometheus-stack.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';

const stack = sharedPrometheusStack();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CORRELATED_ROW = `
import { datasourceVariable, red } from 'grafts';
const traces = datasourceVariable('traces', 'tempo');
export default red.dashboard('Checkout', ['checkout'], { traces: { datasource: traces, kind: 'tempo' } }).variable(traces).uid('checkout-red');
`;

describe('dash check: exemplars against real Prometheus', () => {
  it('examples/big-tent passes, and every latency panel reports trace id exemplars arriving', () => {
    if (!stack) return expectPrometheusAbsent();
    // WHEN the big-tent example is checked against the shared stack
    const run = runDash(['check', 'examples/big-tent', '--prometheus', stack.prometheusUrl, '--json'], ROOT);

    // THEN it passes: no panel fails, no variable fails
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as CheckResult;
    const failing = result.dashboards.flatMap((d) =>
      d.panels
        .filter((p) => p.status === 'error' || p.status === 'no-data' || p.targets.some((t) => t.exemplars && t.exemplars.status !== 'arriving'))
        .map((p) => ({ row: p.row, title: p.title, targets: p.targets })),
    );
    expect(failing).toEqual([]);
    expect(result.dashboards.flatMap((d) => d.variables.filter((v) => v.error !== undefined))).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(result.ok).toBe(true);
    // AND each service's p99 query (exemplar on) has exemplars carrying trace_id, classic and native histograms alike
    const withExemplars = result.dashboards.flatMap((d) =>
      d.panels.flatMap((p) => p.targets.filter((t) => t.exemplars).map((t) => ({ row: p.row, panel: p.title, ...t.exemplars! }))),
    );
    expect(withExemplars.map((e) => e.row).sort()).toEqual(['cart', 'checkout', 'search']);
    for (const e of withExemplars) {
      expect(e, `${e.row} › ${e.panel}`).toMatchObject({ status: 'arriving', labels: ['trace_id'] });
      expect(e.count).toBeGreaterThan(0);
    }
    expect(result.counts).toMatchObject({ exemplarsArriving: 3, exemplarsMissing: 0, exemplarErrors: 0 });
  });

  it('the services expose exemplars that Prometheus stores: trace ids of 32 hex digits on the histogram buckets', async () => {
    if (!stack) return expectPrometheusAbsent();
    const end = Math.floor(Date.now() / 1000);
    const data = await prometheusApi<{ seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string> }[] }[]>(
      stack.prometheusUrl,
      '/api/v1/query_exemplars',
      { query: 'http_request_duration_seconds_bucket{job="checkout"}', start: String(end - 300), end: String(end) },
    );
    expect(data.length).toBeGreaterThan(0);
    for (const series of data) for (const e of series.exemplars) expect(e.labels['trace_id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('without exemplar storage, a correlated RED row fails with the hint naming the flag; --no-exemplars passes', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN a Prometheus of its own started without --enable-feature=exemplar-storage, scraping checkout
    const own = await startPrometheusStack({ services: [{ job: 'checkout', instances: 1 }], exemplarStorage: false });
    onTestFinished(() => own.stop());
    const dir = makeProject({ 'checkout.dash.ts': CORRELATED_ROW });
    // A Prometheus started seconds ago may not yet hold the samples every panel's window needs
    // (seen under CI load: NO DATA on every panel): wait until the check sees data, then assert.
    await checkHasData(own.prometheusUrl, dir);

    // WHEN the correlated row is checked
    const human = runDash(['check', '--prometheus', own.prometheusUrl, '--no-typecheck'], dir);
    const json = runDash(['check', '--prometheus', own.prometheusUrl, '--no-typecheck', '--json'], dir);

    // THEN it fails with exit 1: the latency panel has data, its exemplars are missing, and the hint says why
    expect(human.stderr).toBe('');
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toMatch(/✓ checkout › Latency +data/);
    expect(human.stdout).toContain('A  exemplars: MISSING');
    expect(human.stdout).toContain(
      'hint: Prometheus stores no exemplars: its enable-feature flag lacks exemplar-storage; start it with --enable-feature=exemplar-storage',
    );
    expect(json.exitCode).toBe(1);
    const result = JSON.parse(json.stdout) as CheckResult;
    expect(result).toMatchObject({ ok: false, counts: { exemplarsMissing: 1, exemplarsArriving: 0, noData: 0, error: 0 } });

    // AND with --no-exemplars the same check passes (exit 0)
    const skipped = runDash(['check', '--prometheus', own.prometheusUrl, '--no-typecheck', '--no-exemplars'], dir);
    expect(skipped.exitCode, skipped.stdout).toBe(0);
    expect(skipped.stdout).not.toContain('exemplars');
  }, 120_000);
});

/** Runs `dash check --json` until no panel reports NO DATA (at most 60 s), as a fresh Prometheus fills. */
async function checkHasData(prometheusUrl: string, dir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = runDash(['check', '--prometheus', prometheusUrl, '--no-typecheck', '--no-exemplars', '--json'], dir);
    const counts = (JSON.parse(run.stdout) as CheckResult).counts;
    if (counts.noData === 0) return;
    if (Date.now() > deadline) throw new Error(`the check still reports ${counts.noData} panels without data after 60 s:\n${run.stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
