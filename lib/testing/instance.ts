import { json, type Reply, type RequestContext, type Route } from './http.js';

/** `GET /api/health`: no auth, pretty-printed, `application/json; charset=UTF-8` (§7). */
function health(ctx: RequestContext): Reply {
  const body = { database: 'ok', version: ctx.instance.version, commit: ctx.instance.commit };
  return { status: 200, raw: JSON.stringify(body, null, 2), contentType: 'application/json; charset=UTF-8' };
}

function frontendSettings(ctx: RequestContext): Reply {
  const { version, commit, major } = ctx.instance;
  return json(200, {
    appUrl: `${ctx.instance.url()}/`,
    appSubUrl: '',
    buildInfo: {
      hideVersion: false,
      version,
      versionString: `Grafana v${version} (${commit.slice(0, 10)})`,
      commit,
      commitShort: commit.slice(0, 10),
      buildstamp: 1719000000,
      edition: 'Open Source',
      latestVersion: '',
      hasUpdate: false,
      env: 'production',
    },
    featureToggles: { nestedFolders: true, ...(major >= 12 ? { kubernetesDashboards: true } : {}) },
    ...(major >= 12 ? { namespace: ctx.state.namespace } : {}),
  });
}

function user(ctx: RequestContext): Reply {
  const who = ctx.identity;
  return json(200, {
    id: who.id,
    uid: who.uid,
    email: who.email,
    name: who.name,
    login: who.login,
    theme: '',
    orgId: ctx.state.orgId,
    isGrafanaAdmin: who.isGrafanaAdmin,
    isDisabled: false,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: [],
    updatedAt: '2024-01-01T00:00:00Z',
    createdAt: '2024-01-01T00:00:00Z',
    avatarUrl: '/avatar/46d229b033af06a191ff2267bca9ae56',
    isProvisioned: false,
  });
}

function org(ctx: RequestContext): Reply {
  return json(200, {
    id: ctx.state.orgId,
    name: ctx.state.orgId === 1 ? 'Main Org.' : `Org ${ctx.state.orgId}`,
    address: { address1: '', address2: '', city: '', zipCode: '', state: '', country: '' },
  });
}

export const instanceRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/api/health', handler: health, anonymous: true },
  { method: 'HEAD', pattern: '/api/health', handler: health, anonymous: true },
  { method: 'GET', pattern: '/api/frontend/settings', handler: frontendSettings },
  { method: 'GET', pattern: '/api/user', handler: user },
  { method: 'GET', pattern: '/api/org', handler: org },
];
