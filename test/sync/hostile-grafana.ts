/**
 * A loopback server that answers like a Grafana 11 (classic API) or 12 (`/apis`) until a mode
 * makes it hostile: HTML everywhere, an HTML search labelled JSON, `{}` listings, pages ignored, a looping continue token,
 * the Authorization header echoed back, a redirect loop, 409/412 on create, a uid that exists
 * but is not listed. It records every request (never headers) so tests can count writes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_OWNER_SCOPE, ownerTag } from '../../lib/sync/ownership.js';
import { listenOnLoopback } from '../../lib/testing/loopback-server.js';

export type HostileMode =
  | 'grafana'
  | 'html'
  | 'search-html-labelled-json'
  | 'empty-object-listings'
  | 'pages-ignored'
  | 'continue-loop'
  | 'auth-echo'
  | 'redirect-loop'
  | 'conflict-409-on-create'
  | 'conflict-412-on-create'
  | 'unlisted-uid'
  | 'folder-exists-on-create'
  | 'control-characters'
  | 'reads-fail';

export interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Parsed JSON body of a write. */
  readonly body?: unknown;
}

export interface HostileGrafana {
  readonly url: string;
  readonly requests: HostileRequest[];
  /** Dashboards stored by uid (the unlisted one, and whatever was saved). */
  readonly dashboards: Map<string, Record<string, unknown>>;
  /** Non-GET requests the server accepted (2xx): writes that happened. */
  acceptedWrites(): HostileRequest[];
  close(): Promise<void>;
}

const HTML = '<!doctype html><html><head><title>Sign in</title></head><body>Welcome</body></html>';

