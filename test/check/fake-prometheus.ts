// A loopback fake of Prometheus' HTTP API for unit tests: a fixed set of series, a tiny
// evaluator (an expression returns the series of its first selector, or nothing when any of
// its selectors matches nothing, which is how sums, rates and ratios behave on real data),
// `count(<selector>)`, label look-ups with match[], per-expression overrides, and a fixed
// answer for exemplars and flags. Every request is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { vectorSelectors, type VectorSelectorInfo } from '../../lib/check/promql-selectors.js';
import { labelMatches } from '../../lib/promql/label-matches.js';

export type Labels = Record<string, string>;

export interface FakeSeries {
  labels: Labels;
  /** Default 1; 'NaN' for a quantile without traffic. */
  value?: number | 'NaN';
}

export interface RecordedRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

/** What an override answers: a result, or a Prometheus error. */
export type Override = { series: FakeSeries[] } | { error: string; errorType?: string; status?: number };

export interface FakePrometheusOptions {
  series?: FakeSeries[];
  /** Answers for exact expressions (after interpolation), checked before evaluation. */
  overrides?: Record<string, Override>;
  /** Require this Authorization header value; other requests get 401. */
  authorization?: string;
  /** Answer every request with this raw status and body (e.g. a proxy's 502). */
  raw?: { status: number; body: string };
  /** Names of the loaded recording rules `/api/v1/rules` lists; without it that route is a 404. */
  recordingRules?: string[];
  /** The `data` `/api/v1/query_exemplars` answers (any shape), or an error; without it the data is `[]`. */
  exemplars?: { data: unknown } | { error: string; errorType?: string; status?: number };
  /** What `/api/v1/status/flags` answers; without it that route is a 404. */
  flags?: Record<string, string>;
}

export interface FakePrometheus {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function matches(selector: VectorSelectorInfo, labels: Labels): boolean {
  if (selector.metric !== undefined && labels['__name__'] !== selector.metric) return false;
  return selector.matchers.every((m) => labelMatches(m, labels[m.label] ?? ''));
}

function select(series: FakeSeries[], text: string): FakeSeries[] {
  const selectors = vectorSelectors(text);
  if (!selectors || selectors.length === 0) return [];
  return series.filter((s) => selectors.some((sel) => matches(sel, s.labels)));
}

type Eval = { series: FakeSeries[] } | { error: string; errorType: string; status: number };

function evaluate(expr: string, options: FakePrometheusOptions): Eval {
  const override = options.overrides?.[expr];
  if (override) return 'error' in override ? { error: override.error, errorType: override.errorType ?? 'bad_data', status: override.status ?? 400 } : override;
  if (expr === 'vector(1)') return { series: [{ labels: {}, value: 1 }] };
  const selectors = vectorSelectors(expr);
  if (selectors === undefined) return { error: `parse error: unexpected input in ${JSON.stringify(expr)}`, errorType: 'bad_data', status: 400 };
  const all = options.series ?? [];
  const count = /^count\((.*)\)$/s.exec(expr);
  if (count) {
    const n = select(all, count[1]!).length;
    return { series: n > 0 ? [{ labels: {}, value: n }] : [] };
  }
  const perSelector = selectors.map((sel) => all.filter((s) => matches(sel, s.labels)));
  if (perSelector.some((list) => list.length === 0)) return { series: [] };
  return { series: perSelector[0] ?? [] };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** Starts the fake on 127.0.0.1 (port 0); it is closed when the test finishes. */
export async function startFakePrometheus(options: FakePrometheusOptions = {}): Promise<FakePrometheus> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const params = new URLSearchParams(url.search);
      const body = await readBody(req);
      for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
      requests.push({ method: req.method ?? 'GET', path: url.pathname, params, headers: req.headers });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (options.raw) {
        res.writeHead(options.raw.status, { 'Content-Type': 'text/plain' });
        res.end(options.raw.body);
        return;
      }
      if (options.authorization !== undefined && req.headers.authorization !== options.authorization) {
        res.writeHead(401, { 'Content-Type': 'text/plain' });
        res.end('Unauthorized');
        return;
      }
      const ok = (data: unknown) => send(200, { status: 'success', data });
      const all = options.series ?? [];
      const matched = () => {
        const match = params.getAll('match[]');
        return match.length === 0 ? all : all.filter((s) => match.some((m) => select([s], m).length > 0));
      };
      const labelValues = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(url.pathname);
      if (url.pathname === '/api/v1/status/buildinfo') return ok({ version: '2.42.0-fake', revision: 'x' });
      if (labelValues) {
        const name = decodeURIComponent(labelValues[1]!);
        return ok(
          [
            ...new Set(
              matched()
                .map((s) => s.labels[name])
                .filter((v): v is string => v !== undefined),
            ),
          ].sort(),
        );
      }
      if (url.pathname === '/api/v1/labels') return ok([...new Set(matched().flatMap((s) => Object.keys(s.labels)))].sort());
      if (url.pathname === '/api/v1/series') return ok(matched().map((s) => s.labels));
      if (url.pathname === '/api/v1/rules' && options.recordingRules) {
        return ok({
          groups: [
            { name: 'loaded', file: 'rules.yaml', rules: options.recordingRules.map((name) => ({ name, query: 'x', type: 'recording', health: 'ok' })) },
          ],
        });
      }
      if (url.pathname === '/api/v1/status/flags' && options.flags) return ok(options.flags);
      if (url.pathname === '/api/v1/query_exemplars') {
        const answer = options.exemplars ?? { data: [] };
        if ('error' in answer) return send(answer.status ?? 400, { status: 'error', errorType: answer.errorType ?? 'bad_data', error: answer.error });
        return ok(answer.data);
      }
      if (url.pathname === '/api/v1/query' || url.pathname === '/api/v1/query_range') {
        const result = evaluate(params.get('query') ?? '', options);
        if ('error' in result) return send(result.status, { status: 'error', errorType: result.errorType, error: result.error });
        const time = Number(params.get('time') ?? params.get('end') ?? 1_700_000_000);
        const value = (s: FakeSeries) => String(s.value ?? 1);
        if (url.pathname === '/api/v1/query') {
          return ok({ resultType: 'vector', result: result.series.map((s) => ({ metric: s.labels, value: [time, value(s)] })) });
        }
        return ok({
          resultType: 'matrix',
          result: result.series.map((s) => ({
            metric: s.labels,
            values: [
              [time - 15, value(s)],
              [time, value(s)],
            ],
          })),
        });
      }
      send(404, { status: 'error', errorType: 'not_found', error: `no route ${url.pathname}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakePrometheus = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  onTestFinished(() => fake.close());
  return fake;
}

/** Shorthand for a series: `s('up', { job: 'api' })`. */
export function s(name: string, labels: Labels = {}, value?: number | 'NaN'): FakeSeries {
  return { labels: { __name__: name, ...labels }, ...(value !== undefined && { value }) };
}
