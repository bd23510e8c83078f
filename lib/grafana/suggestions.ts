/** The hint of an answer that is not what Grafana answers there (an HTML page, invalid JSON, the wrong shape). */
export const NOT_GRAFANA_SUGGESTION =
  'check that the URL points at Grafana itself (not a login page, proxy or another service) and that the token can read this API';

/** What {@link suggestForStatus} looks at. */
export interface StatusContext {
  status: number;
  /** Request path relative to the base URL. */
  path: string;
  method: string;
  resource?: 'dashboard' | 'folder' | undefined;
  grafanaMessage?: string | undefined;
  messageId?: string | undefined;
  /** Where the credentials came from (`GRAFANA_TOKEN`, …). */
  credentialSource: string;
  auth: 'token' | 'basic' | 'none';
  orgId?: number | undefined;
  /** Path a 3xx answer redirects to. */
  location?: string | undefined;
}

/**
 * The hint shown with an error status: what to check or do.
 *
 * @example
 * suggestForStatus({ status: 412, path: '/api/dashboards/db', method: 'POST', credentialSource: 'GRAFANA_TOKEN', auth: 'token' })
 * // → 'the dashboard was changed by someone else since it was read: run dash diff, then apply with --force to overwrite'
 */
export function suggestForStatus(ctx: StatusContext): string | undefined {
  const { status } = ctx;
  const resource = ctx.resource ?? (ctx.path.includes('folder') ? 'folder' : ctx.path.includes('dashboard') ? 'dashboard' : undefined);
  const message = (ctx.grafanaMessage ?? '').toLowerCase();
  if (status >= 300 && status < 400) {
    return `Grafana redirected${ctx.location ? ` to ${ctx.location}` : ''}: check the URL (a sub-path install needs its path, e.g. https://host/grafana)`;
  }
  switch (status) {
    case 401:
      if (ctx.messageId === 'api-key.organization-mismatch' || message.includes('organization')) {
        return `the token belongs to another organization than ${ctx.orgId !== undefined ? `org ${ctx.orgId}` : 'the one requested'}: check GRAFANA_ORG_ID / orgId (a service account token is bound to one organization)`;
      }
      if (ctx.auth === 'none') return 'no credentials were sent: set GRAFANA_TOKEN (a service account token, glsa_…) or GRAFANA_USER and GRAFANA_PASSWORD';
      if (ctx.auth === 'basic')
        return `check ${ctx.credentialSource}: the user or password was refused (Grafana Cloud usually refuses basic auth for the API: use a service account token)`;
      return `check ${ctx.credentialSource}: the token is invalid, expired or revoked; service account tokens start with glsa_`;
    case 403:
      return `the token's role lacks permission for ${ctx.method} ${ctx.path}: give the service account the Editor role (or folder permissions on the target folders)`;
    case 404:
      if (ctx.path.startsWith('/apis')) return "this Grafana does not serve the Kubernetes-style API (Grafana 12 or later): use apiMode 'classic'";
      if (resource === 'folder' || message.includes('folder not found')) {
        return 'the folder does not exist: declare it with folder() so that grafts creates it before its dashboards, or check its uid';
      }
      if (resource === 'dashboard') return 'the dashboard does not exist (deleted since it was listed?)';
      return 'check the URL: it must point at Grafana itself (a sub-path install needs its path, e.g. https://host/grafana)';
    case 406:
      return "this dashboard is stored in the v2 schema, which the classic API cannot read: use apiMode 'k8s'";
    case 409:
    case 412:
      if (message.includes('same name') || message.includes('name-exists')) {
        return `another ${resource ?? 'resource'} with the same title already exists in that folder: rename one of them`;
      }
      if (message.includes('same uid') || (ctx.method === 'POST' && resource === 'folder')) {
        return `a ${resource ?? 'resource'} with this uid already exists: pick another uid, or delete the existing one`;
      }
      return `the ${resource ?? 'resource'} was changed by someone else since it was read: run dash diff, then apply with --force to overwrite`;
    case 400:
      if (message.includes('folder not found')) return 'the folder does not exist: declare it with folder() so that grafts creates it first';
      if (message.includes('provisioned')) return 'this dashboard is provisioned from files on the Grafana server and cannot be changed through the API';
      return undefined;
    case 413:
      return 'the request is larger than Grafana accepts: split the dashboard';
    case 422:
      return 'Grafana rejected the content as invalid';
    case 429:
      return 'Grafana is rate limiting: try again later, or apply with lower concurrency';
    case 500:
      return 'Grafana failed on its side: check its server log';
    case 502:
    case 503:
    case 504:
      return 'Grafana or a proxy in front of it is unavailable (a paused Grafana Cloud stack answers 503 while it wakes up): try again in a minute';
    default:
      return undefined;
  }
}

/** The hint shown when no answer came back. */
export function suggestForNetworkError(kind: 'network' | 'timeout' | 'tls', code: string | undefined, timeoutMs: number): string {
  if (kind === 'timeout') return `Grafana did not answer within ${timeoutMs} ms: check the URL and network, or raise timeoutMs`;
  if (kind === 'tls') {
    if (code === 'EPROTO' || code?.startsWith('ERR_SSL_')) return "check the URL's scheme (http: or https:)";
    return "the server's TLS certificate is not trusted: set caFile to the CA that signed it (insecureSkipVerify: true only for a test instance)";
  }
  if (code === 'ECONNREFUSED') return 'nothing listens there: check GRAFANA_URL (host and port) and that Grafana is running';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'check the host name in GRAFANA_URL';
  return 'check GRAFANA_URL and the network (proxy, firewall)';
}
