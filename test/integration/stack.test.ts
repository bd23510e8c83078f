// The Prometheus stack of the integration tests (test/support/prometheus-stack.ts), checked
// against the real Prometheus 2.42 and node exporter from Debian: every job is scraped, the
// variables of the house-style dashboards find the jobs and instances, the RED metrics have
// rates and histogram buckets, every panel of examples/red-services has data, and stop()
// leaves no process behind.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runDash } from '../cli/run-dash.js';
import { isProcessAlive, prometheusApi, queryVector, startPrometheusStack } from '../support/prometheus-stack.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';

const stack = sharedPrometheusStack();
// The window dash check's default $__rate_interval gives (scrape interval 15s). A 15 s window
// (what a 1 s scrape gives) flaked on a loaded CI machine when a scrape or the load stalled.
const RANGE = '1m';

const jobsOf = async (query: string) => (await queryVector(stack!.prometheusUrl, query)).map((s) => s.metric.job).sort();

describe('the shared Prometheus stack', () => {
  it('scrapes node exporter and every instance of every service, all up', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the stack's targets
    const expected = [
      `node ${stack.nodeExporterInstance}`,
      `prometheus ${stack.prometheusInstance}`,
      ...stack.services.flatMap((s) => s.instances.map((i) => `${s.job} ${i}`)),
    ].sort();

    // WHEN Prometheus is asked for its active targets and for `up`
    const targets = await prometheusApi<{ activeTargets: { labels: Record<string, string>; health: string; scrapeUrl: string }[] }>(
      stack.prometheusUrl,
      '/api/v1/targets',
      { state: 'active' },
    );
    const up = await queryVector(stack.prometheusUrl, 'up == 1');

    // THEN every target is healthy, on loopback, and up == 1
    expect(targets.activeTargets.map((t) => `${t.labels.job} ${t.labels.instance}`).sort()).toEqual(expected);
    expect(targets.activeTargets.every((t) => t.health === 'up' && t.scrapeUrl.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(up.map((s) => `${s.metric.job} ${s.metric.instance}`).sort()).toEqual(expected);
    expect(stack.services.map((s) => s.job)).toEqual(['checkout', 'cart', 'search']);
  });

  it('answers label_values(up, job) and label_values(up{job=~"$job"}, instance) as Grafana asks them', async () => {
    if (!stack) return expectPrometheusAbsent();
    // WHEN the job variable's values are fetched the way Grafana does
    const jobs = await prometheusApi<string[]>(stack.prometheusUrl, '/api/v1/label/job/values', { 'match[]': 'up' });

    // THEN they are the services and node
    expect(jobs.sort()).toEqual(['cart', 'checkout', 'node', 'prometheus', 'search']);

    // AND each job's instances are its instances
    for (const service of stack.services) {
      const instances = await prometheusApi<string[]>(stack.prometheusUrl, '/api/v1/label/instance/values', { 'match[]': `up{job=~"${service.job}"}` });
      expect(instances.sort(), service.job).toEqual([...service.instances].sort());
    }
    const all = await prometheusApi<string[]>(stack.prometheusUrl, '/api/v1/label/instance/values', { 'match[]': 'up{job=~".+"}' });
    expect(all).toHaveLength(2 + stack.services.reduce((n, s) => n + s.instances.length, 0));
  });

  it('has a request rate with status codes, per job and instance', async () => {
    if (!stack) return expectPrometheusAbsent();
    // WHEN rate() of the requests counter is queried per job, instance and code
    const rates = await queryVector(stack.prometheusUrl, `sum by (job, instance, code) (rate(http_requests_total[${RANGE}]))`);

    // THEN every instance of every service answered requests, mostly 2xx, and some 5xx overall
    for (const service of stack.services) {
      for (const instance of service.instances) {
        const ok = rates.filter((s) => s.metric.job === service.job && s.metric.instance === instance && /^2..$/.test(s.metric.code ?? ''));
        expect(
          ok.reduce((sum, s) => sum + Number(s.value?.[1]), 0),
          `${service.job} ${instance}`,
        ).toBeGreaterThan(0);
      }
    }
    // (the counter itself, not increase(): right after start-up a 5xx series may have appeared
    // only once, and increase() does not count the step from absent to 1)
    expect(await jobsOf(`sum by (job) (http_requests_total{code=~"5.."}) > 0`)).not.toHaveLength(0);
    expect(await jobsOf(`sum by (job) (rate(node_cpu_seconds_total[${RANGE}]))`)).toEqual(['node']);
  });

  it('has classic histogram buckets for checkout and cart, and a native histogram for search', async () => {
    if (!stack) return expectPrometheusAbsent();
    const classic = stack.services
      .filter((s) => s.histogram === 'classic')
      .map((s) => s.job)
      .sort();
    const native = stack.services
      .filter((s) => s.histogram === 'native')
      .map((s) => s.job)
      .sort();
    expect(classic).toEqual(['cart', 'checkout']);
    expect(native).toEqual(['search']);

    // WHEN the classic buckets are listed
    const les = await prometheusApi<string[]>(stack.prometheusUrl, '/api/v1/label/le/values', { 'match[]': 'http_request_duration_seconds_bucket' });
    // THEN they are the service's buckets, ending in +Inf, and only the classic jobs have them
    expect(les).toEqual(expect.arrayContaining(['0.005', '0.1', '1', '10', '+Inf']));
    expect(await jobsOf('count by (job) (http_request_duration_seconds_bucket)')).toEqual(classic);
    expect(await jobsOf(`histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[${RANGE}]))) > 0`)).toEqual(classic);

    // AND the native histogram has buckets, a count and a sum, and quantiles
    const samples = await queryVector(stack.prometheusUrl, 'http_request_duration_seconds');
    expect([...new Set(samples.map((s) => s.metric.job))]).toEqual(native);
    for (const s of samples) {
      expect(s.histogram, JSON.stringify(s.metric)).toBeDefined();
      expect(Number(s.histogram![1].count)).toBeGreaterThan(0);
      expect(s.histogram![1].buckets?.length).toBeGreaterThan(1);
    }
    expect(await jobsOf(`histogram_quantile(0.99, sum by (job) (rate(http_request_duration_seconds[${RANGE}]))) > 0`)).toEqual(native);
  });

  it('has data for every panel query of examples/red-services, with the variables at All', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the example built with the dash bin
    const out = mkdtempSync(path.join(os.tmpdir(), 'grafts-stack-example-'));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    const example = fileURLToPath(new URL('../../examples/red-services', import.meta.url));
    const run = runDash(['build', example, '--out', out], process.cwd());
    expect(run.stderr).toBe('');
    const [file] = readdirSync(path.join(out, 'dashboards'));
    type Panel = { title: string; panels?: Panel[]; targets?: { expr: string }[] };
    const dashboard = JSON.parse(readFileSync(path.join(out, 'dashboards', file!), 'utf8')) as { panels: Panel[] };
    const exprs = dashboard.panels.flatMap(function flat(p: Panel): { title: string; expr: string }[] {
      return [...(p.targets ?? []).map((t) => ({ title: p.title, expr: t.expr })), ...(p.panels ?? []).flatMap(flat)];
    });
    expect(exprs).toHaveLength(3 * 5);

    // WHEN each is queried as Grafana would with job and instance at All
    const empty: string[] = [];
    for (const { title, expr } of exprs) {
      const query = expr.replaceAll('$job', '.+').replaceAll('$instance', '.+').replaceAll('$__rate_interval', RANGE);
      const result = await queryVector(stack.prometheusUrl, query);
      if (!result.some((s) => s.value && !Number.isNaN(Number(s.value[1])))) empty.push(`${title}: ${query}`);
    }

    // THEN none is empty or NaN
    expect(empty).toEqual([]);
  });
});

describe('startPrometheusStack', () => {
  it('stop() ends every process it started and removes its temp dir', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN a stack of its own (one service, not waiting for data)
    const own = await startPrometheusStack({ services: [{ job: 'solo', instances: 1 }], waitForData: false });
    onTestFinished(() => own.stop());
    expect(own.pids).toHaveLength(4); // service, node exporter, Prometheus, load generator
    expect(own.pids.every(isProcessAlive)).toBe(true);
    expect((await fetch(`${own.nodeExporterUrl}/metrics`)).ok).toBe(true);

    // WHEN it is stopped
    await own.stop();

    // THEN no process is left, the ports are closed and the dir is gone
    expect(own.pids.filter(isProcessAlive)).toEqual([]);
    await expect(fetch(`${own.prometheusUrl}/-/ready`)).rejects.toThrow();
    expect(existsSync(own.dir)).toBe(false);
    // AND stopping again is harmless
    await own.stop();
  });
});
