// Three services, each with a correlated RED row: exemplars on the latency panel open the
// trace, the service's logs sit below with their trace ids linked, and (Tempo) a table lists
// the slow and failed traces. `search` reports its traces to Zipkin instead of Tempo, and its
// latency as a native histogram (as examples/red-services/service does with --histogram native).
//
// Panels use data source variables (house style: the dashboard works on any Grafana); each
// lists only the data source defined as code in datasources.ts (`.regex(definition)` matches
// its name exactly) and selects it by default.
import { datasourceVariable, red } from 'grafts';
import { loki, tempo, zipkin } from './datasources.js';

const logs = datasourceVariable('logs', 'loki').label('Logs').regex(loki).defaultValue(loki.displayName);
const traces = datasourceVariable('traces', 'tempo').label('Traces').regex(tempo).defaultValue(tempo.displayName);
const zipkinTraces = datasourceVariable('zipkin', 'zipkin').label('Zipkin').regex(zipkin).defaultValue(zipkin.displayName);

export default red
  .dashboard('Big tent', ['checkout', 'cart', { service: 'search', histogram: 'native', traces: { datasource: zipkinTraces, kind: 'zipkin' } }], {
    description: 'Rate, errors and duration of the shop services, with their traces and logs one click away.',
    traces: { datasource: traces, kind: 'tempo', slowerThan: '250ms' },
    logs: { datasource: logs },
  })
  .variable(logs, traces, zipkinTraces)
  .uid('big-tent')
  .tags('shop', 'red', 'traces')
  .time('now-1h');
