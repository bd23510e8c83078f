// Grafana's ruler proxy for data-source-managed rules (grafana-api.md §9.4):
// `/api/ruler/{datasourceUid}/api/v1/rules[/{namespace}[/{group}]]`, answered as the data
// source's ruler would (YAML listings, 202 on writes), with the Grafana token. POST bodies are
// JSON: the server already refused any other body with `400 bad request data`.
import { messageError, type Reply, type RequestContext, type Route } from './http.js';
import { RulerState, serveRules, type RulerFlavor, type RulerReply } from './ruler-rules-api.js';
import type { StoredDatasource } from './state.js';

/** Each data source's rules, dropped with the data source (and so by `reset()`). */
const rulesOf = new WeakMap<StoredDatasource, RulerState>();
/** The single tenant behind a data source (Grafana sends the data source's own credentials). */
const TENANT = 'datasource';

/** Data source types with a ruler; Grafana wants `?subtype=mimir` (or `cortex`) for Prometheus. */
function flavorOf(type: string): RulerFlavor | undefined {
  return type === 'prometheus' ? 'mimir' : type === 'loki' ? 'loki' : undefined;
}

function toReply(reply: RulerReply): Reply {
  return { status: reply.status, raw: reply.body, contentType: reply.contentType, ...(reply.headers && { headers: reply.headers }) };
}

function proxy(rest: (params: Readonly<Record<string, string>>) => string) {
  return (ctx: RequestContext): Reply => {
    const datasource = ctx.state.datasources.get(ctx.params['uid'] ?? '');
    if (!datasource) return messageError(404, 'data source not found');
    const flavor = flavorOf(datasource.type);
    if (!flavor) return messageError(400, `unexpected datasource type '${datasource.type}': expecting loki or prometheus`);
    let state = rulesOf.get(datasource);
    if (!state) rulesOf.set(datasource, (state = new RulerState()));
    return toReply(serveRules(state, TENANT, flavor, ctx.method, rest(ctx.params), () => ctx.body));
  };
}

const BASE = '/api/ruler/:uid/api/v1/rules';
const all = proxy(() => '');
const namespace = proxy((p) => `/${encodeURIComponent(p['namespace'] ?? '')}`);
const group = proxy((p) => `/${encodeURIComponent(p['namespace'] ?? '')}/${encodeURIComponent(p['group'] ?? '')}`);

/** The ruler proxy routes of the Grafana emulator. */
export const rulerProxyRoutes: readonly Route[] = [
  { method: 'GET', pattern: BASE, handler: all },
  { method: 'GET', pattern: `${BASE}/:namespace`, handler: namespace },
  { method: 'GET', pattern: `${BASE}/:namespace/:group`, handler: group },
  { method: 'POST', pattern: `${BASE}/:namespace`, handler: namespace },
  { method: 'DELETE', pattern: `${BASE}/:namespace`, handler: namespace },
  { method: 'DELETE', pattern: `${BASE}/:namespace/:group`, handler: group },
];
