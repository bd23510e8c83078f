#!/usr/bin/env node
// A toy HTTP service that exports RED metrics for Prometheus, written without dependencies.
//   node server.mjs --service checkout --port 8081 [--error-rate 0.05] [--histogram classic|native]
// Routes answer after a random delay, some with 4xx or 5xx. /metrics exposes
//   http_requests_total{code, method, route}                        (counter)
//   http_request_duration_seconds{method, route}                    (histogram)
// as a classic histogram in the text format (`_bucket` with `le`, `_sum`, `_count`), or with
// --histogram native as a native histogram in the protobuf format when the scraper asks for it
// (Prometheus started with --enable-feature=native-histograms); text scrapers still get classic.
// Every request has a trace id (answered in the `traceparent` header and the body); the latest
// one of each histogram bucket is its exemplar `# {trace_id="…"} <seconds> <unix time>`, sent
// in the OpenMetrics format to scrapers that ask for it (Prometheus does by default, and stores
// exemplars with --enable-feature=exemplar-storage) and in the protobuf format. The plain text
// format has no exemplars. --exemplars off leaves them out everywhere.
// Listens on 127.0.0.1 only; --port 0 picks a free port. Prints "listening <url>" once bound.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { encodeNativeHistogramFamilies, PROTOBUF_CONTENT_TYPE } from './protobuf.mjs';
import { labels, OPENMETRICS_CONTENT_TYPE, openMetricsExposition } from './openmetrics.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    service: { type: 'string', default: 'demo' },
    'error-rate': { type: 'string', default: '0.05' },
    'client-error-rate': { type: 'string', default: '0.03' },
    histogram: { type: 'string', default: 'classic' },
    exemplars: { type: 'string', default: 'on' },
  },
});
const errorRate = Number(args['error-rate']);
const clientErrorRate = Number(args['client-error-rate']);
if (!['classic', 'native'].includes(args.histogram)) throw new Error(`--histogram must be classic or native, not ${args.histogram}`);
if (!['on', 'off'].includes(args.exemplars)) throw new Error(`--exemplars must be on or off, not ${args.exemplars}`);
const withExemplars = args.exemplars === 'on';

// route → [method, mean latency in seconds]
const ROUTES = { '/api/items': ['GET', 0.02], '/api/search': ['GET', 0.06], '/api/orders': ['POST', 0.12] };
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const NATIVE_SCHEMA = 3; // bucket boundaries grow by 2^(1/8) ≈ 9 %

const requests = new Map(); // 'code|method|route' → count
const durations = new Map(); // 'method|route' → { count, sum, buckets: number[], exemplars: Exemplar[], native: Map<index, count> }

/** The latest observation of each bucket (the +Inf bucket last): { traceId, value, timestamp } in seconds. */
function observe(method, route, code, seconds, traceId) {
  const key = `${code}|${method}|${route}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const hkey = `${method}|${route}`;
  let h = durations.get(hkey);
  if (!h) durations.set(hkey, (h = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0), exemplars: [], native: new Map() }));
  h.count += 1;
  h.sum += seconds;
  BUCKETS.forEach((le, i) => {
    if (seconds <= le) h.buckets[i] += 1;
  });
  // The smallest bucket holding the value: an exemplar lies within its bucket (OpenMetrics).
  const bucket = BUCKETS.findIndex((le) => seconds <= le);
  h.exemplars[bucket === -1 ? BUCKETS.length : bucket] = { traceId, value: seconds, timestamp: Date.now() / 1000 };
  const index = Math.ceil(Math.log2(seconds) * 2 ** NATIVE_SCHEMA); // bucket (base^(i-1), base^i]
  h.native.set(index, (h.native.get(index) ?? 0) + 1);
}

function textExposition() {
  const out = [`# HELP http_requests_total Requests handled by ${args.service}, by status code, method and route.`, '# TYPE http_requests_total counter'];
  for (const [key, n] of requests) {
    const [code, method, route] = key.split('|');
    out.push(`http_requests_total${labels({ code, method, route })} ${n}`);
  }
  out.push(`# HELP http_request_duration_seconds Time ${args.service} took to answer, by method and route.`);
  out.push('# TYPE http_request_duration_seconds histogram');
  for (const [key, h] of durations) {
    const [method, route] = key.split('|');
    BUCKETS.forEach((le, i) => out.push(`http_request_duration_seconds_bucket${labels({ method, route, le })} ${h.buckets[i]}`));
    out.push(`http_request_duration_seconds_bucket${labels({ method, route, le: '+Inf' })} ${h.count}`);
    out.push(`http_request_duration_seconds_sum${labels({ method, route })} ${h.sum}`);
    out.push(`http_request_duration_seconds_count${labels({ method, route })} ${h.count}`);
  }
  return out.join('\n') + '\n';
}

function sleep(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/metrics') {
    const accept = req.headers.accept ?? '';
    const wantsProtobuf = accept.includes('application/vnd.google.protobuf');
    if (args.histogram === 'native' && wantsProtobuf) {
      res.writeHead(200, { 'content-type': PROTOBUF_CONTENT_TYPE });
      res.end(encodeNativeHistogramFamilies({ service: args.service, requests, durations, schema: NATIVE_SCHEMA, buckets: BUCKETS, withExemplars }));
    } else if (accept.includes('application/openmetrics-text')) {
      res.writeHead(200, { 'content-type': OPENMETRICS_CONTENT_TYPE });
      res.end(openMetricsExposition({ service: args.service, requests, durations, buckets: BUCKETS, withExemplars }));
    } else {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(textExposition());
    }
    return;
  }
  const started = process.hrtime.bigint();
  const traceId = randomBytes(16).toString('hex');
  const known = ROUTES[url.pathname];
  const route = known ? url.pathname : 'other';
  const method = req.method ?? 'GET';
  let code = 404;
  if (known) {
    await sleep(Math.min(2, -Math.log(1 - Math.random()) * known[1])); // exponential around the mean
    const r = Math.random();
    code = r < errorRate ? (Math.random() < 0.7 ? 500 : 503) : r < errorRate + clientErrorRate ? 400 : method === 'POST' ? 201 : 200;
  }
  res.writeHead(code, { 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
  res.end(JSON.stringify({ service: args.service, route, code, trace_id: traceId }));
  observe(method, route, code, Math.max(1e-6, Number(process.hrtime.bigint() - started) / 1e9), traceId);
});

server.listen(Number(args.port), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`listening http://127.0.0.1:${port} service=${args.service} histogram=${args.histogram} exemplars=${args.exemplars}`);
});

// Exit with the process that started us (a test runner that died must not leave services behind).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
