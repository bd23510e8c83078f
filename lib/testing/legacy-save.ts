import { savedReply, saveDashboard } from './dashboards.js';
import { messageError, str, type Reply, type RequestContext, type Route } from './http.js';
import { createDashboard, DASHBOARD_GROUP, FOLDER_ANNOTATION, parseObject, servedDashboardVersions, updateDashboard } from './k8s.js';
import { isPlainRecord } from './state.js';

const V2_BODY_MESSAGE =
  "dashboard appears to be in v2 format. Please use the /apis/dashboard.grafana.app/v2 API OR it should include a object wrapper with an explicit 'apiVersion' and move the body into a 'spec' element";

/** Whether a classic save body's `dashboard` is a Kubernetes-style wrapper rather than classic JSON. */
function isWrapper(dashboard: Record<string, unknown>): boolean {
  return 'apiVersion' in dashboard || ('spec' in dashboard && 'metadata' in dashboard);
}

/** Whether a `dashboard` is a bare v2 spec (has the v2 layout model, no wrapper). */
export function isBareV2Spec(dashboard: Record<string, unknown>): boolean {
  return 'elements' in dashboard || 'layout' in dashboard;
}

/**
 * `POST /api/dashboards/db` as Grafana 12–13 classify the body (grafana-v2.md §3.6): a bare v2
 * spec is 400; on 13.x a `{apiVersion, kind, metadata, spec}` wrapper is saved at its version
 * (with 400s for a root `id`, a missing `apiVersion`, another group or a missing `spec`);
 * classic JSON is saved as `v0alpha1` — also over a dashboard stored as v2, which then loses
 * its tabs, show/hide rules and auto grids (the emulator does exactly that, so tests can
 * prove a client never sends it).
 */
function legacySave(ctx: RequestContext): Reply {
  const body = isPlainRecord(ctx.body) ? ctx.body : undefined;
  const dashboard = body && isPlainRecord(body.dashboard) ? body.dashboard : undefined;
  if (!dashboard || ctx.instance.major < 12) return saveDashboard(ctx.state, ctx.body, ctx.identity);
  if (ctx.instance.major >= 13 && isWrapper(dashboard)) {
    if ('id' in dashboard) return messageError(400, 'The k8s style dashboard must not include an id on the root element');
    const apiVersion = str(dashboard.apiVersion);
    if (apiVersion === '') return messageError(400, 'Dashboard appears to be a k8s style resource, but is missing an explicit apiVersion.');
    const [group, version = ''] = apiVersion.split('/');
    if (group !== DASHBOARD_GROUP)
      return messageError(400, 'The dashboard payload references a non dashboard apiVersion.  This should be sent to the requested api directly');
    if (!isPlainRecord(dashboard.spec)) return messageError(400, 'The k8s style dashboard must include the dashboard contents in the spec property');
    if (!servedDashboardVersions(ctx.instance).includes(version)) return messageError(400, `dashboard api version not supported: ${apiVersion}`);
    const metadata = isPlainRecord(dashboard.metadata) ? dashboard.metadata : {};
    const annotations = {
      ...(isPlainRecord(metadata.annotations) ? metadata.annotations : {}),
    };
    if (str(body!.folderUid) !== '') annotations[FOLDER_ANNOTATION] = str(body!.folderUid);
    const parsed = parseObject('dashboards', { ...dashboard, metadata: { ...metadata, annotations } }, undefined);
    if ('status' in parsed) return parsed;
    const existing = ctx.state.dashboards.get(parsed.name);
    const reply = existing ? updateDashboard(ctx, existing, parsed, version) : createDashboard(ctx, parsed, version);
    if (reply.status >= 300) return reply;
    const saved = ctx.state.dashboards.get(parsed.name)!;
    return savedReply(saved);
  }
  if (isBareV2Spec(dashboard)) return messageError(400, V2_BODY_MESSAGE);
  return saveDashboard(ctx.state, ctx.body, ctx.identity);
}

export const legacySaveRoutes: readonly Route[] = [{ method: 'POST', pattern: '/api/dashboards/db', handler: legacySave }];
