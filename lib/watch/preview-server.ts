import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { renderPreviewPage, type PreviewDashboard, type PreviewPageModel } from './preview-page.js';
import { GraftsError } from '../errors/grafts-error.js';

/** The preview page cannot be served (port in use); the hint says what to do. */
export class PreviewServerError extends GraftsError {
  constructor(message: string, hint: string) {
    super(message, { hint });
  }

  /** @deprecated the hint, read {@link GraftsError.hint}. */
  get suggestion(): string | undefined {
    return this.hint;
  }
}

/** Options of {@link startPreviewServer}. */
export interface PreviewServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** How dashboards are shown (see {@link PreviewPageModel.mode}). */
  mode: 'grafana' | 'layout';
  /** `describe()` of the target, shown in the header. */
  target: string;
}

/** A running preview server. */
export interface PreviewServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /**
   * Replaces what the page shows and tells every open page to reload: only the embedded
   * dashboards in `changed` when the page embeds Grafana and nothing else changed, else the page.
   */
  update(dashboards: readonly PreviewDashboard[], problems: readonly string[], changed?: readonly string[]): void;
  /** Pages connected to `/events` right now. */
  readonly clients: number;
  close(): Promise<void>;
}

/**
 * Serves the watch preview on loopback only: `/` (every dashboard), `/d/<uid>` (one), `/events`
 * (server-sent events: `hello` with the current generation on connect, `reload` after every
 * update; a page reloads itself when the generation is newer than its own, so a page that was
 * disconnected during an apply catches up on reconnect) and `/api/dashboards` (JSON).
 *
 * @example
 * const preview = await startPreviewServer({ mode: 'layout', target: 'files' });
 * preview.update([{ uid: 'api', title: 'API', source: 'api.dash.ts', url: '…', json }], []);
 * console.log(preview.url); // → http://127.0.0.1:41234/
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  let model: PreviewPageModel = { mode: options.mode, dashboards: [], problems: [], generation: 0, target: options.target };
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://preview');
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    if (url.pathname === '/events') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(`retry: 500\nevent: hello\ndata: ${model.generation}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/api/dashboards') {
      const body = JSON.stringify({ generation: model.generation, problems: model.problems, dashboards: model.dashboards.map(({ json: _json, ...d }) => d) });
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(body);
      return;
    }
    let only: string | undefined;
    if (url.pathname.startsWith('/d/')) {
      only = decodeURIComponent(url.pathname.slice(3));
      if (!model.dashboards.some((d) => d.uid === only)) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end(`no dashboard with uid ${only}\n`);
        return;
      }
    } else if (url.pathname !== '/') {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : renderPreviewPage(model, only));
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new PreviewServerError(
              `preview: cannot listen on 127.0.0.1:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`,
              'pass another --port, or leave it out to get a free one',
            )
          : error,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    get clients() {
      return streams.size;
    },
    update(dashboards, problems, changed) {
      const before = model;
      model = {
        ...model,
        dashboards: [...dashboards].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)),
        problems: [...problems],
        generation: model.generation + 1,
      };
      const uids = (m: PreviewPageModel) =>
        m.dashboards
          .map((d) => d.uid)
          .sort()
          .join('\n');
      const full = model.mode === 'layout' || changed === undefined || uids(before) !== uids(model) || before.problems.join('\n') !== model.problems.join('\n');
      const titles = Object.fromEntries((changed ?? []).map((uid) => [uid, model.dashboards.find((d) => d.uid === uid)?.title ?? uid]));
      const data = JSON.stringify({ generation: model.generation, uids: changed ?? [], titles, full });
      for (const res of streams) res.write(`event: reload\ndata: ${data}\n\n`);
    },
    async close() {
      for (const res of streams) res.end();
      streams.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
