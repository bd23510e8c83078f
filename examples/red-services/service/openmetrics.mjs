// The OpenMetrics text format (https://openmetrics.io, version 1.0.0), just enough of it for
// server.mjs: the request counter and the classic histogram, whose buckets carry exemplars
// with the trace id of their latest request. Prometheus asks for this format by default and
// stores the exemplars when started with --enable-feature=exemplar-storage.

export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

const escape = (v) => String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `{a="1",b="2"}`, values escaped as both text formats want. */
export const labels = (o) =>
  `{${Object.entries(o)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;

const exemplar = (e) => (e ? ` # ${labels({ trace_id: e.traceId })} ${e.value} ${e.timestamp.toFixed(3)}` : '');

/**
 * The exposition of server.mjs's metrics. In OpenMetrics a counter family is named without
 * `_total` (its sample keeps it) and the text ends with `# EOF`.
 */
export function openMetricsExposition({ service, requests, durations, buckets, withExemplars }) {
  const out = [`# TYPE http_requests counter`, `# HELP http_requests Requests handled by ${service}, by status code, method and route.`];
  for (const [key, n] of requests) {
    const [code, method, route] = key.split('|');
    out.push(`http_requests_total${labels({ code, method, route })} ${n}`);
  }
  out.push('# TYPE http_request_duration_seconds histogram');
  out.push(`# HELP http_request_duration_seconds Time ${service} took to answer, by method and route.`);
  for (const [key, h] of durations) {
    const [method, route] = key.split('|');
    const ex = (i) => (withExemplars ? exemplar(h.exemplars[i]) : '');
    buckets.forEach((le, i) => out.push(`http_request_duration_seconds_bucket${labels({ method, route, le })} ${h.buckets[i]}${ex(i)}`));
    out.push(`http_request_duration_seconds_bucket${labels({ method, route, le: '+Inf' })} ${h.count}${ex(buckets.length)}`);
    out.push(`http_request_duration_seconds_sum${labels({ method, route })} ${h.sum}`);
    out.push(`http_request_duration_seconds_count${labels({ method, route })} ${h.count}`);
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}
