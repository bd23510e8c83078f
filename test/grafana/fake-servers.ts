/**
 * Small local servers for the failure paths the Grafana emulator does not produce: a server
 * that never answers (timeouts), one that resets every connection, one that records paths
 * (sub-path installs), and an HTTPS server with a self-signed certificate (TLS errors).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FakeServer {
  url: string;
  /** Method, path and query of every request, and the headers that matter to the tests. */
  requests: { method: string; url: string; authorization: string | undefined; orgId: string | undefined }[];
  stop(): Promise<void>;
}

async function listen(server: Server, protocol: 'http' | 'https'): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server answering with `handler`, recording each request. */
export async function startFakeServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      orgId: req.headers['x-grafana-org-id'] as string | undefined,
    });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  const { url, stop } = await listen(server, 'http');
  return { url, requests, stop };
}

/** Answers JSON with a status. */
export function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A server that accepts requests and never answers. */
export function startHangingServer(): Promise<FakeServer> {
  return startFakeServer(() => undefined);
}

/** A server that destroys every connection as soon as the request has arrived ("socket hang up"). */
export function startResettingServer(): Promise<FakeServer> {
  return startFakeServer((req) => req.socket.destroy());
}

/** A self-signed certificate for 127.0.0.1 (PEM files in a temp dir). */
export function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'grafts-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

/** An HTTPS server with a self-signed certificate, answering `/api/health`. */
export async function startTlsServer(cert: { certFile: string; keyFile: string }): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createHttpsServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, orgId: undefined });
    reply(res, 200, { database: 'ok', version: '11.6.0' });
  });
  const { url, stop } = await listen(server as unknown as Server, 'https');
  return { url, requests, stop };
}

/**
 * A proxy in front of `target` that forwards every request but, when `drop` says so, destroys
 * the connection instead of passing the answer on: the write landed, the client never heard.
 */
export async function startLossyProxy(target: string, drop: (method: string, url: string) => boolean): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: undefined, orgId: undefined });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${target}${req.url ?? ''}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) }).then(async (answer) => {
        const text = await answer.text();
        if (drop(req.method ?? '', req.url ?? '')) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      });
    });
  });
  const { url, stop } = await listen(server, 'http');
  return { url, requests, stop };
}