export async function startHostileGrafana(mode: HostileMode, options: { k8s?: boolean } = {}): Promise<HostileGrafana> {
  const requests: HostileRequest[] = [];
  const dashboards = new Map<string, Record<string, unknown>>();
  if (mode === 'unlisted-uid') dashboards.set('api', { uid: 'api', title: 'Made by hand', version: 3, panels: [] });
  if (mode === 'reads-fail') for (const uid of ['api', 'db']) dashboards.set(uid, { uid, title: uid, version: 1, panels: [] });
  const k8s = options.k8s === true || mode === 'continue-loop';
  const version = k8s ? '12.1.0' : '11.3.0';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    let text = '';
    for await (const chunk of req) text += String(chunk);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const send = (status: number, payload: unknown, type = 'application/json') => {
      requests.push({ method, path: url.pathname + url.search, status, ...(body !== undefined && { body }) });
      res.writeHead(status, { 'Content-Type': type });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const auth = req.headers['authorization'] ?? '';
    const path = url.pathname;

    if (mode === 'html') return send(200, HTML, 'text/html; charset=utf-8');
    if (mode === 'redirect-loop') {
      requests.push({ method, path, status: 302 });
      res.writeHead(302, { Location: path });
      res.end();
      return;
    }
    if (path === '/api/health') return send(200, { database: 'ok', version, commit: 'abc123' });
    if (path === '/api/frontend/settings') return send(200, { buildInfo: { version }, namespace: 'default' });
    if (path === '/apis') {
      if (!k8s) return send(404, { message: 'Not found' });
      const group = (name: string) => ({ name, versions: [{ groupVersion: `${name}/v1beta1`, version: 'v1beta1' }] });
      return send(200, { kind: 'APIGroupList', groups: [group('dashboard.grafana.app'), group('folder.grafana.app')] });
    }
    if (mode === 'auth-echo') {
      // A proxy that reflects the request: headers in an HTML page, and in an error message.
      if (path === '/api/search') return send(500, { message: `upstream refused request with Authorization: ${auth}` });
      return send(200, `<html><body><pre>Authorization: ${auth}</pre></body></html>`, 'text/html');
    }
    if (path === '/api/search') {
      if (mode === 'search-html-labelled-json') return send(200, HTML, 'application/json');
      if (mode === 'empty-object-listings') return send(200, {});
      if (mode === 'pages-ignored') {
        const limit = Number(url.searchParams.get('limit') ?? '1000');
        return send(
          200,
          Array.from({ length: limit }, (_, i) => ({ uid: `d${i}`, title: `D ${i}`, type: 'dash-db', tags: [] })),
        );
      }
      if (mode === 'control-characters') {
        // Marked as this (nameless) project's own, so prune lists it for deletion with its title.
        return send(200, [
          {
            uid: 'old',
            title: 'Evil\u001b[2J\u001b[31mtitle\nfake line\u202e',
            type: 'dash-db',
            tags: ['grafts-managed', ownerTag(DEFAULT_OWNER_SCOPE, 'old')],
          },
        ]);
      }
      return send(
        200,
        [...dashboards.values()]
          .filter((d) => mode !== 'unlisted-uid' || d['uid'] !== 'api')
          .map((d) => ({ uid: d['uid'], title: d['title'], type: 'dash-db', tags: [] })),
      );
    }
    if (path === '/api/folders' && method === 'GET') return send(200, mode === 'empty-object-listings' ? {} : []);
    if (path === '/api/folders' && method === 'POST') {
      if (mode === 'folder-exists-on-create') return send(409, { message: 'a folder/dashboard with the same uid already exists' });
      const b = body as { uid: string; title: string };
      return send(200, { uid: b.uid, title: b.title, version: 1 });
    }
    if (path.startsWith('/api/folders/')) return send(404, { message: 'folder not found' });
    if (path.startsWith('/api/dashboards/uid/') && method === 'GET') {
      if (mode === 'reads-fail') return send(503, { message: 'database is locked' });
      const uid = decodeURIComponent(path.slice('/api/dashboards/uid/'.length));
      const d = dashboards.get(uid);
      return d ? send(200, { dashboard: d, meta: { version: d['version'], folderUid: '' } }) : send(404, { message: 'Dashboard not found' });
    }
    if (path === '/api/dashboards/db' && method === 'POST') {
      if (mode === 'conflict-409-on-create') return send(409, { message: 'Dashboard already exists. Use overwrite flag to update.' });
      if (mode === 'control-characters') return send(400, { message: 'bad dashboard\u001b[2J\u001b]0;pwned\u0007\rok' });
      if (mode === 'conflict-412-on-create') return send(412, { status: 'version-mismatch', message: 'The dashboard has been changed by someone else' });
      const b = body as { dashboard: Record<string, unknown>; overwrite?: boolean };
      const uid = String(b.dashboard['uid']);
      const existing = dashboards.get(uid);
      if (existing && b.overwrite !== true && b.dashboard['version'] !== existing['version']) {
        return send(412, { status: 'version-mismatch', message: 'The dashboard has been changed by someone else' });
      }
      const saved = { ...b.dashboard, version: existing ? Number(existing['version']) + 1 : 1 };
      dashboards.set(uid, saved);
      return send(200, { status: 'success', uid, id: 1, version: saved.version });
    }
    if (path.startsWith('/apis/folder.grafana.app/v1beta1/namespaces/default/folders') && method === 'GET') {
      // continue-loop: every page hands back the same token.
      if (mode === 'continue-loop')
        return send(200, { kind: 'FolderList', metadata: { continue: 'page-2' }, items: [{ metadata: { name: 'f1' }, spec: { title: 'F1' } }] });
      return send(200, { kind: 'FolderList', metadata: {}, items: [] });
    }
    const k8sDashboard = /^\/apis\/dashboard\.grafana\.app\/v1beta1\/namespaces\/default\/dashboards\/([^/]+)$/.exec(path);
    if (k8sDashboard && method === 'GET') {
      const d = dashboards.get(decodeURIComponent(k8sDashboard[1]!));
      return d
        ? send(200, {
            apiVersion: 'dashboard.grafana.app/v1beta1',
            kind: 'Dashboard',
            metadata: { name: d['uid'], generation: 3, resourceVersion: '77' },
            spec: d,
          })
        : send(404, { kind: 'Status', reason: 'NotFound', message: 'not found' });
    }
    return send(404, { message: 'Not found' });
  };

  const server = await listenOnLoopback(handle, (res) => res.writeHead(500).end());
  return {
    url: server.url,
    requests,
    dashboards,
    acceptedWrites: () => requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.status >= 200 && r.status < 300),
    close: () => server.close(),
  };
}
