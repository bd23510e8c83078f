// The four data sources of the big tent, wired to each other by value: exemplars in Prometheus
// and trace ids in Loki lines open traces in Tempo; Tempo and Zipkin spans open the logs of
// their service in Loki; Tempo draws its service map from Prometheus.
import { lokiDatasource, prometheusDatasource, secret, tempoDatasource, zipkinDatasource } from 'grafts';

export const tempo = tempoDatasource({
  uid: 'big-tent-tempo',
  name: 'Tempo',
  url: 'http://tempo:3200',
  nodeGraph: true,
  // tracesToLogsV2 and serviceMap reference data sources defined below; see `withLinks`.
});

export const loki = lokiDatasource({
  uid: 'big-tent-loki',
  name: 'Loki',
  url: 'http://loki:3100',
  basicAuth: { user: 'grafana', password: secret('BIG_TENT_LOKI_PASSWORD') },
  derivedFields: [{ name: 'trace_id', matcherRegex: '"trace_id":"(\\w+)"', datasource: tempo, urlDisplayLabel: 'Open trace' }],
});

export const prometheus = prometheusDatasource({
  uid: 'big-tent-prometheus',
  name: 'Prometheus',
  url: 'http://prometheus:9090',
  isDefault: true,
  exemplarTraceIdDestinations: [{ name: 'trace_id', datasource: tempo, urlDisplayLabel: 'Open trace' }],
});

// Tempo again, now that Loki and Prometheus exist: same uid, with its links to them.
export const tempoWithLinks = tempoDatasource({
  uid: tempo.uid,
  name: tempo.displayName,
  url: 'http://tempo:3200',
  nodeGraph: true,
  tracesToLogsV2: {
    datasource: loki,
    tags: [{ key: 'service.name', value: 'service' }],
    filterByTraceID: true,
    spanStartTimeShift: '-5m',
    spanEndTimeShift: '5m',
  },
  tracesToMetrics: {
    datasource: prometheus,
    tags: [{ key: 'service.name', value: 'service' }],
    queries: [{ name: 'Request rate', query: 'sum(rate(http_requests_total{$__tags}[5m]))' }],
  },
  serviceMap: { datasource: prometheus },
});

export const zipkin = zipkinDatasource({
  uid: 'big-tent-zipkin',
  name: 'Zipkin',
  url: 'http://zipkin:9411',
  nodeGraph: true,
  tracesToLogsV2: { datasource: loki, tags: [{ key: 'service.name', value: 'service' }], filterByTraceID: true },
});

/** What Grafana should have: every data source once, Tempo with its links. */
export const datasources = [prometheus, loki, tempoWithLinks, zipkin];
