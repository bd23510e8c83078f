import { grafanaError, messageError, type Reply } from './http.js';
import type { EmulatorIdentity } from './state.js';

export interface AuthConfig {
  /** The service-account token accepted as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Basic-auth credentials accepted as `Authorization: Basic …`. */
  readonly basicAuth: { readonly user: string; readonly password: string };
  readonly orgId: number;
  /** The identity the token authenticates as. */
  readonly serviceAccount: EmulatorIdentity;
}

/** A service account named `grafts` (login `sa-<org>-grafts`), as Grafana names them. */
export function serviceAccountIdentity(orgId: number): EmulatorIdentity {
  return {
    kind: 'service-account',
    id: 2,
    uid: 'sa-grafts-emulator',
    login: `sa-${orgId}-grafts`,
    name: 'grafts',
    email: `sa-${orgId}-grafts`,
    isGrafanaAdmin: false,
  };
}

function basicUser(user: string): EmulatorIdentity {
  return {
    kind: 'user',
    id: 1,
    uid: `${user}-uid`,
    login: user,
    name: user,
    email: `${user}@localhost`,
    isGrafanaAdmin: true,
  };
}

/**
 * Resolves the request's credentials (§1.3): none → `401 {"message":"Unauthorized"}`; an unknown
 * bearer token → errutil `api-key.invalid`; a token used with another org's `X-Grafana-Org-Id`
 * → `api-key.organization-mismatch`; wrong basic credentials → `password-auth.failed`.
 */
export function authenticate(authorization: string | undefined, orgHeader: string | undefined, config: AuthConfig): EmulatorIdentity | Reply {
  if (!authorization || authorization.trim() === '') return messageError(401, 'Unauthorized');
  const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (scheme.toLowerCase() === 'bearer') {
    if (credential !== config.token) return grafanaError(401, 'api-key.invalid', 'Invalid API key');
    if (orgHeader !== undefined && orgHeader !== '' && Number(orgHeader) !== config.orgId) {
      return grafanaError(401, 'api-key.organization-mismatch', 'API key does not belong to the requested organization');
    }
    return config.serviceAccount;
  }
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (user === config.basicAuth.user && password === config.basicAuth.password) return basicUser(user);
    return grafanaError(401, 'password-auth.failed', 'Invalid username or password');
  }
  return messageError(401, 'Unauthorized');
}

export function isReply(value: EmulatorIdentity | Reply): value is Reply {
  return 'status' in value;
}
