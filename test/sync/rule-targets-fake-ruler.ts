/**
 * A tiny in-process Mimir/Loki ruler config API for the rule target tests (until the shared
 * ruler emulator lands in lib/testing): tenants by `X-Scope-OrgID` or the basic auth user,
 * YAML in and out, scripted faults, and a log of every request's method, path and headers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';

export interface FakeRulerRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeFault {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface FakeRuler {
  readonly url: string;
  /** tenant → namespace → groups */
  readonly tenants: Map<string, Map<string, RuleGroupJson[]>>;
  readonly requests: FakeRulerRequest[];
  /** Answers given (in order) instead of handling the next requests. */
  readonly faults: FakeFault[];
  /** When set, requests without this `Authorization` header get 401. */
  requiredAuthorization: string | undefined;
  close(): Promise<void>;
}

export async function startFakeRuler(flavour: 'mimir' | 'loki' | 'cortex' = 'mimir'): Promise<FakeRuler> {
  const prefix = { mimir: '/prometheus/config/v1/rules', loki: '/loki/api/v1/rules', cortex: '/api/v1/rules' }[flavour];
  const tenants = new Map<string, Map<string, RuleGroupJson[]>>();
  const requests: FakeRulerRequest[] = [];
  const faults: FakeFault[] = [];
  const state = { requiredAuthorization: undefined as string | undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body });
      const send = (status: number, text: string, type = 'text/plain', headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': type, ...headers });
        res.end(text);
      };
      const fault = faults.shift();
      if (fault) return send(fault.status, fault.body ?? '', 'text/plain', fault.headers);
      if (state.requiredAuthorization !== undefined && req.headers.authorization !== state.requiredAuthorization) {
        return send(401, 'invalid authentication credentials\n');
      }
      let tenant = req.headers['x-scope-orgid'] as string | undefined;
      const auth = req.headers.authorization;
      if (!tenant && auth?.startsWith('Basic ')) tenant = Buffer.from(auth.slice(6), 'base64').toString().split(':')[0];
      if (!tenant) return send(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'no valid org id found' }), 'application/json');
      if (!url.pathname.startsWith(prefix)) return send(404, '404 page not found\n');
      const parts = url.pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
      const namespaces = tenants.get(tenant) ?? new Map<string, RuleGroupJson[]>();
      tenants.set(tenant, namespaces);
      const ok = () => send(202, JSON.stringify({ status: 'success', data: null, errorType: '', error: '' }), 'application/json');
      if (req.method === 'GET' && parts.length === 0) {
        if (namespaces.size === 0 && flavour === 'loki') return send(404, 'no rule groups found\n');
        return send(200, namespaces.size === 0 ? '{}\n' : stringify(Object.fromEntries(namespaces)), 'application/yaml');
      }
      if (req.method === 'POST' && parts.length === 1) {
        let group: RuleGroupJson;
        try {
          group = parse(body) as RuleGroupJson;
        } catch {
          return send(400, 'unable to decode rule group\n');
        }
        if (!group || typeof group.name !== 'string' || group.name === '') return send(400, 'invalid rule group name: \n');
        const bad = (group.rules ?? []).find((r) => /\(\s*$|^\s*$/.test(r.expr));
        if (bad) return send(400, `could not parse expression: unexpected end of input in ${JSON.stringify(bad.expr)}\n`);
        const groups = namespaces.get(parts[0]!) ?? [];
        const i = groups.findIndex((g) => g.name === group.name);
        if (i >= 0) groups[i] = group;
        else groups.push(group);
        namespaces.set(parts[0]!, groups);
        return ok();
      }
      if (req.method === 'DELETE' && parts.length === 2) {
        const groups = namespaces.get(parts[0]!) ?? [];
        const i = groups.findIndex((g) => g.name === parts[1]);
        if (i < 0) return send(404, 'group does not exist\n');
        groups.splice(i, 1);
        if (groups.length === 0) namespaces.delete(parts[0]!);
        return ok();
      }
      return send(405, 'method not allowed\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    tenants,
    requests,
    faults,
    get requiredAuthorization() {
      return state.requiredAuthorization;
    },
    set requiredAuthorization(value) {
      state.requiredAuthorization = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
