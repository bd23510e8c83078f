// The Prometheus protobuf exposition format (io.prometheus.client.MetricFamily, length-delimited),
// just enough of it for server.mjs: a counter and a native histogram. Prometheus 2.42 scrapes
// native histograms only in this format, and only with --enable-feature=native-histograms.
// Field numbers are those of prometheus/client_model io/prometheus/client/metrics.proto.

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

const COUNTER = 0;
const HISTOGRAM = 4;

function varint(n) {
  const out = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}
const zigzag = (n) => (n >= 0 ? 2 * n : -2 * n - 1);
const key = (field, wire) => varint(field * 8 + wire);
const uint = (field, n) => Buffer.concat([key(field, 0), varint(n)]);
const sint = (field, n) => uint(field, zigzag(n));
function double(field, x) {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return Buffer.concat([key(field, 1), b]);
}
const bytes = (field, buf) => Buffer.concat([key(field, 2), varint(buf.length), buf]);
const string = (field, s) => bytes(field, Buffer.from(s, 'utf8'));

const labelPairs = (labels) => Object.entries(labels).map(([name, value]) => bytes(1, Buffer.concat([string(1, name), string(2, value)])));

function family(name, help, type, metrics) {
  return Buffer.concat([string(1, name), string(2, help), uint(3, type), ...metrics.map((m) => bytes(4, m))]);
}

// An exemplar of a bucket: its trace id label, value and timestamp (google.protobuf.Timestamp).
function exemplar(e) {
  const seconds = Math.floor(e.timestamp);
  const nanos = Math.round((e.timestamp - seconds) * 1e9);
  return Buffer.concat([...labelPairs({ trace_id: e.traceId }), double(2, e.value), bytes(3, Buffer.concat([uint(1, seconds), uint(2, nanos)]))]);
}

// Classic buckets carrying only the exemplars: Prometheus reads a native histogram's exemplars
// from them (2.42 ignores their counts when the histogram is native).
function exemplarBuckets(h, bounds) {
  return [...bounds, Infinity]
    .map((le, i) => [le, h.exemplars[i], i < bounds.length ? h.buckets[i] : h.count])
    .filter(([, e]) => e !== undefined)
    .map(([le, e, count]) => bytes(3, Buffer.concat([uint(1, count), double(2, le), bytes(3, exemplar(e))])));
}

// One span over [min index, max index] and the deltas between neighbouring bucket counts.
function nativeHistogram(h, schema, bounds, withExemplars) {
  const indexes = [...h.native.keys()].sort((a, b) => a - b);
  const parts = [uint(1, h.count), double(2, h.sum), sint(5, schema), double(6, 2.938735877055719e-39), uint(7, 0)];
  if (indexes.length > 0) {
    const first = indexes[0];
    const length = indexes[indexes.length - 1] - first + 1;
    parts.push(bytes(12, Buffer.concat([sint(1, first), uint(2, length)])));
    let previous = 0;
    const deltas = [];
    for (let i = first; i < first + length; i++) {
      const count = h.native.get(i) ?? 0;
      deltas.push(varint(zigzag(count - previous)));
      previous = count;
    }
    parts.push(bytes(13, Buffer.concat(deltas))); // packed repeated sint64
  }
  if (withExemplars) parts.push(...exemplarBuckets(h, bounds));
  return Buffer.concat(parts);
}

/** The length-delimited MetricFamily messages of server.mjs's metrics. */
export function encodeNativeHistogramFamilies({ service, requests, durations, schema, buckets, withExemplars }) {
  const counterMetrics = [...requests].map(([k, n]) => {
    const [code, method, route] = k.split('|');
    return Buffer.concat([...labelPairs({ code, method, route }), bytes(3, double(1, n))]);
  });
  const histogramMetrics = [...durations].map(([k, h]) => {
    const [method, route] = k.split('|');
    return Buffer.concat([...labelPairs({ method, route }), bytes(7, nativeHistogram(h, schema, buckets, withExemplars))]);
  });
  const families = [
    family('http_requests_total', `Requests handled by ${service}, by status code, method and route.`, COUNTER, counterMetrics),
    family('http_request_duration_seconds', `Time ${service} took to answer, by method and route.`, HISTOGRAM, histogramMetrics),
  ].filter((f, i) => (i === 0 ? counterMetrics.length : histogramMetrics.length) > 0);
  return Buffer.concat(families.flatMap((f) => [varint(f.length), f]));
}
